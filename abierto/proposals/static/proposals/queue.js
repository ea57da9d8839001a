// Review queue: a "mark all" box in the table head that ticks every row of the page.
// Without JavaScript the form's own "Aplicar a las N propuestas de esta página" box does
// the same on the server; this keeps both boxes in step with the rows.
(function () {
  "use strict";
  var head = document.getElementById("sel-todas-cabecera");
  var page = document.getElementById("sel-todas");
  if (!head || !page) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll('input[name="ids"]'));
  head.hidden = false;
  function setAll(checked) {
    rows.forEach(function (box) { box.checked = checked; });
    head.checked = checked;
    page.checked = checked;
  }
  function sync() {
    var all = rows.length > 0 && rows.every(function (box) { return box.checked; });
    head.checked = all;
    page.checked = all;
  }
  head.addEventListener("change", function () { setAll(head.checked); });
  page.addEventListener("change", function () { setAll(page.checked); });
  rows.forEach(function (box) { box.addEventListener("change", sync); });
})();
