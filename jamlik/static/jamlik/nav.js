// The "More" menu of the program navigation is a <details> that works without JavaScript;
// this only closes it on a click elsewhere or on Escape, as a menu is expected to.
(function () {
  "use strict";
  function openMenus() {
    return document.querySelectorAll("details.nav-more[open]");
  }
  document.addEventListener("click", function (event) {
    openMenus().forEach(function (menu) {
      if (!menu.contains(event.target)) menu.open = false;
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    openMenus().forEach(function (menu) {
      menu.open = false;
      menu.querySelector("summary").focus();
    });
  });
})();
