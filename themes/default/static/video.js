/* Privacy-friendly video: nothing is loaded from YouTube or Vimeo until the visitor clicks play.
   Without JavaScript the poster is a plain link to the recording. No inline script: CSP-friendly. */
(function () {
  "use strict";
  function play(box, button) {
    var frame = document.createElement("iframe");
    frame.src = box.getAttribute("data-embed");
    frame.title = box.getAttribute("data-title") || "";
    frame.allow = "autoplay; fullscreen; picture-in-picture";
    frame.setAttribute("allowfullscreen", "");
    frame.className = "video-frame";
    box.replaceChild(frame, button);
    frame.focus();
  }
  function upgrade(box) {
    var link = box.querySelector("a.video-link");
    if (!link || !box.getAttribute("data-embed")) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "video-button";
    button.setAttribute("aria-label", box.getAttribute("data-label") || link.textContent);
    while (link.firstChild) { button.appendChild(link.firstChild); }
    // The visible text must be part of the accessible name (WCAG 2.5.3): "Opname afspelen" / "Opname afspelen: <titel>".
    var text = button.querySelector(".video-text");
    if (text && box.getAttribute("data-play")) { text.textContent = box.getAttribute("data-play"); }
    button.addEventListener("click", function () { play(box, button); });
    box.replaceChild(button, link);
  }
  function init() {
    var boxes = document.querySelectorAll(".video[data-embed]");
    for (var i = 0; i < boxes.length; i++) { upgrade(boxes[i]); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
