// Small behaviours of every page, as data attributes (the Content-Security-Policy allows no inline
// script or handler attribute):
//   data-autosubmit   on a form control: changing it submits its form;
//   data-select-all   on a text field: focusing it selects its text (for copying a link).
// A form sent back with errors puts the focus on its first field in error (on a phone the errors are often
// below the first screen), unless the page put the focus somewhere itself.
// And one by class: a .table-wrap whose table is wider than the screen scrolls sideways; it is then a
// named region in the tab order, so the keyboard can scroll it too (its name: the table's caption, else
// the heading before it).
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el instanceof Element && el.hasAttribute("data-autosubmit") && el.form) {
      if (el.form.requestSubmit) { el.form.requestSubmit(); } else { el.form.submit(); }
    }
  });
  document.addEventListener("focusin", function (event) {
    var el = event.target;
    if (el instanceof HTMLInputElement && el.hasAttribute("data-select-all")) { el.select(); }
  });

  function regionName(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption && caption.textContent.trim()) { return caption.textContent.trim(); }
    for (var el = wrap.previousElementSibling; el; el = el.previousElementSibling) {
      if (/^H[1-6]$/.test(el.tagName)) { return el.textContent.trim(); }
    }
    var heading = document.querySelector("main h1");
    return heading ? heading.textContent.trim() : "";
  }

  function markScrolling(root) {
    var wraps = (root || document).querySelectorAll(".table-wrap");
    for (var i = 0; i < wraps.length; i++) {
      var wrap = wraps[i];
      if (wrap.dataset.staticTabindex === undefined) {
        wrap.dataset.staticTabindex = wrap.hasAttribute("tabindex") ? "1" : "0";
      }
      if (wrap.dataset.staticTabindex === "1") { continue; }  // the template made it focusable itself
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        if (!wrap.hasAttribute("aria-label")) { wrap.setAttribute("aria-label", regionName(wrap)); }
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    }
  }

  var pending = null;
  function later() {
    if (pending) { window.cancelAnimationFrame(pending); }
    pending = window.requestAnimationFrame(function () { pending = null; markScrolling(); });
  }
  function focusFirstError() {
    var bad = document.querySelector(
      "main .has-error input:not([type=hidden]), main .has-error select, main .has-error textarea"
    );
    var current = document.activeElement;
    if (bad && (!current || current === document.body)) { bad.focus(); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { markScrolling(); focusFirstError(); });
  } else {
    markScrolling();
    focusFirstError();
  }
  window.addEventListener("resize", later);
  document.addEventListener("htmx:afterSettle", later);  // rows swapped in by htmx may widen a table
})();
