// Crosswalk's own few lines of JavaScript. Everything works without them.
// Idle warning: shortly before the idle sign-out, say so and offer the "Stay signed in" link;
// when the time is up, reload so the server signs out and no client data stays on screen.
(function () {
  "use strict";
  var timers = [];

  function clearTimers() {
    timers.forEach(clearTimeout);
    timers = [];
  }

  function arm() {
    clearTimers();
    var page = document.getElementById("page");
    var note = document.getElementById("session-note");
    if (!page || !note) { return; }
    var idle = parseInt(page.getAttribute("data-idle-seconds"), 10);
    var warn = parseInt(page.getAttribute("data-warn-seconds"), 10);
    if (!idle) { return; }
    var text = note.querySelector("p");
    note.classList.remove("warning");
    note.removeAttribute("role");
    timers.push(setTimeout(function () {
      note.classList.add("warning");
      note.setAttribute("role", "alert");
      var link = document.getElementById("extend-link");
      if (text && link) {
        text.textContent = "You will be signed out in " + Math.round(warn / 60) +
          " minute(s) without activity. ";
        text.appendChild(link);
      }
    }, Math.max(0, (idle - warn) * 1000)));
    timers.push(setTimeout(function () {
      window.location.reload();
    }, (idle + 5) * 1000));
  }

  document.addEventListener("DOMContentLoaded", arm);
  // Any request to the server resets the server's idle clock, so reset ours too.
  document.addEventListener("htmx:afterRequest", function () { arm(); });
})();

// The referral form: choosing "Hospital-discharge hand-off" unfolds its section (without
// JavaScript the section opens after the page comes back, or by its summary).
document.addEventListener("change", function (event) {
  "use strict";
  var target = event.target;
  var section = document.getElementById("discharge-details");
  if (section && target && target.id === "kind" && target.value === "discharge") {
    section.open = true;
  }
});
