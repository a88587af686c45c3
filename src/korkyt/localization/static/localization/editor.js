// Editor keyboard navigation and the live video preview. Everything else (autosave, review) is htmx.
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
            badge.querySelector(".ratio").textContent = fit.ratio === null ? "—" : "×" + fit.ratio.toFixed(2);
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
