"""translate apply: a review merged into a run's files; stale, unknown, malformed and hostile reviews; reruns."""

from __future__ import annotations

import json
import os
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import SEED, machine_flags_back, read_jsonl

from translate import qa
from translate.apply import MAX_DEPTH, MAX_REVIEW_BYTES
from translate.cli import main
from translate.outdir import OutputLock
from translate.outputs import load_articles
from translate.untrusted import too_deep

PARAGRAPHS = [
    [("Het regent.", "It rains.", -0.5, []), ("De kat slaapt.", "The cat sleeps.", -1.25, ["copied"])],
    [("Tot ziens.", "Goodbye.", None, ["passthrough"]), ("Dag Jan.", "Day Jan.", -3.0, [])],
]


def write_article(folder: Path, article_id: str, paragraphs=PARAGRAPHS, summary: str | None = "A summary.") -> Path:
    """An article file as translate run writes it (key order, separators, a details field another tool added)."""
    header = {"type": "article", "schema": 1, "id": article_id, "source": f"in/{article_id}.txt",
              "source_sha256": "0" * 64, "date": None, "paragraphs": len(paragraphs),
              "sentences": sum(map(len, paragraphs)),
              "models": {"translation": {"name": "m", "revision": "local:1"}, "summary": {"name": "b", "revision": "2"}
                         if summary else None}, "settings": {"beams": 4}}
    records = [header]
    for index, sentences in enumerate(paragraphs):
        records.append({"type": "paragraph", "index": index, "nl": " ".join(s[0] for s in sentences),
                        "en": " ".join(s[1] for s in sentences if s[1]),
                        "sentences": [{"nl": nl, "en": en, "score": score, "flags": flags, "details": {"x": "?"}}
                                      for nl, en, score, flags in sentences]})
    if summary is not None:
        records.append({"type": "summary", "en": summary, "model": "b"})
    path = folder / f"{article_id}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def item(article: str, paragraph: int | None, sentence: int | None, original: str, en: str, status: str = "open",
         comment: str = "", nl: str | None = None) -> dict:
    if paragraph is None:
        return {"kind": "summary", "article": article, "original": original, "en": en, "status": status,
                "comment": comment, "time": "2026-11-30T10:00:00.000Z"}
    nl = nl if nl is not None else PARAGRAPHS[paragraph][sentence][0]
    return {"kind": "sentence", "article": article, "paragraph": paragraph, "sentence": sentence, "nl": nl,
            "original": original, "en": en, "status": status, "comment": comment, "time": "2026-11-30T10:00:00.000Z"}


def review_file(path: Path, items: list) -> Path:
    path.write_text(json.dumps({"format": "translate-review", "version": 1, "report": "k", "folder": "out",
                                "items": items}, ensure_ascii=False), encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink() and p.name != ".translate.lock"}


def unreview(records: list[dict]) -> list[dict]:
    """The records as they were before the review: en back to mt, flags and details back to mt_flags and
    mt_details, mt, review and the header's review gone."""
    records = json.loads(json.dumps(records))
    records[0].pop("review", None)
    for record in records[1:]:
        units = record["sentences"] if record["type"] == "paragraph" else [record]
        for k, unit in enumerate(units):
            unit = units[k] = machine_flags_back(unit)
            if "mt" in unit:
                unit["en"] = unit.pop("mt")
                unit.pop("review")
        if record["type"] == "paragraph":
            record["en"] = " ".join(s["en"] for s in record["sentences"] if s["en"])
    return records


def dumped(records: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


@pytest.fixture
def out(tmp_path) -> Path:
    folder = tmp_path / "out"
    write_article(folder, "a")
    write_article(folder, "sub/b", summary=None)
    return folder


EDITS = [item("a", 0, 1, "The cat sleeps.", "The cat is asleep.", "approved", "tense"),
         item("a", 1, 0, "Goodbye.", "Goodbye.", "approved"),
         item("a", 1, 1, "Day Jan.", "Hello Jan.", "rejected", "greeting, not a day"),
         item("a", None, None, "A summary.", "The summary, corrected."),
         item("sub/b", 0, 0, "It rains.", "  It is\n raining. ")]


def test_apply_sets_en_mt_review_rebuilds_paragraphs_and_leaves_the_rest_byte_identical(out, tmp_path, capsys):
    before = snapshot(out)
    assert main(["apply", str(out), str(review_file(tmp_path / "r.json", EDITS))]) == 0
    assert "5 corrections applied, 0 already there, 0 refused; 2 article files written" in capsys.readouterr().err
    records = read_jsonl(out / "a.jsonl")
    cat, goodbye, jan = records[1]["sentences"][1], records[2]["sentences"][0], records[2]["sentences"][1]
    # The corrected English is checked again: the machine's flags (copied) and details stay with the machine's.
    assert cat == {"nl": "De kat slaapt.", "en": "The cat is asleep.", "score": -1.25, "flags": [],
                   "mt": "The cat sleeps.", "mt_flags": ["copied"], "mt_details": {"x": "?"},
                   "review": {"status": "approved", "comment": "tense"}}
    assert (goodbye["en"], goodbye["mt"], goodbye["review"]) == ("Goodbye.", "Goodbye.", {"status": "approved",
                                                                                         "comment": ""})
    assert (jan["en"], jan["mt"], jan["review"]["status"]) == ("Hello Jan.", "Day Jan.", "rejected")
    assert "mt" not in records[1]["sentences"][0] and "review" not in records[1]["sentences"][0]
    assert records[1]["en"] == "It rains. The cat is asleep." and records[2]["en"] == "Goodbye. Hello Jan."
    assert records[3] == {"type": "summary", "en": "The summary, corrected.", "model": "b", "mt": "A summary.",
                          "review": {"status": "open", "comment": ""}}
    assert records[0]["review"] == {"sentences": 3, "edited": 2, "approved": 2, "rejected": 1, "summary": True}
    b = read_jsonl(out / "sub/b.jsonl")
    assert b[1]["sentences"][0]["en"] == "It is raining."  # one line, single spaces, as the pipeline writes
    for name in ("a.jsonl", "sub/b.jsonl"):
        assert dumped(unreview(read_jsonl(out / name))) == before[name]
    # Lines no correction touched keep their bytes (b's second paragraph).
    assert (out / "sub/b.jsonl").read_bytes().split(b"\n")[2] == before["sub/b.jsonl"].split(b"\n")[2]
    [article, _b], [] = load_articles(out)
    assert article.pairs[1].mt == "The cat sleeps." and article.pairs[1].review.comment == "tense"
    assert article.summary_mt == "A summary." and article.review["summary"] is True


def test_applying_the_same_review_twice_changes_nothing(out, tmp_path, capsys):
    review = review_file(tmp_path / "r.json", EDITS)
    assert main(["apply", str(out), str(review)]) == 0
    once = snapshot(out)
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*.jsonl")}
    assert main(["apply", str(out), str(review)]) == 0
    assert snapshot(out) == once and {p: p.stat().st_mtime_ns for p in out.rglob("*.jsonl")} == stamps
    assert "0 corrections applied, 5 already there, 0 refused; 0 article files written" in capsys.readouterr().err


def test_a_second_review_of_a_reviewed_folder_keeps_the_machine_output(out, tmp_path):
    assert main(["apply", str(out), str(review_file(tmp_path / "r1.json", EDITS))]) == 0
    # A page made from the reviewed folder shows the corrected English: the next review is made against it.
    again = [item("a", 0, 1, "The cat is asleep.", "The cat is sleeping.", "approved", "better")]
    assert main(["apply", str(out), str(review_file(tmp_path / "r2.json", again))]) == 0
    cat = read_jsonl(out / "a.jsonl")[1]["sentences"][1]
    assert (cat["en"], cat["mt"], cat["review"]["comment"]) == ("The cat is sleeping.", "The cat sleeps.", "better")
    # Applying the first review again now would undo the second: its corrections are stale and refused.
    assert main(["apply", str(out), str(tmp_path / "r1.json")]) == 1
    assert read_jsonl(out / "a.jsonl")[1]["sentences"][1]["en"] == "The cat is sleeping."


def test_stale_corrections_are_refused_and_the_rest_applied(out, tmp_path, capsys):
    review = review_file(tmp_path / "r.json", [
        item("a", 0, 0, "It pours.", "It is pouring."),  # made against other English: the folder was re-run
        item("a", 0, 1, "The cat sleeps.", "The cat naps.", nl="De hond slaapt."),  # the Dutch changed
        item("a", 1, 1, "Day Jan.", "Hello Jan.", "approved")])
    assert main(["apply", str(out), str(review)]) == 1
    err = capsys.readouterr().err
    stale, dutch = (line for line in err.splitlines() if "refused" not in line and "not applied" in line)
    assert f"{review}: item 1 (article 'a', paragraph 0, sentence 0): made against the English \"It pours.\" but " \
           f"{out / 'a.jsonl'} now holds \"It rains.\"" in stale and "translate review" in stale
    assert "item 2 (article 'a', paragraph 0, sentence 1): the Dutch differs" in dutch
    assert "1 correction applied, 0 already there, 2 refused" in err and "Traceback" not in err
    sentences = [s for r in read_jsonl(out / "a.jsonl")[1:3] for s in r["sentences"]]
    assert [s["en"] for s in sentences] == ["It rains.", "The cat sleeps.", "Goodbye.", "Hello Jan."]


@pytest.mark.parametrize("bad, message", ids=["unknown-id", "no-paragraph", "no-sentence", "no-summary",
                                              "status", "kind", "index-type", "not-object", "missing-en"], argvalues=[
    (item("nope", 0, 0, "It rains.", "x"), f"no article file {{out}}{os.sep}nope.jsonl for article id 'nope'"),
    (item("a", 5, 0, "It rains.", "x", nl="Het regent."), "has no paragraph 5"),
    (item("a", 0, 9, "It rains.", "x", nl="Het regent."), "has no sentence 9 in paragraph 0"),
    (item("sub/b", None, None, "A summary.", "x"), "has no summary"),
    ({**item("a", 0, 0, "It rains.", "x"), "status": "done"}, "item 1: 'status' should be one of open, approved"),
    ({**item("a", 0, 0, "It rains.", "x"), "kind": "title"}, "item 1: 'kind' should be sentence or summary"),
    ({**item("a", 0, 0, "It rains.", "x"), "paragraph": True}, "item 1: 'paragraph' should be a number from 0"),
    ([1, 2], "item 1: should be an object, not list"),
    ({k: v for k, v in item("a", 0, 0, "It rains.", "x").items() if k != "en"}, "item 1: 'en' should be a string"),
])
def test_unknown_ids_and_malformed_items_are_named_and_the_rest_applied(out, tmp_path, capsys, bad, message):
    good = item("a", 1, 0, "Goodbye.", "Bye.", "approved")
    assert main(["apply", str(out), str(review_file(tmp_path / "r.json", [bad, good]))]) == 1
    err = capsys.readouterr().err
    assert message.format(out=out) in err and "Traceback" not in err
    assert read_jsonl(out / "a.jsonl")[2]["sentences"][0]["en"] == "Bye."


@pytest.mark.parametrize("text, message", ids=["truncated", "not-json", "list", "other-json", "version", "latin1"],
                         argvalues=[
    ('{"format": "translate-review", "version": 1, "items": [{"kind": "sen', "not JSON (Unterminated string"),
    ("hello", "not JSON (Expecting value at column 1)"),
    ("[]", "not a review file"),
    ('{"items": []}', "not a review file"),
    ('{"format": "translate-review", "version": 7, "items": []}', "review file version 7"),
    (b'{"format": "translate-review", "version": 1, "items": ["caf\xe9"]}', "not UTF-8 (byte 59)"),
])
def test_malformed_review_files_apply_nothing_and_exit_1(out, tmp_path, capsys, text, message):
    before = snapshot(out)
    review = tmp_path / "r.json"
    review.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    assert main(["apply", str(out), str(review)]) == 1
    err = capsys.readouterr().err
    assert f"{review}: {message}" in err and "nothing applied" in err and "Traceback" not in err
    assert snapshot(out) == before


def test_huge_and_deeply_nested_review_files_are_refused_before_parsing(out, tmp_path, capsys, monkeypatch):
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:  # sparse: no disk or time spent, and never read whole
        handle.truncate(MAX_REVIEW_BYTES + 1)
    deep = tmp_path / "deep.json"
    deep.write_text('{"format": "translate-review", "version": 1, "items": ' + "[" * 200_000 + "]" * 200_000 + "}")

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed")

    monkeypatch.setattr("translate.apply.json.loads", no_parsing)
    before = snapshot(out)
    assert main(["apply", str(out), str(huge)]) == 1
    assert f"{huge}: larger than 32 MB" in capsys.readouterr().err
    assert main(["apply", str(out), str(deep)]) == 1
    err = capsys.readouterr().err
    assert f"{deep}: JSON nested more than {MAX_DEPTH} levels deep" in err and "Traceback" not in err
    assert snapshot(out) == before


@pytest.mark.parametrize("text, deep", [
    ('{"items": [{"a": "x"}]}', False),
    ("[" * MAX_DEPTH + "]" * MAX_DEPTH, False),
    ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), True),
    ('{"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": {"i": 1}}}}}}}}}', True),
    ('["' + "[" * 50 + '\\"{"]', False),  # brackets inside strings, an escaped quote
    ("[[[[[[[[[[[[", False),  # unbalanced: left to the parser, which says where
])
def test_depth_is_found_without_parsing(text, deep):
    assert too_deep(text, MAX_DEPTH) is deep


def outside_tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_article_ids_that_lead_outside_out_are_refused_and_nothing_is_written_outside(out, tmp_path, capsys):
    elsewhere = tmp_path / "elsewhere"
    write_article(elsewhere, "victim")
    write_article(elsewhere, "linked/c")
    (out / "link").symlink_to(elsewhere / "linked", target_is_directory=True)  # a folder leading out
    (out / "file.jsonl").symlink_to(elsewhere / "victim.jsonl")  # an article file leading out
    watched = outside_tree(tmp_path / "elsewhere")
    hostile = [item(article, 0, 0, "It rains.", "PWNED", "approved") for article in (
        "../elsewhere/victim", str(elsewhere / "victim"), "link/c", "file", "sub/../../elsewhere/victim", ".hidden",
        "a/./b", "", "a\0b")]
    review = review_file(tmp_path / "r.json", [*hostile, item("a", 0, 0, "It rains.", "It is raining.")])
    assert main(["apply", str(out), str(review)]) == 1
    err = capsys.readouterr().err
    refused = [line for line in err.splitlines() if "refused" in line and " applied, " not in line]
    assert len(refused) == len(hostile) and "Traceback" not in err
    assert "article id '../elsewhere/victim' is not one translate writes" in err
    assert f"{out / 'link/c.jsonl'} leads outside {out} (through a symlink)" in err
    assert f"{out / 'file.jsonl'} leads outside {out}" in err
    assert outside_tree(elsewhere) == watched
    assert b"PWNED" not in b"".join([*outside_tree(elsewhere).values(), *snapshot(out).values()])
    assert read_jsonl(out / "a.jsonl")[1]["sentences"][0]["en"] == "It is raining."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "out", "r.json"]


def test_o_writes_a_whole_reviewed_folder_and_leaves_out_as_it_was(out, tmp_path, capsys):
    (out / "manifest.json").write_text('{"articles": []}\n', encoding="utf-8")
    before = snapshot(out)
    review = review_file(tmp_path / "r.json", EDITS[:1])
    target = tmp_path / "reviewed"
    assert main(["apply", str(out), str(review), "-o", str(target)]) == 0
    assert snapshot(out) == before
    after = snapshot(target)
    assert sorted(after) == ["a.jsonl", "manifest.json", "sub/b.jsonl"]
    assert after["sub/b.jsonl"] == before["sub/b.jsonl"] and after["manifest.json"] == before["manifest.json"]
    assert read_jsonl(target / "a.jsonl")[1]["sentences"][1]["mt"] == "The cat sleeps."
    assert main(["apply", str(out), str(review), "-o", str(target)]) == 0  # the same again: the same files
    assert snapshot(target) == after
    assert main(["apply", str(out), str(review), "-o", str(out / "inside")]) == 2
    assert "-o must not be inside" in capsys.readouterr().err


def test_usage_errors_and_a_busy_folder(out, tmp_path, capsys):
    review = review_file(tmp_path / "r.json", EDITS)
    assert main(["apply", str(tmp_path / "missing"), str(review)]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert main(["apply", str(out), str(tmp_path / "nothing.json")]) == 2
    assert f"{tmp_path / 'nothing.json'}: no such review file" in capsys.readouterr().err
    with OutputLock(out):  # a translate run writing to the folder
        assert main(["apply", str(out), str(review)]) == 4
    assert "another translate run is writing to this folder" in capsys.readouterr().err
    assert "mt" not in (out / "a.jsonl").read_text(encoding="utf-8")


def test_a_rerun_keeps_reviewed_files_unless_forced(tmp_path, tiny_models, capsys):
    out = tmp_path / "out"
    args = [str(SEED), "-o", str(out), "--translation-model", str(tiny_models["marian"]), "--no-summary", "-q"]
    assert main(["run", *args]) == 0
    path = out / f"{SEED.stem}.jsonl"
    first = read_jsonl(path)[1]["sentences"][0]
    review = review_file(tmp_path / "r.json", [item(SEED.stem, 0, 0, first["en"], "Reviewed.", "approved",
                                                    nl=first["nl"])])
    assert main(["apply", str(out), str(review)]) == 0
    reviewed = path.read_bytes()
    capsys.readouterr()
    assert main(["run", *args]) == 0  # up to date: unchanged, as any complete file, with nothing to say
    assert path.read_bytes() == reviewed and "kept" not in capsys.readouterr().err
    assert json.loads((out / "manifest.json").read_text())["articles"][0]["status"] == "unchanged"
    assert main(["run", *args, "--beams", "2"]) == 0  # out of date, but reviewed: kept, and the run says so
    assert path.read_bytes() == reviewed
    err = capsys.readouterr().err
    assert f"{path}: kept: it holds a review (translate apply)" in err and "--force" in err
    assert main(["run", *args, "--beams", "2", "--force"]) == 0
    records = read_jsonl(path)
    assert "review" not in records[0] and records[0]["settings"]["beams"] == 2
    assert all("mt" not in s for r in records[1:] for s in r["sentences"])


# Flags follow corrections: the checks run again on the English a review writes.

# The names are dropped whole: a surname alone stands for the name (Brouwer for Carolijn Brouwer).
CHECKED = [("In Alicante won Carolijn Brouwer 3 races.", "In Alicante, the skipper won 4 races."),
           ("Gisteren won Marit Bouwmeester 7 medailles.", "Yesterday the sailor won 8 medals.")]
CHECKED_SUMMARY = "Brouwer won 5 races."


@pytest.fixture
def checked_out(tmp_path) -> Path:
    """A run whose machine English has real findings of the checks, as translate run writes them."""
    folder = tmp_path / "checked"
    path = write_article(folder, "c", [[(nl, en, -0.5, ["retried", "markup"]) for nl, en in CHECKED]])
    records = read_jsonl(path)
    for sentence in records[1]["sentences"]:
        found = qa.sentence_findings(sentence["nl"], sentence["en"])
        sentence["flags"] += list(found)
        sentence["details"] = found
    found = qa.summary_findings(CHECKED_SUMMARY, [nl for nl, _en in CHECKED], [en for _nl, en in CHECKED])
    records[2] = {"type": "summary", "en": CHECKED_SUMMARY, "model": "b", "flags": list(found), "details": found}
    path.write_bytes(dumped(records))
    return folder


def checked_review(tmp_path: Path) -> Path:
    return review_file(tmp_path / "r.json", [
        item("c", 0, 0, CHECKED[0][1], "In Alicante, Carolijn Brouwer won 3 races.", nl=CHECKED[0][0]),
        item("c", 0, 1, CHECKED[1][1], "Yesterday the sailor won 7 medals.", nl=CHECKED[1][0]),
        item("c", None, None, CHECKED_SUMMARY, "Brouwer won 3 races.")])


def test_a_correction_is_checked_again_and_the_machine_flags_stay_beside_mt(checked_out, tmp_path):
    machine = read_jsonl(checked_out / "c.jsonl")
    fixed, partly, summary = *machine[1]["sentences"], machine[2]
    assert fixed["flags"] == ["retried", "markup", "numbers", "names"]
    assert partly["flags"] == ["retried", "markup", "numbers", "names"]
    assert summary["flags"] == ["summary_numbers"]
    assert main(["apply", str(checked_out), str(checked_review(tmp_path))]) == 0
    records = read_jsonl(checked_out / "c.jsonl")
    first, second = records[1]["sentences"]
    # The number fixed and the name restored: those flags are gone; markup is about the Dutch and stays;
    # retried is about how the machine got its English and stays with it.
    assert first["flags"] == ["markup"] and "details" not in first
    assert first["mt"] == fixed["en"] and first["mt_flags"] == fixed["flags"] and first["mt_details"] == \
        fixed["details"]
    assert list(first) == ["nl", "en", "score", "flags", "mt", "mt_flags", "mt_details", "review"]
    # Only the number fixed: the name is still missing, and said so about the English now in the file.
    assert second["flags"] == ["markup", "names"] and second["details"]["names"] == "Marit Bouwmeester missing"
    assert "numbers" not in second["details"] and second["mt_details"]["numbers"] == "7 missing; 8 new"
    assert records[2]["flags"] == [] and "details" not in records[2]
    assert records[2]["mt_flags"] == ["summary_numbers"] and records[2]["mt_details"] == summary["details"]
    # Putting the machine's English back puts its flags back.
    review_file(tmp_path / "back.json", [item("c", 0, 0, first["en"], fixed["en"], nl=CHECKED[0][0])])
    assert main(["apply", str(checked_out), str(tmp_path / "back.json")]) == 0
    back = read_jsonl(checked_out / "c.jsonl")[1]["sentences"][0]
    assert {key: back[key] for key in ("en", "flags", "details")} == \
        {key: fixed[key] for key in ("en", "flags", "details")} and "mt_flags" not in back


def test_the_rebuilt_page_and_a_tmx_export_carry_the_current_flags(checked_out, tmp_path):
    assert main(["apply", str(checked_out), str(checked_review(tmp_path))]) == 0
    report = tmp_path / "report"
    assert main(["review", str(checked_out), "-o", str(report)]) == 0
    html = "".join(page.read_text(encoding="utf-8") for page in sorted(report.glob("p*.html")))
    assert "Marit Bouwmeester missing" in html and "Carolijn Brouwer missing" not in html
    assert "7 missing; 8 new" not in html and "5 not in the article" not in html
    tmx = tmp_path / "c.tmx"
    assert main(["export", str(checked_out), "--format", "tmx", "-o", str(tmx)]) == 0
    units = ElementTree.parse(tmx).getroot().iter("tu")
    flags = [{prop.get("type"): prop.text for prop in unit.iter("prop")}.get("x-flags") for unit in units]
    assert flags == ["markup", "markup,names"]


def test_a_correction_is_checked_after_the_article_s_english_as_corrected(tmp_path):
    """The names check reads the article's earlier English (a name it gave may be said again by a pronoun): a
    corrected sentence is checked after the English the earlier paragraphs hold now."""
    said = ("‘Dit is een tragedie,’ zei het Rode Kruis.", "\"This is a tragedy,\" said.")
    folder = tmp_path / "out"
    write_article(folder, "rk", [[("Het Rode Kruis stuurde hulp naar Palu.", "The Red Cross sent aid to Palu.",
                                   -0.5, [])], [(*said, -0.5, [])]])
    review = review_file(tmp_path / "r.json", [item("rk", 1, 0, said[1], "\"This is a tragedy,\" it said.",
                                                    nl=said[0])])
    assert main(["apply", str(folder), str(review)]) == 0
    sentence = read_jsonl(folder / "rk.jsonl")[2]["sentences"][0]
    assert sentence["en"] == "\"This is a tragedy,\" it said." and "names" not in sentence["flags"]
    # Had the first paragraph not named it, the pronoun stands for nothing the reader has seen.
    write_article(folder, "rk", [[("Het Rode Kruis stuurde hulp naar Palu.", "Aid was sent to Palu.", -0.5, [])],
                                 [(*said, -0.5, [])]])
    assert main(["apply", str(folder), str(review)]) == 0
    sentence = read_jsonl(folder / "rk.jsonl")[2]["sentences"][0]
    assert sentence["details"]["names"] == "Rode Kruis missing"
