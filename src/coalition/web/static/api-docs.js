// Draws the API reference with Swagger UI (served from the package, never a CDN) inside our own
// page, which gives it the document language, the site's header and a skip link.
(function () {
  "use strict";

  function start() {
    var box = document.getElementById("api-docs");
    if (!box || typeof SwaggerUIBundle !== "function") {
      return;
    }
    SwaggerUIBundle({
      url: box.getAttribute("data-openapi"),
      domNode: box,
      // Deep links would put a link inside each operation's toggle button (a control nested in
      // a control, which screen readers announce badly); the toggle alone is enough here.
      deepLinking: false,
      // The schemas are shown with each operation; the separate list of them is left out.
      defaultModelsExpandDepth: -1,
      // Our header comes first; Swagger UI's own top bar (a URL box) has no use here.
      layout: "BaseLayout",
      // Syntax colouring paints example values in colours too faint to read.
      syntaxHighlight: false,
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
