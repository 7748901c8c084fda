(function () {
  document.documentElement.classList.add("js");
  var form = document.querySelector(".ballot-form"), total = parseInt(form.dataset.dots, 10);
  var inputs = form.querySelectorAll("input[type=number]"), left = document.getElementById("dots-left");
  function update() {
    var used = 0;
    inputs.forEach(function (input) { used += Math.max(0, parseInt(input.value, 10) || 0); });
    left.value = total - used;
    left.closest(".ballot-left").classList.toggle("over", used > total);
    form.querySelectorAll("[data-step='1']").forEach(function (b) { b.disabled = used >= total; });
  }
  form.addEventListener("click", function (event) {
    var button = event.target.closest("[data-step]");
    if (!button) return;
    var input = button.parentNode.querySelector("input");
    input.value = Math.max(0, (parseInt(input.value, 10) || 0) + parseInt(button.dataset.step, 10));
    update();
  });
  form.addEventListener("input", update);
  update();
})();
