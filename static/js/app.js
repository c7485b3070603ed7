// Reageerwijzer: small progressive enhancements. Everything works without this file.
(function () {
  "use strict";
  // Keep htmx requests carrying the CSRF token even after a partial swap replaced the body.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.cookie.split("; ").find(function (c) { return c.indexOf("csrftoken=") === 0; });
    if (token) { event.detail.headers["X-CSRFToken"] = token.split("=")[1]; }
  });
})();
