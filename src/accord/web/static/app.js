// accord web UI: a little plain JavaScript. Document text reaches the page escaped by the
// server; everything written here uses textContent, never innerHTML.
(function () {
  "use strict";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function readJSON(id) {
    var node = document.getElementById(id);
    if (!node) return null;
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }
  function row(dl, key, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
    dl.appendChild(el("dt", null, key));
    var dd = el("dd", null, Array.isArray(value) ? value.join(", ") : value);
    dl.appendChild(dd);
    return dd;
  }

  // -- document page -------------------------------------------------------------
  var acts = readJSON("acts-data");
  var mentions = readJSON("mentions-data");
  var detail = document.getElementById("detail");

  function clearSelected() {
    document.querySelectorAll(".selected").forEach(function (n) { n.classList.remove("selected"); });
  }

  function showAct(k) {
    var a = acts[k];
    if (!a || !detail) return;
    clearSelected();
    document.querySelectorAll('[data-act]').forEach(function (n) {
      if (n.getAttribute("data-act").split(" ").indexOf(String(k)) >= 0) n.classList.add("selected");
    });
    var sent = document.getElementById("s" + a.sentence_idx);
    if (sent) sent.classList.add("selected");
    detail.textContent = "";
    var box = el("div", "act-detail");
    box.setAttribute("data-act-id", a.id);
    box.appendChild(el("h3", "act-type a-" + a.act, a.act + (a.negated ? " (negated)" : "")));
    var dl = el("dl");
    row(dl, "source → target", (a.source || []).join(", ") + " → " + ((a.target || []).join(", ") || "—"));
    row(dl, "trigger", a.trigger);
    row(dl, "when", a.when_text ? a.when_text + (a.when_start ? " (" + a.when_start + (a.when_end && a.when_end !== a.when_start ? " to " + a.when_end : "") + ")" : "") : null);
    row(dl, "PLOVER event", a.plover_event || "— (no PLOVER event for this act type)");
    row(dl, "PLOVER mode", a.plover_mode);
    row(dl, "PLOVER context", a.plover_context);
    row(dl, "CAMEO", a.cameo);
    row(dl, "quad class", a.quad);
    row(dl, "intensity", a.intensity);
    if ((a.source_sectors || []).length || (a.target_sectors || []).length)
      row(dl, "sectors", ((a.source_sectors || []).join(",") || "—") + " → " + ((a.target_sectors || []).join(",") || "—"));
    box.appendChild(dl);
    box.appendChild(el("h4", null, "Why the actors resolved"));
    var ul = el("ul", "why-list");
    (a.why || []).forEach(function (w) {
      var li = el("li");
      li.appendChild(el("strong", null, w.text));
      li.appendChild(document.createTextNode(" → " + w.code + ": " + w.reason));
      ul.appendChild(li);
    });
    if (!(a.why || []).length) ul.appendChild(el("li", "muted", "The actors come from the document's parties or an earlier sentence (no mention in this sentence)."));
    box.appendChild(ul);
    detail.appendChild(box);
  }

  function showMention(i) {
    var m = mentions[i];
    if (!m || !detail) return;
    clearSelected();
    document.querySelectorAll('[data-mention="' + i + '"]').forEach(function (n) { n.classList.add("selected"); });
    detail.textContent = "";
    var box = el("div", "mention-detail");
    box.appendChild(el("h3", null, m.text));
    var dl = el("dl");
    row(dl, "code", m.code || "— (not coded)");
    row(dl, "kind", m.kind);
    row(dl, "sector", m.sector);
    row(dl, "person", m.person);
    row(dl, "why", m.reason);
    box.appendChild(dl);
    if (m.code && /^[A-Z][A-Z0-9]{1,11}$/.test(m.code)) {
      var a = el("a", null, "acts of " + m.code);
      a.href = "/actors/" + m.code;
      box.appendChild(a);
    }
    detail.appendChild(box);
  }

  if (acts && detail) {
    document.addEventListener("click", function (ev) {
      var t = ev.target.closest ? ev.target.closest("[data-act],[data-mention]") : null;
      if (!t) return;
      if (t.hasAttribute("data-act")) {
        var ks = t.getAttribute("data-act").split(" ");
        // a piece covered by several acts: cycle through them on repeated clicks
        var cur = t.getAttribute("data-cycle") || "0";
        var k = ks[parseInt(cur, 10) % ks.length];
        t.setAttribute("data-cycle", String((parseInt(cur, 10) + 1) % ks.length));
        showAct(parseInt(k, 10));
        if (t.classList.contains("act-ref")) { /* keep the jump to the sentence */ } else ev.preventDefault();
      } else if (mentions) {
        showMention(parseInt(t.getAttribute("data-mention"), 10));
      }
    });
    document.addEventListener("keydown", function (ev) {
      if ((ev.key === "Enter" || ev.key === " ") && ev.target.matches && ev.target.matches("mark[data-act]")) {
        ev.preventDefault();
        ev.target.click();
      }
    });
  }

  // -- comparison page -----------------------------------------------------------
  var links = readJSON("cmp-links");
  var svg = document.getElementById("cmp-lines");
  var cmp = document.getElementById("cmp");
  function drawLines() {
    if (!links || !svg || !cmp) return;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var box = svg.getBoundingClientRect();
    svg.setAttribute("height", String(cmp.getBoundingClientRect().height));
    svg.style.height = cmp.getBoundingClientRect().height + "px";
    links.forEach(function (l) {
      var n = document.getElementById("n" + l.news), s = document.getElementById("src" + l.source);
      if (!n || !s) return;
      var nr = n.getBoundingClientRect(), sr = s.getBoundingClientRect();
      var y1 = nr.top + Math.min(nr.height / 2, 14) - box.top, y2 = sr.top + Math.min(sr.height / 2, 14) - box.top;
      var p = document.createElementNS("http://www.w3.org/2000/svg", "path");
      var w = box.width;
      p.setAttribute("d", "M0," + y1 + " C" + (w / 2) + "," + y1 + " " + (w / 2) + "," + y2 + " " + w + "," + y2);
      p.setAttribute("class", "link-line " + (n.className.match(/lab-\w+/) || [""])[0]);
      p.setAttribute("data-news", String(l.news));
      p.setAttribute("data-source", String(l.source));
      svg.appendChild(p);
    });
  }
  function focusNews(idx, on) {
    var n = document.getElementById("n" + idx);
    if (!n) return;
    n.classList.toggle("focus", on);
    (n.getAttribute("data-evidence") || "").split(" ").filter(Boolean).forEach(function (i) {
      var s = document.getElementById("src" + i);
      if (s) s.classList.toggle("focus", on);
    });
    svg && svg.querySelectorAll('path[data-news="' + idx + '"]').forEach(function (p) { p.classList.toggle("focus", on); });
  }
  if (links && cmp) {
    drawLines();
    window.addEventListener("resize", drawLines);
    window.addEventListener("load", drawLines);
    cmp.querySelectorAll('[data-side="news"]').forEach(function (n) {
      var idx = n.getAttribute("data-idx");
      n.addEventListener("mouseenter", function () { focusNews(idx, true); });
      n.addEventListener("mouseleave", function () { focusNews(idx, false); });
    });
  }

  // -- upload ----------------------------------------------------------------------
  var form = document.getElementById("upload-form");
  if (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var out = document.getElementById("upload-result");
      out.textContent = "uploading…";
      var token = document.getElementById("upload-token");  // servers bound beyond loopback need it
      var headers = token ? { "Authorization": "Bearer " + token.value } : {};
      fetch(form.action, { method: "POST", body: new FormData(form), headers: headers })
        .then(function (r) { return r.json().then(function (j) { return [r.status, j]; }); })
        .then(function (res) {
          out.textContent = "";
          var j = res[1];
          if (j.error) { out.appendChild(el("p", "warning", j.error.status + " " + j.error.code + ": " + j.error.message)); return; }
          out.appendChild(el("p", null, "stored " + j.stored + ", duplicates " + j.duplicates + ", acts " + j.acts));
          (j.documents || []).forEach(function (d) {
            var a = el("a", null, d.title || d.id);
            a.href = "/documents/" + d.id;
            var p = el("p");
            p.appendChild(a);
            out.appendChild(p);
          });
        })
        .catch(function (e) { out.textContent = "upload failed: " + e; });
    });
  }
})();
