/* Location widgets of the IATI activity editor (see iati_publisher/widgets.py).
   Works for rows added later by Wagtail's InlinePanel (MutationObserver). */
(function () {
  "use strict";

  function sibling(input, from, to) {
    if (!input || !input.id) return null;
    return document.getElementById(input.id.slice(0, input.id.length - from.length) + to);
  }
  function fire(input) {
    if (input) input.dispatchEvent(new Event("input", { bubbles: true }));
  }
  function num(input) {
    var v = input && input.value.trim().replace(",", ".");
    return v === "" || v === undefined ? null : Number(v);
  }

  function initPicker(box) {
    box.setAttribute("data-ready", "");
    var lat = box.previousElementSibling;
    while (lat && lat.tagName !== "INPUT") lat = lat.previousElementSibling;
    var lon = sibling(lat, "latitude", box.getAttribute("data-longitude-field"));
    var warning = box.querySelector(".iati-point-picker-warning");
    var b = box.getAttribute("data-bbox").split(",").map(Number); // minLon,minLat,maxLon,maxLat
    function inside(y, x) { return x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3]; }
    function check() {
      var y = num(lat), x = num(lon), msg = "";
      if (y !== null && x !== null && !isNaN(y) && !isNaN(x) && !inside(y, x)) {
        msg = inside(x, y) ? box.getAttribute("data-msg-swapped") : box.getAttribute("data-msg-outside");
      }
      warning.textContent = msg;
      return !msg && y !== null && x !== null;
    }
    var map = null, marker = null;
    function place(y, x) {
      if (!marker) {
        marker = L.marker([y, x], { draggable: true, keyboard: true }).addTo(map);
        marker.on("dragend", function () { set(marker.getLatLng()); });
      } else {
        marker.setLatLng([y, x]);
      }
    }
    function set(latlng) {
      lat.value = latlng.lat.toFixed(6);
      if (lon) lon.value = latlng.lng.toFixed(6);
      lat.removeAttribute("data-from-gazetteer");
      check();
      place(latlng.lat, latlng.lng);
    }
    function sync(event) {
      if (event && event.isTrusted) lat.removeAttribute("data-from-gazetteer"); // typed by hand
      if (!check() || !map) return;
      place(num(lat), num(lon));
      map.panTo([num(lat), num(lon)]);
    }
    function start() {
      if (map || !window.L) return;
      var el = box.querySelector(".iati-point-picker-map");
      map = L.map(el, { scrollWheelZoom: false, maxZoom: 17 }).fitBounds([[b[1], b[0]], [b[3], b[2]]]);
      var tiles = box.getAttribute("data-tiles");
      if (tiles) L.tileLayer(tiles, { maxZoom: 17, attribution: box.getAttribute("data-attribution") }).addTo(map);
      var outline = box.querySelector("script[type='application/json']");
      if (outline) {
        L.geoJSON(JSON.parse(outline.textContent), {
          interactive: false, style: { color: "#5b4a36", weight: 1.5, fillColor: "#f3ead8", fillOpacity: tiles ? 0.1 : 0.7 }
        }).addTo(map);
      }
      map.on("click", function (e) { set(e.latlng); });
      if (check()) { place(num(lat), num(lon)); map.setView([num(lat), num(lon)], 8); }
    }
    lat.addEventListener("input", sync);
    if (lon) lon.addEventListener("input", sync);
    check();
    // Tabs and collapsed panels hide the map: start (or resize) it when it becomes visible.
    if ("IntersectionObserver" in window) {
      new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          start();
          // The row may have been laid out while hidden: resize, then redraw the vectors.
          map.invalidateSize();
          map.setView(map.getCenter(), map.getZoom(), { reset: true });
        });
      }).observe(box);
    } else {
      start();
    }
  }

  function initSelect(select) {
    select.setAttribute("data-ready", "");
    select.addEventListener("change", function () {
      var option = select.options[select.selectedIndex];
      if (!option || !option.getAttribute("data-lat")) return;
      var level = sibling(select, "admin_unit_code", "admin_unit_level");
      if (level) level.value = option.getAttribute("data-level");
      ["fr", "en"].forEach(function (code) {
        var name = sibling(select, "admin_unit_code", "name_" + code);
        if (name && !name.value) name.value = option.getAttribute("data-name-" + code);
      });
      var lat = sibling(select, "admin_unit_code", "latitude");
      var lon = sibling(select, "admin_unit_code", "longitude");
      if (!lat || !lon) return;
      var empty = !lat.value.trim() && !lon.value.trim();
      if (empty || lat.hasAttribute("data-from-gazetteer")) {
        lat.value = option.getAttribute("data-lat");
        lon.value = option.getAttribute("data-lon");
        lat.setAttribute("data-from-gazetteer", "");
        var exactness = sibling(select, "admin_unit_code", "exactness");
        if (exactness) exactness.value = "2"; // approximate
        fire(lat);
      }
    });
  }

  function scan() {
    Array.prototype.forEach.call(document.querySelectorAll(".iati-point-picker:not([data-ready])"), initPicker);
    Array.prototype.forEach.call(document.querySelectorAll("select[data-gazetteer]:not([data-ready])"), initSelect);
  }
  function watch() {
    scan();
    // Rows added later by the InlinePanel (only once the page is parsed: before that, a row's
    // longitude input may not exist yet when its latitude picker is seen).
    new MutationObserver(scan).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
})();
