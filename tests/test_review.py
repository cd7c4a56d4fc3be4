"""`translate review`: the static HTML page, checked as markup and in a real headless browser."""

from __future__ import annotations

import json
import shutil
import statistics
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, read_jsonl

from translate.cli import main
from translate.review import ReviewSettings, build_report

HOSTILE = [
    '<script>window.__pwned=1</script> Dit is een test.',
    '<img src=x onerror="window.__pwned=2"> Tom & Jerry zeggen "hallo" en \'dag\'.',
    "Prijs: 5 &amp; 6 &lt;b&gt; euro.</span></div><b>vet",
]


def sentence(nl: str, en: str, score: float | None = -0.5, flags: tuple[str, ...] = ()) -> dict:
    return {"nl": nl, "en": en, "score": score, "flags": list(flags)}


def write_article(folder: Path, article_id: str, paragraphs: list[list[dict]], summary: str | None = "A summary.",
                  source: str | None = None) -> Path:
    header = {"type": "article", "schema": 1, "id": article_id, "source": source or f"seeds/{article_id}.txt",
              "source_sha256": "0" * 64, "date": "2022-02", "paragraphs": len(paragraphs),
              "sentences": sum(map(len, paragraphs)),
              "models": {"translation": {"name": "marian<b>", "revision": "local:abc"}, "summary": None},
              "settings": {}}
    records = [header, *({"type": "paragraph", "index": i, "nl": " ".join(s["nl"] for s in p),
                          "en": " ".join(s["en"] for s in p), "sentences": p} for i, p in enumerate(paragraphs))]
    if summary is not None:
        records.append({"type": "summary", "en": summary, "model": "bart"})
    path = folder / f"{article_id}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture()
def hostile_run(tmp_path) -> Path:
    """Markup, entities and quotes in every field a page shows, one flagged and one low-score sentence."""
    out = tmp_path / "out"
    write_article(out, 'a<b>"x"&y', [
        [sentence(HOSTILE[0], HOSTILE[1]), sentence("Gewoon.", "Plain.", -3.5)],
        [sentence(HOSTILE[2], "Price: 5 &amp; 6 <b>euro</b>.", flags=("markup",)),
         sentence("123", "123", None, ("passthrough",))],
    ], summary='<script>window.__pwned=3</script> "Summary" & more', source="<i>src</i>.txt")
    write_article(out, "b-quiet", [[sentence("Rustig.", "Quiet."), sentence("Stil.", "Still.", -1.0)]])
    return out


class Page(HTMLParser):
    """The parts of the page the tests look at: sentence spans by pair and side, counts, summary, tag counts."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.spans: dict[tuple[str, str], dict] = {}
        self.counts: dict[str, int] = {}
        self.summaries: list[str] = []
        self.tags: Counter = Counter()
        self.scripts: list[str | None] = []  # the type of each <script>
        self.side = self.current = self.count = None
        self.in_summary: bool | str = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags[tag] += 1
        if tag == "script":
            self.scripts.append(attrs.get("type"))
        classes = (attrs.get("class") or "").split()
        if tag == "div" and ("nl" in classes or "en" in classes):
            self.side = classes[0]
        if tag == "div" and "summary" in classes:
            self.in_summary = True
        if tag == "p" and self.in_summary:
            self.summaries.append("")
            self.in_summary = "p"
        if tag == "span" and "data-pair" in attrs:
            self.current = (attrs["data-pair"], self.side)
            self.spans[self.current] = {"text": "", "classes": classes, "title": attrs.get("title")}
        if tag == "li" and classes and classes[0].startswith("count-"):
            self.count = classes[0].removeprefix("count-")

    def handle_endtag(self, tag):
        if tag == "span":
            self.current = None
        if tag == "div":
            self.side = None
            self.in_summary = False
        if tag == "p" and self.in_summary:
            self.in_summary = True

    def handle_data(self, data):
        if self.current:
            self.spans[self.current]["text"] += data
        elif self.in_summary == "p":
            self.summaries[-1] += data
        elif self.count:
            self.counts[self.count] = int(data)
            self.count = None


def page_data(text: str) -> dict:
    """The page's data block, as the script reads it."""
    block = text.split('<script type="application/json" id="review-data">')[1].split("</script>")[0]
    assert "<" not in block and "&" not in block
    return json.loads(block)


def all_sentences(folder: Path) -> list[dict]:
    return [s for path in sorted(folder.rglob("*.jsonl")) for r in read_jsonl(path) if r["type"] == "paragraph"
            for s in r["sentences"]]


# ---------------------------------------------------------------- the markup


def test_every_sentence_and_summary_is_on_the_page_escaped(hostile_run):
    result = build_report(ReviewSettings(hostile_run))
    text = result.report.read_text(encoding="utf-8")
    page = Page(text)
    expected = all_sentences(hostile_run)
    nl = [v["text"] for (pair, side), v in page.spans.items() if side == "nl"]
    en = [v["text"] for (pair, side), v in page.spans.items() if side == "en"]
    assert nl == [s["nl"] for s in expected] and en == [s["en"] for s in expected]
    assert page.summaries == ['<script>window.__pwned=3</script> "Summary" & more', "A summary."]
    # The only script that runs is ours, and nothing from the articles became an element or an attribute;
    # the data block holds the text exactly, with no "<" that could end it early.
    assert page.scripts == ["application/json", None] and page.tags["img"] == 0 and page.tags["i"] == 0
    assert "window.__pwned" not in text.split("<script>")[-1]
    data = page_data(text)
    assert [s["en"] for a in data["articles"] for p in a["paragraphs"] for s in p] == [s["en"] for s in expected]
    assert data["articles"][0]["id"] == 'a<b>"x"&y' and data["articles"][0]["summary"]["en"].startswith("<script>")
    assert page.counts == {"articles": 2, "paragraphs": 3, "sentences": 6, "flagged": 2, "low": 1, "attention": 3,
                           "failed": 0, "unreadable": 0}
    assert (result.counts.sentences, result.counts.flagged, result.counts.low) == (6, 2, 1)


def test_flags_and_low_scores_stand_out_and_null_is_not_low(hostile_run):
    page = Page(build_report(ReviewSettings(hostile_run, low_score=-3.0)).report.read_text(encoding="utf-8"))
    low, markup, plain, passthrough = (page.spans[(p, "en")] for p in ("a1-p0-s1", "a1-p1-s0", "a1-p0-s0", "a1-p1-s1"))
    assert {"low", "attn"} <= set(low["classes"]) and "score -3.50" in low["title"]
    assert {"flag", "attn"} <= set(markup["classes"]) and "flags: markup" in markup["title"]
    assert plain["classes"] == ["s"]
    assert "low" not in passthrough["classes"] and "passthrough" in passthrough["title"]
    assert {"flag", "attn"} <= set(passthrough["classes"])  # a flag like any other: a reason to look


def test_the_page_is_the_same_bytes_for_the_same_folder(hostile_run, tmp_path, monkeypatch):
    first = build_report(ReviewSettings(hostile_run, tmp_path / "one.html")).report.read_bytes()
    monkeypatch.chdir(hostile_run.parent)
    second = build_report(ReviewSettings(Path(hostile_run.name), tmp_path / "two.html")).report.read_bytes()
    assert first == second and b"/tmp" not in first


def test_cli_writes_out_review_html_by_default_and_o_elsewhere(hostile_run, tmp_path, capsys):
    assert main(["review", str(hostile_run)]) == 0
    assert (hostile_run / "review.html").is_file()
    assert main(["review", str(hostile_run), "-o", str(tmp_path / "r" / "page.html"), "--low-score", "-1"]) == 0
    assert Page((tmp_path / "r" / "page.html").read_text(encoding="utf-8")).counts["low"] == 1
    assert "review of 2 articles" in capsys.readouterr().err
    assert not list(hostile_run.glob(".*.tmp"))


def test_unreadable_files_are_skipped_named_and_listed(hostile_run, capsys):
    (hostile_run / "broken.jsonl").write_text('{"type": "article", "schema": 1, "id": "x"\n', encoding="utf-8")
    (hostile_run / "latin1.jsonl").write_bytes(b'{"type": "article", "id": "caf\xe9"}\n')
    (hostile_run / "future.jsonl").write_text('{"type": "article", "schema": 9, "id": "f", "source": "f"}\n')
    bad = write_article(hostile_run, "badscore", [[sentence("Een.", "One.")]])
    bad.write_text(bad.read_text(encoding="utf-8").replace('"score": -0.5', '"score": "high"'), encoding="utf-8")
    (hostile_run / ".hidden.jsonl.tmp").write_text("junk")
    (hostile_run / "empty.jsonl").write_text("")
    (hostile_run / "folder.jsonl").mkdir()
    assert main(["review", str(hostile_run)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for name, problem in [("broken.jsonl:1", "not JSON"), ("latin1.jsonl", "not UTF-8"),
                          ("future.jsonl:1", "schema 9; this version reads schema 1"),
                          ("badscore.jsonl:2", "sentence 0: 'score' should be"), ("empty.jsonl", "empty file"),
                          ("folder.jsonl", "cannot be read")]:
        assert f"{hostile_run / name}: {problem}" in err
    page = Page((hostile_run / "review.html").read_text(encoding="utf-8"))
    assert page.counts["unreadable"] == 6 and page.counts["articles"] == 2


def test_a_report_that_cannot_be_written_is_a_usage_error(hostile_run, capsys):
    blocker = hostile_run / "a-file"
    blocker.write_text("x")
    assert main(["review", str(hostile_run), "-o", str(blocker / "review.html")]) == 2
    err = capsys.readouterr().err
    assert "cannot write the report" in err and "-o" in err and "Traceback" not in err


@pytest.mark.parametrize("make", ["missing", "empty", "file"])
def test_no_folder_or_no_articles_is_a_usage_error(tmp_path, capsys, make):
    target = tmp_path / "out"
    if make == "empty":
        target.mkdir()
        (target / "manifest.json").write_text("{}")
    elif make == "file":
        target.write_text("x")
    assert main(["review", str(target)]) == 2
    err = capsys.readouterr().err
    assert str(target) in err and "Traceback" not in err


def test_failed_articles_from_the_manifest_are_listed(hostile_run):
    manifest = {"articles": [{"id": "ok", "source": "ok.txt", "status": "ok", "reason": None},
                             {"id": "bad<1>", "source": "seeds/bad.txt", "status": "failed",
                              "reason": "invalid UTF-8 at byte 7 (line 1); try --encoding cp1252"}],
                "interrupted": False}
    (hostile_run / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    text = build_report(ReviewSettings(hostile_run)).report.read_text(encoding="utf-8")
    assert Page(text).counts["failed"] == 1
    assert "<code>bad&lt;1&gt; (seeds/bad.txt)</code>: invalid UTF-8 at byte 7 (line 1); try --encoding cp1252" in text


# ---------------------------------------------------------------- in a real browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"chromium not found at {CHROMIUM} (apt-get install chromium; scripts/test.sh does)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


def open_page(browser, report: Path, width: int = 1280, javascript: bool = True):
    """A fresh page on the report; every request it makes is kept in page.requests."""
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.goto(report.as_uri())
    return page


def visible(page, selector: str) -> int:
    return page.evaluate("s => [...document.querySelectorAll(s)].filter(e => e.getClientRects().length).length",
                         selector)


def screenshot(page, tmp_path: Path, name: str, full_page: bool = True) -> None:
    page.screenshot(path=tmp_path / name, full_page=full_page)
    notes = ROOT / ".notes"
    if notes.is_dir():
        shutil.copyfile(tmp_path / name, notes / name)


def unflag_every_other_sentence(run: Path, out: Path) -> Path:
    """A copy of a run in which every other sentence has no flags (random weights get nearly all flagged)."""
    out.mkdir()
    for path in sorted(run.glob("*.jsonl")):
        records = read_jsonl(path)
        for record in (r for r in records if r["type"] == "paragraph"):
            for i, s in enumerate(record["sentences"]):
                s["flags"] = s["flags"] if i % 2 == 0 else []
        (out / path.name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return out


def test_seed_run_in_the_browser(browser, seed_run, tmp_path):
    sentences = all_sentences(seed_run)
    scores = [s["score"] for s in sentences if s["score"] is not None]
    # Random weights score every sentence alike; the median splits them, so the filter has work to do.
    folder = unflag_every_other_sentence(seed_run, tmp_path / "out")
    report = build_report(ReviewSettings(folder, low_score=statistics.median(scores))).report
    page = open_page(browser, report)
    text = page.inner_text("body")
    for s in sentences:
        assert s["nl"] in text and s["en"] in text
    summary = next(r for r in read_jsonl(next(seed_run.glob("*.jsonl"))) if r["type"] == "summary")
    assert summary["en"] in page.inner_text(".summary")
    screenshot(page, tmp_path, "review-screenshot.png")

    page.hover('.nl [data-pair="a1-p1-s0"]')
    assert "hl" in page.get_attribute('.en [data-pair="a1-p1-s0"]', "class").split()
    page.focus('.en [data-pair="a1-p2-s0"]')
    page.mouse.move(0, 0)
    assert "hl" in page.get_attribute('.nl [data-pair="a1-p2-s0"]', "class").split()
    assert "hl" not in page.get_attribute('.en [data-pair="a1-p1-s0"]', "class").split()

    attention = [el.get_attribute("data-pair") for el in page.query_selector_all(".en .s.attn")]
    assert 0 < len(attention) < len(sentences)
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.dataset.pair") == attention[0]
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.dataset.pair") == attention[1]
    page.keyboard.press("p")
    assert page.evaluate("document.activeElement.dataset.pair") == attention[0]

    page.check("#only-attn")
    assert visible(page, ".s:not(.attn)") == 0 and visible(page, ".en .s.attn") == len(attention)
    page.uncheck("#only-attn")
    assert visible(page, ".s") == 2 * len(sentences)
    narrow = open_page(browser, report, width=390)
    left, right = (narrow.eval_on_selector(f".para .{side}", "e => e.getBoundingClientRect().x")
                   for side in ("nl", "en"))
    assert left == right  # the columns stack
    screenshot(narrow, tmp_path, "review-screenshot-narrow.png", full_page=False)
    assert all(url.startswith(("file:", "data:")) for url in page.requests + narrow.requests)


def test_markup_in_articles_stays_text_in_the_browser(browser, hostile_run):
    report = build_report(ReviewSettings(hostile_run)).report
    page = open_page(browser, report)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    text = page.inner_text("body")
    for line in [*HOSTILE, '<script>window.__pwned=3</script> "Summary" & more', "Price: 5 &amp; 6 <b>euro</b>."]:
        assert line in text
    assert page.inner_text("h2") == 'a<b>"x"&y'
    assert all(url.startswith(("file:", "data:")) for url in page.requests)
    page.keyboard.press("f")  # the filter from the keyboard: the quiet article goes
    assert visible(page, "#a2") == 0 and visible(page, "#a1") == 1


def test_without_javascript_everything_is_there(browser, hostile_run):
    page = open_page(browser, build_report(ReviewSettings(hostile_run)).report, javascript=False)
    text = page.inner_text("body")
    assert all(s["nl"] in text and s["en"] in text for s in all_sentences(hostile_run))
    assert visible(page, "#controls") == 0
