/* Small progressive enhancements; everything works without this file. */
(function () {
  "use strict";
  function announce(text) {
    var region = document.getElementById("aankondiging");
    if (region) { region.textContent = ""; window.setTimeout(function () { region.textContent = text; }, 50); }
  }
  document.addEventListener("DOMContentLoaded", function () {
    // A destructive act asks first (ux.md): a form with data-confirm submits only after OK.
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
      });
    });
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
    // Main menu disclosure on narrow screens.
    var toggle = document.querySelector(".main-menu__toggle");
    if (toggle) {
      var nav = toggle.closest(".main-menu"); var list = document.getElementById(toggle.getAttribute("aria-controls"));
      nav.classList.add("js-collapsible");
      var narrow = window.matchMedia("(max-width: 40em)");
      var sync = function () { if (narrow.matches) { list.hidden = toggle.getAttribute("aria-expanded") !== "true"; } else { list.hidden = false; } };
      toggle.addEventListener("click", function () {
        toggle.setAttribute("aria-expanded", toggle.getAttribute("aria-expanded") === "true" ? "false" : "true"); sync();
      });
      narrow.addEventListener("change", sync); sync();
    }
    // Fields that belong to one choice of a radio group (data-reveal-for="name", data-reveal="v1 v2"):
    // shown only while that choice is checked; without script all are shown (progressive).
    document.querySelectorAll("[data-reveal-for]").forEach(function (block) {
      var name = block.getAttribute("data-reveal-for"); var values = block.getAttribute("data-reveal").split(" ");
      var radios = document.querySelectorAll('input[type="radio"][name="' + name + '"]');
      var sync = function () {
        var chosen = document.querySelector('input[type="radio"][name="' + name + '"]:checked');
        block.hidden = !(chosen && values.indexOf(chosen.value) !== -1);
      };
      radios.forEach(function (radio) { radio.addEventListener("change", sync); }); sync();
    });
    // Session warning two minutes before the idle time-out, with a way to extend (WCAG 2.2.1).
    var seconds = parseInt(document.body.getAttribute("data-session-seconds") || "0", 10);
    var warning = document.getElementById("sessie-waarschuwing");
    if (warning && seconds > 180) {
      var timer;
      var arm = function () { window.clearTimeout(timer); timer = window.setTimeout(function () { warning.hidden = false; warning.querySelector("button").focus(); }, (seconds - 120) * 1000); };
      warning.querySelector("form").addEventListener("submit", function (event) {
        event.preventDefault();
        var form = event.target;
        fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" }).then(function () {
          warning.hidden = true; announce(warning.getAttribute("data-extended") || "Sessie verlengd."); arm();
        });
      });
      arm();
    }
  });
  document.addEventListener("htmx:beforeRequest", function (e) { if (e.detail.target) { e.detail.target.setAttribute("aria-busy", "true"); } });
  document.addEventListener("htmx:afterRequest", function (e) { if (e.detail.target) { e.detail.target.removeAttribute("aria-busy"); } });
  document.addEventListener("htmx:afterSettle", function (e) {
    var target = e.detail.target; if (!target) { return; }
    var focusSel = target.getAttribute("data-focus-after-swap");
    if (focusSel) { var el = target.querySelector(focusSel); if (el) { el.focus(); } }
    var msg = target.querySelector("[data-announce]"); if (msg) { announce(msg.getAttribute("data-announce")); }
  });
})();
