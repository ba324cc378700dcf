// The agreement page's section links: after htmx loads a section, mark its link as the current one.
// Without JavaScript each link opens the page with that section, marked on the server.
(function () {
  "use strict";
  function mark(slug) {
    document.querySelectorAll(".agreement-tabs [data-tab]").forEach(function (link) {
      var current = link.dataset.tab === slug;
      link.classList.toggle("active", current);
      if (current) {
        link.setAttribute("aria-current", "page");
      } else {
        link.removeAttribute("aria-current");
      }
    });
  }
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "bagian") {
      var section = event.detail.target.querySelector("[data-section]");
      if (section) {
        mark(section.dataset.section);
      }
    }
  });
  document.addEventListener("htmx:historyRestore", function () {
    var section = document.querySelector("#bagian [data-section]");
    if (section) {
      mark(section.dataset.section);
    }
  });
})();
