/* Rows marked for removal in the agreement editor are dimmed until the form is saved. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    if (!event.target.matches("[data-row-delete]")) return;
    var row = event.target.closest("[data-row]");
    if (row) row.classList.toggle("opacity-50", event.target.checked);
  });
})();
