// Netlify build plugin: keep stogen's virtualenv, its build cache and the last output between deploys
// (netlify.toml, docs/performance.md "Deploys").
//
// They are moved, not copied: into Netlify's build cache after the deploy (onSuccess runs once the site is
// deployed), and back before the next build. netlify-plugin-cache copies them both ways with @netlify/cache-utils'
// default: at 78 regions x 200 items that is 60,000 files and 540 MB, 11.8 s to save and 16.6 s to restore here,
// against 0.7 and 0.5 s moved (@netlify/cache-utils 6.0.5); and its copy refuses symbolic links, which every
// virtualenv has (bin/python), so it could not keep .stogen-venv/ at all.
//
// Where the build cache is on another file system than the checkout, a folder cannot be moved: it is copied
// instead, which works for the cache and the output but not for the virtualenv (its symbolic links), so that one
// is installed again by deploy/netlify-build.sh. A folder that can be neither moved nor copied costs speed, never
// the deploy: stogen then builds whole.
"use strict";

const DEFAULT_PATHS = [".stogen-venv", ".stogen-cache", "public"];

function pathsOf(inputs) {
  return Array.isArray(inputs && inputs.paths) && inputs.paths.length ? inputs.paths : DEFAULT_PATHS;
}

// Moved, or copied where moving fails (utils.cache's own copy, from before the failed move, which left both
// sides as they were).
async function moveOrCopy(action, path) {
  try {
    return await action(path, { move: true });
  } catch (error) {
    console.log(`stogen: could not move ${path} (${error.message}); copying it instead`);
    return await action(path);
  }
}

async function restore({ utils, inputs }) {
  for (const path of pathsOf(inputs)) {
    try {
      const found = await moveOrCopy(utils.cache.restore, path);
      console.log(found ? `stogen: restored ${path} from the build cache` : `stogen: no ${path} in the build cache`);
    } catch (error) {
      console.log(`stogen: could not restore ${path} (${error.message}); building without it`);
    }
  }
}

// After a deploy, and after a failed build too: a build that fails leaves the output as it was, and the cache
// holds only what its content hashes name, so both are still worth keeping.
async function keep({ utils, inputs }) {
  for (const path of pathsOf(inputs)) {
    try {
      const kept = await moveOrCopy(utils.cache.save, path);
      console.log(kept ? `stogen: kept ${path} in the build cache` : `stogen: no ${path} to keep`);
    } catch (error) {
      console.log(`stogen: could not keep ${path} (${error.message}); the next deploy builds it again`);
      await utils.cache.remove(path).catch(() => {}); // no half-copied folder for the next deploy to restore
    }
  }
}

module.exports = { onPreBuild: restore, onSuccess: keep, onError: keep };
