// Tooltips of the marks in an article's text: the lines for each mark come from the page's JSON
// (<script type="application/json" id="ca-tips">) and are shown as text, never as HTML.
(function () {
  "use strict";
  var text = document.getElementById("ca-text");
  var tip = document.getElementById("ca-tip");
  var data = document.getElementById("ca-tips");
  if (!text || !tip || !data) { return; }
  var tips = JSON.parse(data.textContent);

  function marksAt(element) {
    var found = [];
    for (var node = element; node && node !== text; node = node.parentElement) {
      var key = node.getAttribute && node.getAttribute("data-tip");
      if (key && tips[key] && found.indexOf(key) < 0) { found.push(key); }
    }
    return found;
  }

  function show(event) {
    var keys = marksAt(event.target);
    if (!keys.length) { hide(); return; }
    tip.textContent = "";
    keys.forEach(function (key) {
      var block = document.createElement("div");
      block.className = "ca-tip-block";
      tips[key].forEach(function (line) {
        var row = document.createElement("div");
        row.textContent = line;
        block.appendChild(row);
      });
      tip.appendChild(block);
    });
    var box = event.target.getBoundingClientRect();
    tip.hidden = false;
    tip.style.left = Math.max(8, Math.min(box.left + window.scrollX, window.innerWidth - tip.offsetWidth - 16)) + "px";
    tip.style.top = (box.bottom + window.scrollY + 6) + "px";
  }

  function hide() { tip.hidden = true; }

  text.addEventListener("mouseover", show);
  text.addEventListener("focusin", show);
  text.addEventListener("mouseleave", hide);
  text.addEventListener("focusout", hide);
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") { hide(); } });
}());
