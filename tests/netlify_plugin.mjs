// Run one event of the deploy's Netlify plugin (deploy/netlify-plugin-stogen) as Netlify would: its utils.cache is
// @netlify/cache-utils bound to a folder standing for the site's base directory and one for Netlify's build cache.
//   node tests/netlify_plugin.mjs onSuccess|onPreBuild|onError BASE_DIR CACHE_DIR '{"paths": [...]}'
import { createRequire } from "node:module";
import { bindOpts } from "@netlify/cache-utils";

const [event, cwd, cacheDir, inputs] = process.argv.slice(2);
const plugin = createRequire(import.meta.url)("../deploy/netlify-plugin-stogen/index.js");
await plugin[event]({ utils: { cache: bindOpts({ cwd, cacheDir }) }, inputs: JSON.parse(inputs || "{}") });
