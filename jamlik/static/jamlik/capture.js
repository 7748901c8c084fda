(function () {
  var form = document.getElementById("capture-form");
  var fields = form.elements, draftKey = "jamlik-draft:" + form.dataset.draftKey;
  var state = "";
  function show(next) {
    state = next;
    form.querySelectorAll("[data-state]").forEach(function (el) { el.hidden = el.dataset.state !== next; });
  }
  // A copy of the typed text survives a reload or a lost connection.
  function keep() {
    try {
      if (fields.text.value || fields.text_sv.value) {
        localStorage.setItem(draftKey, JSON.stringify({text: fields.text.value, text_sv: fields.text_sv.value, client_id: fields.client_id.value}));
      } else { localStorage.removeItem(draftKey); }
    } catch (e) { /* private mode: the text is still in the form */ }
  }
  try {
    var draft = JSON.parse(localStorage.getItem(draftKey) || "null");
    if (draft && !fields.text.value) {
      fields.text.value = draft.text || ""; fields.text_sv.value = draft.text_sv || "";
      if (draft.client_id) fields.client_id.value = draft.client_id;
    }
  } catch (e) {}
  form.addEventListener("input", function () {
    keep();
    document.getElementById("capture-errors").replaceChildren();  // the answer was to the text sent
  });
  form.addEventListener("htmx:beforeRequest", function () { form.dataset.sent = fields.text.value; show("sending"); });
  ["htmx:sendError", "htmx:timeout", "htmx:responseError"].forEach(function (name) {
    form.addEventListener(name, function () { show("failed"); });
  });
  form.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful && state === "sending") show("");  // answered with errors
  });
  form.addEventListener("statement-saved", function (event) {
    if (fields.client_id.value !== event.detail.sent) return;
    fields.client_id.value = event.detail.next;
    if (fields.text.value === form.dataset.sent) {
      fields.text.value = ""; fields.text_sv.value = "";
      form.querySelectorAll("input[name=determinants]:checked").forEach(function (el) { el.checked = false; });
      var sortLater = form.querySelector("input[name=theme][value='']");
      if (sortLater) sortLater.checked = true;
    }
    keep(); show("saved"); fields.text.focus();
  });
  fields.text.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); form.requestSubmit(); }
  });
})();
