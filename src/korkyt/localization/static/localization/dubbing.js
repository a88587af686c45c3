// Dubbing preview: the video follows the temp voice track, its own sound ducked (to a fifth) while a dubbed
// line is spoken; the line being spoken is highlighted.
(function () {
  "use strict";
  var audio = document.getElementById("dub-audio");
  var list = document.getElementById("dub-lines");
  if (!audio || !list) return;
  var video = document.getElementById("dub-video");
  var duck = document.getElementById("dub-duck");
  var DUCKED = 0.2;
  var items = Array.prototype.slice.call(list.querySelectorAll("li"));
  var current = null;

  function sync() {
    var ms = audio.currentTime * 1000;
    var found = null;
    for (var i = 0; i < items.length; i++) {
      var start = parseInt(items[i].dataset.start, 10), end = parseInt(items[i].dataset.end, 10);
      if (ms >= start && ms <= end) { found = items[i]; break; }
    }
    if (found !== current) {
      if (current) { current.classList.remove("current"); current.removeAttribute("aria-current"); }
      if (found) { found.classList.add("current"); found.setAttribute("aria-current", "true"); found.scrollIntoView({ block: "nearest" }); }
      current = found;
    }
    if (video) {
      video.volume = found && duck && duck.checked ? DUCKED : 1;
      if (Math.abs(video.currentTime - audio.currentTime) > 0.3) video.currentTime = audio.currentTime;
    }
  }

  audio.addEventListener("timeupdate", sync);
  audio.addEventListener("seeked", sync);
  audio.addEventListener("play", function () { if (video) { video.currentTime = audio.currentTime; video.play(); } });
  audio.addEventListener("pause", function () { if (video) video.pause(); });
  items.forEach(function (item) {
    item.addEventListener("click", function () { audio.currentTime = parseInt(item.dataset.start, 10) / 1000; });
  });
})();
