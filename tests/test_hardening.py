"""The attacks of issue 20, one test (or a few) each: crafted inputs that tried to write outside OUT, hang a
command, turn text into records or end in a traceback. Each asserts the documented exit code, one line naming
the file and the place, no traceback, nothing outside OUT changed, and every good record or article done.

Every victim lives in the test's own temporary folder (docs/security.md describes the threat model).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import read_jsonl
from test_apply import item, review_file
from test_apply import write_article as write_reviewable
from test_exchange import PLAIN, write_article
from test_faults import FAST, statuses
from test_run import run

from translate.apply import normalise
from translate.cli import main
from translate.outdir import LOCK_NAME, is_complete
from translate.untrusted import Untrusted, loads

REPO = Path(__file__).resolve().parents[1]
GOOD = "De Amerikaanse president Joe Biden heeft gezegd dat Rusland een invasie voorbereidt."
MORE = "Volgens hem staat de aanval binnen enkele dagen te gebeuren."


def tree(root: Path, leave_out: tuple[Path, ...] = ()) -> dict[str, str]:
    """Every entry under `root` (links not followed) with a hash of its bytes, or its link target: the state a
    test compares before and after an attack. Entries under `leave_out` (the output folders) are not listed."""
    state = {}
    for parent, folders, files in os.walk(root):
        for name in folders + files:
            path = Path(parent, name)
            if any(path == out or out in path.parents for out in leave_out):
                continue
            key = path.relative_to(root).as_posix()
            if path.is_symlink():
                state[key] = "-> " + os.readlink(path)
            elif path.is_file():
                state[key] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                state[key] = "folder"
    return state


def victim(tmp_path: Path) -> Path:
    path = tmp_path / "victim.txt"
    path.write_text("precious\n", encoding="utf-8")
    return path


def one_line_naming(err: str, *parts: str) -> str:
    """The one log line that names all of `parts`; fails when there is none or there is a traceback."""
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if all(part in line for part in parts)]
    assert lines, err
    return lines[0]


# --- 1. writes outside OUT through symbolic links ---------------------------------------------------------------

def test_a_symlinked_lock_file_is_refused_by_run_and_apply(tmp_path, tiny_models, capsys):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "a.txt").write_text(GOOD + "\n", encoding="utf-8")
    victim(tmp_path)
    out.mkdir()
    (out / LOCK_NAME).symlink_to("../victim.txt")
    review = review_file(tmp_path / "r.json", [])
    before = tree(tmp_path, (out,))
    assert run([inputs], out, tiny_models, *FAST, "--no-summary", summary="") == 2
    one_line_naming(capsys.readouterr().err, str(out / LOCK_NAME), "symbolic link")
    assert main(["apply", str(out), str(review)]) == 2
    one_line_naming(capsys.readouterr().err, str(out / LOCK_NAME), "symbolic link")
    assert tree(tmp_path, (out,)) == before
    assert (tmp_path / "victim.txt").read_text(encoding="utf-8") == "precious\n"


def test_merge_manifests_refuses_a_symlinked_lock_file(tmp_path, tiny_models, capsys):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "a.txt").write_text(GOOD + "\n", encoding="utf-8")
    for shard in ("1/2", "2/2"):
        assert run([inputs], out, tiny_models, *FAST, "--no-summary", "--shard", shard, summary="") == 0
    victim(tmp_path)
    (out / LOCK_NAME).unlink()
    (out / LOCK_NAME).symlink_to("../victim.txt")
    before = tree(tmp_path, (out,))
    assert main(["merge-manifests", str(out)]) == 2
    one_line_naming(capsys.readouterr().err, str(out / LOCK_NAME), "symbolic link")
    assert tree(tmp_path, (out,)) == before and not (out / "manifest.json").exists()


def test_a_symlinked_subfolder_of_out_is_refused_and_the_other_articles_are_written(tmp_path, tiny_models, capsys):
    inputs, out = tmp_path / "in", tmp_path / "out"
    (inputs / "sub").mkdir(parents=True)
    (inputs / "sub" / "name.txt").write_text(GOOD + "\n", encoding="utf-8")
    (inputs / "good.txt").write_text(MORE + "\n", encoding="utf-8")
    (tmp_path / "victimdir").mkdir()
    out.mkdir()
    (out / "sub").symlink_to("../victimdir")
    before = tree(tmp_path, (out,))
    assert run([inputs], out, tiny_models, *FAST, "--no-summary", summary="") == 1
    one_line_naming(capsys.readouterr().err, str(out / "sub"), "symbolic link")
    assert tree(tmp_path, (out,)) == before and not list((tmp_path / "victimdir").iterdir())
    assert statuses(out) == {"good": "ok", "sub/name": "failed"}
    assert read_jsonl(out / "good.jsonl")[1]["sentences"][0]["nl"] == MORE


def test_export_text_through_a_symlinked_subfolder_is_refused(tmp_path, capsys):
    run_folder, export_to = tmp_path / "run", tmp_path / "out-en"
    write_article(run_folder, "sub/a.jsonl", "sub/a", PLAIN)
    write_article(run_folder, "b.jsonl", "b", PLAIN)
    (tmp_path / "victimdir").mkdir()
    export_to.mkdir()
    (export_to / "sub").symlink_to("../victimdir")
    before = tree(tmp_path, (export_to,))
    assert main(["export", str(run_folder), "--format", "text", "-o", str(export_to)]) == 1
    one_line_naming(capsys.readouterr().err, str(export_to / "sub"), "symbolic link")
    assert tree(tmp_path, (export_to,)) == before
    assert (export_to / "b.txt").read_text(encoding="utf-8") == "Good morning.\n\nGoodbye.\n"


# --- 2. deep nesting and huge numbers ---------------------------------------------------------------------------

def test_deep_and_huge_json_records_fail_alone_and_the_good_ones_are_translated(tmp_path, tiny_models, capsys):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    lines = [json.dumps({"id": "first", "text": GOOD}),
             '{"id": "deep", "text": ' + "[" * 1000 + '"x"' + "]" * 1000 + "}",
             '{"id": "digits", "text": "Tekst.", "n": 1' + "0" * 5000 + "}",
             json.dumps({"id": "last", "text": MORE})]
    (inputs / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = tree(tmp_path, (out,))
    assert run([inputs], out, tiny_models, *FAST, "--no-summary", summary="") == 1
    err = capsys.readouterr().err
    one_line_naming(err, "news.jsonl, line 2", "nested more than")
    one_line_naming(err, "news.jsonl, line 3", "5,001 digits")
    assert statuses(out) == {"first": "ok", "last": "ok", "news.jsonl:2": "failed", "news.jsonl:3": "failed"}
    assert tree(tmp_path, (out,)) == before


@pytest.mark.parametrize("command", ["review", "export", "check"])
def test_a_huge_score_skips_that_article_file_with_one_line(tmp_path, capsys, command):
    folder = tmp_path / "run"
    write_article(folder, "good.jsonl", "good", PLAIN)
    bad = write_article(folder, "bad.jsonl", "bad", PLAIN)
    bad.write_text(bad.read_text(encoding="utf-8").replace('"score": -0.5', '"score": 1' + "0" * 400),
                   encoding="utf-8")
    args = {"review": ["review", str(folder), "-o", str(tmp_path / "r")],
            "export": ["export", str(folder), "--format", "tsv", "-o", str(tmp_path / "x.tsv")],
            "check": ["check", str(folder), "-o", str(tmp_path / "c.tsv")]}[command]
    assert main(args) == 1
    one_line_naming(capsys.readouterr().err, str(bad), "401 digits")
    written = next(path for path in [*tmp_path.glob("r/p0001.html"), *tmp_path.iterdir()] if path.is_file())
    assert "Good morning." in written.read_text(encoding="utf-8")


def test_a_symlinked_report_folder_inside_out_is_refused(tmp_path, capsys):
    """`translate review OUT` writes OUT/review/: a link planted there would lead the pages outside OUT."""
    folder = tmp_path / "run"
    write_article(folder, "good.jsonl", "good", PLAIN)
    (tmp_path / "victim").mkdir()
    (tmp_path / "victim" / "index.html").write_text("mine", encoding="utf-8")
    (folder / "review").symlink_to(tmp_path / "victim")
    before = tree(tmp_path, (folder,))
    assert main(["review", str(folder)]) == 2
    one_line_naming(capsys.readouterr().err, str(folder / "review"), "symbolic link")
    assert tree(tmp_path, (folder,)) == before


def test_a_deep_manifest_does_not_stop_the_review_page(tmp_path, capsys):
    folder = tmp_path / "run"
    write_article(folder, "good.jsonl", "good", PLAIN)
    (folder / "manifest.json").write_text('{"articles": ' + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")
    code = main(["review", str(folder), "-o", str(tmp_path / "r")])
    err = capsys.readouterr().err
    assert "Traceback" not in err and code in (0, 1)
    one_line_naming(err, str(folder / "manifest.json"), "nested more than")
    assert "Good morning." in (tmp_path / "r" / "p0001.html").read_text(encoding="utf-8")


def test_a_complete_article_file_with_a_deep_line_is_not_complete(tmp_path):
    path = tmp_path / "a.jsonl"
    header = json.dumps({"type": "article", "paragraphs": 1, "models": {"summary": None}})
    path.write_text(header + "\n" + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    assert is_complete(path, header) is False


@pytest.mark.parametrize("kind", ["tmx", "xliff"])
def test_deeply_nested_tmx_and_xliff_are_refused_with_one_line(tmp_path, capsys, kind):
    deep = "<hi>" * 1000 + "x" + "</hi>" * 1000 if kind == "tmx" else "<g>" * 1000 + "x" + "</g>" * 1000
    path = tmp_path / f"deep.{kind}"
    if kind == "tmx":
        path.write_text(f'<tmx version="1.4"><header/><body><tu><tuv xml:lang="nl"><seg>{deep}</seg></tuv>'
                        '</tu></body></tmx>', encoding="utf-8")
    else:
        path.write_text('<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file '
                        f'source-language="nl"><body><trans-unit id="1"><source>{deep}</source></trans-unit></body>'
                        "</file></xliff>", encoding="utf-8")
    assert main(["check", str(path), "-o", str(tmp_path / "c.tsv")]) == 2
    one_line_naming(capsys.readouterr().err, str(path), "nested more than")
    assert not (tmp_path / "c.tsv").exists()


def test_a_deep_details_cell_in_a_tsv_is_left_out_and_the_row_checked(tmp_path, capsys):
    path = tmp_path / "pairs.tsv"
    path.write_text("nl\ten\tdetails\nHet regent.\tIt rains.\t" + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert main(["check", str(path), "-o", str(tmp_path / "c.tsv")]) == 0
    assert "Traceback" not in capsys.readouterr().err
    rows = (tmp_path / "c.tsv").read_text(encoding="utf-8").splitlines()
    assert rows[1].startswith("Het regent.\tIt rains.\t") and "[[" not in rows[1]


def test_the_json_door_turns_every_parser_error_into_one_line():
    for text, says in [("[" * 100 + "]" * 100, "nested more than 64"), ("1" + "0" * 400, "401 digits"),
                       ("9" * 5000, "5,000 digits"), ("1e400", "too large"), ('{"a": 1', "not JSON"),
                       (b"\xff", "not UTF-8"), ("[" * 10**6, "nested too deeply")]:
        with pytest.raises(Untrusted, match=says):
            loads(text)
    assert loads('{"a": [1, 2.5, null, "[[[{"]}') == {"a": [1, 2.5, None, "[[[{"]}


# --- 3. apply on a crafted review file ---------------------------------------------------------------------------

def test_apply_refuses_a_crafted_32_mb_review_file_quickly(tmp_path, capsys):
    out = tmp_path / "out"
    write_reviewable(out, "a")
    review = tmp_path / "r.json"
    # an unclosed string of escaped quotes: the old depth check's regex took hours on this
    review.write_text('{"format":"translate-review","version":1,"items":"' + '\\"' * (16 * 2**20 - 40),
                      encoding="utf-8")
    assert review.stat().st_size < 32 * 2**20
    before = tree(tmp_path)
    started = time.perf_counter()
    assert main(["apply", str(out), str(review)]) == 1
    assert time.perf_counter() - started < 10  # was about eight hours: a hang, not a speed target
    one_line_naming(capsys.readouterr().err, str(review), "not JSON")
    assert tree(tmp_path) == before


# --- 4. CSV: text inside a quoted field never becomes records ----------------------------------------------------

def test_an_over_long_quoted_csv_field_is_skipped_whole_and_the_next_record_kept(tmp_path, tiny_models, capsys):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    paragraph = "Dit is een lange alinea over het weer in Nederland en het is nog lang niet af.\n"
    long_text = paragraph * 1500 + 'injected,""Een ingevoegd artikel.""\n' + paragraph * 1500  # about 230 kB
    (inputs / "feed.csv").write_text('id,text\na0,"' + GOOD + '"\na1,"' + long_text + '"\na2,"' + MORE + '"\n',
                                     encoding="utf-8")
    assert run([inputs], out, tiny_models, *FAST, "--no-summary", "--max-article-mb", "0.05", summary="") == 1
    err = capsys.readouterr().err
    failures = [line for line in err.splitlines() if "feed.csv" in line]
    assert len(failures) == 1 and "line 3" in failures[0] and "skipped whole" in failures[0], failures
    assert statuses(out) == {"a0": "ok", "feed.csv:3": "failed", "a2": "ok"}
    assert read_jsonl(out / "a2.jsonl")[1]["sentences"][0]["nl"] == MORE


def test_a_csv_record_end_respects_quotes_across_pieces(tmp_path):
    from translate.recordfiles import _record_end

    path = tmp_path / "x.csv"
    record = b'a,"x\n""y"",\nz' + b"q" * (2**20 - 3) + b'"",\n""",b\n'
    path.write_bytes(record + b"next,row\n")
    with path.open("rb") as file:
        assert _record_end(file, 0, 7, b",") == (len(record), 7 + record.count(b"\n"))
        assert _record_end(file, len(record), 20, b",") == (len(record) + 9, 21)


# --- 5. special files --------------------------------------------------------------------------------------------

def test_fifos_and_devices_are_refused_without_blocking(tmp_path):
    out = tmp_path / "out"
    write_reviewable(out, "a")
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for args, code in ((["check", str(fifo)], 2), (["apply", str(out), str(fifo)], 2),
                       (["check", "/dev/zero"], 2)):
        done = subprocess.run([sys.executable, "-m", "translate", *args], cwd=REPO, capture_output=True, text=True,
                              timeout=120)  # before: blocked forever (the FIFOs) or ran out of memory (/dev/zero)
        assert done.returncode == code, done.stderr
        one_line_naming(done.stderr, args[-1], "pipe, socket or device")


def test_memories_and_glossaries_that_are_fifos_or_deep_xml_are_one_line(tmp_path, tiny_models):
    """`translate run --memory` and `--glossary`: a FIFO is refused without blocking, a TMX nested 1,000 deep is
    one line (exit 2), before any model loads."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD + "\n", encoding="utf-8")
    fifo = tmp_path / "memory.tmx"
    os.mkfifo(fifo)
    deep = tmp_path / "deep.tmx"
    deep.write_text("<tmx><body>" + "<hi>" * 1000 + "</hi>" * 1000 + "</body></tmx>", encoding="utf-8")
    models = ["--translation-model", str(tiny_models["marian"]), "--no-summary"]
    for option, memory, problem in (("--memory", fifo, "pipe, socket or device"),
                                    ("--memory", deep, "nested more than"), ("--glossary", fifo, "pipe, socket")):
        done = subprocess.run([sys.executable, "-m", "translate", "run", str(tmp_path / "in"), "-o",
                               str(tmp_path / "out"), *models, option, str(memory)],
                              cwd=REPO, capture_output=True, text=True, timeout=120)
        assert done.returncode == 2, done.stderr
        one_line_naming(done.stderr, str(memory), problem)


# --- 6. codecs that are not text encodings -----------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["idna", "punycode", "undefined"])
def test_codecs_that_are_not_text_encodings_are_usage_errors(tmp_path, capsys, encoding):
    (tmp_path / "a.txt").write_text(GOOD + "\n", encoding="utf-8")
    assert main(["run", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--encoding", encoding]) == 2
    one_line_naming(capsys.readouterr().err, f"--encoding {encoding}", "not a known text encoding")
    assert not (tmp_path / "out").exists()


# --- 7. line separators and control characters in corrections ----------------------------------------------------

@pytest.mark.parametrize("typed, stored", [
    ("It\u2028rains\u0085now.", "It rains now."), ("It\x1crains\x00.", "It rains ."),
    ("\u2029 It\t\train \r\n", "It rain"), ("It\u00a0rains\u3000.", "It rains ."), ("caf\u00e9 \u2014 ok", "café — ok"),
])
def test_corrections_are_normalised_as_the_page_does(typed, stored):
    assert normalise(typed) == stored


def test_a_correction_with_separators_is_applied_as_one_line_and_the_file_stays_complete(tmp_path, capsys):
    out = tmp_path / "out"
    path = write_reviewable(out, "a")
    review = review_file(tmp_path / "r.json", [item("a", 0, 0, "It rains.", "It\u2028pours\u0085down\x1c\x00.",
                                                    "approved"),
                                               item("a", 0, 1, "The cat sleeps.", " \u2028\x00 ", "approved")])
    assert main(["apply", str(out), str(review)]) == 1  # the second: empty once normalised
    one_line_naming(capsys.readouterr().err, str(review), "item 2", "'en' is empty")
    sentence = read_jsonl(path)[1]["sentences"][0]
    assert sentence["en"] == "It pours down ." and sentence["mt"] == "It rains."
    assert b"\xe2\x80\xa8" not in path.read_bytes()


def test_a_raw_line_separator_inside_a_record_keeps_the_file_complete(tmp_path):
    path = tmp_path / "a.jsonl"
    header = json.dumps({"type": "article", "paragraphs": 1, "models": {"summary": None}})
    path.write_text(header + "\n" + json.dumps({"en": "a\u2028b\u0085c"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    assert is_complete(path, header)


def test_xml_exports_turn_control_characters_into_spaces(tmp_path):
    from translate.exchange import read_tmx

    folder = tmp_path / "run"
    write_article(folder, "a.jsonl", "a", [[("Het\x1cregent.", "It\x00rains.", -0.5, [])]])
    assert main(["export", str(folder), "--format", "tmx", "-o", str(tmp_path / "a.tmx")]) == 0
    [pair] = read_tmx(tmp_path / "a.tmx")
    assert (pair.nl, pair.en) == ("Het regent.", "It rains.")


# --- 8. work bounded per sentence ------------------------------------------------------------------------------

def test_check_leaves_a_pair_too_long_to_be_a_sentence_unchecked_with_one_line(tmp_path, capsys):
    """(Before: `check` on a 100 MB sentence took 8.4 GB.)"""
    path = tmp_path / "pairs.tsv"
    path.write_text("nl\ten\nHet regent.\tIt rains.\n" + "woord " * 50_000 + "\tword\n", encoding="utf-8")
    assert main(["check", str(path), "-o", str(tmp_path / "c.tsv")]) == 0
    one_line_naming(capsys.readouterr().err, f"{path}:3", "not checked")
    assert len((tmp_path / "c.tsv").read_text(encoding="utf-8").splitlines()) == 3
    assert main(["check", str(path)]) == 0  # to standard output: read whole, the same refusal
    one_line_naming(capsys.readouterr().err, "row 3", "not checked")


# --- 9. smaller: temporaries a killed export left ------------------------------------------------------------

def test_a_rerun_of_export_removes_the_temporaries_a_killed_one_left(tmp_path):
    folder, export_to = tmp_path / "run", tmp_path / "out-en"
    write_article(folder, "a.jsonl", "a", PLAIN)
    export_to.mkdir()
    stale = export_to / ".a.txt.k3j_9x2q.tmp"
    stale.write_text("half", encoding="utf-8")
    other = export_to / ".notes.tmp"  # not ours: kept
    other.write_text("mine", encoding="utf-8")
    assert main(["export", str(folder), "--format", "text", "-o", str(export_to)]) == 0
    assert not stale.exists() and other.exists() and (export_to / "a.txt").exists()


# --- 9. smaller: a corrupt Parquet file ---------------------------------------------------------------------

def test_a_corrupt_parquet_text_column_fails_row_by_row_with_one_printable_line(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    from translate.articles import ArticleError, find_inputs
    from translate.recordfiles import RecordFields, expander, read_input

    good = tmp_path / "good.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": f"a{i}", "text": f"Artikel {i} over het weer."} for i in range(3)]),
                   good, compression="none")
    data = good.read_bytes()
    start = data.find(b"Artikel 0")
    messages = []
    for offset in range(start - 40, start + 20):  # the page header and the text: each byte broken in turn
        broken = bytearray(data)
        broken[offset] ^= 0x5A
        path = tmp_path / f"broken{offset}.parquet"
        path.write_bytes(bytes(broken))
        try:
            items, _warnings = find_inputs([path], expander(RecordFields(), "utf-8", 2**20))
        except Exception as error:  # a file that cannot be scanned at all: one line too
            messages.append(str(error))
            continue
        for record in items:
            try:
                read_input(record)
            except ArticleError as error:
                assert f"{path}, row {record.record.number}: " in str(error) or record.record.problem
                messages.append(str(error))
    assert messages  # some of these break the file
    for message in messages:
        assert "\n" not in message and message.isprintable(), message


def test_check_streams_a_plain_tsv_to_the_same_bytes_as_reading_it_whole(tmp_path, capsys):
    from translate.checkfile import check_file, check_rows, read_rows

    path = tmp_path / "pairs.tsv"
    rows = ["Het regent 3 dagen.\tIt rains for 4 days.", "Dag Jan.\tDay Jan.", "", "Tot ziens!\tGoodbye",
            "Het kost 5 euro.\tIt costs 5 euros.\r"]
    path.write_bytes(b"\xef\xbb\xbfnl\ten\n" + "\n".join(rows).encode() + b"\n")
    assert main(["check", str(path), "-o", str(tmp_path / "c.tsv")]) == 0
    whole = check_rows(read_rows(path))
    assert (tmp_path / "c.tsv").read_text(encoding="utf-8") == whole.text
    streamed = check_file(path, tmp_path / "c2.tsv")
    assert (streamed.rows, streamed.counts) == (whole.rows, whole.counts) and any(whole.counts.values())
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_run_on_line_is_counted_in_bounded_parts_and_split_to_fit():
    # Issue 20: one 10 MB line without punctuation. Its tokens were counted whole (twice), in memory that grew
    # with it; now the counter sees a bounded prefix, then pieces. The counter counts words (a stand-in for the
    # tokenizer: only the segmentation is under test here).
    from types import SimpleNamespace

    from translate.articles import Article
    from translate.pipeline import segment_article
    from translate.segment import PREFIX_CHARS_PER_TOKEN

    sizes: list[int] = []

    def count_tokens(texts: list[str]) -> list[int]:
        sizes.extend(map(len, texts))
        return [len(text.split()) for text in texts]

    engine = SimpleNamespace(max_input_tokens=64, count_tokens=count_tokens)
    line = " ".join(f"woord{i % 997}" for i in range(64_000))
    article = Article("long", "long.txt", "0", None, ("Een korte titel", line, "Nog een zin. En nog een."))
    _title, (long,), (first, second) = segment_article(article, engine)
    assert long.flags[0] == "split" and len(long.pieces) == 1000 and " ".join(long.pieces) == line
    assert all(len(piece.split()) == 64 for piece in long.pieces)
    assert (first.pieces, second.pieces) == (("Nog een zin.",), ("En nog een.",))  # short sentences whole
    assert max(sizes) <= PREFIX_CHARS_PER_TOKEN * 64 < len(line) / 100
    assert len(sizes) < 20 * 1000
