// Enhancements only: the page is complete to read without this script. Reading: highlight pairs, move
// between flagged sentences, filter. Reviewing: edit the English of a sentence or summary, approve or
// reject, comment; kept in the browser's storage and downloaded as a review file for `translate apply`.
// Text from the files or the storage goes into the page through textContent, title and form values only.
(function () {
  "use strict";
  var filter = document.getElementById("filter");
  var hovered = null;
  var focused = null;
  document.getElementById("controls").hidden = false;

  function sentenceOf(node) {
    return node && node.closest ? node.closest(".s[data-pair]") : null;
  }

  // Typing in the editor (or any text field) is not a command.
  function typing(node) {
    return node && (node.tagName === "TEXTAREA" || (node.tagName === "INPUT" && node.type === "text"));
  }

  // A sentence and its counterpart in the other language share data-pair; light up both.
  function light() {
    document.querySelectorAll(".s.hl").forEach(function (el) { el.classList.remove("hl"); });
    [hovered, focused].forEach(function (s) {
      if (!s) return;
      document.querySelectorAll('.s[data-pair="' + s.dataset.pair + '"]').forEach(function (el) {
        el.classList.add("hl");
      });
    });
  }

  document.addEventListener("mouseover", function (e) { hovered = sentenceOf(e.target); light(); });
  document.addEventListener("focusin", function (e) { focused = sentenceOf(e.target); light(); });
  document.addEventListener("focusout", function () { focused = null; light(); });

  // The filter: "" everything, "attn" flagged and low-score sentences, "flag:<name>" the sentences and summaries
  // with that flag. Flags come from data-flags, a JSON list the page writes (read as data, never run).
  function flagsOf(el) {
    try {
      var flags = JSON.parse(el.dataset.flags || "[]");
      return Array.isArray(flags) ? flags : [];
    } catch (err) {
      return [];
    }
  }

  function setFilter(value) {
    if (!Array.prototype.some.call(filter.options, function (o) { return o.value === value; })) value = "";
    filter.value = value;
    var flag = value.indexOf("flag:") === 0 ? value.slice(5) : null;
    document.body.classList.toggle("only-attn", value === "attn");
    document.body.classList.toggle("only-flag", flag !== null);
    document.querySelectorAll(".pick").forEach(function (el) { el.classList.remove("pick"); });
    if (flag === null) return;
    document.querySelectorAll("[data-flags]").forEach(function (el) {
      if (flagsOf(el).indexOf(flag) < 0) return;
      var unit = el.dataset.pair || el.dataset.unit;
      [el, el.closest(".para"), el.closest(".summary"), el.closest(".article"),
       document.querySelector('.marks[data-marks="' + unit + '"]')].forEach(function (node) {
        if (node) node.classList.add("pick");
      });
    });
  }
  filter.addEventListener("change", function () { setFilter(filter.value); });
  setFilter(filter.value);  // a reload may restore the choice

  // The next flag to filter on (Shift+F), after the one shown; back to everything after the last.
  function nextFlag() {
    var flags = Array.prototype.filter.call(filter.options, function (o) { return o.value.indexOf("flag:") === 0; });
    var at = flags.findIndex(function (o) { return o.value === filter.value; });
    setFilter(at + 1 < flags.length ? flags[at + 1].value : "");
  }

  // Every visible flagged or low-score sentence (its English side) and flagged summary, in page order.
  function targets() {
    return Array.prototype.filter.call(document.querySelectorAll(".en .s.attn, .sum.attn"), function (el) {
      return el.getClientRects().length > 0;
    });
  }

  function step(direction) {
    var list = targets();
    var here = sentenceOf(document.activeElement);
    var anchor = here ? document.querySelector('.en .s[data-pair="' + here.dataset.pair + '"]') : null;
    if (!anchor && document.activeElement && document.activeElement.classList.contains("sum")) {
      anchor = document.activeElement;
    }
    var pick;
    if (!anchor) {
      pick = direction > 0 ? list[0] : list[list.length - 1];
    } else if (direction > 0) {
      pick = list.find(function (el) { return anchor.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING; });
    } else {
      pick = list.reverse().find(function (el) {
        return anchor.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING;
      });
    }
    if (pick) {
      pick.focus({ preventScroll: true });
      pick.scrollIntoView({ block: "center" });
    }
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || typing(e.target)) return;
    if (e.target === filter) return;  // the select's own keys choose among its options
    var key = e.key.toLowerCase();
    if (key === "n" || key === "j") step(1);
    else if (key === "p" || key === "k") step(-1);
    else if (e.key === "F") nextFlag();
    else if (key === "f") setFilter(filter.value === "attn" ? "" : "attn");
    else return;
    e.preventDefault();
  });

  // ------------------------------------------------------------------ reviewing

  var data = JSON.parse(document.getElementById("review-data").textContent);
  var storeKey = "translate-review:" + data.key;  // a hash of the report's content: reports never mix
  var STATUSES = ["open", "approved", "rejected"];
  var units = [];  // every sentence and summary, in page order
  var byId = Object.create(null);  // no prototype: ids from the storage cannot reach Object.prototype
  var counts = { edited: 0, approved: 0, rejected: 0, open: 0, summaries: 0 };
  var editing = null;
  var stored = Object.create(null);

  var elements = Object.create(null);
  document.querySelectorAll(".en .s[data-pair]").forEach(function (el) { elements[el.dataset.pair] = el; });
  document.querySelectorAll("[data-unit]").forEach(function (el) { elements[el.dataset.unit] = el; });

  data.articles.forEach(function (article, a) {
    var anchor = "a" + (a + 1);
    article.paragraphs.forEach(function (sentences, p) {
      sentences.forEach(function (s, i) { addUnit(anchor + "-p" + p + "-s" + i, article.id, p, i, s); });
    });
    if (article.summary) addUnit(anchor + "-sum", article.id, null, null, article.summary);
  });

  // `original` is the English the file holds now: translate apply refuses a correction made against another.
  function addUnit(id, article, paragraph, sentence, s) {
    var el = elements[id];
    var unit = {
      id: id, article: article, paragraph: paragraph, sentence: sentence, nl: s.nl, original: s.en,
      machine: typeof s.mt === "string" ? s.mt : s.en, reviewed: typeof s.status === "string", el: el,
      info: el.title.split(" | review: ")[0].replace(/^review: .*/, ""), time: "",
      en: s.en, status: s.status || "open", comment: s.comment || ""
    };
    unit.base = { en: unit.en, status: unit.status, comment: unit.comment };
    units.push(unit);
    byId[id] = unit;
  }

  function isSentence(unit) { return unit.paragraph !== null; }

  function tally(unit, sign) {
    var edited = unit.en !== unit.machine;
    if (!isSentence(unit)) {
      counts.summaries += sign * edited;
      return;
    }
    counts.edited += sign * edited;
    counts[unit.status] += sign;
  }

  function showCounts() {
    document.querySelectorAll("[data-count]").forEach(function (el) {
      el.textContent = String(counts[el.dataset.count]);
    });
  }

  function render(unit) {
    var el = unit.el;
    if (el.textContent !== unit.en) el.textContent = unit.en;
    el.classList.toggle("edited", unit.en !== unit.machine);
    el.classList.toggle("st-approved", unit.status === "approved");
    el.classList.toggle("st-rejected", unit.status === "rejected");
    el.classList.toggle("commented", unit.comment !== "");
    var review = "";
    if (unit.reviewed || changed(unit)) {
      review = "review: " + unit.status + (unit.en !== unit.machine ? "; machine: " + unit.machine : "") +
        (unit.comment ? "; comment: " + unit.comment : "");
    }
    el.title = unit.info && review ? unit.info + " | " + review : unit.info + review;
  }

  function changed(unit) {
    return unit.en !== unit.base.en || unit.status !== unit.base.status || unit.comment !== unit.base.comment;
  }

  // ---- the browser's storage: only what differs from the file, under the report's key

  function note(text) {
    var el = document.getElementById("store-note");
    el.textContent = text;
    el.hidden = !text;
  }

  function restore() {
    var saved = null;
    try {
      saved = JSON.parse(window.localStorage.getItem(storeKey) || "null");
    } catch (err) {
      note("Your work cannot be kept in this browser (" + err.name + "); download the review before closing.");
    }
    var savedUnits = saved && typeof saved.units === "object" && saved.units ? saved.units : {};
    Object.keys(savedUnits).forEach(function (id) {
      var unit = byId[id];
      var v = savedUnits[id];
      if (!unit || !v || typeof v.en !== "string" || STATUSES.indexOf(v.status) < 0 ||
          typeof v.comment !== "string") return;
      unit.en = v.en;
      unit.status = v.status;
      unit.comment = v.comment;
      unit.time = typeof v.time === "string" ? v.time : "";
      stored[id] = { en: unit.en, status: unit.status, comment: unit.comment, time: unit.time };
      render(unit);
    });
  }

  function persist(unit) {
    if (changed(unit)) stored[unit.id] = { en: unit.en, status: unit.status, comment: unit.comment, time: unit.time };
    else delete stored[unit.id];
    try {
      window.localStorage.setItem(storeKey, JSON.stringify({ version: 1, units: stored }));
    } catch (err) {
      note("Not kept in this browser (" + err.name + "); download the review before closing.");
    }
  }

  function change(unit, fields) {
    tally(unit, -1);
    Object.keys(fields).forEach(function (key) { unit[key] = fields[key]; });
    unit.time = new Date().toISOString();
    tally(unit, 1);
    render(unit);
    persist(unit);
    showCounts();
  }

  // ---- the editor: a textarea for the English and a line for the comment, under the sentence

  // As translate apply (and the pipeline) write English: one line, single spaces.
  function normalise(text) {
    return text.replace(/[ \t\n\r\f\v]+/g, " ").replace(/^ | $/g, "");
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
    box.append(text, comment, button("Save", function () { closeEditor(true); }),
               button("Cancel", function () { closeEditor(false); }), hint);
    unit.el.after(box);
    editing = { unit: unit, box: box, text: text, comment: comment };
    text.focus();
  }

  function closeEditor(save) {
    var e = editing;
    editing = null;
    if (save) change(e.unit, { en: normalise(e.text.value), comment: e.comment.value.trim() });
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
    var key = e.key.toLowerCase();
    if (e.key === "Enter") openEditor(unit);
    else if (key === "a") change(unit, { status: unit.status === "approved" ? "open" : "approved" });
    else if (key === "r") change(unit, { status: unit.status === "rejected" ? "open" : "rejected" });
    else return;
    e.preventDefault();
  });
  document.addEventListener("dblclick", function (e) {
    var unit = unitOf(e.target);
    if (unit && !(editing && editing.unit === unit)) openEditor(unit);
  });

  // ---- the download: every unit reviewed before (in the file) or changed here, for translate apply

  function item(unit) {
    var fields = isSentence(unit)
      ? { kind: "sentence", article: unit.article, paragraph: unit.paragraph, sentence: unit.sentence, nl: unit.nl }
      : { kind: "summary", article: unit.article };
    fields.original = unit.original;
    fields.en = unit.en;
    fields.status = unit.status;
    fields.comment = unit.comment;
    fields.time = unit.time;
    return fields;
  }

  function download() {
    var items = units.filter(function (u) { return u.reviewed || changed(u); }).map(item);
    var review = { format: "translate-review", version: 1, report: data.key, folder: data.folder, items: items };
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([JSON.stringify(review, null, 1) + "\n"], { type: "application/json" }));
    link.download = data.folder + ".review.json";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
  }
  document.getElementById("download").addEventListener("click", download);

  restore();
  units.forEach(function (unit) { tally(unit, 1); });
  showCounts();
  document.body.dataset.reviewReady = "1";
})();
