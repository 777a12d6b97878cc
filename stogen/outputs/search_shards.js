// The search page's Pagefind (published as /zoeken/pagefind.js, Pagefind UI's bundlePath): Pagefind's own API
// over the index's shards, answering a query as one index over every page would (stogen/outputs/search.py).
//
// Each shard is an index of its own, and Pagefind matches a query's words against the words of the index it
// searches. Two of its rules then answer differently per shard. A word the index does not hold at all is left out
// (so that a word no page has does not empty the results): a shard without "lyceum" answered "lyceum 17-1" with
// every page of its own that has "17-1". And a word that begins no indexed word matches the longest indexed word
// that begins it: a shard without "techniekhuis" answered "techniekhuis 42" with its pages about "techniek" and 42.
// At 78 x 200 (32 shards), "voorbeeld 17" found 312 pages where one index finds 2, "testscholen 33-2" 443 for 1.
// So every shard is merged with a filter that names it; each word of a query is first looked up on its own, in
// every shard at once (the filter's counts say which shards match it, and how); and the query is then searched
// only in the shards that match every word as one index would. The filter is hidden from what this module
// returns, so Pagefind UI never shows it. tests/test_search.py compares the answers with one index's.
import * as pagefind from "/pagefind/pagefind.js";

const SHARD = "stogen-shard";
const NOWHERE = "-"; // the name of no shard: a query that no shard can answer whole finds nothing
const NO_SHARD = { filters: { [SHARD]: { any: [NOWHERE] } } };
const SUFFIX = "qxqxqxqx"; // a tail no indexed word has (Pagefind's Dutch stemmer leaves it as it is)
const PROBE = 25; // the most pages of a shard whose matched words are compared (see shardsHolding)
let shards = ["0"];
let paths = [];
let merging = [];
let named = false;
let latest = 0;

// The search page's script starts loading the index when the page loads, and Pagefind UI sets it up again when the
// visitor first types: the second time, the primary shard is not named again and no shard is merged twice.
export async function options(opts) {
  const first = !named;
  named = true;
  return pagefind.options(first ? { ...opts, mergeFilter: { [SHARD]: "0" } } : opts);
}

// Pagefind UI merges the shards one after another, waiting for each; here each starts loading at once, and what
// searches waits for all of them.
export async function mergeIndex(path, opts) {
  if (paths.includes(path)) return;
  paths.push(path);
  const name = String(shards.length);
  shards.push(name);
  merging.push(pagefind.mergeIndex(path, { ...(opts || {}), mergeFilter: { [SHARD]: name } }));
}

async function merged() {
  await Promise.all(merging);
}

export async function search(term, opts) {
  opts = opts || {};
  await merged();
  const able = await shardsAnsweringWhole(term);
  if (able === null) return hidden(await pagefind.search(term, opts));
  const only = { [SHARD]: { any: able.length ? able : [NOWHERE] } };
  const chosen = opts.filters || {};
  const found = await pagefind.search(term, { ...opts, filters: { ...chosen, ...only } });
  // The counts before the visitor's filters, as one index gives them (Pagefind UI's modular components show them).
  const all = Object.keys(chosen).length ? await pagefind.search(term, { ...opts, filters: only }) : found;
  return hidden({ ...found, totalFilters: all.filters, unfilteredResultCount: all.results.length });
}

// The shards that can answer the query as one index would, or null when every shard can (or there is nothing to
// choose: one shard, or a quoted phrase, which a shard without one of its words cannot match anyway). Pagefind's
// words are those between spaces (it drops punctuation within them); a word no shard holds is left out.
async function shardsAnsweringWhole(term) {
  const words = typeof term === "string" && !/^\s*".+"\s*$/.test(term) ? term.trim().split(/\s+/) : [];
  if (shards.length < 2 || !words.length) return null;
  const held = (await Promise.all(words.map(shardsHolding))).filter((able) => able.length);
  const able = shards.filter((name) => held.every((holding) => holding.includes(name)));
  return able.length < shards.length ? able : null;
}

// The shards in which Pagefind matches `word` as one index over every page would. Pagefind matches a word to the
// indexed words it begins ("robot": robot, robots), and where it begins none, to the longest indexed word that
// begins it ("techniekhuis": techniek). One index does the latter only when no page at all has a word that `word`
// begins; a shard does it whenever none of its own pages has. So where some shard matches longer words, a shard
// matching a shorter word answers nothing.
//
// Which a shard matches, its counts tell: the word with a tail no indexed word has (SUFFIX) can only match a shorter
// word, so a shard finding as many pages for the word as for the word with the tail matches a shorter word, unless
// it holds the word itself (Pagefind's exact search finds it). Each count comes per shard from one search in no
// shard (the filter's counts before filters, without results). Where the counts are equal by chance (the pages
// with the longer word are those with a shorter one), the pages themselves tell: for a shorter word, the word and
// the word with the tail match the same words of each page. That is looked at where it is cheap (PROBE).
async function shardsHolding(word) {
  const count = (query) =>
    pagefind.search(query, NO_SHARD).then((found) => (found && found.totalFilters && found.totalFilters[SHARD]) || {});
  const [begun, exact, tailed] = await Promise.all([count(word), count(`"${word}"`), count(word + SUFFIX)]);
  const matched = shards.filter((name) => begun[name] > 0);
  const longer = new Set(matched.filter((name) => exact[name] > 0 || tailed[name] !== begun[name]));
  if (!longer.size) return matched; // no page has a longer word: every shard matches as one index does
  const unsure = matched.filter((name) => !longer.has(name) && begun[name] <= PROBE);
  const probed = await Promise.all(unsure.map((name) => matchesLonger(word, name)));
  unsure.forEach((name, n) => probed[n] && longer.add(name));
  return matched.filter((name) => longer.has(name));
}

// Whether the pages of a shard match the word to other words of theirs than the word with the tail.
async function matchesLonger(word, shard) {
  const only = { filters: { [SHARD]: { any: [shard] } } };
  const [begun, tailed] = await Promise.all([pagefind.search(word, only), pagefind.search(word + SUFFIX, only)]);
  const where = (found) => JSON.stringify(found.results.map((r) => [r.id, r.words]).sort());
  return where(begun) !== where(tailed);
}

export async function debouncedSearch(term, opts, timeout) {
  const mine = ++latest;
  await new Promise((resolve) => setTimeout(resolve, timeout === undefined ? 300 : timeout));
  return mine === latest ? search(term, opts) : null;
}

export async function preload(term, opts) {
  await merged();
  return pagefind.preload(term, opts);
}

export async function filters() {
  await merged();
  return withoutShard(await pagefind.filters());
}

export async function init() {
  return pagefind.init();
}

export async function destroy() {
  shards = ["0"];
  paths = [];
  merging = [];
  named = false;
  return pagefind.destroy();
}

function hidden(found) {
  if (!found) return found;
  return { ...found, filters: withoutShard(found.filters), totalFilters: withoutShard(found.totalFilters) };
}

function withoutShard(counts) {
  if (!counts || !(SHARD in counts)) return counts;
  const rest = { ...counts };
  delete rest[SHARD];
  return rest;
}
