/* Live totals of percent splits in the agreement editor: the shares of one risk or benefit must
   reach exactly 100 %. The server checks the same rule; this only tells the user while typing. */
(function () {
  "use strict";

  // "Jumlah: 90 % — harus 100 %": the words come translated from the form's data attributes.
  function words() {
    var form = document.getElementById("agreement-form");
    return {
      label: (form && form.dataset.totalLabel) || "Jumlah",
      must: (form && form.dataset.totalMust) || "harus 100",
    };
  }

  function isDeleted(element) {
    var row = element.closest("[data-row]");
    if (!row) return false;
    // The row's own box, not one of a nested share row.
    return Array.prototype.some.call(row.querySelectorAll("[data-row-delete]"), function (box) {
      return box.closest("[data-row]") === row && box.checked;
    });
  }

  function byAmount(split) {
    var id = split.dataset.splitMethod;
    var select = id && document.getElementById(id);
    return Boolean(select && select.value === "amount");
  }

  function update(split) {
    var output = split.querySelector("[data-split-total]");
    if (!output) return;
    var parentRow = split.closest("[data-row]");
    if (byAmount(split) || (parentRow && isDeleted(split))) {
      output.textContent = "";
      return;
    }
    var cents = 0;
    var any = false;
    split.querySelectorAll("[data-split-percent]").forEach(function (input) {
      if (isDeleted(input) || input.value.trim() === "") return;
      var value = Number(input.value.replace(",", "."));
      if (!Number.isFinite(value)) return;
      cents += Math.round(value * 100);
      any = true;
    });
    if (!any) {
      output.textContent = "";
      return;
    }
    var total = (cents / 100).toLocaleString(document.documentElement.lang || "id");
    var text = words();
    var message = text.label + ": " + total + " %";
    output.textContent = cents === 10000 ? message : message + " — " + text.must + " %";
    output.classList.toggle("text-danger", cents !== 10000);
    output.classList.toggle("text-success", cents === 10000);
  }

  function updateAll() {
    document.querySelectorAll("[data-split]").forEach(update);
  }

  document.addEventListener("input", function (event) {
    var split = event.target.closest("[data-split]");
    if (split) update(split);
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-row-delete], select")) updateAll();
  });
  document.addEventListener("htmx:afterSettle", updateAll);
  document.addEventListener("DOMContentLoaded", updateAll);
})();
