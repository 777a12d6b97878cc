// The search page (/zoeken/): start Pagefind's UI in #zoeken. A file of its own: the CSP allows no inline script.
// The index comes in shards (docs/performance.md): /pagefind/ and those listed in data-merge, searched as one.
window.addEventListener("DOMContentLoaded", function () {
  if (typeof PagefindUI === "undefined") return;
  var element = document.getElementById("zoeken");
  var merge = (element.getAttribute("data-merge") || "").split(" ").filter(Boolean);
  var ui = new PagefindUI({
    element: "#zoeken",
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    mergeIndex: merge.map(function (path) { return { bundlePath: path }; }),
  });
  // The header's search field (and the 404 page's) opens /zoeken/?q=...: search for it at once.
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) ui.triggerSearch(q);
});
