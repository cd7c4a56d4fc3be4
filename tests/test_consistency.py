"""The `inconsistent` flag: one translation per distinct piece inside a window, the consistency pass across windows
(deterministic, idempotent, only flags and details change), and its place in runs: resumed, interrupted (sharded
runs: tests/test_shard.py; Ray: tests/test_ray.py)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from conftest import read_jsonl
from test_faults import FAST, snapshot, write_articles
from test_run import run

from translate.articles import Article
from translate.consistency import FLAG, consistency_pass, manifest_groups, with_detail
from translate.outputs import read_article
from translate.records import SentenceRecord, article_text, header_record, summary_record

S = SentenceRecord


def write(folder: Path, article_id: str, paragraphs: list[list[SentenceRecord]], summary: bool = True) -> Path:
    """An article file exactly as translate run writes one."""
    article = Article(article_id, f"in/{article_id}.txt", "0" * 64, None, tuple(" ".join(s.nl for s in p)
                                                                               for p in paragraphs))
    header = header_record(article, len(paragraphs), sum(map(len, paragraphs)), {"translation": None,
                                                                                   "summary": None}, {})
    path = folder / f"{article_id}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(article_text(header, paragraphs, summary_record("A summary.", "bart") if summary else None),
                    encoding="utf-8")
    return path


def sentences(path: Path) -> list[dict]:
    return [s for r in read_jsonl(path) if r["type"] == "paragraph" for s in r["sentences"]]


def without_flag(path: Path) -> list[str]:
    """The file's lines as they would be without the pass's flag and details."""
    lines = []
    for record in read_jsonl(path):
        if record["type"] == "paragraph":
            record["sentences"] = [with_detail(s, None) for s in record["sentences"]]
        lines.append(json.dumps(record, ensure_ascii=False))
    return lines


@pytest.fixture()
def folder(tmp_path) -> Path:
    """Boilerplate translated two ways across three articles, a sentence translated alike twice, passthrough."""
    out = tmp_path / "out"
    write(out, "a", [[S("Geen commentaar.", "No comment.", -0.5), S("Het regent.", "It rains.", -0.4)],
                     [S("2022", "2022", None, ("passthrough",))]])
    write(out, "b", [[S("Geen  commentaar.", "No comments.", -0.6, ("retried",)), S("Het regent.", "It rains.", -0.4),
                      S("Vandaag 3 doden.", "Today 4 dead.", -0.3, ("numbers",), (("numbers", "3 missing; 4 new"),))]])
    write(out, "c", [[S("Zon.", "Sun.", -0.1)], [S("Geen commentaar.", "No comment.", -0.5)]])
    write(out, "d", [[S("Iets anders.", "Something else.", -0.2)]])
    return out


def test_every_occurrence_is_flagged_with_the_other_translation_and_where(folder):
    before = snapshot(folder)
    result = consistency_pass(folder, ["d", "c", "b", "a"])
    assert result.rewritten == ("a", "b", "c") and result.skipped == ()
    a, b, c = (sentences(folder / f"{name}.jsonl") for name in "abc")
    assert a[0]["flags"] == [FLAG] and c[1]["flags"] == [FLAG]
    assert a[0]["details"] == {FLAG: '2 translations of this Dutch in the run; the other: "No comments." at b p0s0'}
    assert c[1]["details"] == a[0]["details"]
    # after the flags a sentence had, details after its others
    assert b[0]["flags"] == ["retried", FLAG] and list(b[0]) == ["nl", "en", "score", "flags", "details"]
    assert b[0]["details"] == {FLAG: '2 translations of this Dutch in the run; the other: "No comment." at a p0s0, '
                                     "c p1s0"}
    assert b[2]["flags"] == ["numbers"] and list(b[2]["details"]) == ["numbers"]
    # The same translation twice, passthrough, other sentences: untouched, and so are their lines and files.
    assert "details" not in a[1] and a[2]["flags"] == ["passthrough"] and c[0]["flags"] == []
    assert snapshot(folder)["d.jsonl"] == before["d.jsonl"]
    for name in "abc":
        old, new = before[f"{name}.jsonl"].decode().split("\n"), (folder / f"{name}.jsonl").read_text().split("\n")
        assert new[0] == old[0] and new[-2] == old[-2]  # the header (reruns compare it) and the summary
        assert without_flag(folder / f"{name}.jsonl") == old[:-1]  # nothing but flags and details changed
    assert [p.article for p in result.groups[0].translations[0][1]] == ["a", "c"]
    assert manifest_groups(result.groups) == [{"nl": "Geen commentaar.", "translations": [
        {"en": "No comment.", "occurrences": [["a", 0, 0], ["c", 1, 0]]},
        {"en": "No comments.", "occurrences": [["b", 0, 0]]}]}]
    assert result.flagged == {"a": 2, "b": 2, "c": 1, "d": 0}


def test_a_second_pass_changes_nothing_and_a_fixed_group_loses_its_flags(folder):
    before = snapshot(folder)
    consistency_pass(folder, "abcd")
    flagged = snapshot(folder)
    again = consistency_pass(folder, "abcd")
    assert again.rewritten == () and snapshot(folder) == flagged
    # A rerun translated b's sentence as the others: every file goes back to its bytes before the first pass.
    path = folder / "b.jsonl"
    path.write_text(path.read_text(encoding="utf-8").replace('"No comments."', '"No comment."'), encoding="utf-8")
    result = consistency_pass(folder, "abcd")
    assert result.groups == () and result.rewritten == ("a", "b", "c")
    assert snapshot(folder) == {**before, "b.jsonl": before["b.jsonl"].replace(b'"No comments."', b'"No comment."')}


def test_reviewed_sentences_are_compared_by_the_machine_english_and_keep_their_review(folder):
    path = folder / "b.jsonl"
    records = read_jsonl(path)
    first = records[1]["sentences"][0]
    # The reviewer made it agree with the others: the machine still did not, so the group stands.
    first.update({"en": "No comment.", "mt": "No comments.", "review": {"status": "approved", "comment": "fixed"}})
    records[0]["review"] = {"sentences": 1, "edited": 1, "approved": 1, "rejected": 0, "summary": False}
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    header = path.read_text(encoding="utf-8").split("\n")[0]
    consistency_pass(folder, "abcd")
    after = sentences(path)[0]
    assert list(after) == ["nl", "en", "score", "flags", "details", "mt", "review"]
    assert after["flags"] == ["retried", FLAG] and '"No comment." at a p0s0, c p1s0' in after["details"][FLAG]
    assert {k: after[k] for k in ("en", "mt", "review")} == {k: first[k] for k in ("en", "mt", "review")}
    assert path.read_text(encoding="utf-8").split("\n")[0] == header
    assert read_article(path, Path("b.jsonl")).pairs[0].review.comment == "fixed"


def test_an_unreadable_file_is_skipped_with_a_line(folder, caplog):
    (folder / "c.jsonl").write_text('{"type": "article"\n', encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        result = consistency_pass(folder, ["a", "b", "c", "d", "missing"])
    assert len(result.skipped) == 2 and "c.jsonl:1: not JSON" in caplog.text and "missing.jsonl" in caplog.text
    assert "skipped by the consistency pass" in caplog.text
    assert sentences(folder / "a.jsonl")[0]["details"][FLAG].endswith('"No comments." at b p0s0')


def test_details_name_a_few_places_and_translations_the_manifest_all(tmp_path):
    out = tmp_path / "out"
    for k in range(12):  # five translations; the first at eight places
        english = "Dry." if k < 8 else f"Dry {k}."
        write(out, f"x{k:02d}", [[S("Droog.", english, -0.5)]], summary=False)
    result = consistency_pass(out, [f"x{k:02d}" for k in range(12)])
    detail = sentences(out / "x00.jsonl")[0]["details"][FLAG]
    assert detail == ('5 translations of this Dutch in the run; others: "Dry 8." at x08 p0s0; "Dry 9." at x09 p0s0; '
                      '"Dry 10." at x10 p0s0; and 1 more (the manifest lists them all)')
    assert sentences(out / "x11.jsonl")[0]["details"][FLAG].startswith(
        '5 translations of this Dutch in the run; others: "Dry." at x00 p0s0, x01 p0s0, x02 p0s0 and 5 more; ')
    assert sum(len(t["occurrences"]) for t in manifest_groups(result.groups)[0]["translations"]) == 12


def test_identical_pieces_of_a_window_are_translated_once(tmp_path, tiny_models, monkeypatch):
    from translate.engines.ct2 import CTranslate2Engine

    first_tries: list[str] = []  # what the model is asked, before any strict retry
    real = CTranslate2Engine.translate

    def recording(self, texts, strict=False):
        first_tries.extend([] if strict else texts)
        return real(self, texts, strict)

    monkeypatch.setattr(CTranslate2Engine, "translate", recording)
    boilerplate = "Dit bericht is aangepast."
    (tmp_path / "in").mkdir()
    for name in ("a", "b"):
        (tmp_path / "in" / f"{name}.txt").write_text(f"{boilerplate} Nieuws over {name}.\n\n{boilerplate}",
                                                     encoding="utf-8")
    assert run([tmp_path / "in"], tmp_path / "out", tiny_models, *FAST, "--no-summary", summary="") == 0
    assert sorted(first_tries) == sorted([boilerplate, "Nieuws over a.", "Nieuws over b."])
    english = {s["en"] for name in "ab" for s in sentences(tmp_path / "out" / f"{name}.jsonl")
               if s["nl"] == boilerplate}
    assert len(english) == 1


# ---------------------------------------------------------------- in runs

WINDOW = ("--window", "4")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seed_texts) -> Path:
    """Ten articles of two sentences, each sharing one with the next: repeated sentences across windows of 4."""
    folder = tmp_path_factory.mktemp("corpus")
    write_articles(folder, 10, seed_texts[0], sentences=2)
    return folder


@pytest.fixture(scope="module")
def full(tmp_path_factory, corpus, tiny_models) -> Path:
    out = tmp_path_factory.mktemp("full")
    assert run([corpus], out, tiny_models, *FAST, *WINDOW, "--no-summary", summary="") == 0
    return out


def test_a_run_flags_the_same_dutch_translated_differently_in_other_windows(full):
    manifest = json.loads((full / "manifest.json").read_text(encoding="utf-8"))
    groups = manifest["inconsistent"]
    assert groups, "random models translate a sentence in another batch differently: there should be groups"
    flagged = {(a, p, s) for g in groups for t in g["translations"] for a, p, s in t["occurrences"]}
    for path in full.glob("*.jsonl"):
        for p, record in enumerate(r for r in read_jsonl(path) if r["type"] == "paragraph"):
            for s, sentence in enumerate(record["sentences"]):
                assert (FLAG in sentence["flags"]) == ((path.stem, p, s) in flagged)
    counts = {a["id"]: a["flagged_sentences"] for a in manifest["articles"]}
    assert counts == {path.stem: sum(bool(s["flags"]) for s in sentences(path)) for path in full.glob("*.jsonl")}
    assert manifest["totals"]["consistency_seconds"] >= 0


def test_an_interrupted_run_skips_the_pass_and_its_rerun_gives_a_full_run_s_bytes(tmp_path, corpus, full,
                                                                                    tiny_models, monkeypatch, capsys):
    from translate.pipeline import Pipeline

    out, process = tmp_path / "out", Pipeline._process

    def interrupted_in_the_third_window(pipeline, window):
        if len(list(out.glob("*.jsonl"))) >= 4:
            raise KeyboardInterrupt
        return process(pipeline, window)

    monkeypatch.setattr(Pipeline, "_process", interrupted_in_the_third_window)
    assert run([corpus], out, tiny_models, *FAST, *WINDOW, "--no-summary", summary="") == 130
    assert "consistency pass did not run" in capsys.readouterr().err
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["inconsistent"] is None
    monkeypatch.undo()
    assert run([corpus], out, tiny_models, *FAST, *WINDOW, "--no-summary", summary="") == 0
    assert snapshot(out) == snapshot(full)
    # A rerun that redoes one article: its new file lacks the flag until the pass, which runs on every run.
    victim = next(path for path in sorted(out.glob("*.jsonl")) if any(FLAG in s["flags"] for s in sentences(path)))
    victim.unlink()
    assert run([corpus], out, tiny_models, *FAST, *WINDOW, "--no-summary", summary="") == 0
    assert snapshot(out) == snapshot(full)
    assert "consistency pass" not in capsys.readouterr().err


def test_a_corrected_sentence_gets_inconsistent_with_the_machine_flags():
    # translate apply keeps the machine's flags in mt_flags; the pass compares machine English, so its flag goes
    # there too, and the flags of the reviewer's English stay as they are.
    corrected = {"nl": "Ja.", "en": "Yes.", "score": -0.1, "flags": ["names"], "details": {"names": "X missing"},
                 "mt": "Yeah.", "mt_flags": ["retried"], "review": {"status": "approved", "comment": ""}}
    flagged = with_detail(corrected, "2 translations")
    assert flagged["flags"] == ["names"] and flagged["details"] == {"names": "X missing"}
    assert flagged["mt_flags"] == ["retried", FLAG] and flagged["mt_details"] == {FLAG: "2 translations"}
    assert list(flagged) == ["nl", "en", "score", "flags", "details", "mt", "mt_flags", "mt_details", "review"]
    assert with_detail(flagged, None) == corrected
