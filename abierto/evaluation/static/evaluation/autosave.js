// Autosave of the scoring form: a progressive enhancement. Without JavaScript the
// "Guardar borrador" button does the same. Posts the form to the same URL as a draft.
(function () {
  "use strict";
  var form = document.getElementById("calificacion");
  var status = document.getElementById("autoguardado");
  if (!form || !status || form.dataset.autosave !== "1" || !window.fetch) return;
  var timer = null;
  var token = form.querySelector("input[name=csrfmiddlewaretoken]");

  function save() {
    var data = new FormData(form);
    data.set("accion", "borrador");
    fetch(form.action || window.location.href, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "", "X-Requested-With": "fetch" }
    })
      .then(function (response) { return response.json(); })
      .then(function (body) { status.textContent = body.message || ""; })
      .catch(function () { status.textContent = ""; });
  }

  function schedule() {
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(save, 1500);
  }

  form.addEventListener("change", schedule);
  form.addEventListener("input", schedule);
  form.addEventListener("submit", function () { if (timer) window.clearTimeout(timer); });
})();
