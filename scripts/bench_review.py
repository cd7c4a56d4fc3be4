"""The review report at corpus scale: a synthetic output folder of 100,000 sentences, its report, real Chromium.

Writes article files in the real schema (the header, paragraph records with sentences, a summary) with flags,
details, low scores and informational `memory` flags spread over them; builds the report with `translate
review`'s code; drives headless Chromium through Playwright and prints one line per figure:

- the size of the largest HTML file (and how many pages);
- time to open the index and a page of articles (from navigation to the script's "ready", a fresh tab);
- filter by flag on a page and on the index, in the page (change event to layout done);
- `n` within a page, and `n` past the last target of a page to the next page with something to look at
  (navigation included);
- save an edit with 10,000 items already stored (Enter to the stored record's transaction complete);
- bulk-approve every unflagged sentence of the report from the index (one confirmation), and the download
  that follows (the review file's size and how long building it took);
- with --apply, `translate apply` of that review into a copy of the folder.

Not a test: the figures depend on the machine and its load. Usage:
    python scripts/bench_review.py [--sentences 100000] [--stored 10000] [--apply] [--work DIR]
                                   [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # runs from a checkout, installed or not

from translate.review import ReviewSettings, build_report  # noqa: E402

WORDS_NL = ["de", "minister", "zei", "dat", "het", "kabinet", "vandaag", "morgen", "een", "plan", "voor", "geld",
            "gemeente", "Amsterdam", "burgemeester", "politie", "onderzoek", "rechter", "woensdag", "miljoen"]
WORDS_EN = ["the", "minister", "said", "that", "cabinet", "today", "tomorrow", "a", "plan", "for", "money",
            "municipality", "Amsterdam", "mayor", "police", "investigation", "judge", "Wednesday", "million", "it"]
PROBLEMS = (("numbers", 10, "3 missing; 4 new"), ("names", 17, "Rutte missing"), ("length_ratio", 23, None))
HEADER = {"type": "article", "schema": 1, "source_sha256": "0" * 64, "date": "2024-05-01",
          "models": {"translation": {"name": "Helsinki-NLP/opus-mt-nl-en", "revision": "local:bench"},
                     "summary": None}, "settings": {}}


def text(words: list[str], seed: int, length: int) -> str:
    return " ".join(words[(seed * 7 + k * 3) % len(words)] for k in range(length)).capitalize() + "."


def sentence(i: int) -> dict:
    flags, details = [], {}
    for flag, every, detail in PROBLEMS:
        if i % every == 0:
            flags.append(flag)
            if detail:
                details[flag] = detail
    if i % 13 == 0:
        flags.append("memory")  # informational: from the translation memory
    record = {"nl": f"({i}) " + text(WORDS_NL, i, 10 + i % 9), "en": f"({i}) " + text(WORDS_EN, i, 11 + i % 9),
              "score": round(-0.4 - (i % 7) * 0.35, 3), "flags": flags}
    return record | ({"details": details} if details else {})


def synthesise(out: Path, total: int) -> tuple[int, int]:
    """Articles of 10 to 30 sentences in paragraphs of 1 to 6, until `total` sentences: (articles, sentences)."""
    out.mkdir(parents=True, exist_ok=True)
    i = article = 0
    while i < total:
        size = min(10 + (article * 7) % 21, total - i)
        paragraphs, left = [], size
        while left:
            n = min(1 + (article + len(paragraphs)) % 6, left)
            paragraphs.append([sentence(i + k) for k in range(n)])
            i, left = i + n, left - n
        article_id = f"{article // 1000:03d}/art{article:06d}"
        records = [HEADER | {"id": article_id, "source": f"news/{article_id}.txt", "paragraphs": len(paragraphs),
                             "sentences": size},
                   *({"type": "paragraph", "index": k, "nl": " ".join(s["nl"] for s in p),
                      "en": " ".join(s["en"] for s in p), "sentences": p} for k, p in enumerate(paragraphs)),
                   {"type": "summary", "en": f"Summary of article {article}.", "model": "bart", "flags": []}]
        path = out / f"{article_id}.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        article += 1
    return article, i


READY = "body[data-review-ready='1']"
FILTER = """([value]) => {
    const select = document.getElementById('filter');
    const t0 = performance.now();
    select.value = value;
    select.dispatchEvent(new Event('change'));
    document.body.getBoundingClientRect();
    return performance.now() - t0;
}"""
NEXT = """() => {
    const t0 = performance.now();
    document.dispatchEvent(new KeyboardEvent('keydown', {key: 'n', bubbles: true}));
    document.body.getBoundingClientRect();
    return [performance.now() - t0, document.activeElement.dataset.pair || document.activeElement.dataset.unit];
}"""
SAVE = """([selector]) => new Promise(done => {
    const el = document.querySelector(selector);
    el.focus();
    const before = Number(document.body.dataset.saved || 0);
    const t0 = performance.now();
    new MutationObserver((_, observer) => {
        if (Number(document.body.dataset.saved || 0) > before) {
            observer.disconnect();
            done(performance.now() - t0);
        }
    }).observe(document.body, {attributes: true});
    el.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));
    const area = document.querySelector('.editor textarea');
    area.value = 'An edited sentence.';
    area.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', ctrlKey: true, bubbles: true}));
})"""
STORE = """([name, entries]) => new Promise((done, fail) => {
    const request = indexedDB.open(name, 1);
    request.onsuccess = () => {
        const t = request.result.transaction(['units', 'meta'], 'readwrite');
        for (const [key, value] of entries) t.objectStore('units').put(value, key);
        t.objectStore('meta').delete('tally');
        t.oncomplete = () => { request.result.close(); done(); };
        t.onerror = () => fail(t.error);
    };
})"""


def opened(context, url: str) -> tuple[object, float, str]:
    """A fresh tab on `url`: the tab, seconds until Playwright sees the script ready, and the page's own clock:
    the load event and the script's "review-ready" mark (after the storage was read), in ms from navigation."""
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(READY, state="attached", timeout=120_000)
    ready_s = time.perf_counter() - started
    load, mark = page.evaluate("[performance.getEntriesByType('navigation')[0].loadEventEnd, "
                               "performance.getEntriesByName('review-ready')[0].startTime]")
    return page, ready_s, f"in the page: load event at {load:.0f} ms, ready at {mark:.0f} ms"


def stored_items(report: Path, count: int) -> list:
    """`count` valid stored units (edits), as review.js writes them, from the pages' own data."""
    entries = []
    for page in sorted(report.glob("p*.html")):
        text = page.read_text(encoding="utf-8")
        data = json.loads(text.split('<script type="application/json" id="review-data">')[1].split("</script>")[0])
        for article in data["articles"]:
            for p, sentences in enumerate(article["paragraphs"]):
                for s, pair in enumerate(sentences):
                    entries.append([f"a{article['n']}-p{p}-s{s}", {
                        "kind": "sentence", "n": article["n"], "article": article["id"], "paragraph": p,
                        "sentence": s, "nl": pair["nl"], "original": pair["en"], "machine": pair["en"],
                        "baseEdited": False, "baseStatus": "open", "en": pair["en"] + " (edited)", "status": "open",
                        "comment": "", "time": "2026-01-01T00:00:00.000Z"}])
                    if len(entries) == count:
                        return entries
    return entries


def measure(report: Path, chromium: str, stored: int) -> Path:
    from playwright.sync_api import sync_playwright

    pages = sorted(report.glob("p*.html"))
    middle = pages[len(pages) // 2]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        for url in (report / "index.html", middle):  # the files into the OS cache, the browser warmed up
            opened(context, url.as_uri())[0].close()
        index, index_s, index_load = opened(context, (report / "index.html").as_uri())
        print(f"open the index: {index_s:.2f} s to ready through Playwright ({index_load})")
        page, page_s, page_load = opened(context, middle.as_uri())
        print(f"open a page of articles ({middle.name}): {page_s:.2f} s to ready through Playwright ({page_load})")

        flag_ms = page.evaluate(FILTER, ["flag:numbers"])
        back_ms = page.evaluate(FILTER, [""])
        index_flag_ms = index.evaluate(FILTER, ["flag:names"])
        index_back_ms = index.evaluate(FILTER, [""])
        print(f"filter by flag: {flag_ms:.1f} ms on a page ({back_ms:.1f} ms back to everything); "
              f"{index_flag_ms:.1f} ms on the index ({index_back_ms:.1f} ms back)")

        page.evaluate("document.activeElement.blur()")
        in_page = [page.evaluate(NEXT)[0] for _ in range(5)]
        print(f"n within a page: {max(in_page):.1f} ms at most over 5 presses")
        last = page.evaluate("[...document.querySelectorAll('.en .s.attn, .sum.attn')].pop().dataset.pair")
        page.focus(f'.en [data-pair="{last}"]')
        started = time.perf_counter()
        page.keyboard.press("n")
        page.wait_for_url("**#first", timeout=60_000)
        page.wait_for_selector(READY, state="attached")
        page.wait_for_function("() => document.activeElement.classList.contains('attn')")
        across_s = time.perf_counter() - started
        print(f"n past a page's last target to the next page with something to look at: {across_s:.2f} s "
              f"(navigation and the new page's load included; now on {Path(page.url.split('#')[0]).name})")

        key = json.loads(index.evaluate("document.getElementById('review-data').textContent"))["key"]
        items = stored_items(report, stored)
        started = time.perf_counter()
        page.evaluate(STORE, [f"translate-review:{key}", items])
        print(f"stored {len(items):,} edited items in {time.perf_counter() - started:.1f} s (setup)")
        # Records written behind the pages' back: the first page to open counts them once (and keeps the tally).
        opened(context, pages[0].as_uri())[0].close()
        page, page_s, clock = opened(context, pages[-1].as_uri())
        print(f"open the last page with {len(items):,} items stored: {page_s:.2f} s to ready ({clock})")
        target = page.evaluate("document.querySelector('.en .s[data-pair]').dataset.pair")
        saves = sorted(page.evaluate(SAVE, [f'.en [data-pair="{target}"]']) for _ in range(5))
        print(f"save an edit with {len(items):,} items stored: median {saves[2]:.1f} ms, {saves[0]:.1f} to "
              f"{saves[-1]:.1f} ms (Enter to the record's transaction complete, 5 saves)")

        index.reload()
        index.wait_for_selector(READY, state="attached")
        approved = int(index.inner_text("[data-count=approved]"))
        started = time.perf_counter()
        index.click("#bulk")
        index.wait_for_function(f"() => document.querySelector('[data-count=approved]').textContent !== '{approved}'",
                                timeout=120_000)
        bulk_s = time.perf_counter() - started
        now = int(index.inner_text("[data-count=approved]"))
        print(f"bulk-approve every unflagged sentence of the report ({now - approved:,} sentences) from the index: "
              f"{bulk_s:.2f} s, one confirmation; the page stays responsive: "
              f"{index.evaluate('1 + 1') == 2}")
        started = time.perf_counter()
        with index.expect_download(timeout=120_000) as info:
            index.keyboard.press("d")
        review = Path(tempfile.mkdtemp()) / "bench.review.json"
        info.value.save_as(review)
        document = json.loads(review.read_text(encoding="utf-8"))
        kinds = {kind: sum(i["kind"] == kind for i in document["items"]) for kind in ("bulk", "sentence")}
        print(f"download of the whole review: {time.perf_counter() - started:.2f} s, "
              f"{review.stat().st_size / 1e6:.1f} MB ({kinds['bulk']:,} bulk items, {kinds['sentence']:,} sentences)")
        browser.close()
    return review


def apply_review(out: Path, review: Path) -> None:
    """translate apply of the downloaded review into a copy (-o): every bulk approval and edit checked and written."""
    from translate.cli import main as translate

    target = out.parent / "reviewed"
    shutil.rmtree(target, ignore_errors=True)
    started = time.perf_counter()
    code = translate(["apply", str(out), str(review), "-o", str(target)])
    approved = sum(line.count('"status": "approved"') for path in target.rglob("*.jsonl")
                   for line in path.read_text(encoding="utf-8").splitlines()[1:])
    print(f"translate apply of that review: exit {code} in {time.perf_counter() - started:.1f} s; "
          f"{approved:,} sentences approved in the files")
    shutil.rmtree(target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=100_000)
    parser.add_argument("--stored", type=int, default=10_000, help="items stored before the save is timed")
    parser.add_argument("--work", type=Path, default=None, help="folder to build in (default: a temporary one)")
    parser.add_argument("--apply", action="store_true", help="then translate apply the downloaded review (-o a copy)")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-review-"))
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    articles, sentences = synthesise(out, args.sentences)
    print(f"synthesised {articles:,} articles, {sentences:,} sentences in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    result = build_report(ReviewSettings(out))
    files = [result.report, *sorted(result.report.parent.glob("p*.html"))]
    largest = max(files, key=lambda p: p.stat().st_size)
    index_mb = result.report.stat().st_size / 1e6
    print(f"report built in {time.perf_counter() - started:.1f} s: {len(files) - 1} pages + the index; largest "
          f"HTML file {largest.name} {largest.stat().st_size / 1e6:.2f} MB (index {index_mb:.2f} MB, "
          f"{result.counts.flagged:,} flagged, {result.counts.low:,} low score)")
    review = measure(result.report.parent, args.chromium, args.stored)
    if args.apply:
        apply_review(out, review)
    shutil.rmtree(review.parent)
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1, 5, 15 min)")
    if args.work is None:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
