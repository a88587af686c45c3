// The header's search suggestions as a combobox (WAI-ARIA "combobox with listbox popup"): htmx swaps the
// list (search/_suggestions.html) into #site-suggestions as one types; the focus stays in the field, where
// ArrowDown and ArrowUp move the active option (aria-activedescendant), Enter opens the active option's link
// (without one, the form searches as always), Escape closes the list and Tab leaves the field as usual.
// The keys are taken before the page's other handlers (capture), so that Escape closes only the list.
(function () {
  "use strict";
  var INPUT = "site-q";
  var BOX = "site-suggestions";

  function input() { return document.getElementById(INPUT); }
  function box() { return document.getElementById(BOX); }
  function list() { var b = box(); return b ? b.querySelector("[role=listbox]") : null; }
  function options() {
    var l = list();
    if (!l) { return []; }
    return Array.prototype.filter.call(l.querySelectorAll("[role=option]"), function (o) {
      return o.getAttribute("aria-disabled") !== "true";
    });
  }
  function isOpen() { var b = box(); return !!(list() && b && !b.hidden); }
  function active() {
    var field = input();
    var id = field ? field.getAttribute("aria-activedescendant") : null;
    return id ? document.getElementById(id) : null;
  }

  function setActive(option) {
    var field = input();
    var current = active();
    if (current) { current.setAttribute("aria-selected", "false"); current.classList.remove("active"); }
    if (option) {
      option.setAttribute("aria-selected", "true");
      option.classList.add("active");
      field.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else if (field) {
      field.removeAttribute("aria-activedescendant");
    }
  }

  function setOpen(open) {
    var field = input(), b = box();
    if (!field || !b) { return; }
    open = open && !!list();
    b.hidden = !open;
    field.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) { setActive(null); }
  }

  function move(step) {
    var all = options();
    if (!all.length) { return; }
    if (!isOpen()) { setOpen(true); }
    var index = all.indexOf(active());
    if (index < 0) {
      index = step > 0 ? 0 : all.length - 1;
    } else {
      index = (index + step + all.length) % all.length;
    }
    setActive(all[index]);
  }

  document.addEventListener("keydown", function (event) {
    if (!(event.target instanceof Element) || event.target.id !== INPUT) { return; }
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        move(1);
        break;
      case "ArrowUp":
        event.preventDefault();
        move(-1);
        break;
      case "Enter":
        var option = isOpen() ? active() : null;
        if (option && option.href) {
          event.preventDefault();
          option.click();
        }
        break;
      case "Escape":
        if (isOpen()) {
          event.preventDefault();  // a search field would also clear itself
          event.stopPropagation();  // only the list closes (not the phone's header menu around it)
          setOpen(false);
        }
        break;
      case "Tab":
        setOpen(false);
        break;
    }
  }, true);

  // A new list from htmx: shown, nothing active yet (the field keeps the focus).
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = (event.detail && event.detail.target) || event.target;
    if (target instanceof Element && target.id === BOX) {
      setActive(null);
      setOpen(!!list());
    }
  });

  // A click outside the search closes the list; an option clicked with the mouse is a plain link.
  document.addEventListener("click", function (event) {
    if (!isOpen()) { return; }
    var form = input() ? input().form : null;
    if (form && event.target instanceof Node && !form.contains(event.target)) { setOpen(false); }
  });
})();
