// Small behaviours of every page, as data attributes (the Content-Security-Policy allows no inline
// script or handler attribute):
//   data-autosubmit   on a form control: changing it submits its form;
//   data-select-all   on a text field: focusing it selects its text (for copying a link).
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
})();
