// The search page (/zoeken/): start Pagefind's UI in #zoeken. A file of its own: the CSP allows no inline script.
window.addEventListener("DOMContentLoaded", function () {
  if (typeof PagefindUI === "undefined") return;
  new PagefindUI({ element: "#zoeken", showSubResults: true, showImages: false, resetStyles: false });
});
