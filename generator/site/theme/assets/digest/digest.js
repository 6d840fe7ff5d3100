/* Bilingual view control: both / English / Chinese, remembered in localStorage. */
(function () {
  "use strict";
  var KEY = "digest.bilingual.view";
  var VIEWS = ["both", "en", "zh"];

  function show(root, view) {
    root.setAttribute("data-view", view);
    root.querySelectorAll(".digest-view button").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.view === view));
    });
  }

  function remembered() {
    try {
      var view = window.localStorage.getItem(KEY);
      return VIEWS.indexOf(view) >= 0 ? view : "both";
    } catch (e) {
      return "both"; /* storage blocked: fall back to showing both */
    }
  }

  function remember(view) {
    try {
      window.localStorage.setItem(KEY, view);
    } catch (e) {
      /* storage blocked: the choice lasts for this page only */
    }
  }

  function init() {
    var root = document.querySelector(".digest-bilingual");
    if (!root) return;
    show(root, remembered());
    root.querySelectorAll(".digest-view button").forEach(function (button) {
      button.addEventListener("click", function () {
        show(root, button.dataset.view);
        remember(button.dataset.view);
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
