// The dossier's only script: sort and filter the article lists, open the section a link points at.
"use strict";
(function () {
  function openTo(id) {
    var el = id && document.getElementById(id);
    if (!el) return;
    for (var p = el; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") p.open = true;
    }
    el.scrollIntoView({ block: "center" });
  }
  function fromHash() {
    openTo(decodeURIComponent(location.hash.slice(1)));
  }
  window.addEventListener("hashchange", fromHash);
  document.addEventListener("click", function (event) {
    var a = event.target.closest && event.target.closest("a[href^='#']");
    if (a) openTo(decodeURIComponent(a.getAttribute("href").slice(1)));
  });

  function cellValue(row, n) {
    var cell = row.cells[n];
    return cell ? (cell.getAttribute("data-sort") || cell.textContent).trim().toLowerCase() : "";
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var body = table.tBodies[0];
    table.querySelectorAll("thead th").forEach(function (th, n) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      button.setAttribute("aria-label", "sort by " + th.textContent);
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var up = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach(function (x) { x.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, n), y = cellValue(b, n);
          return (x < y ? -1 : x > y ? 1 : 0) * (up ? 1 : -1);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  document.querySelectorAll("form.filter").forEach(function (form) {
    var table = document.getElementById(form.getAttribute("data-table"));
    if (!table) return;
    function apply() {
      var fields = form.querySelectorAll("[data-col]");
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var ok = true;
        fields.forEach(function (f) {
          var want = f.value.trim().toLowerCase();
          if (want && cellValue(row, Number(f.getAttribute("data-col"))).indexOf(want) < 0) ok = false;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      var count = form.querySelector(".count");
      if (count) count.textContent = shown + " shown";
    }
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
  });
  fromHash();
})();
