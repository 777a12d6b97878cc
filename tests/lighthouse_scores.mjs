// Lighthouse (mobile, its defaults) over the given URLs in one Chromium: prints, as JSON, each URL's category
// scores and the audits that kept a category below 1. Usage: node lighthouse_scores.mjs CHROME_PATH URL...
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const [chromePath, ...urls] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync"],
});
const categories = ["performance", "accessibility", "best-practices", "seo"];
const results = {};
try {
  for (const url of urls) {
    const run = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: categories });
    const lhr = run.lhr;
    const scores = {};
    const failing = [];
    for (const id of categories) {
      scores[id] = lhr.categories[id].score;
      for (const ref of lhr.categories[id].auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          failing.push(`${id}/${ref.id} ${audit.score} ${audit.displayValue ?? ""}`.trim());
        }
      }
    }
    results[url] = { scores, failing, error: lhr.runtimeError?.message ?? null };
  }
} finally {
  await chrome.kill();
}
console.log(JSON.stringify(results, null, 1));
