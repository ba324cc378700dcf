/* The agreement editor: rows marked for removal are dimmed until the form is saved; partner search
   boxes filter their select live (htmx) and are shown as filters even where the full list is there;
   the selects that name a party (who holds an obligation, who brings a contribution, who takes a
   share) offer exactly the parties picked above, updated as parties are picked, added or removed;
   a partner can be created in a dialog without leaving the page. */
(function () {
  "use strict";
  function parties() {
    var picked = [];
    document.querySelectorAll("select[data-party-partner]").forEach(function (select) {
      var row = select.closest("[data-row]");
      var removed = row && row.querySelector("[data-row-delete]:checked");
      if (select.value && !removed && !picked.some(function (p) { return p.value === select.value; })) {
        picked.push({ value: select.value, text: select.options[select.selectedIndex].text });
      }
    });
    return picked;
  }
  function offerParties() {
    var picked = parties();
    document.querySelectorAll("select[data-party-select]").forEach(function (select) {
      var current = select.value;
      var currentText = current ? select.options[select.selectedIndex].text : "";
      var blank = select.options.length ? select.options[0].text : "---------";
      select.replaceChildren(new Option(blank, ""));
      picked.forEach(function (party) { select.add(new Option(party.text, party.value)); });
      // A value that is no longer a party stays chosen: saving says why it cannot be kept.
      if (current && !picked.some(function (p) { return p.value === current; })) {
        select.add(new Option(currentText, current));
      }
      select.value = current;
    });
  }
  // The "new partner" dialog: opened instead of the partner page; the partner it creates is offered
  // in every party row and taken by the first one still empty.
  document.addEventListener("click", function (event) {
    var opener = event.target.closest("[data-open-dialog]");
    var dialog = opener && document.getElementById(opener.dataset.openDialog);
    if (dialog && dialog.showModal) {
      event.preventDefault();
      dialog.showModal();
    }
    var closer = event.target.closest("[data-close-dialog]");
    if (closer && closer.closest("dialog")) {
      closer.closest("dialog").close();
    }
  });
  document.addEventListener("partnerCreated", function (event) {
    var partner = event.detail;
    var value = String(partner.id);
    var empty = null;
    document.querySelectorAll("select[data-party-partner]").forEach(function (select) {
      if (!select.querySelector('option[value="' + value + '"]')) {
        select.add(new Option(partner.name, value));
      }
      if (!empty && !select.value) {
        empty = select;
      }
    });
    if (empty) {
      empty.value = value;
    }
    offerParties();
  });
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches("[data-row-delete]")) {
      var row = target.closest("[data-row]");
      if (row) row.classList.toggle("opacity-50", target.checked);
    }
    if (target.matches("[data-party-partner]") || target.matches("#rows-parties [data-row-delete]")) {
      offerParties();
    }
  });
  document.addEventListener("htmx:load", function (event) {
    if (event.target.querySelector && event.target.querySelector("select[data-party-select], select[data-party-partner]")) {
      offerParties();
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
