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
            enhanceSharing(imported);
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

  // A rejected form: move focus to its error summary, for browsers ignoring autofocus there.
  function focusErrorSummary(root) {
    var summary = root.querySelector("[data-focus-on-load]");
    if (summary && document.activeElement !== summary) summary.focus();
  }

  // Share buttons: open the network at once, count the share in the background
  // (fire-and-forget), then thank the visitor in the page's live region.
  function postCount(url, fields) {
    var body = new URLSearchParams(fields);
    try {
      if (window.fetch) {
        fetch(url, { method: "POST", body: body, keepalive: true, credentials: "same-origin" })
          .catch(function () {});
        return;
      }
    } catch (error) { /* fall through to sendBeacon */ }
    if (navigator.sendBeacon) navigator.sendBeacon(url, body);
  }

  function enhanceSharing(root) {
    if (!window.URLSearchParams) return;
    root.querySelectorAll("[data-share]").forEach(function (box) {
      var endpoint = box.getAttribute("data-share-endpoint");
      var cv = box.getAttribute("data-cv");
      var status = box.querySelector("[data-share-status]");

      function say(templateSelector) {
        var template = box.querySelector(templateSelector);
        if (!status || !template) return;
        status.textContent = "";
        status.appendChild(document.importNode(template.content, true));
      }
      function counted(channel) {
        postCount(endpoint, { cv: cv, channel: channel });
      }

      box.querySelectorAll("[data-share-form]").forEach(function (form) {
        form.addEventListener("submit", function (event) {
          event.preventDefault();
          var url = form.getAttribute("data-share-url");
          var channel = form.getAttribute("data-channel");
          if (channel === "email") {
            window.location.href = url;
          } else {
            window.open(url, "_blank", "noopener,noreferrer");
          }
          counted(channel);
          say("[data-share-thanks]");
        });
      });

      var copyButton = box.querySelector("[data-share-copy]");
      if (copyButton && navigator.clipboard && window.isSecureContext) {
        copyButton.closest("li").hidden = false;
        copyButton.addEventListener("click", function () {
          navigator.clipboard.writeText(copyButton.getAttribute("data-share-url")).then(function () {
            counted("copy");
            say("[data-share-copied]");
          });
        });
      }

      var nativeButton = box.querySelector("[data-share-native]");
      if (nativeButton && navigator.share) {
        nativeButton.closest("li").hidden = false;
        nativeButton.addEventListener("click", function () {
          navigator.share({
            title: nativeButton.getAttribute("data-share-title"),
            text: nativeButton.getAttribute("data-share-text"),
            url: nativeButton.getAttribute("data-share-url")
          }).then(function () {
            counted("native");
            say("[data-share-thanks]");
          }).catch(function () { /* cancelled: nothing shared, nothing counted */ });
        });
      }

      // A CV page counts its own view (the page cache serves it without running code).
      var viewEndpoint = box.getAttribute("data-view-endpoint");
      if (viewEndpoint) postCount(viewEndpoint, { cv: cv });
    });
  }

  // "Imprimer": shown only when JavaScript can open the print dialog.
  function enhancePrint(root) {
    if (typeof window.print !== "function") return;
    root.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  // Video blocks: the poster links to the video on its host; on click, play it here.
  // Nothing comes from the host before that click (the player's address waits in a
  // data attribute), and the frame is given the referrer the players require.
  function enhanceVideos(root) {
    root.querySelectorAll("[data-video-embed]").forEach(function (link) {
      var note = link.querySelector("[data-video-note]");
      if (note) note.textContent = note.getAttribute("data-video-note");
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button > 0) return;
        event.preventDefault();
        var frame = link.closest("[data-video-frame]") || link.parentNode;
        var iframe = document.createElement("iframe");
        iframe.src = link.getAttribute("data-video-embed");
        iframe.title = link.getAttribute("data-video-title") || "";
        iframe.allow = "autoplay; fullscreen; picture-in-picture";
        iframe.setAttribute("allowfullscreen", "");
        iframe.referrerPolicy = "strict-origin-when-cross-origin";
        iframe.className = "video-embed__player";
        frame.replaceChildren(iframe);
        frame.classList.add("video-embed__frame--playing");
        iframe.focus();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhanceVideos(document);
    enhancePrint(document);
    enhanceLoadMore(document);
    enhanceSharing(document);
    focusErrorSummary(document);
  });
})();
