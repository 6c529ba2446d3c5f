/* Aid map (vanilla JS + vendored Leaflet/markercluster). Two modes on #aidmap:
   - data-mode="map": loads /api/aid/locations.geojson with the form's filters, draws clustered
     locations and région/national circles, keeps the list, the totals and the URL in step
     (history.replaceState) without reloading the page;
   - data-mode="activity": the small map of one activity's points (#aidmap-points). */
(function () {
  "use strict";
  var root = document.getElementById("aidmap");
  if (!root || !window.L) return;

  function json(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var lang = root.getAttribute("data-lang") || "fr";
  var numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  var tiles = root.getAttribute("data-tiles");
  var map = L.map(root, { scrollWheelZoom: false, minZoom: 4, maxZoom: 17, zoomSnap: 0.25 });
  map.fitBounds([[10.1, -12.3], [25.0, 4.3]]);
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 17, attribution: root.getAttribute("data-attribution") || "" }).addTo(map);
  }
  var outline = json("aidmap-outline");
  if (outline) {
    L.geoJSON(outline, {
      interactive: false,
      style: { color: "#5b4a36", weight: 1.5, fillColor: "#f3ead8", fillOpacity: tiles ? 0.15 : 0.8 }
    }).addTo(map);
  }
  var dot = L.divIcon({ className: "aidmap-dot", iconSize: [14, 14] });

  if (root.getAttribute("data-mode") === "activity") {
    var points = json("aidmap-points") || [];
    var group = L.featureGroup(points.map(function (p) {
      return L.marker([p.lat, p.lon], { icon: dot, title: p.name, alt: p.name }).bindPopup(el("span", {}, p.name));
    })).addTo(map);
    if (points.length) map.fitBounds(group.getBounds().pad(0.5), { maxZoom: 9 });
    return;
  }

  var labels = json("aidmap-labels") || {};
  var form = document.querySelector("[data-aidmap-filters]");
  var list = document.querySelector("[data-aidmap-list]");
  var summary = document.querySelector("[data-aidmap-summary]");
  var clusters = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 45 });
  var circles = L.layerGroup();
  map.addLayer(circles);
  map.addLayer(clusters);

  function money(value) { return numbers.format(value || 0) + " XOF"; }

  function activityBlock(id, a, place) {
    var box = el("div", { "class": "aidmap-popup" });
    var title = el("a", { href: a.url }, a.title);
    box.appendChild(el("strong")).appendChild(title);
    var dl = box.appendChild(el("dl"));
    [[labels.partner, a.partner], [labels.sectors, (a.sectors || []).join(", ")], [labels.status, a.status],
     [labels.commitments, money(a.commitments)], [labels.disbursements, money(a.disbursements)],
     [labels.location, place]].forEach(function (pair) {
      if (!pair[1]) return;
      dl.appendChild(el("dt", {}, pair[0]));
      dl.appendChild(el("dd", {}, pair[1]));
    });
    box.appendChild(el("a", { href: a.url, "class": "aidmap-open" }, labels.open + " →"));
    return box;
  }

  function areaBlock(props, activities) {
    var box = el("div", { "class": "aidmap-popup" });
    box.appendChild(el("strong", {}, props.name));
    var dl = box.appendChild(el("dl"));
    [[labels.activities, String(props.activities.length)], [labels.commitments, money(props.commitments)],
     [labels.disbursements, money(props.disbursements)]].forEach(function (pair) {
      dl.appendChild(el("dt", {}, pair[0]));
      dl.appendChild(el("dd", {}, pair[1]));
    });
    var ul = box.appendChild(el("ul"));
    props.activities.slice(0, 8).forEach(function (id) {
      var a = activities[id];
      if (a) ul.appendChild(el("li")).appendChild(el("a", { href: a.url }, a.title));
    });
    if (props.activities.length > 8) ul.appendChild(el("li", {}, labels.more.replace("{n}", props.activities.length - 8)));
    return box;
  }

  // A later page of the list (?page=N, server-rendered) stays until the filters change.
  var keepServerList = new URLSearchParams(window.location.search).has("page");

  function renderList(data) {
    if (!list) return;
    if (keepServerList) { keepServerList = false; return; }
    var body = list.querySelector("tbody");
    var foot = list.querySelector("tfoot");
    body.textContent = "";
    var ids = Object.keys(data.activities).sort(function (x, y) {
      return data.activities[x].title.localeCompare(data.activities[y].title, lang);
    });
    if (!ids.length) {
      body.appendChild(el("tr")).appendChild(el("td", { colspan: "6" }, labels.none));
    }
    var size = Number(list.getAttribute("data-size")) || ids.length;
    ids.slice(0, size).forEach(function (id) {
      var a = data.activities[id];
      var tr = body.appendChild(el("tr"));
      tr.appendChild(el("td")).appendChild(el("a", { href: a.url }, a.title));
      tr.appendChild(el("td", {}, a.partner));
      tr.appendChild(el("td", {}, a.status));
      tr.appendChild(el("td", {}, (a.sectors || []).join(", ")));
      tr.appendChild(el("td", { "class": "num" }, numbers.format(a.commitments)));
      tr.appendChild(el("td", { "class": "num" }, numbers.format(a.disbursements)));
    });
    var pages = document.querySelector("[data-aidmap-pages]");
    if (pages) {
      pages.textContent = "";
      if (ids.length > size) {
        var next = params();
        next.set("page", "2");
        var p = pages.appendChild(el("p", {}, labels.first.replace("{n}", size).replace("{total}", ids.length) + " "));
        p.appendChild(el("a", { href: "?" + next.toString(), rel: "next" }, labels.next));
      }
    }
    var cells = foot.querySelectorAll("th, td");
    cells[0].textContent = labels.total.replace("{n}", data.totals.activities);
    cells[1].textContent = numbers.format(data.totals.commitments);
    cells[2].textContent = numbers.format(data.totals.disbursements);
    if (summary) summary.textContent = labels.summary.replace("{n}", data.totals.activities);
  }

  function render(data) {
    clusters.clearLayers();
    circles.clearLayers();
    var markers = [];
    var areas = data.features.filter(function (f) { return f.properties.kind !== "location"; });
    var largest = Math.max.apply(null, [1].concat(areas.map(function (f) { return f.properties.commitments; })));
    data.features.forEach(function (f) {
      var p = f.properties, c = f.geometry.coordinates;
      if (p.kind === "location") {
        var a = data.activities[p.activity];
        if (!a) return;
        markers.push(L.marker([c[1], c[0]], { icon: dot, title: a.title, alt: a.title })
          .bindPopup(activityBlock(p.activity, a, p.name)));
      } else {
        var scale = map.getSize().x < 600 ? 0.7 : 1; // phones: smaller circles
        var radius = scale * (22 + 22 * Math.sqrt((p.commitments || 0) / largest)); // ≥ a cluster
        L.circleMarker([c[1], c[0]], {
          radius: radius, weight: 2, color: p.kind === "national" ? "#7a3e00" : "#8c2d19",
          fillColor: p.kind === "national" ? "#e08a1e" : "#d9603b", fillOpacity: 0.45,
          className: "aidmap-area aidmap-area-" + p.kind
        }).bindPopup(areaBlock(p, data.activities)).bindTooltip(p.name + " · " + p.activities.length).addTo(circles);
      }
    });
    clusters.addLayers(markers);
    root.setAttribute("data-locations", String(markers.length));
    root.setAttribute("data-areas", String(areas.length));
    renderList(data);
    root.setAttribute("data-ready", "true");
  }

  function params() {
    var query = new URLSearchParams(root.getAttribute("data-query") || "");
    if (form) {
      Array.prototype.forEach.call(form.querySelectorAll("select"), function (select) {
        if (select.value) query.set(select.name, select.value);
      });
    }
    return query;
  }

  var pending = null;
  function load(updateUrl) {
    var query = params();
    var url = root.getAttribute("data-geojson") + "?" + query.toString() + (query.toString() ? "&" : "") + "lang=" + lang;
    if (updateUrl && form) {
      history.replaceState(null, "", window.location.pathname + (query.toString() ? "?" + query.toString() : ""));
    }
    var link = document.querySelector("[data-aidmap-geojson-link]");
    if (link) link.setAttribute("href", url);
    root.setAttribute("data-ready", "false");
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(url, { signal: pending.signal, headers: { Accept: "application/geo+json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(render)
      .catch(function (e) { if (e.name !== "AbortError" && summary) summary.textContent = labels.error; });
  }

  if (form) {
    form.addEventListener("change", function () { load(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); load(true); });
    var reset = form.querySelector("[data-aidmap-reset]");
    if (reset) reset.addEventListener("click", function (event) {
      event.preventDefault();
      Array.prototype.forEach.call(form.querySelectorAll("select"), function (s) { s.value = ""; });
      load(true);
    });
  }
  load(false);
})();
