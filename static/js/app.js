// Reageerwijzer: small progressive enhancements. Everything works without this file.
(function () {
  "use strict";

  // Keep htmx requests carrying the CSRF token even after a partial swap replaced the body.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.cookie.split("; ").find(function (c) { return c.indexOf("csrftoken=") === 0; });
    if (token) { event.detail.headers["X-CSRFToken"] = token.split("=")[1]; }
  });

  function rows() { return Array.prototype.slice.call(document.querySelectorAll(".comment-row")); }

  function currentRow() {
    var active = document.activeElement;
    return active && active.closest ? active.closest(".comment-row") : null;
  }

  var currentId = null;

  function focusRow(row) {
    if (!row) { return; }
    currentId = row.id;
    rows().forEach(function (r) { r.classList.remove("is-current"); });
    row.classList.add("is-current");
    row.focus();
    row.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var all = rows();
    if (!all.length) { return; }
    var index = all.indexOf(currentRow());
    focusRow(all[Math.max(0, Math.min(all.length - 1, index + step))] || all[0]);
  }

  function openRow(row, anchor) {
    if (row) { window.location.href = row.dataset.openUrl + (anchor ? "#" + anchor : ""); }
  }

  function focusTarget(key) {
    var field = document.querySelector('[data-key-target="' + key + '"]');
    if (field) { field.focus(); field.scrollIntoView({ block: "center" }); return true; }
    return false;
  }

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var row = currentRow();
    switch (event.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "o": case "Enter":
        if (!row || event.key === "Enter" && event.target !== row) { return; }
        openRow(row); break;
      case "h":
        if (!row) { return; }
        var hide = row.querySelector('[data-key="h"]');
        if (hide) { hide.click(); }
        break;
      case "r":
        if (row) { openRow(row, "reply"); } else if (!focusTarget("r")) { return; }
        break;
      case "e":
        if (row) { openRow(row, "escalate"); } else if (!focusTarget("e")) { return; }
        break;
      case "x":
        if (!row) { return; }
        var box = row.querySelector(".row-select");
        if (box) { box.checked = !box.checked; }
        break;
      case "?":
        var help = document.getElementById("shortcut-help");
        if (help && help.showModal) { help.showModal(); }
        break;
      default: return;
    }
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-shortcut-help]");
    var help = document.getElementById("shortcut-help");
    if (button && help && help.showModal) { help.showModal(); }
  });

  // After an htmx swap replaced the current row (a hide, a status poll), keep the keyboard position.
  document.addEventListener("htmx:afterSettle", function () {
    if (!currentId) { return; }
    var row = document.getElementById(currentId);
    if (!row || row.classList.contains("is-current")) { return; }
    var active = document.activeElement;
    if (!active || active === document.body || active === row || row.contains(active)) { focusRow(row); }
  });

  // Arriving with #reply or #escalate (from the inbox shortcuts): focus that box.
  document.addEventListener("DOMContentLoaded", function () {
    if (window.location.hash === "#reply") { focusTarget("r"); }
    if (window.location.hash === "#escalate") { focusTarget("e"); }
  });
})();
