// Datasette's table pages: the column descriptions folded into a <details>, and a long table description cut
// to its first sentence with the rest behind "more". Built from the page's own nodes; text stays text.
(function () {
  "use strict";
  var LONG = 200;

  function foldColumns() {
    var list = document.querySelector("dl.column-descriptions");
    if (!list) { return; }
    var details = document.createElement("details");
    details.className = "ca-columns-help";
    var summary = document.createElement("summary");
    summary.textContent = "What each of the " + list.querySelectorAll("dt").length + " columns means";
    details.appendChild(summary);
    list.parentNode.insertBefore(details, list);
    details.appendChild(list);
  }

  function foldDescription() {
    var box = document.querySelector(".metadata-description");
    if (!box || box.children.length || box.textContent.trim().length <= LONG) { return; }
    var text = box.textContent.trim();
    var cut = text.search(/[.;:]\s/);
    if (cut < 0 || cut > LONG) { cut = text.lastIndexOf(" ", LONG); }
    box.textContent = text.slice(0, cut + 1) + " ";
    var details = document.createElement("details");
    details.className = "ca-more";
    var summary = document.createElement("summary");
    summary.textContent = "more";
    details.appendChild(summary);
    details.appendChild(document.createTextNode(text.slice(cut + 1).trim()));
    box.appendChild(details);
  }

  // "show them too" (superseded claims): the page's own filters kept, the one parameter added; once shown, the
  // link hides them again.
  function keepQuery() {
    var here = new URLSearchParams(window.location.search);
    document.querySelectorAll("a.ca-keep-query").forEach(function (link) {
      var wanted = new URLSearchParams(link.getAttribute("href").replace(/^\?/, ""));
      var params = new URLSearchParams(here);
      var shown = false;
      wanted.forEach(function (value, key) {
        if (here.get(key)) { shown = true; params.delete(key); } else { params.set(key, value); }
      });
      params.delete("_next");
      if (shown) { link.textContent = "hide them again"; }
      var query = params.toString();
      link.setAttribute("href", window.location.pathname + (query ? "?" + query : ""));
    });
  }

  function start() { foldColumns(); foldDescription(); keepQuery(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
