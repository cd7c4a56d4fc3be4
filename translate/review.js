// Enhancements only: the page is complete without this script. It reads the markup, never data.
(function () {
  "use strict";
  var toggle = document.getElementById("only-attn");
  var hovered = null;
  var focused = null;
  document.getElementById("controls").hidden = false;

  function sentenceOf(node) {
    return node && node.closest ? node.closest(".s[data-pair]") : null;
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

  function setFilter(on) {
    toggle.checked = on;
    document.body.classList.toggle("only-attn", on);
  }
  toggle.addEventListener("change", function () { setFilter(toggle.checked); });
  setFilter(toggle.checked);  // a reload may restore the checkbox

  // The English side of every visible flagged or low-score sentence, in page order.
  function targets() {
    return Array.prototype.filter.call(document.querySelectorAll(".en .s.attn"), function (el) {
      return el.getClientRects().length > 0;
    });
  }

  function step(direction) {
    var list = targets();
    var here = sentenceOf(document.activeElement);
    var anchor = here ? document.querySelector('.en .s[data-pair="' + here.dataset.pair + '"]') : null;
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
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var key = e.key.toLowerCase();
    if (key === "n" || key === "j") step(1);
    else if (key === "p" || key === "k") step(-1);
    else if (key === "f") setFilter(!toggle.checked);
    else return;
    e.preventDefault();
  });
})();
