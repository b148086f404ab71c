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

// Client list: a Print button and a Copy button, shown only where they can work (the page has
// the text and the browser's own Print command without them).
(function () {
  "use strict";

  function reveal(root) {
    if (!root || !root.querySelectorAll) { return; }
    root.querySelectorAll(".js-print, .js-copy").forEach(function (button) { button.hidden = false; });
  }

  function copied(button, message) {
    var note = button.parentNode.querySelector(".js-copied");
    if (note) { note.textContent = message; }
  }

  function copy(button) {
    var box = document.getElementById(button.getAttribute("data-copy"));
    if (!box) { return; }
    box.focus();
    box.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(box.value).then(function () {
        copied(button, "Copied.");
      }, function () {
        copied(button, "Press Ctrl+C (or Cmd+C) to copy the selected text.");
      });
      return;
    }
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    copied(button, done ? "Copied." : "Press Ctrl+C (or Cmd+C) to copy the selected text.");
  }

  document.addEventListener("DOMContentLoaded", function () { reveal(document); });
  document.addEventListener("htmx:load", function (event) { reveal(event.target); });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".js-print, .js-copy");
    if (!button) { return; }
    if (button.classList.contains("js-print")) { window.print(); } else { copy(button); }
  });
})();

// Error summary (templates/macros/forms.html): a page that comes back with one focuses it by
// autofocus; after an htmx swap brings one in, focus it here, and keep "Error: " at the start of
// the title exactly while one is shown. A link in it focuses its field and shows the field's
// label too (the browser's own jump would hide the label above the field).
(function () {
  "use strict";
  var PREFIX = "Error: ";

  function showSummary() {
    var summary = document.querySelector("[data-error-summary]");
    var title = document.title.indexOf(PREFIX) === 0 ? document.title.slice(PREFIX.length) : document.title;
    document.title = summary ? PREFIX + title : title;
    if (summary && !summary.hasAttribute("data-shown")) {
      summary.setAttribute("data-shown", "");
      summary.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", showSummary);
  document.addEventListener("htmx:afterSettle", showSummary);
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-error-summary] a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) { return; }
    event.preventDefault();
    var choice = field.type === "radio" || field.type === "checkbox";
    var group = choice && field.closest("fieldset");
    ((group && group.querySelector("legend")) || (field.labels && field.labels[0]) || field)
      .scrollIntoView();
    field.focus({ preventScroll: true });
  });
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
