// Editor keyboard navigation, the live video preview, the choice offered when a cue changed since the
// page was loaded, and text not yet saved when the page is left. Everything else (autosave, review, the
// row's version sent with each) is htmx.
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

  // The next (step 1) or previous (step -1) cue the filter shows: a row it hides cannot take the focus.
  function shownFrom(index, step) {
    for (var i = index + step; i >= 0 && i < rows.length; i += step) {
      if (!rows[i].hidden) return i;
    }
    return -1;
  }

  table.addEventListener("keydown", function (event) {
    var row = event.target.closest("tr.cue");
    if (!row) return;
    var index = rows.indexOf(row);
    if (event.altKey && event.key === "ArrowDown") { event.preventDefault(); focusRow(shownFrom(index, 1)); }
    else if (event.altKey && event.key === "ArrowUp") { event.preventDefault(); focusRow(shownFrom(index, -1)); }
    else if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      var button = row.querySelector("button.submit") || row.querySelector("button.approve");
      if (button) button.click();
      focusRow(shownFrom(index, 1));
    }
  });

  // A cue submitted for review no longer offers its button (hidden once the answer says it waits): the
  // keyboard focus it held goes back to the cue's text rather than to the top of the page. Only when the
  // focus was on that button as the request left: someone who clicked elsewhere keeps their place.
  var focusedButtonRow = null;
  document.body.addEventListener("htmx:beforeRequest", function () {
    var active = document.activeElement;
    focusedButtonRow = active && active.matches && active.matches("tr.cue button.submit")
      ? active.closest("tr.cue") : null;
  });
  document.body.addEventListener("htmx:afterSettle", function (event) {
    var row = event.target.closest && event.target.closest("tr.cue");
    if (!row || row !== focusedButtonRow) return;
    focusedButtonRow = null;
    var active = document.activeElement;
    if (active && active !== document.body && active.offsetParent !== null) return;
    var field = row.querySelector("textarea") || row.querySelector("input[name=comment]");
    if (field) field.focus();
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

  // A reviewer's comment: no maxlength cuts a paste. Past three quarters of the limit a counter under the
  // field says how many characters are left, or how many are over (the field is then marked invalid);
  // a screen reader hears it once typing pauses, not at every key. The server refuses a longer comment
  // under the field, which keeps the text; a review done empties the field.
  var countLabels = document.getElementById("comment-count-labels");
  var countComment = function () {};
  if (countLabels) {
    var max = parseInt(countLabels.dataset.max, 10);
    var counted = new Intl.NumberFormat(document.documentElement.lang || undefined);
    var heard = document.createElement("div");
    heard.className = "visually-hidden";
    heard.setAttribute("aria-live", "polite");
    document.body.appendChild(heard);
    var pause = null;
    countComment = function (field, announce) {
      var left = max - field.value.length;
      var id = "cc-" + field.id.slice(2);
      var counter = document.getElementById(id);
      var shown = left < max / 4;
      if (!counter && !shown) return;
      if (!counter) {
        counter = document.createElement("span");
        counter.id = id;
        counter.className = "comment-count";
        field.form.insertBefore(counter, document.getElementById("ce-" + field.id.slice(2)));
      }
      var text = (left < 0 ? countLabels.dataset.over : countLabels.dataset.left)
        .replace("%(n)s", counted.format(Math.abs(left)));
      counter.textContent = text;
      counter.hidden = !shown;
      counter.classList.toggle("over", left < 0);
      if (left < 0) field.setAttribute("aria-invalid", "true"); else field.removeAttribute("aria-invalid");
      var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(function (d) {
        return d && d !== id;
      });
      if (shown) described.unshift(id);
      if (described.length) field.setAttribute("aria-describedby", described.join(" "));
      else field.removeAttribute("aria-describedby");
      clearTimeout(pause);
      if (announce && shown) pause = setTimeout(function () { heard.textContent = text; }, 1000);
    };
    table.addEventListener("input", function (event) {
      if (event.target.matches("input[name=comment]")) countComment(event.target, true);
    });
    document.body.addEventListener("htmx:afterRequest", function (event) {
      var form = event.detail.elt.form;
      var xhr = event.detail.xhr;
      if (!form || !form.classList.contains("review") || !event.detail.successful || !xhr) return;
      var field = form.querySelector("input[name=comment]");
      if (field && xhr.responseText.indexOf('id="v-' + field.id.slice(2) + '"') !== -1) {
        field.value = "";  // the review is done: the comment now shows in the status cell
        countComment(field, false);
      }
    });
  }

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

  // Unsaved text. The autosave waits 0.8 s after the last key, so a field is "pending" from a keystroke
  // until a save of that very text has been answered with the row's new version. While one is pending the
  // browser asks before the page is left (beforeunload); when the page is hidden or left (visibilitychange,
  // pagehide) the pending texts are sent at once, to the autosave's address with the row's version and the
  // CSRF token, by a request that outlives the page (fetch keepalive, else sendBeacon). If the page stays,
  // the answer is shown as the autosave's would be.
  var pending = new Set();
  var flushed = new WeakMap();  // field → the text sent by flush(), until its answer
  var wrap = table.closest("[hx-headers]");
  var csrf = wrap ? (JSON.parse(wrap.getAttribute("hx-headers"))["X-CSRFToken"] || "") : "";

  function textField(elt) {
    var row = elt && elt.closest ? elt.closest("tr.cue") : null;
    var field = row && row.querySelector("textarea[name=text]");
    // only the requests that save the text (the autosave, "Submit for review"), not the review's
    return field && elt.getAttribute("hx-post") === field.getAttribute("hx-post") ? field : null;
  }
  function savedIn(field, html) {  // a save's answer carries the row's new version; a refusal does not
    return html.indexOf('id="v-' + field.id.slice(2) + '"') !== -1;
  }

  table.addEventListener("input", function (event) {
    if (event.target.matches("textarea[name=text]")) pending.add(event.target);
  });
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var field = textField(event.detail.elt);
    if (!field) return;
    // the autosave's delayed request for a text flush() has already sent would be refused as stale
    if (flushed.get(field) === field.value && event.detail.elt === field) { event.preventDefault(); return; }
    event.detail.elt.dataset.sentText = field.value;
  });
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var field = textField(event.detail.elt);
    var xhr = event.detail.xhr;
    if (!field || !event.detail.successful || !xhr) return;
    if (event.detail.elt.dataset.sentText === field.value && savedIn(field, xhr.responseText)) pending.delete(field);
  });

  function flush() {
    pending.forEach(function (field) {
      if (flushed.get(field) === field.value) return;  // already on its way
      var row = field.closest("tr.cue");
      var version = row.querySelector("input[name=version]");
      var body = new URLSearchParams();
      body.append("csrfmiddlewaretoken", csrf);
      body.append("text", field.value);
      if (version) body.append("version", version.value);
      var url = field.getAttribute("hx-post");
      var text = field.value;
      flushed.set(field, text);
      var answer;
      try {
        answer = fetch(url, {
          method: "POST", body: body, keepalive: true, credentials: "same-origin",
          headers: { "X-CSRFToken": csrf, "HX-Request": "true" }
        });
      } catch (error) {  // no keepalive fetch in this browser
        navigator.sendBeacon(url, body);
        return;
      }
      answer.then(function (response) { return response.ok ? response.text() : ""; }).then(function (html) {
        flushed.delete(field);
        if (!html) return;
        if (window.htmx) htmx.swap("#status-" + field.id.slice(2), html, { swapStyle: "innerHTML" });
        if (field.value === text && savedIn(field, html)) pending.delete(field);
      }, function () { flushed.delete(field); });
    });
  }

  window.addEventListener("beforeunload", function (event) {
    if (!pending.size) return;
    event.preventDefault();
    event.returnValue = "";  // the browser's own "Leave site?" prompt
  });
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush();
  });

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
