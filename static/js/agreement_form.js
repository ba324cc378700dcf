/* The agreement editor: rows marked for removal are dimmed until the form is saved; partner search
   boxes filter their select live (htmx) and are shown as filters even where the full list is there;
   a partner picked for a party is offered in every other partner select of the page. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches("[data-row-delete]")) {
      var row = target.closest("[data-row]");
      if (row) row.classList.toggle("opacity-50", target.checked);
    }
    if (target.matches("[data-party-partner]") && target.value) {
      var picked = target.options[target.selectedIndex];
      document.querySelectorAll("select[data-partner-select]").forEach(function (select) {
        if (select !== target && !select.querySelector('option[value="' + picked.value + '"]')) {
          select.add(new Option(picked.text, picked.value));
        }
      });
    }
  });
  // Enter in a search box searches (htmx) instead of submitting the whole form.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches("[data-partner-search] input")) {
      event.preventDefault();
      event.target.dispatchEvent(new Event("search"));
    }
  });
  function reveal(root) {
    root.querySelectorAll("[data-partner-search][hidden]").forEach(function (box) {
      box.hidden = false;
    });
  }
  document.addEventListener("htmx:load", function (event) { reveal(event.target); });
  document.addEventListener("DOMContentLoaded", function () { reveal(document); });
})();
