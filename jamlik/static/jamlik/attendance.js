document.documentElement.classList.add("js");
// Headcount steppers: change the number, then let htmx save it (the form listens to "input").
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-step]");
  if (!button) return;
  var input = button.form.elements.count;
  input.value = Math.max(0, (parseInt(input.value, 10) || 0) + parseInt(button.dataset.step, 10));
  input.dispatchEvent(new Event("input", {bubbles: true}));
});
