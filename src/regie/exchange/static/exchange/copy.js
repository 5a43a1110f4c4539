// Copy buttons on the DUO portal page: each copies one value (no inline script: CSP).
(function () {
  "use strict";
  if (!navigator.clipboard) {
    return;
  }
  var status = document.getElementById("copy-status");
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy-target"));
      if (!source) {
        return;
      }
      var text = source.textContent.trim();
      navigator.clipboard.writeText(text).then(function () {
        button.setAttribute("data-copied", "true");
        if (status) {
          status.textContent = button.textContent.trim() + ": " + (document.documentElement.lang === "en" ? "copied" : "gekopieerd");
        }
      });
    });
  });
})();
