(function () {
  "use strict";

  // Tables sort by the column whose head is clicked (again: the other way); numbers by value.
  function sortBy(table, head) {
    var heads = table.tHead.rows[0].cells;
    var column = Array.prototype.indexOf.call(heads, head);
    var ascending = head.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(heads, function (other) { other.removeAttribute("aria-sort"); });
    head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var numeric = head.getAttribute("data-type") === "number";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    function key(row) {
      var cell = row.cells[column];
      var raw = cell ? (cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent) : "";
      if (!numeric) { return raw.trim(); }
      var value = parseFloat(raw);
      return isNaN(value) ? null : value;
    }
    rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      if (x === y) { return 0; }
      if (x === null || x === "") { return 1; }  // empty cells last, either way
      if (y === null || y === "") { return -1; }
      var order = numeric ? x - y : x.localeCompare(y, "zh-Hans-CN");
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (head) {
      head.tabIndex = 0;
      head.addEventListener("click", function () { sortBy(table, head); });
      head.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(table, head); }
      });
    });
  });

  // A figure's record on hover (or focus); built with textContent, never as markup.
  var tip = document.getElementById("tip");
  var FIELDS = [["value", "value"], ["low–high", "range"], ["approx", "approx"], ["unit", "unit"], ["kind", "kind"],
    ["date", "iso"], ["subject", "subject"], ["quoted", "quoted"], ["report", "report"], ["point", "point"],
    ["section", "section"], ["line", "line"], ["page", "page"], ["span", "span"]];

  function show(mark) {
    if (!tip) { return; }
    tip.replaceChildren();
    var head = document.createElement("div");
    head.className = "tip-text";
    head.textContent = "#" + mark.getAttribute("data-figure") + "  " + mark.textContent;
    var list = document.createElement("dl");
    FIELDS.forEach(function (field) {
      var value = mark.getAttribute("data-" + field[1]);
      if (value === null || value === "") { return; }
      var term = document.createElement("dt");
      var description = document.createElement("dd");
      term.textContent = field[0];
      description.textContent = value;
      list.appendChild(term);
      list.appendChild(description);
    });
    tip.appendChild(head);
    tip.appendChild(list);
    tip.hidden = false;
    var box = mark.getBoundingClientRect();
    var left = Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(window.scrollX + 4, left) + "px";
    var below = box.bottom + tip.offsetHeight + 6 <= document.documentElement.clientHeight || box.top < tip.offsetHeight + 6;
    tip.style.top = (below ? box.bottom + window.scrollY + 6 : box.top + window.scrollY - tip.offsetHeight - 6) + "px";
  }

  function hide() { if (tip) { tip.hidden = true; } }

  function figureOf(target) {
    return target && target.closest ? target.closest("mark.figure") : null;
  }

  function rowsOf(number) {
    return document.querySelectorAll('tr[data-figure="' + number + '"]');
  }

  function light(number, on) {
    var mark = document.getElementById("fig-" + number);
    if (mark) { mark.classList.toggle("lit", on); }
    Array.prototype.forEach.call(rowsOf(number), function (row) { row.classList.toggle("lit", on); });
  }

  function flash(element) {
    element.classList.remove("flash");
    void element.offsetWidth;  // restart the animation
    element.classList.add("flash");
  }

  document.addEventListener("mouseover", function (event) {
    var mark = figureOf(event.target);
    if (mark) { show(mark); light(mark.getAttribute("data-figure"), true); return; }
    var row = event.target.closest ? event.target.closest("tr[data-figure]") : null;
    if (row) { light(row.getAttribute("data-figure"), true); }
  });
  document.addEventListener("mouseout", function (event) {
    var mark = figureOf(event.target);
    if (mark) { hide(); light(mark.getAttribute("data-figure"), false); return; }
    var row = event.target.closest ? event.target.closest("tr[data-figure]") : null;
    if (row) { light(row.getAttribute("data-figure"), false); }
  });
  document.addEventListener("focusin", function (event) { var mark = figureOf(event.target); if (mark) { show(mark); } });
  document.addEventListener("focusout", function (event) { if (figureOf(event.target)) { hide(); } });

  // A figure clicked in the text shows its row; a row clicked shows its figure in the text.
  document.addEventListener("click", function (event) {
    var mark = figureOf(event.target);
    if (mark) {
      var row = rowsOf(mark.getAttribute("data-figure"))[0];
      if (row) { row.scrollIntoView({ block: "nearest" }); flash(row); }
      return;
    }
    var link = event.target.closest ? event.target.closest("a[href^='#fig-']") : null;
    if (link) {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (target) { event.preventDefault(); target.scrollIntoView({ block: "center" }); flash(target); }
    }
  });

  document.documentElement.setAttribute("data-ready", "1");
})();
