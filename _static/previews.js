/* Previews of notes, bibliography entries, glossary terms and cross-references.
 *
 * Hovering or focusing a link inside the article shows its target in place:
 * a note's text, a bibliography entry, a term's definition, or a section's
 * heading and opening lines (fetched from the other page when it lives
 * elsewhere on the site). Escape closes it. On a touch screen the first tap
 * shows the preview and a second tap follows the link.
 */
(function () {
  "use strict";

  var SELECTOR = [
    "a.footnote-reference",
    "a.reference.internal:not(.headerlink)",
  ].join(",");
  var OPEN_DELAY = 250;
  var CLOSE_DELAY = 300;

  var box = null;
  var current = null;
  var openTimer = 0;
  var closeTimer = 0;
  var lastPointer = "mouse";
  var pages = {};

  function article() {
    return document.querySelector("article[role=main]");
  }

  function ensureBox() {
    if (box) return box;
    box = document.createElement("div");
    box.id = "series-preview";
    box.className = "series-preview";
    box.setAttribute("role", "tooltip");
    box.hidden = true;
    box.addEventListener("mouseenter", function () { clearTimeout(closeTimer); });
    box.addEventListener("mouseleave", scheduleClose);
    document.body.appendChild(box);
    return box;
  }

  /* What of the target to show, as fresh nodes without ids. */
  function excerpt(target) {
    var parts = [];
    if (target.matches("aside.footnote, div.citation")) {
      parts = Array.prototype.slice.call(target.querySelectorAll(":scope > p"));
    } else if (target.matches("dt")) {
      var dd = target.nextElementSibling;
      while (dd && dd.tagName !== "DD") dd = dd.nextElementSibling;
      parts = [target].concat(dd ? [dd] : []);
    } else if (target.matches("section")) {
      var heading = target.querySelector("h1, h2, h3, h4");
      var para = target.querySelector(":scope > p, :scope > div > p");
      parts = [heading, para].filter(Boolean);
    } else {
      parts = [target];
    }
    return parts.map(function (node) {
      var copy = node.cloneNode(true);
      [copy].concat(Array.prototype.slice.call(copy.querySelectorAll("[id]"))).forEach(function (el) {
        el.removeAttribute("id");
      });
      copy.querySelectorAll("a.headerlink, .fn-bracket, span.label").forEach(function (el) { el.remove(); });
      return copy;
    });
  }

  function findTarget(doc, hash) {
    if (!hash) return doc.querySelector("article[role=main] section");
    var el = doc.getElementById(decodeURIComponent(hash.slice(1)));
    if (el && el.tagName === "SPAN" && el.parentElement.matches("section")) el = el.parentElement;
    return el;
  }

  function load(link) {
    var url = new URL(link.href, location.href);
    var hash = url.hash;
    url.hash = "";
    if (url.href === new URL(location.href.split("#")[0]).href) {
      return Promise.resolve(findTarget(document, hash));
    }
    if (url.origin !== location.origin) return Promise.resolve(null);
    if (!pages[url.href]) {
      pages[url.href] = fetch(url.href)
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) { return new DOMParser().parseFromString(html, "text/html"); })
        .catch(function () { return null; });
    }
    return pages[url.href].then(function (doc) { return doc && findTarget(doc, hash); });
  }

  function place(link) {
    var rect = link.getBoundingClientRect();
    var width = Math.min(480, document.documentElement.clientWidth - 16);
    box.style.width = width + "px";
    var left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    box.style.left = left + "px";
    var below = rect.bottom + window.scrollY + 6;
    box.style.top = below + "px";
    var height = box.offsetHeight;
    if (rect.bottom + height + 6 > window.innerHeight && rect.top > height + 6) {
      box.style.top = rect.top + window.scrollY - height - 6 + "px";
    }
  }

  function open(link) {
    clearTimeout(closeTimer);
    load(link).then(function (target) {
      if (!target) return;
      ensureBox();
      box.replaceChildren.apply(box, excerpt(target));
      box.hidden = false;
      if (current && current !== link) current.removeAttribute("aria-describedby");
      current = link;
      link.setAttribute("aria-describedby", box.id);
      place(link);
    });
  }

  function close() {
    clearTimeout(openTimer);
    if (!box || box.hidden) return;
    box.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  function scheduleClose() {
    clearTimeout(openTimer);
    closeTimer = setTimeout(close, CLOSE_DELAY);
  }

  function previewable(event) {
    var link = event.target.closest && event.target.closest(SELECTOR);
    var main = article();
    return link && main && main.contains(link) && !link.matches("[role=doc-backlink]") ? link : null;
  }

  document.addEventListener("mouseover", function (event) {
    var link = previewable(event);
    if (!link || lastPointer === "touch") return;
    clearTimeout(openTimer);
    openTimer = setTimeout(function () { open(link); }, OPEN_DELAY);
  });
  document.addEventListener("mouseout", function (event) {
    if (previewable(event)) scheduleClose();
  });
  document.addEventListener("focusin", function (event) {
    var link = previewable(event);
    if (link) open(link);
  });
  document.addEventListener("focusout", function (event) {
    if (previewable(event)) scheduleClose();
  });
  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
  });
  document.addEventListener("click", function (event) {
    var link = previewable(event);
    if (!link) {
      if (box && !box.contains(event.target)) close();
      return;
    }
    if (lastPointer === "touch" && current !== link) {
      event.preventDefault(); // first tap previews, the second follows the link
      open(link);
    } else {
      close();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") close();
  });
})();
