// While the proposer types the title or the problem, show existing proposals that look alike
// (the same hints appear on the review step without JavaScript).
(function () {
  "use strict";
  var form = document.getElementById("propuesta-form");
  var region = document.getElementById("similares");
  if (!form || !region || !window.fetch) { return; }
  var title = form.querySelector("[name=title]");
  var problem = form.querySelector("[name=problem]");
  var timer = null;
  var lastQuery = "";
  var controller = null;

  function lookUp() {
    var query = new URLSearchParams({
      plan: form.dataset.plan || "",
      titulo: (title && title.value || "").slice(0, 200),
      problema: (problem && problem.value || "").slice(0, 1000)
    });
    var key = query.toString();
    if (key === lastQuery) { return; }
    lastQuery = key;
    if ((title.value + problem.value).trim().length < 8) { region.innerHTML = ""; return; }
    if (controller) { controller.abort(); }
    controller = new AbortController();
    fetch(form.dataset.similarUrl + "?" + key, {
      headers: { "Accept": "text/html" }, credentials: "same-origin", signal: controller.signal
    }).then(function (response) {
      return response.ok ? response.text() : "";
    }).then(function (html) {
      region.innerHTML = html;
    }).catch(function () { /* hints are a help, never a blocker */ });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(lookUp, 500);
  }
  [title, problem].forEach(function (field) {
    if (field) { field.addEventListener("input", schedule); }
  });
})();
