// Camera scanning at the check-in desk, where the browser itself reads QR codes (the BarcodeDetector API:
// Chrome and Edge on Android, ChromeOS and macOS). Elsewhere the button stays hidden and a reader that
// types, typing or pasting the code work as before. No library, nothing loaded from elsewhere.
// After a scan the form is sent; the next page starts the camera again until it is stopped.
(function () {
  "use strict";
  var button = document.getElementById("camera-start");
  var form = document.getElementById("checkin-form");
  var input = document.getElementById("code");
  var video = document.getElementById("camera-view");
  var problem = document.getElementById("camera-error");
  var KEY = "korkyt-checkin-camera";
  if (!button || !form || !input || !video) return;
  if (!("BarcodeDetector" in window) || !window.isSecureContext || !navigator.mediaDevices) return;

  var stream = null;
  var detector = null;

  function remember(on) {
    try {
      if (on) sessionStorage.setItem(KEY, "on");
      else sessionStorage.removeItem(KEY);
    } catch (e) { /* storage refused: the camera just does not restart by itself */ }
  }

  function stop(forget) {
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    video.hidden = true;
    button.textContent = button.dataset.start;
    if (forget) remember(false);
  }

  function scan() {
    if (!stream) return;
    if (video.readyState < 2) { window.setTimeout(scan, 200); return; }
    detector.detect(video).then(function (codes) {
      var found = codes.filter(function (c) { return c.rawValue; })[0];
      if (!found) { window.setTimeout(scan, 200); return; }
      input.value = found.rawValue;
      stop(false);
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    }, function () { window.setTimeout(scan, 500); });
  }

  function start() {
    if (problem) problem.hidden = true;
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(
      function (media) {
        stream = media;
        video.srcObject = media;
        video.hidden = false;
        video.play();
        button.textContent = button.dataset.stop;
        remember(true);
        scan();
      },
      function () {
        stop(true);
        if (problem) problem.hidden = false;
      }
    );
  }

  BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") < 0) return;
    detector = new BarcodeDetector({ formats: ["qr_code"] });
    button.hidden = false;
    button.addEventListener("click", function () { if (stream) stop(true); else start(); });
    var again = false;
    try { again = sessionStorage.getItem(KEY) === "on"; } catch (e) { again = false; }
    if (again) start();
  });
})();
