// The search page (/zoeken/): start Pagefind's UI in #zoeken. A file of its own: the CSP allows no inline script.
window.addEventListener("DOMContentLoaded", function () {
  if (typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({ element: "#zoeken", showSubResults: true, showImages: false, resetStyles: false });
  // The header's search field (and the 404 page's) opens /zoeken/?q=...: search for it at once.
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) ui.triggerSearch(q);
});
