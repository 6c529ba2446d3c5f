// Portail PTF Mali: the only script every page loads (mobile menu toggle, phone panels).
(function () {
  // Panels open by default (no JavaScript: everything visible) that phones keep closed so that
  // the results come first: <details data-collapse-below="800">.
  var panels = document.querySelectorAll("details[data-collapse-below]");
  for (var i = 0; i < panels.length; i++) {
    var limit = parseInt(panels[i].getAttribute("data-collapse-below"), 10);
    if (window.innerWidth < limit) panels[i].removeAttribute("open");
  }
})();
(function () {
  var nav = document.querySelector(".main-nav");
  var toggle = document.querySelector(".nav-toggle");
  if (!nav || !toggle) return;
  nav.classList.remove("no-js"); // without JavaScript the menu simply stays open
  toggle.addEventListener("click", function () {
    var open = nav.classList.toggle("open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && nav.classList.contains("open")) {
      nav.classList.remove("open");
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
    }
  });
})();
(function () {
  // Phones: the system share sheet (Web Share API) next to the plain links, when available.
  if (!navigator.share) return;
  var items = document.querySelectorAll("[data-share-native]");
  for (var i = 0; i < items.length; i++) {
    items[i].hidden = false;
    items[i].querySelector("button").addEventListener("click", function (event) {
      var b = event.currentTarget;
      navigator.share({ title: b.getAttribute("data-share-title"), url: b.getAttribute("data-share-url") })
        .catch(function () {});
    });
  }
})();
