/* storycheck report: filter discrepancies; click one to light up its passages in the articles. */
(function () {
  "use strict";
  var cards = Array.prototype.slice.call(document.querySelectorAll(".discrepancy"));
  var kind = document.getElementById("filter-kind");
  var severity = document.getElementById("filter-severity");
  var pane = document.getElementById("articles");

  function filter() {
    cards.forEach(function (card) {
      var keep = (!kind.value || card.dataset.kind === kind.value) &&
        (!severity.value || card.dataset.severity === severity.value);
      card.hidden = !keep;
    });
  }

  function clear() {
    document.querySelectorAll(".discrepancy.selected").forEach(function (card) { card.classList.remove("selected"); });
    document.querySelectorAll("mark.active").forEach(function (mark) { mark.classList.remove("active"); });
  }

  function select(card) {
    var wasOn = card.classList.contains("selected");
    clear();
    if (wasOn) { return; }
    card.classList.add("selected");
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
      var first = (mark.dataset.ref || "").split(" ").filter(function (r) { return r.charAt(0) === "d"; })[0];
      var card = first && document.getElementById(first);
      if (card) { card.hidden = false; card.scrollIntoView({ block: "center", behavior: "smooth" }); select(card); }
    });
  });
}());
