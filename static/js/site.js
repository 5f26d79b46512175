// Progressive enhancement only: every feature works without this file.
(function () {
  "use strict";

  // "Voir plus": load the next nine cards in place instead of following the link.
  function enhanceLoadMore(root) {
    var link = root.querySelector("[data-load-more]");
    if (!link || !window.fetch || !window.DOMParser) return;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var grid = document.getElementById("cv-results");
      var nav = link.closest(".pagination");
      link.setAttribute("aria-busy", "true");
      fetch(link.href, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var newCards = doc.querySelectorAll("#cv-results > *");
          var firstNew = null;
          newCards.forEach(function (card) {
            var imported = document.importNode(card, true);
            grid.appendChild(imported);
            if (!firstNew) firstNew = imported;
          });
          var newNav = doc.querySelector(".pagination");
          if (newNav && nav) {
            var prev = newNav.querySelector("[rel=prev]");
            if (prev) prev.remove();
            nav.replaceWith(document.importNode(newNav, true));
            enhanceLoadMore(document);
          } else if (nav) {
            nav.remove();
          }
          if (firstNew) {
            var focusTarget = firstNew.querySelector("a");
            if (focusTarget) focusTarget.focus({ preventScroll: false });
          }
        })
        .catch(function () {
          window.location.href = link.href;
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhanceLoadMore(document);
  });
})();
