// benchsite: a filter box over each long table. Every page is complete without it (each row is in
// the HTML); it only hides the rows that do not hold the words typed. It loads nothing.
(function () {
  "use strict";
  var minimumRows = 12;
  var minimumColumns = 3;
  var tables = document.querySelectorAll("main table");
  for (var i = 0; i < tables.length; i++) {
    addFilter(tables[i]);
  }

  function addFilter(table) {
    var body = table.tBodies[0];
    // Long tables of rows to tell apart only: not a run's properties or configuration (two
    // columns: key and value), not the numbers behind a chart.
    if (!body || body.rows.length < minimumRows || body.rows[0].cells.length < minimumColumns ||
        table.closest(".chart-data")) {
      return;
    }
    var rows = Array.prototype.slice.call(body.rows);
    // Each row's text as shown, in lower case, without its sparkline's title.
    var texts = rows.map(function (row) {
      var text = "";
      for (var c = 0; c < row.cells.length; c++) {
        if (!row.cells[c].querySelector("svg")) {
          text += " " + row.cells[c].textContent;
        }
      }
      return text.toLowerCase();
    });
    var box = document.createElement("div");
    box.className = "table-filter";
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "search";
    input.autocomplete = "off";
    input.spellcheck = false;
    label.append("Filter rows ", input);
    var count = document.createElement("span");
    count.className = "filter-count";
    count.setAttribute("aria-live", "polite");
    count.textContent = rows.length + " rows";
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, r) {
        var match = words.every(function (word) {
          return texts[r].indexOf(word) !== -1;
        });
        row.hidden = !match;
        if (match) {
          shown++;
        }
      });
      count.textContent = words.length ? shown + " of " + rows.length + " rows" : rows.length + " rows";
    });
    box.append(label, " ", count);
    table.parentNode.insertBefore(box, table);
  }
})();
