// Progressive enhancements for the auditors' pages; every page also works without them.
(function () {
  "use strict";

  function focusFirst(ids) {
    for (const id of ids) {
      const element = document.getElementById(id);
      if (element) {
        element.focus();
        return;
      }
    }
  }

  // A form returned with errors: take keyboard and screen-reader users to the summary.
  document.addEventListener("DOMContentLoaded", function () {
    const summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
    }
  });

  // After an htmx swap the server names where focus belongs (HX-Trigger-After-Settle).
  document.body.addEventListener("revisionsspar:focus", function (event) {
    focusFirst(event.detail.ids || []);
  });

  // Addressee shortcuts tick the committees they stand for; the revisor can then adjust.
  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-shortcut]");
    if (!button) {
      return;
    }
    event.preventDefault();
    const form = button.closest("form");
    const shortcut = button.dataset.shortcut;
    let count = 0;
    form.querySelectorAll("input[type=checkbox][data-shortcuts]").forEach(function (checkbox) {
      checkbox.checked = checkbox.dataset.shortcuts.split(" ").includes(shortcut);
      if (checkbox.checked) {
        count += 1;
      }
    });
    const status = document.getElementById("shortcut-status");
    if (status) {
      status.textContent = button.textContent.trim() + " är valda (" + count + "). Ändra urvalet om det behövs och spara.";
    }
  });
})();
