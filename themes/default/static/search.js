// The search page (/zoeken/): start Pagefind's UI in #zoeken. A file of its own: the CSP allows no inline script.
// The index comes in shards (docs/performance.md): /pagefind/ and those listed in data-merge, searched as one
// through stogen's module in data-bundle (/zoeken/pagefind.js, stogen/outputs/search_shards.js).
// Its labels are the theme's (data-translations, from strings.nl.yml); when a search finds nothing, the page's
// own help (#zoeken-leeg: spelling, the region finder, the agenda) is shown under Pagefind's message.
window.addEventListener("DOMContentLoaded", function () {
  if (typeof PagefindUI === "undefined") return;
  var element = document.getElementById("zoeken");
  var merge = (element.getAttribute("data-merge") || "").split(" ").filter(Boolean);
  var translations = JSON.parse(element.getAttribute("data-translations") || "{}");
  var options = {
    element: "#zoeken",
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    translations: translations,
    processResult: inOrder(element.getAttribute("data-meta-order")),
    mergeIndex: merge.map(function (path) { return { bundlePath: path }; }),
  };
  var bundle = element.getAttribute("data-bundle");
  if (bundle) {
    options.bundlePath = bundle;
    // Load the index now, while the visitor reads or types, not at the first letter (Pagefind UI's moment); the
    // module sets it up once, whoever asks first.
    import(bundle + "pagefind.js").then(function (pagefind) {
      pagefind.options({});
      merge.forEach(function (path) { pagefind.mergeIndex(path, {}); });
    });
  }
  var ui = new PagefindUI(options);
  watchForNoResults(element, document.getElementById("zoeken-leeg"), translations);
  // The header's search field (and the 404 page's) opens /zoeken/?q=...: search for it at once.
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) ui.triggerSearch(q);
});

// Pagefind lists a result's metadata by name; the page wants kind, date, region (data-meta-order).
function inOrder(order) {
  var keys = (order || "").split(" ").filter(Boolean);
  return function (result) {
    var meta = {};
    keys.forEach(function (key) { if (key in result.meta) meta[key] = result.meta[key]; });
    Object.keys(result.meta).forEach(function (key) { if (!(key in meta)) meta[key] = result.meta[key]; });
    result.meta = meta;
    return result;
  };
}

function watchForNoResults(element, help, translations) {
  if (!help) return;
  // Pagefind says "no results" in its message (zero_results or search_suggestion): both start the same way.
  var prefix = (translations.zero_results || "").split("[SEARCH_TERM]")[0].trim();
  function update() {
    var message = element.querySelector(".pagefind-ui__message");
    var text = message ? message.textContent.trim() : "";
    var none = prefix !== "" && text.indexOf(prefix) === 0 && !element.querySelector(".pagefind-ui__result");
    if (help.hidden === none) help.hidden = !none;
  }
  new MutationObserver(update).observe(element, { childList: true, subtree: true, characterData: true });
}
