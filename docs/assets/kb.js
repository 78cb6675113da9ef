/* Small progressive enhancements. Nothing here sends data anywhere; the site works without it. */
(function () {
  "use strict";

  // Mark a page overdue for review once its review date has passed (no rebuild needed).
  function markOverdue() {
    document.querySelectorAll("[data-review-due]").forEach(function (el) {
      var due = Date.parse(el.getAttribute("data-review-due"));
      var note = el.querySelector(".kb-review__overdue");
      if (note && !isNaN(due) && due < Date.now()) note.hidden = false;
    });
  }

  // Print footer: show the full address the page was printed from.
  function printAddress() {
    document.querySelectorAll(".kb-print-url").forEach(function (el) { el.textContent = window.location.href; });
  }

  // Storage that never leaves the browser. Private modes or locked-down browsers may refuse it:
  // then ticks simply are not remembered.
  var store = {
    get: function (key) { try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; } },
    set: function (key, value) { try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* not kept */ } },
    remove: function (key) { try { window.localStorage.removeItem(key); } catch (e) { /* nothing kept */ } }
  };

  // Checklists: ticks survive a reload in this browser; "Clear my ticks" forgets them.
  function checklists() {
    document.querySelectorAll("[data-checklist]").forEach(function (list) {
      var key = "kb-checklist:" + list.getAttribute("data-checklist");
      var saved = store.get(key) || {};
      var boxes = list.querySelectorAll("input[data-item]");
      boxes.forEach(function (box) {
        box.checked = !!saved[box.getAttribute("data-item")];
        box.addEventListener("change", function () {
          saved[box.getAttribute("data-item")] = box.checked;
          store.set(key, saved);
        });
      });
      var controls = list.querySelector(".kb-checklist__controls");
      if (controls) controls.hidden = false;
      var clear = list.querySelector("[data-clear-checklist]");
      if (clear) clear.addEventListener("click", function () {
        saved = {};
        store.remove(key);
        boxes.forEach(function (box) { box.checked = false; });
        var status = list.querySelector(".kb-checklist__status");
        if (status) status.textContent = "Ticks cleared. Nothing was stored anywhere else.";
      });
    });
  }

  // Filterable, sortable tables (the case list). The table is plain Markdown; a JSON block beside it
  // carries each row's themes, area and sort keys. Without JavaScript the full table shows.
  function filterTables() {
    document.querySelectorAll("[data-filter-table]").forEach(function (form) {
      var id = form.getAttribute("data-filter-table");
      var box = document.getElementById(id);
      var table = box && (box.tagName === "TABLE" ? box : box.querySelector("table"));
      if (!table || !table.tBodies.length) return;
      var meta = document.getElementById(id + "-data");
      var info = meta ? JSON.parse(meta.textContent) : [];
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      rows.forEach(function (row, i) {
        var d = info[i];
        if (!d) return;
        row.setAttribute("data-themes", d.themes.join(" "));
        row.setAttribute("data-area", d.area);
        d.sort.forEach(function (value, col) {
          if (value !== null && row.cells[col]) row.cells[col].setAttribute("data-value", value);
        });
      });
      var selects = form.querySelectorAll("select[data-filter-key]");
      var count = form.querySelector(".kb-filter__count");
      function apply() {
        var shown = 0;
        rows.forEach(function (row) {
          var ok = true;
          selects.forEach(function (sel) {
            var want = sel.value, key = sel.getAttribute("data-filter-key");
            if (!want) return;
            var have = row.getAttribute("data-" + key) || "";
            if (key === "themes" ? have.split(" ").indexOf(want) < 0 : have !== want) ok = false;
          });
          row.hidden = !ok;
          if (ok) shown += 1;
        });
        if (count) count.textContent = shown + " of " + rows.length + " shown";
      }
      // a link such as cases/?theme=crying opens the list already filtered
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (sel) {
        var wanted = params.get(sel.getAttribute("data-filter-key") === "themes" ? "theme" : sel.getAttribute("data-filter-key"));
        if (wanted && Array.prototype.some.call(sel.options, function (o) { return o.value === wanted; })) sel.value = wanted;
        sel.addEventListener("change", apply);
      });
      form.hidden = false;
      apply();
      sortable(table);
    });
  }

  function sortable(table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[index], y = b.cells[index];
          var numeric = x.hasAttribute("data-value") && y.hasAttribute("data-value");
          var p = numeric ? parseFloat(x.getAttribute("data-value")) : x.textContent.trim().toLowerCase();
          var q = numeric ? parseFloat(y.getAttribute("data-value")) : y.textContent.trim().toLowerCase();
          return (p < q ? -1 : p > q ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  // "Link to this ..." controls copy the full address for handouts and slides.
  function copyLinks() {
    document.querySelectorAll("a[data-copy-link]").forEach(function (a) {
      a.addEventListener("click", function (event) {
        if (!navigator.clipboard) return;  // plain link: the address bar shows the address
        event.preventDefault();
        var url = a.href;
        navigator.clipboard.writeText(url).then(function () {
          if (a.getAttribute("href").charAt(0) === "#") history.replaceState(null, "", a.getAttribute("href"));
          a.setAttribute("data-copied", "");
          a.textContent = "Link copied";
        }, function () { window.location.href = url; });
      });
    });
  }

  // Partnership self-assessment: ratings and notes kept in this browser; CSV made in the browser.
  function selfAssessment() {
    var root = document.querySelector("[data-self-assessment]");
    if (!root) return;
    var key = "kb-self-assessment:" + root.getAttribute("data-self-assessment");
    var saved = store.get(key) || {};
    var items = root.querySelectorAll("fieldset[data-item]");
    var status = root.querySelector(".kb-sa__status");
    function save() { store.set(key, saved); }
    items.forEach(function (fs) {
      var id = fs.getAttribute("data-item");
      var entry = saved[id] || {rating: "", note: ""};
      fs.querySelectorAll("input[type=radio]").forEach(function (radio) {
        radio.checked = radio.value === entry.rating;
        radio.addEventListener("change", function () {
          saved[id] = saved[id] || {rating: "", note: ""};
          saved[id].rating = radio.value;
          save();
        });
      });
      var note = fs.querySelector("textarea[data-note]");
      note.value = entry.note || "";
      note.addEventListener("input", function () {
        saved[id] = saved[id] || {rating: "", note: ""};
        saved[id].note = note.value;
        save();
      });
    });
    function rows() {
      var out = [];
      items.forEach(function (fs) {
        var id = fs.getAttribute("data-item"), e = saved[id] || {rating: "", note: ""};
        out.push([fs.getAttribute("data-set"), fs.getAttribute("data-group"), id,
                  fs.querySelector("legend").textContent.trim(), e.rating || "not rated", e.note || ""]);
      });
      return out;
    }
    function csvCell(v) { return '"' + String(v).replace(/"/g, '""') + '"'; }
    var controls = root.querySelector(".kb-sa__controls");
    if (controls) controls.hidden = false;
    root.querySelector("[data-sa-download]").addEventListener("click", function () {
      var lines = [["set", "group", "id", "question", "rating", "note"]].concat(rows());
      var text = lines.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n");
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob(["\ufeff" + text], {type: "text/csv;charset=utf-8"}));
      link.download = "self-assessment.csv";
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
      if (status) status.textContent = "Downloaded. The file was made in your browser; nothing was sent anywhere.";
    });
    root.querySelector("[data-sa-print]").addEventListener("click", function () {
      var summary = root.querySelector(".kb-sa__summary");
      var table = document.createElement("table");
      var head = table.createTHead().insertRow();
      ["Question", "Rating", "Note"].forEach(function (h) { var th = document.createElement("th"); th.textContent = h; head.appendChild(th); });
      var body = table.createTBody();
      rows().forEach(function (r) {
        var tr = body.insertRow();
        [r[3], r[4], r[5]].forEach(function (v) { tr.insertCell().textContent = v; });
      });
      summary.textContent = "";
      summary.appendChild(table);
      root.classList.add("kb-sa--summary");
      window.addEventListener("afterprint", function done() {
        root.classList.remove("kb-sa--summary");
        window.removeEventListener("afterprint", done);
      });
      window.print();
    });
    root.querySelector("[data-sa-clear]").addEventListener("click", function () {
      if (!window.confirm("Clear every rating and note on this device?")) return;
      saved = {};
      store.remove(key);
      items.forEach(function (fs) {
        fs.querySelectorAll("input[type=radio]").forEach(function (r) { r.checked = r.value === ""; });
        fs.querySelector("textarea[data-note]").value = "";
      });
      if (status) status.textContent = "All ratings and notes cleared from this device.";
    });
  }

  function ready() { markOverdue(); printAddress(); checklists(); filterTables(); copyLinks(); selfAssessment(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
