// The header's menu on a phone. Loaded in <head> before the page is drawn (not deferred), so that the
// collapsed header is what a phone shows first: the class "js" on <html> tells the style sheet that the
// menu button works; without script nothing is collapsed and the whole header shows, as it always did.
// The button opens and closes the links, the script switch, the language and the account links (the
// search stays in view); Escape closes the menu and puts the focus back on the button.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  function header() { return document.querySelector("header.top"); }
  function setOpen(top, open) {
    top.classList.toggle("open", open);
    var button = top.querySelector(".menu-toggle");
    if (button) { button.setAttribute("aria-expanded", open ? "true" : "false"); }
  }
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest(".menu-toggle") : null;
    if (!button) { return; }
    var top = header();
    if (top) { setOpen(top, !top.classList.contains("open")); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var top = header();
    if (!top || !top.classList.contains("open")) { return; }
    setOpen(top, false);
    var button = top.querySelector(".menu-toggle");
    if (button && top.contains(document.activeElement)) { button.focus(); }
  });
})();
