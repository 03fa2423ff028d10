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

  // A row of articles, claims or sources: its own page (the text with its claims marked, the claim in its
  // sentence, the source over time) linked under the heading. The id is the row's, from its address.
  var PAGES = {articles: "article", claims: "claim", sources: "source"};

  function rowPage() {
    var body = document.body;
    if (!body.classList.contains("row")) { return; }
    var parts = window.location.pathname.split("/");
    var id = decodeURIComponent(parts[parts.length - 1]);
    var table = decodeURIComponent(parts[parts.length - 2] || "");
    var heading = document.querySelector("h1");
    if (!PAGES[table] || !/^[0-9]+$/.test(id) || !heading) { return; }
    var link = document.createElement("a");
    link.className = "ca-row-page";
    link.href = parts.slice(0, parts.length - 2).join("/") + "/-/" + PAGES[table] + "/" + id;
    link.textContent = {article: "Read the article with its claims marked →", claim: "The claim's page →",
                        source: "The source's page: its claims and figures over time →"}[PAGES[table]];
    var line = document.createElement("p");
    line.appendChild(link);
    heading.parentNode.insertBefore(line, heading.nextSibling);
    document.querySelectorAll(".metadata-description a.ca-keep-query").forEach(function (a) {
      a.parentNode.hidden = true;
    });
  }

  function start() { foldColumns(); foldDescription(); keepQuery(); rowPage(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
