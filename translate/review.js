// Enhancements only: every page is complete to read without this script. The same script runs on the index
// (every article, sortable, filterable by flag) and on each page of articles. Reading: highlight pairs, move
// between flagged sentences (on to the next page with something to look at), filter. Reviewing: edit the
// English of a sentence or summary, approve or reject, comment, approve every unflagged sentence of an article
// or of the report; kept in the browser's IndexedDB (one record per sentence, shared by every page of the
// report) and downloaded, from any page, as one review file for `translate apply`.
// Text from the files or the storage goes into the page through textContent, title and form values only.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("review-data").textContent);
  var onIndex = data.kind === "index";
  var INFORMATIONAL = ["memory"];  // flags that inform, never a problem (translate/records.py has the same list)
  var STATUSES = ["open", "approved", "rejected"];
  var controls = document.getElementById("controls");
  var filter = document.getElementById("filter");
  controls.hidden = false;

  // The sticky bar's real height, for the scroll margin of what a link or a key jumps to.
  function barHeight() {
    document.documentElement.style.setProperty("--bar", controls.getBoundingClientRect().height + "px");
  }
  if (window.ResizeObserver) new ResizeObserver(barHeight).observe(controls);
  barHeight();

  function typing(node) {
    return node && (node.tagName === "TEXTAREA" || (node.tagName === "INPUT" && node.type === "text"));
  }

  function flagsOf(el) {
    try {
      var flags = JSON.parse(el.dataset.flags || "[]");
      return Array.isArray(flags) ? flags : [];
    } catch (err) {
      return [];
    }
  }

  function note(text) {
    var el = document.getElementById("store-note");
    el.textContent = text;
    el.hidden = !text;
  }

  // ------------------------------------------------------------------ the storage: IndexedDB, per report

  var db = null;

  function openStore(done) {
    var request;
    try {
      request = window.indexedDB.open("translate-review:" + data.key, 1);
    } catch (err) {
      note("Your work cannot be kept in this browser (" + err.name + "); download the review before closing.");
      return done();
    }
    request.onupgradeneeded = function () {
      request.result.createObjectStore("units");
      request.result.createObjectStore("bulk");
      request.result.createObjectStore("meta");  // "tally": what the storage changes in the report's counts
    };
    request.onsuccess = function () { db = request.result; done(); };
    request.onerror = function () {
      note("Your work cannot be kept in this browser; download the review before closing.");
      done();
    };
  }

  // Every stored unit and bulk approval of the report, checked (another file:// page could have written them).
  function readAll(done) {
    var units = Object.create(null);
    var bulk = [];
    if (!db) return done(units, bulk);
    var t = db.transaction(["units", "bulk"]);
    var keys = t.objectStore("units").getAllKeys();
    var values = t.objectStore("units").getAll();
    var bulkValues = t.objectStore("bulk").getAll();
    t.oncomplete = function () {
      keys.result.forEach(function (key, i) { keep(units, key, values.result[i]); });
      bulk = bulkValues.result.filter(validBulk);
      done(units, bulk);
    };
    t.onerror = function () { done(units, bulk); };
  }

  function keep(units, key, v) {  // a unit counts only under its own id
    if (validUnit(v) && key === unitId(v.n, v.kind === "sentence" ? v.paragraph : null, v.sentence)) units[key] = v;
  }

  function isText(v) { return typeof v === "string"; }
  function isIndex(v) { return typeof v === "number" && v >= 0 && Math.floor(v) === v; }

  function validUnit(v) {
    return v && typeof v === "object" && isText(v.en) && STATUSES.indexOf(v.status) >= 0 && isText(v.comment) &&
      isText(v.time) && isText(v.article) && isText(v.original) && isText(v.machine) &&
      STATUSES.indexOf(v.baseStatus) >= 0 && typeof v.baseEdited === "boolean" && isIndex(v.n) &&
      (v.kind === "summary" || (v.kind === "sentence" && isIndex(v.paragraph) && isIndex(v.sentence) && isText(v.nl)));
  }

  function validBulk(v) {
    return v && typeof v === "object" && isIndex(v.n) && isText(v.article) && isText(v.fp) && isText(v.time) &&
      Array.isArray(v.sentences) && v.sentences.every(function (p) {
        return Array.isArray(p) && p.length === 2 && isIndex(p[0]) && isIndex(p[1]);
      });
  }

  function pending(step) {
    document.body.dataset.pending = String(Number(document.body.dataset.pending || 0) + step);
  }

  // One transaction: the record (or its removal) and the report's tally moved by `diff`, so that a page knows
  // the whole report's counts without reading every record.
  function write(store, key, value, diff, done) {
    if (!db) return done && done();
    try {
      var t = db.transaction([store, "meta"], "readwrite");
      if (value === null) t.objectStore(store).delete(key);
      else t.objectStore(store).put(value, key);
      moveTally(t, diff);
      pending(1);  // writes in flight, for whoever must wait for them (the tests, before leaving a page)
      t.oncomplete = function () { pending(-1); if (done) done(); };
      t.onabort = function () { pending(-1); note("Not kept in this browser (" + (t.error ? t.error.name : "aborted") +
                                     "); download the review before closing."); };
    } catch (err) {
      note("Not kept in this browser (" + err.name + "); download the review before closing.");
    }
  }

  function unitId(n, paragraph, sentence) {
    return "a" + n + (paragraph === null ? "-sum" : "-p" + paragraph + "-s" + sentence);
  }

  // ------------------------------------------------------------------ the whole report's counts

  var counts = {};

  function add(kind, edited, status, sign) {
    if (kind === "summary") counts.summaries += sign * edited;
    else {
      counts.edited += sign * edited;
      counts[status] += sign;
    }
  }

  // The files' counts, then what the storage changed: each stored unit against the file, each bulk approval's
  // sentences that have no unit of their own (open before, approved now).
  function recount(units, bulk) {
    counts = Object.assign({}, data.base);
    Object.keys(units).forEach(function (id) {
      var v = units[id];
      add(v.kind, v.baseEdited, v.baseStatus, -1);
      add(v.kind, v.en !== v.machine, v.status, 1);
    });
    bulk.forEach(function (b) {
      b.sentences.forEach(function (p) {
        if (units[unitId(b.n, p[0], p[1])]) return;
        add("sentence", false, "open", -1);
        add("sentence", false, "approved", 1);
      });
    });
    showCounts();
  }

  var KEYS = ["edited", "approved", "rejected", "open", "summaries"];

  function validTally(v) {
    return v && typeof v === "object" && KEYS.every(function (k) { return typeof v[k] === "number" && isFinite(v[k]); });
  }

  function difference(after, before) {
    var diff = {};
    KEYS.forEach(function (k) { diff[k] = after[k] - before[k]; });
    return diff;
  }

  // Inside a readwrite transaction on "meta": the stored tally moved by `diff`. A missing tally stays missing
  // (the next page to open counts every record once and stores it).
  function moveTally(t, diff) {
    if (!diff) return;
    var meta = t.objectStore("meta");
    var request = meta.get("tally");
    request.onsuccess = function () {
      if (!validTally(request.result)) return;
      var tally = request.result;
      KEYS.forEach(function (k) { tally[k] += diff[k]; });
      meta.put(tally, "tally");
    };
  }

  function saveTally() {
    if (!db) return;
    var t = db.transaction("meta", "readwrite");
    t.objectStore("meta").put(difference(counts, data.base), "tally");
  }

  // The whole report's counts: the files' counts and the stored tally, or (no tally yet, or one that does not
  // add up) every stored record counted once.
  function loadCounts(done) {
    function countAll() {
      readAll(function (units, bulk) {
        recount(units, bulk);
        saveTally();
        done();
      });
    }
    if (!db) return done(showCounts());
    var request = db.transaction("meta").objectStore("meta").get("tally");
    request.onsuccess = function () {
      if (!validTally(request.result)) return countAll();
      counts = {};
      KEYS.forEach(function (k) { counts[k] = data.base[k] + request.result[k]; });
      if (KEYS.some(function (k) { return counts[k] < 0; })) return countAll();
      showCounts();
      done();
    };
    request.onerror = countAll;
  }

  function showCounts() {
    document.querySelectorAll("[data-count]").forEach(function (el) {
      el.textContent = String(counts[el.dataset.count]);
    });
  }

  // ------------------------------------------------------------------ the download: the whole review

  function positionOrder(a, b) {
    var pa = a.paragraph === undefined ? Infinity : a.paragraph;
    var pb = b.paragraph === undefined ? Infinity : b.paragraph;
    return a.n - b.n || pa - pb || (a.sentence || 0) - (b.sentence || 0);
  }

  // Bulk approvals first (each with the sentences decided otherwise since), then every stored unit.
  function download() {
    readAll(function (units, bulk) {
      var items = bulk.sort(function (a, b) { return a.n - b.n; }).map(function (b) {
        var item = { kind: "bulk", article: b.article, status: "approved", sentences: b.sentences, fingerprint: b.fp };
        var except = b.sentences.filter(function (p) { return units[unitId(b.n, p[0], p[1])]; });
        if (except.length) item.except = except;
        item.time = b.time;
        return item;
      });
      var stored = Object.keys(units).map(function (id) { return units[id]; }).map(function (v) {
        return Object.assign({ n: v.n }, v.kind === "sentence" ? { paragraph: v.paragraph, sentence: v.sentence } : {},
                             { v: v });
      }).sort(positionOrder);
      stored.forEach(function (s) {
        var v = s.v;
        var item = v.kind === "sentence"
          ? { kind: "sentence", article: v.article, paragraph: v.paragraph, sentence: v.sentence, nl: v.nl }
          : { kind: "summary", article: v.article };
        item.original = v.original;
        item.en = v.en;
        item.status = v.status;
        item.comment = v.comment;
        item.time = v.time;
        items.push(item);
      });
      var review = { format: "translate-review", version: 1, report: data.key, folder: data.folder, items: items };
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([JSON.stringify(review, null, 1) + "\n"], { type: "application/json" }));
      link.download = data.folder + ".review.json";
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
    });
  }
  document.getElementById("download").addEventListener("click", download);

  // Pages with something to look at (with the flag shown, when a flag is), after or before page `from`.
  function pageWith(from, direction, flag) {
    for (var i = from + direction; i >= 0 && i < data.pages.length; i += direction) {
      var page = data.pages[i];
      if (flag ? page.flags[flag] > 0 : page.attn > 0) return page;
    }
    return null;
  }

  function go(page, where) {
    window.location.href = page.href + "#" + where + (filter.value ? ":" + encodeURIComponent(filter.value) : "");
  }

  function hasOption(value) {
    return Array.prototype.some.call(filter.options, function (o) { return o.value === value; });
  }

  if (onIndex) indexPage(); else articlesPage();

  // ------------------------------------------------------------------ the index

  function indexPage() {
    var blocks = Array.prototype.slice.call(document.querySelectorAll("#articles tbody"));
    var sizes = blocks.map(function (block) { return block.rows.length; });
    var rows = [];
    blocks.forEach(function (block) { rows.push.apply(rows, block.rows); });
    var byNumber = Object.create(null);
    data.articles.forEach(function (a) { byNumber[a.n] = a; });
    var rowFlags = rows.map(function (row) {
      var article = byNumber[row.cells[0].textContent];
      return article && Array.isArray(article.flags) ? article.flags : [];
    });
    var sortKey = null;

    function setFilter(value) {
      if (!hasOption(value)) value = "";
      filter.value = value;
      var flag = value.indexOf("flag:") === 0 ? value.slice(5) : null;
      rows.forEach(function (row, i) {
        row.hidden = value === "attn" ? row.cells[3].textContent === "0" : flag !== null && rowFlags[i].indexOf(flag) < 0;
      });
    }
    filter.addEventListener("change", function () { setFilter(filter.value); });
    setFilter(filter.value);

    // Sorting: a click on a column's head, again for the other direction. Numbers as numbers; no score last.
    var COLUMNS = { n: 0, id: 1, sentences: 2, attn: 3, flagged: 4, low: 5, lowest: 6 };
    function value(row, key) {
      var text = row.cells[COLUMNS[key]].textContent;
      if (key === "id") return text;
      return text === "" ? Infinity : Number(text);
    }
    document.querySelectorAll("#articles th[data-sort]").forEach(function (th) {
      th.tabIndex = 0;
      function sort() {
        var key = th.dataset.sort;
        var direction = sortKey === key ? -1 : (key === "attn" || key === "flagged" || key === "low" ? -1 : 1);
        sortKey = direction === 1 ? key : (sortKey === key ? null : key);
        var keyed = rows.map(function (row) { return [value(row, key), Number(row.cells[0].textContent), row]; });
        keyed.sort(function (a, b) {
          if (a[0] < b[0]) return -direction;
          if (a[0] > b[0]) return direction;
          return a[1] - b[1];
        });
        var at = 0;  // the rows in their new order, block by block
        blocks.forEach(function (block, i) {
          block.append.apply(block, keyed.slice(at, at + sizes[i]).map(function (k) { return k[2]; }));
          at += sizes[i];
        });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sort(); e.preventDefault(); } });
    });

    // Approve every unflagged sentence of the report: one bulk record per article, one confirmation.
    document.getElementById("bulk").addEventListener("click", function () {
      var articles = data.articles.filter(function (a) { return a.bulk.length; });
      var total = articles.reduce(function (sum, a) { return sum + a.bulk.length; }, 0);
      if (!total || !window.confirm("Approve all " + total + " sentences with nothing to look at (no flag, no low " +
                                    "score, no review yet) in " + articles.length + " articles?")) return;
      approveArticles(articles, null, function () {
        readAll(function (units, bulk) {
          recount(units, bulk);
          saveTally();
        });
      });
    });

    document.addEventListener("keydown", function (e) {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || typing(e.target) || e.target === filter) return;
      var flag = filter.value.indexOf("flag:") === 0 ? filter.value.slice(5) : null;
      if (e.key === "n") {
        var page = pageWith(-1, 1, flag);
        if (page) go(page, "first");
      } else if (e.key === "d") download();
      else return;
      e.preventDefault();
    });

    openStore(function () {
      loadCounts(function () {
        if (window.performance && performance.mark) performance.mark("review-ready");
        document.body.dataset.reviewReady = "1";
      });
    });
  }

  // One bulk record per article, written in one transaction.
  function approveArticles(articles, diff, done) {
    var time = new Date().toISOString();
    if (!db) return done();
    var t = db.transaction(["bulk", "meta"], "readwrite");
    var store = t.objectStore("bulk");
    articles.forEach(function (a) {
      store.put({ n: a.n, article: a.id, sentences: a.bulk, fp: a.fp, time: time }, "a" + a.n);
    });
    moveTally(t, diff);
    t.oncomplete = done;
    t.onabort = function () { note("Not kept in this browser; download the review before closing."); done(); };
  }

  // ------------------------------------------------------------------ a page of articles

  function articlesPage() {
    var hovered = null;
    var focused = null;
    var lit = [];
    var pairs = Object.create(null);  // data-pair -> its spans, both sides
    var byFlag = Object.create(null);  // flag -> the elements that carry it (both sides, summaries)
    var picked = [];
    document.querySelectorAll(".s[data-pair]").forEach(function (el) {
      (pairs[el.dataset.pair] = pairs[el.dataset.pair] || []).push(el);
    });
    document.querySelectorAll("[data-flags]").forEach(function (el) {
      flagsOf(el).forEach(function (flag) { (byFlag[flag] = byFlag[flag] || []).push(el); });
    });
    var targets = Array.prototype.slice.call(document.querySelectorAll(".en .s.attn, .sum.attn"));
    var targetAt = new Map(targets.map(function (el, i) { return [el, i]; }));

    function sentenceOf(node) {
      return node && node.closest ? node.closest(".s[data-pair]") : null;
    }

    // A sentence and its counterpart in the other language share data-pair; light up both.
    function light() {
      lit.forEach(function (el) { el.classList.remove("hl"); });
      lit = [];
      [hovered, focused].forEach(function (s) {
        (s ? pairs[s.dataset.pair] || [] : []).forEach(function (el) { el.classList.add("hl"); lit.push(el); });
      });
    }
    document.addEventListener("mouseover", function (e) {
      var s = sentenceOf(e.target);
      if (s !== hovered) { hovered = s; light(); }
    });
    document.addEventListener("focusin", function (e) { focused = sentenceOf(e.target); light(); });
    document.addEventListener("focusout", function () { focused = null; light(); });

    // The filter: "" everything, "attn" flagged and low-score sentences, "flag:<name>" the sentences and
    // summaries with that flag. Only the elements with the flag are touched.
    function setFilter(value) {
      if (!hasOption(value)) value = "";
      filter.value = value;
      var flag = value.indexOf("flag:") === 0 ? value.slice(5) : null;
      document.body.classList.toggle("only-attn", value === "attn");
      document.body.classList.toggle("only-flag", flag !== null);
      picked.forEach(function (el) { el.classList.remove("pick"); });
      picked = [];
      if (flag === null) return;
      (byFlag[flag] || []).forEach(function (el) {
        var marks = el.nextElementSibling;
        [el, el.closest(".para"), el.closest(".summary"), el.closest(".article"),
         marks && marks.classList.contains("marks") ? marks : null].forEach(function (node) {
          if (node && !node.classList.contains("pick")) { node.classList.add("pick"); picked.push(node); }
        });
      });
    }
    filter.addEventListener("change", function () { setFilter(filter.value); });
    setFilter(filter.value);  // a reload may restore the choice

    function nextFlag() {
      var flags = Array.prototype.filter.call(filter.options, function (o) { return o.value.indexOf("flag:") === 0; });
      var at = flags.findIndex(function (o) { return o.value === filter.value; });
      setFilter(at + 1 < flags.length ? flags[at + 1].value : "");
    }

    function shown(el) { return el.getClientRects().length > 0; }

    function focusOn(el) {
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: "center" });
    }

    // From the focused sentence (either side) or summary to the next shown target; past the last, the next page
    // with something to look at (with the flag shown, if one is).
    function step(direction) {
      var here = sentenceOf(document.activeElement) || document.activeElement;
      var anchor = here && here.dataset && here.dataset.pair ? elements[here.dataset.pair] : here;
      var at = targetAt.has(anchor) ? targetAt.get(anchor) : null;
      if (at === null && anchor && anchor !== document.body && targets.length) {
        at = direction > 0 ? -1 : targets.length;  // from a plain sentence: the nearest target after (before) it
        for (var i = 0; i < targets.length; i++) {
          var after = anchor.compareDocumentPosition(targets[i]) & Node.DOCUMENT_POSITION_FOLLOWING;
          if (after) { at = direction > 0 ? i - 1 : i; break; }
        }
      }
      if (at === null) at = direction > 0 ? -1 : targets.length;
      for (var j = at + direction; j >= 0 && j < targets.length; j += direction) {
        if (shown(targets[j])) return focusOn(targets[j]);
      }
      var flag = filter.value.indexOf("flag:") === 0 ? filter.value.slice(5) : null;
      var page = pageWith(data.page, direction, flag);
      if (page) go(page, direction > 0 ? "first" : "last");
      else note(direction > 0 ? "Nothing more to look at after this." : "Nothing to look at before this.");
    }

    document.addEventListener("keydown", function (e) {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || typing(e.target)) return;
      if (e.target === filter) return;  // the select's own keys choose among its options
      var key = e.key.toLowerCase();
      if (key === "n" || key === "j") step(1);
      else if (key === "p" || key === "k") step(-1);
      else if (e.key === "F") nextFlag();
      else if (key === "f") setFilter(filter.value === "attn" ? "" : "attn");
      else if (e.key === "d") download();
      else if (e.key === "A") bulkArticle();
      else return;
      e.preventDefault();
    });

    // ---------------------------------------------------------------- reviewing

    var units = [];
    var byId = Object.create(null);  // no prototype: ids from the storage cannot reach Object.prototype
    var articles = Object.create(null);  // n -> the article's data
    var editing = null;
    var elements = Object.create(null);
    document.querySelectorAll(".en .s[data-pair]").forEach(function (el) { elements[el.dataset.pair] = el; });
    document.querySelectorAll("[data-unit]").forEach(function (el) { elements[el.dataset.unit] = el; });

    data.articles.forEach(function (article) {
      articles[article.n] = article;
      article.paragraphs.forEach(function (sentences, p) {
        sentences.forEach(function (s, i) { addUnit(article, p, i, s); });
      });
      if (article.summary) addUnit(article, null, null, article.summary);
      var section = document.getElementById("a" + article.n);
      if (section && article.bulk.length) {
        var approve = document.createElement("button");
        approve.type = "button";
        approve.className = "bulk";
        approve.textContent = "Approve the " + article.bulk.length + " unflagged sentences";
        approve.addEventListener("click", function () { bulkArticle(article); });
        section.querySelector("h2").after(approve);
      }
    });

    // `original` is the English the file holds now: translate apply refuses a correction made against another.
    function addUnit(article, paragraph, sentence, s) {
      var id = unitId(article.n, paragraph, sentence);
      var el = elements[id];
      var marks = el.nextElementSibling;
      var unit = {
        id: id, n: article.n, article: article.id, paragraph: paragraph, sentence: sentence, nl: s.nl,
        original: s.en, machine: typeof s.mt === "string" ? s.mt : s.en, reviewed: typeof s.status === "string",
        el: el, marks: marks && marks.classList.contains("marks") ? marks : null, suggestion: s.suggestion || null,
        info: el.title.split(" | review: ")[0].replace(/^review: .*/, ""), time: "",
        en: s.en, status: s.status || "open", comment: s.comment || ""
      };
      unit.file = { en: unit.en, status: unit.status, comment: unit.comment };
      unit.base = unit.file;  // the file, or the file with a bulk approval
      unit.stored = false;
      units.push(unit);
      byId[id] = unit;
    }

    function isSentence(unit) { return unit.paragraph !== null; }
    function kind(unit) { return isSentence(unit) ? "sentence" : "summary"; }

    function tally(unit, sign) {
      add(kind(unit), unit.en !== unit.machine, unit.status, sign);
    }

    function render(unit) {
      var el = unit.el;
      if (el.textContent !== unit.en) el.textContent = unit.en;
      el.classList.toggle("edited", unit.en !== unit.machine);
      el.classList.toggle("st-approved", unit.status === "approved");
      el.classList.toggle("st-rejected", unit.status === "rejected");
      el.classList.toggle("commented", unit.comment !== "");
      var review = "";
      if (unit.reviewed || changed(unit, unit.file)) {
        review = "review: " + unit.status + (unit.en !== unit.machine ? "; machine: " + unit.machine : "") +
          (unit.comment ? "; comment: " + unit.comment : "");
      }
      el.title = unit.info && review ? unit.info + " | " + review : unit.info + review;
      // The flags describe the English of the file; once the reviewer changed it, they are the machine's.
      if (unit.marks) {
        var stale = unit.en !== unit.original;
        unit.marks.classList.toggle("stale", stale);
        unit.marks.title = stale ? "flags of the machine output, not of the edited English" : "";
      }
    }

    function changed(unit, base) {
      return unit.en !== base.en || unit.status !== base.status || unit.comment !== base.comment;
    }

    function record(unit) {
      return {
        kind: kind(unit), n: unit.n, article: unit.article, paragraph: unit.paragraph, sentence: unit.sentence,
        nl: isSentence(unit) ? unit.nl : null, original: unit.original, machine: unit.machine,
        baseEdited: unit.file.en !== unit.machine, baseStatus: unit.file.status,
        en: unit.en, status: unit.status, comment: unit.comment, time: unit.time
      };
    }

    // One record per unit: written when it differs from the file (or its bulk approval), deleted when not.
    function persist(unit, diff) {
      var keep = changed(unit, unit.base);
      if (!keep && !unit.stored) return;
      unit.stored = keep;
      write("units", unit.id, keep ? record(unit) : null, diff, function () {
        document.body.dataset.saved = String(Number(document.body.dataset.saved || 0) + 1);
      });
    }

    function change(unit, fields) {
      var before = Object.assign({}, counts);
      tally(unit, -1);
      Object.keys(fields).forEach(function (key) { unit[key] = fields[key]; });
      unit.time = new Date().toISOString();
      tally(unit, 1);
      render(unit);
      persist(unit, difference(counts, before));
      showCounts();
    }

    // A bulk approval (of this article, or of the report from the index) under the units it covers.
    function coverWithBulk(unit) {
      if (unit.reviewed || !isSentence(unit)) return;
      unit.base = { en: unit.file.en, status: "approved", comment: unit.file.comment };
      if (unit.stored) return;  // a decision of its own wins
      tally(unit, -1);
      unit.status = "approved";
      tally(unit, 1);
      render(unit);
    }

    function bulkArticle(article) {
      if (!article) {
        var unit = unitOf(document.activeElement);
        article = unit ? articles[unit.n] : null;
      }
      if (!article) return note("Focus a sentence of the article first (Tab, or a click).");
      if (!article.bulk.length) return note("Every sentence of this article has something to look at or a review.");
      if (!window.confirm("Approve the " + article.bulk.length + " sentences of " + article.id + " with nothing to " +
                          "look at (no flag, no low score, no review yet)?")) return;
      var before = Object.assign({}, counts);
      article.bulk.forEach(function (p) {
        var unit = byId[unitId(article.n, p[0], p[1])];
        if (unit) coverWithBulk(unit);
      });
      showCounts();
      approveArticles([article], difference(counts, before), function () {
        document.body.dataset.bulk = String(Number(document.body.dataset.bulk || 0) + 1);
      });
    }

    function restore(stored, bulk) {
      bulk.forEach(function (b) {
        var article = articles[b.n];
        if (!article || article.id !== b.article) return;
        b.sentences.forEach(function (p) {
          var unit = byId[unitId(b.n, p[0], p[1])];
          if (unit && !unit.reviewed && isSentence(unit)) {
            unit.base = { en: unit.file.en, status: "approved", comment: unit.file.comment };
            unit.status = "approved";
          }
        });
      });
      Object.keys(stored).forEach(function (id) {
        var unit = byId[id];
        var v = stored[id];
        if (!unit || v.article !== unit.article || v.original !== unit.original) return;
        unit.en = v.en;
        unit.status = v.status;
        unit.comment = v.comment;
        unit.time = v.time;
        unit.stored = true;
      });
      units.forEach(function (unit) { if (changed(unit, unit.file)) render(unit); });
    }

    // ---- the editor: a textarea for the English and a line for the comment, under the sentence

    // As translate apply writes English: control characters and line or paragraph separators become spaces,
    // runs of spaces one space, no space at either end.
    function normalise(text) {
      return text.replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, " ").replace(/\p{Zs}+/gu, " ").replace(/^ | $/g, "");
    }

    function button(label, action) {
      var el = document.createElement("button");
      el.type = "button";
      el.textContent = label;
      el.addEventListener("click", action);
      return el;
    }

    function openEditor(unit) {
      if (editing) closeEditor(false);
      var box = document.createElement("div");
      box.className = "editor";
      var text = document.createElement("textarea");
      text.value = unit.en;
      text.rows = isSentence(unit) ? 3 : 5;
      text.setAttribute("aria-label", "English");
      var comment = document.createElement("input");
      comment.type = "text";
      comment.maxLength = 500;
      comment.value = unit.comment;
      comment.placeholder = "comment (optional)";
      comment.setAttribute("aria-label", "comment");
      var hint = document.createElement("span");
      hint.className = "keys";
      hint.textContent = "Ctrl+Enter save, Esc cancel";
      var problem = document.createElement("span");
      problem.className = "refused";
      problem.hidden = true;
      box.append(text, comment, button("Save", function () { closeEditor(true); }),
                 button("Cancel", function () { closeEditor(false); }), hint, problem);
      (unit.marks || unit.el).after(box);
      editing = { unit: unit, box: box, text: text, comment: comment, problem: problem };
      text.focus();
    }

    function closeEditor(save) {
      var e = editing;
      if (save) {
        var english = normalise(e.text.value);
        if (english === "") {  // an empty English would be an invisible sentence: refused, the editor stays
          e.problem.textContent = "The English cannot be empty; Esc keeps the sentence as it was.";
          e.problem.hidden = false;
          e.text.focus();
          return;
        }
        change(e.unit, { en: english, comment: e.comment.value.trim() });
      }
      editing = null;
      e.box.remove();
      e.unit.el.focus({ preventScroll: true });
    }

    function unitOf(node) {
      if (!node || !node.dataset) return null;
      return byId[node.dataset.pair] || byId[node.dataset.unit] || null;
    }

    function editorKeys(e) {
      if (e.key === "Escape") closeEditor(false);
      else if (e.key === "Enter" && (e.ctrlKey || e.metaKey || e.target === editing.comment)) closeEditor(true);
      else return;
      e.preventDefault();
    }

    document.addEventListener("keydown", function (e) {
      if (editing && editing.box.contains(e.target)) return editorKeys(e);
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || typing(e.target)) return;
      var unit = unitOf(document.activeElement);
      if (!unit) return;
      if (e.key === "Enter") openEditor(unit);
      else if (e.key === "a") change(unit, { status: unit.status === "approved" ? "open" : "approved" });
      else if (e.key === "r") change(unit, { status: unit.status === "rejected" ? "open" : "rejected" });
      else if (e.key === "s" && unit.suggestion) change(unit, { en: normalise(unit.suggestion.en) || unit.en });
      else return;
      e.preventDefault();
    });
    document.addEventListener("dblclick", function (e) {
      var unit = unitOf(e.target);
      if (unit && !(editing && editing.unit === unit)) openEditor(unit);
    });

    // Arriving from another page's `n` or `p`: the filter it had, and the first (last) target shown.
    function arrive() {
      var hash = decodeURIComponent(window.location.hash.slice(1));
      var where = hash.split(":")[0];
      if (where !== "first" && where !== "last") return;
      setFilter(hash.slice(where.length + 1));
      var list = targets.filter(shown);
      var pick = where === "first" ? list[0] : list[list.length - 1];
      if (pick) focusOn(pick);
    }

    // This page's stored units and bulk approvals only: opening a page costs what the page holds.
    function readPage(done) {
      var stored = Object.create(null);
      var bulk = [];
      if (!db) return done(stored, bulk);
      var t = db.transaction(["units", "bulk"]);
      var requests = data.articles.map(function (article) {
        var range = IDBKeyRange.bound("a" + article.n + "-", "a" + article.n + "-\uffff");
        return [t.objectStore("units").getAllKeys(range), t.objectStore("units").getAll(range),
                t.objectStore("bulk").get("a" + article.n)];
      });
      t.oncomplete = function () {
        requests.forEach(function (r) {
          r[0].result.forEach(function (key, i) { keep(stored, key, r[1].result[i]); });
          if (validBulk(r[2].result)) bulk.push(r[2].result);
        });
        done(stored, bulk);
      };
      t.onerror = function () { done(stored, bulk); };
    }

    openStore(function () {
      readPage(function (stored, bulk) {
        restore(stored, bulk);
        loadCounts(function () {
          arrive();
          if (window.performance && performance.mark) performance.mark("review-ready");
          document.body.dataset.reviewReady = "1";
        });
      });
    });
  }
})();
