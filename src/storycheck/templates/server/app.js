/* storycheck web app: what only the app needs; the story view's filters and highlights are
   the static report's own script (/static/report.js). */
(function () {
  "use strict";
  var form = document.querySelector("form.submit");
  if (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; button.textContent = "Checking…"; }
    });
  }
}());
