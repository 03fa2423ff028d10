// The map: Leaflet (datasette-leaflet, served locally) over SVG tiles of Natural Earth's country outlines and
// first-level region borders drawn by the archive itself; one marker per place at its own point. Data comes
// from the page's JSON (<script type="application/json" id="ca-map-data">); popups are built as DOM nodes, text as text.
// A module: datasette-leaflet's Leaflet is an ES module, imported from the address the page gives.
var element = document.getElementById("ca-map");
var data = document.getElementById("ca-map-data");
if (element && data) {
  var config = JSON.parse(data.textContent);
  import(config.leaflet).then(function (L) { draw(L, element, config); });
}

function draw(L, element, config) {
  "use strict";
  var map = L.map(element, {worldCopyJump: true, minZoom: 1, maxZoom: 12});
  var outlines = L.tileLayer(config.tiles, {maxZoom: 12, attribution: "Natural Earth (public domain)"});
  outlines.addTo(map);
  if (config.online_tiles) {
    var online = L.tileLayer(config.online_tiles, {maxZoom: 19, attribution: config.online_attribution || ""});
    L.control.layers({"Outlines (offline)": outlines, "Online tiles": online}).addTo(map);
  }

  function popup(place) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = place.name;
    box.appendChild(title);
    if (place.local) { box.appendChild(document.createTextNode(" (" + place.local + ")")); }
    if (place.kind) {
      var kind = document.createElement("div");
      kind.className = "ca-popup-kind";
      kind.textContent = place.kind + (place.country ? " · " + place.country : "");
      box.appendChild(kind);
    }
    var counts = document.createElement("div");
    counts.textContent = (place.claims === null || place.claims === undefined) ? (place.kind || "") :
      place.claims + (place.claims === 1 ? " claim" : " claims") + " in " + place.articles +
      (place.articles === 1 ? " article" : " articles");
    box.appendChild(counts);
    var link = document.createElement("a");
    link.href = place.href;
    link.textContent = "the claims about " + place.name;
    box.appendChild(link);
    return box;
  }

  var markers = config.places.map(function (place) {
    var radius = 5 + Math.min(10, Math.sqrt(place.claims || 1) * 2);
    var marker = L.circleMarker([place.lat, place.lon], {
      radius: radius, color: "#7a1f1f", weight: 1, fillColor: place.feature === "country" ? "#e6a23c" : "#c0392b",
      fillOpacity: 0.8, className: "ca-marker"
    });
    marker.bindPopup(popup(place));
    marker.bindTooltip(place.name);
    return marker.addTo(map);
  });
  if (markers.length) {
    map.fitBounds(L.featureGroup(markers).getBounds().pad(0.3), {maxZoom: 6});
  } else {
    map.setView([30, 20], 2);
  }
  element.setAttribute("data-markers", String(markers.length));
}
