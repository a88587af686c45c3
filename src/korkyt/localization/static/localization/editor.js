// Editor keyboard navigation, the live video preview and the choice offered when a cue changed since the
// page was loaded. Everything else (autosave, review, the row's version sent with each) is htmx.
(function () {
  "use strict";
  var table = document.getElementById("editor");
  if (!table) return;
  var rows = Array.prototype.slice.call(table.querySelectorAll("tr.cue"));
  var video = document.getElementById("preview");

  function focusRow(index) {
    if (index < 0 || index >= rows.length) return;
    var row = rows[index];
    var field = row.querySelector("textarea") || row.querySelector("input[name=comment]");
    rows.forEach(function (r) { r.classList.remove("current"); });
    row.classList.add("current");
    if (field) field.focus();
    row.scrollIntoView({ block: "nearest" });
    if (video && row.dataset.start) video.currentTime = parseInt(row.dataset.start, 10) / 1000;
  }

  table.addEventListener("focusin", function (event) {
    var row = event.target.closest("tr.cue");
    if (!row) return;
    rows.forEach(function (r) { r.classList.remove("current"); });
    row.classList.add("current");
  });

  table.addEventListener("keydown", function (event) {
    var row = event.target.closest("tr.cue");
    if (!row) return;
    var index = rows.indexOf(row);
    if (event.altKey && event.key === "ArrowDown") { event.preventDefault(); focusRow(index + 1); }
    else if (event.altKey && event.key === "ArrowUp") { event.preventDefault(); focusRow(index - 1); }
    else if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      var button = row.querySelector("button.submit") || row.querySelector("button.approve");
      if (button) button.click();
      focusRow(index + 1);
    }
  });

  // A save or review refused because someone else changed the cue since the page read it: the status cell
  // shows the cue as it is now (.stale) and the row keeps the version it had, so nothing is written until
  // the user chooses. "Use this text" takes the cue as it is now; "Keep my text" saves what they typed over
  // it. Either way the row takes the cue's current version.
  function showText(row, text) {
    var field = row.querySelector("textarea");
    if (field) {
      field.value = text;
      field.dispatchEvent(new Event("input", { bubbles: true }));  // the dubbing fit follows
      return;
    }
    var shown = row.querySelector("td.tgt > div");
    if (!shown) return;
    shown.textContent = "";
    text.split("\n").forEach(function (line, index) {
      if (index) shown.appendChild(document.createElement("br"));
      shown.appendChild(document.createTextNode(line));
    });
  }

  table.addEventListener("click", function (event) {
    var button = event.target.closest("button.stale-take, button.stale-keep");
    var row = button && button.closest("tr.cue");
    var box = button && button.closest(".stale");
    if (!row || !box) return;
    var version = row.querySelector("input[name=version]");
    if (version) version.value = box.dataset.version;
    var keep = button.classList.contains("stale-keep");
    if (!keep) showText(row, box.dataset.text || "");
    box.parentNode.removeChild(box);
    var field = row.querySelector("textarea") || row.querySelector("input[name=comment]");
    if (field) field.focus();
    var text = row.querySelector("textarea");
    if (keep && text) text.dispatchEvent(new Event("change", { bubbles: true }));  // the autosave, sent again
  });

  var filter = document.getElementById("cue-filter");
  if (filter) {
    filter.addEventListener("change", function () {
      var value = filter.value;
      var byFit = value.indexOf("fit:") === 0;
      var wanted = value ? value.replace("fit:", "").split(" ") : null;
      rows.forEach(function (row) {
        var state = "";
        if (byFit) {
          var fit = row.querySelector(".fit");
          state = fit ? (fit.className.match(/fit-([a-z-]+)/) || ["", ""])[1] : "";
        } else {
          var status = row.querySelector(".cue-status");
          state = status ? status.dataset.state : "";
        }
        row.hidden = wanted !== null && wanted.indexOf(state) === -1;
      });
    });
  }

  // Adaptation editor (dubbing): the line's fit to its slot follows each keystroke.
  if (table.classList.contains("dubbing")) {
    var timers = new WeakMap();
    // "×0,83" in the page's language, as the server writes it (core.numbers.decimal)
    var ratioFormat = new Intl.NumberFormat(document.documentElement.lang || undefined, {
      minimumFractionDigits: 2, maximumFractionDigits: 2
    });
    table.addEventListener("input", function (event) {
      var field = event.target;
      if (field.tagName !== "TEXTAREA") return;
      var row = field.closest("tr.cue");
      var badge = row && row.querySelector(".fit");
      if (!badge) return;
      clearTimeout(timers.get(field));
      timers.set(field, setTimeout(function () {
        fetch(badge.dataset.fit + "?text=" + encodeURIComponent(field.value), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (fit) {
            if (!fit) return;
            badge.className = "fit fit-" + (fit.status ? fit.status.replace(" ", "-") : "none");
            badge.querySelector(".ratio").textContent = fit.ratio === null ? "—" : "×" + ratioFormat.format(fit.ratio);
            badge.querySelector(".fit-label").textContent = fit.status === "fits" ? "" : fit.label;
          });
      }, 120));
    });
  }

  if (video) {
    document.body.addEventListener("cue-saved", function () {
      var track = document.getElementById("preview-track");
      if (!track) return;
      var fresh = track.cloneNode();
      fresh.src = table.dataset.vtt + "?t=" + Date.now();
      track.parentNode.replaceChild(fresh, track);
      fresh.track.mode = "showing";
    });
  }
})();
