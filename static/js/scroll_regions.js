/* A table wider than the screen scrolls inside its .table-responsive box. Someone without a mouse
   can scroll it only if the box takes the keyboard focus (WCAG 2.1.1): a box that overflows becomes
   a focusable region named after its table (caption, else the section's heading); one that fits
   stays out of the tab order. Checked on load, on resize and after every htmx swap. */
(function () {
  "use strict";

  function regionName(box) {
    var caption = box.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var section = box.closest("section, .card, [aria-labelledby]");
    var heading = section && section.querySelector("h1, h2, h3, h4, .card-header");
    return heading ? heading.textContent.trim() : "";
  }

  function mark(box) {
    if (box.scrollWidth > box.clientWidth) {
      box.tabIndex = 0;
      var name = regionName(box);
      if (name) {
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", name);
      }
    } else if (box.hasAttribute("tabindex")) {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }

  function markAll() {
    document.querySelectorAll(".table-responsive").forEach(mark);
  }

  document.addEventListener("DOMContentLoaded", markAll);
  document.addEventListener("htmx:afterSettle", markAll);
  window.addEventListener("resize", markAll);
})();
