// The region finder (home page and /regio/): type a town or a school, land on its region. The list of places
// (/regio/plaatsen.json) is fetched when the field is first used, so no page carries it. Without JavaScript the
// form opens /regio/, which lists every place with its region.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form[data-finder]").forEach(function (form) {
    var input = form.querySelector("input[name=q]");
    var list = document.getElementById(input.getAttribute("list"));
    var result = form.querySelector(".finder-result");
    var places = null;

    function load() {
      if (places) return Promise.resolve(places);
      return fetch(form.getAttribute("data-finder"))
        .then(function (response) { return response.json(); })
        .then(function (rows) {
          places = rows;
          rows.forEach(function (row) {
            var option = document.createElement("option");
            option.value = row.naam;
            option.label = row.naam + " – regio " + row.regio;
            list.appendChild(option);
          });
          return rows;
        });
    }

    function show(name, hits) {
      result.textContent = name + " hoort bij: ";
      hits.forEach(function (hit, n) {
        var link = document.createElement("a");
        link.href = hit.url;
        link.textContent = hit.regio;
        if (n) result.appendChild(document.createTextNode(", "));
        result.appendChild(link);
      });
    }

    input.addEventListener("focus", load, { once: true });
    form.addEventListener("submit", function (event) {
      var typed = input.value.trim();
      if (!typed) return;
      event.preventDefault();
      load().then(function (rows) {
        var q = typed.toLowerCase();
        var hits = rows.filter(function (row) { return row.naam.toLowerCase() === q; });
        var regions = hits.filter(function (hit, n) {
          return hits.findIndex(function (other) { return other.url === hit.url; }) === n;
        });
        if (regions.length === 1) window.location.href = regions[0].url;
        else if (regions.length > 1) show(typed, regions);
        else window.location.href = "/zoeken/?q=" + encodeURIComponent(typed);
      });
    });
  });
});
