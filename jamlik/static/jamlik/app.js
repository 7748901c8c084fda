// Behaviour shared by all pages. The Content Security Policy forbids inline scripts,
// handlers and style attributes, so templates mark elements with data-* attributes instead.
(function () {
  "use strict";

  // Bars (budget caps, dot tallies) get their width from data-width, in percent.
  function sizeBars(root) {
    root.querySelectorAll("[data-width]").forEach(function (bar) {
      bar.style.width = Math.max(0, Math.min(100, parseFloat(bar.dataset.width) || 0)) + "%";
    });
  }

  document.addEventListener("DOMContentLoaded", function () { sizeBars(document); });
  document.addEventListener("htmx:load", function (event) { sizeBars(event.detail.elt); });

  // A select that filters the list submits its form at once.
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-submit-on-change]")) event.target.form.requestSubmit();
  });

  // A read-only address to copy is selected whole.
  document.addEventListener("focusin", function (event) {
    if (event.target.matches("[data-select-on-focus]")) event.target.select();
  });

  // A search form that htmx answers as one types; pressing Enter reloads nothing.
  document.addEventListener("submit", function (event) {
    if (event.target.matches("[data-htmx-only]")) event.preventDefault();
  });

  // A chart image that fails to load hides its figure (error events do not bubble).
  document.addEventListener("error", function (event) {
    var img = event.target;
    if (img.matches && img.matches("img[data-hide-figure-on-error]")) {
      img.closest("figure").hidden = true;
    }
  }, true);
})();
