/* storycheck story view (the HTML report and the web app's story page): filter the
   discrepancies; click one to light up its passages in every article. */
(function () {
  "use strict";
  var cards = Array.prototype.slice.call(document.querySelectorAll(".discrepancy"));
  var kind = document.getElementById("filter-kind");
  var severity = document.getElementById("filter-severity");
  var none = document.getElementById("no-match");
  var pane = document.getElementById("articles");

  function filter() {
    var shown = 0;
    cards.forEach(function (card) {
      var keep = (!kind.value || card.dataset.kind === kind.value) &&
        (!severity.value || card.dataset.severity === severity.value);
      card.hidden = !keep;
      if (keep) { shown += 1; }
    });
    if (none) { none.hidden = shown > 0; }
  }

  function clear() {
    cards.forEach(function (card) { card.classList.remove("selected"); card.setAttribute("aria-pressed", "false"); });
    document.querySelectorAll("mark.active").forEach(function (mark) { mark.classList.remove("active"); });
  }

  function select(card) {
    var wasOn = card.classList.contains("selected");
    clear();
    if (wasOn) { return; }
    card.classList.add("selected");
    card.setAttribute("aria-pressed", "true");
    var ref = window.CSS && CSS.escape ? CSS.escape(card.dataset.ref) : card.dataset.ref;
    var marks = document.querySelectorAll('mark[data-ref~="' + ref + '"]');
    marks.forEach(function (mark) { mark.classList.add("active"); });
    if (marks.length && pane && getComputedStyle(pane).position === "sticky") {
      marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
    }
  }

  if (kind && severity) {
    kind.addEventListener("change", filter);
    severity.addEventListener("change", filter);
  }
  cards.forEach(function (card) {
    card.addEventListener("click", function (event) {
      if (event.target.closest("a")) { return; }
      select(card);
    });
    card.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); select(card); }
    });
  });
  document.querySelectorAll(".articles mark.disputed").forEach(function (mark) {
    mark.addEventListener("click", function () {
      var ref = (mark.dataset.ref || "").split(" ").filter(function (r) { return document.getElementById(r); })[0];
      var card = ref && document.getElementById(ref);
      if (card && card.classList.contains("discrepancy")) {
        card.hidden = false;
        card.scrollIntoView({ block: "center", behavior: "smooth" });
        select(card);
      }
    });
  });
}());
