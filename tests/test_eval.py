"""translate eval: BLEU and chrF through sacrebleu, with its signatures; inputs, mismatches, exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import read_jsonl

from translate.cli import main
from translate.evaluate import evaluate_files

sacrebleu = pytest.importorskip("sacrebleu")

HYPS = ["The cat sat on the mat.", "It was raining in Amsterdam yesterday.", "The minister resigned."]
REFS = ["The cat sat on a mat.", "Yesterday it rained in Amsterdam.", "The minister has resigned."]
REFS2 = ["A cat was sitting on the mat.", "It rained in Amsterdam yesterday.", "The minister stepped down."]


def lines_file(path: Path, lines: list[str], end: str = "\n") -> Path:
    path.write_text("".join(line + end for line in lines), encoding="utf-8", newline="")
    return path


def test_identical_hypotheses_and_references_score_100(tmp_path, capsys):
    hyp, ref = lines_file(tmp_path / "hyp.txt", HYPS), lines_file(tmp_path / "ref.txt", HYPS)
    assert main(["eval", "--hyp", str(hyp), "--ref", str(ref)]) == 0
    bleu, chrf, note = capsys.readouterr().out.splitlines()
    assert bleu.startswith("BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:") and " = 100.00 " in bleu
    assert chrf.startswith("chrF2|nrefs:1|") and chrf.endswith(" = 100.00")
    assert "3 hypotheses from" in note and "0-100 scale (100.0 = 1.000 on a 0-1 scale)" in note


def test_scores_are_sacrebleus_own_with_one_and_two_references(tmp_path):
    hyp = lines_file(tmp_path / "hyp.txt", HYPS)
    # a BOM and CRLF line ends in a reference file change nothing
    ref = tmp_path / "ref.txt"
    ref.write_bytes("\ufeff".encode() + "".join(r + "\r\n" for r in REFS).encode())
    ref2 = lines_file(tmp_path / "ref2.txt", REFS2)
    one, two = evaluate_files(hyp, [ref]), evaluate_files(hyp, [ref, ref2])
    assert [s.score for s in one.scores] == [sacrebleu.corpus_bleu(HYPS, [REFS]).score,
                                             sacrebleu.corpus_chrf(HYPS, [REFS]).score]
    assert [s.score for s in two.scores] == [sacrebleu.corpus_bleu(HYPS, [REFS, REFS2]).score,
                                             sacrebleu.corpus_chrf(HYPS, [REFS, REFS2]).score]
    assert 0 < one.scores[0].score < two.scores[0].score < 100
    assert "nrefs:2" in two.scores[0].signature


def test_json_output(tmp_path, capsys):
    hyp, ref = lines_file(tmp_path / "hyp.txt", HYPS), lines_file(tmp_path / "ref.txt", REFS)
    assert main(["eval", "--hyp", str(hyp), "--ref", str(ref), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["hypotheses"], result["refs"], result["scale"]) == (3, [str(ref)], "0-100")
    assert result["bleu"]["score"] == round(sacrebleu.corpus_bleu(HYPS, [REFS]).score, 2)
    assert result["chrf"]["name"] == "chrF2" and result["chrf"]["signature"].startswith("nrefs:1|")


def test_a_run_folder_or_article_file_gives_its_english_sentences_in_order(seed_run, tmp_path, capsys):
    def english(paths: list[Path]) -> list[str]:
        return [s["en"] for path in paths for r in read_jsonl(path) if r["type"] == "paragraph" for s in r["sentences"]]

    files = sorted(seed_run.rglob("*.jsonl"))
    paragraphs = [r["en"] for path in files for r in read_jsonl(path) if r["type"] == "paragraph"]
    for hyp, lines, options in ((seed_run, english(files), []), (files[-1], english(files[-1:]), []),
                                (seed_run, paragraphs, ["--paragraphs"])):
        ref = lines_file(tmp_path / "ref.txt", lines)
        assert main(["eval", "--hyp", str(hyp), "--ref", str(ref), "--json", *options]) == 0
        result = json.loads(capsys.readouterr().out)
        assert (result["hypotheses"], result["bleu"]["score"], result["chrf"]["score"]) == (len(lines), 100, 100)
    assert len(paragraphs) < len(english(files))
    assert main(["eval", "--hyp", str(seed_run), "--ref", str(ref)]) == 2
    assert "the run's sentences; with --paragraphs, its paragraphs" in capsys.readouterr().err


def test_mismatched_line_counts_name_both_files(tmp_path, capsys):
    hyp, ref = lines_file(tmp_path / "hyp.txt", HYPS), lines_file(tmp_path / "ref.txt", REFS[:2])
    assert main(["eval", "--hyp", str(hyp), "--ref", str(ref)]) == 2
    err = capsys.readouterr().err
    assert f"{ref} has 2 lines but {hyp} has 3 hypotheses" in err and "Traceback" not in err


@pytest.mark.parametrize("name, message", [
    ("missing.txt", "no such file"),
    ("run", "not JSON"),  # a run folder with an unreadable article file
    ("empty.txt", "no hypotheses"),
    ("hyp.txt", "--paragraphs applies to a run's output"),
])
def test_unusable_hypotheses_are_usage_errors(tmp_path, capsys, name, message):
    hyp = tmp_path / name
    if name == "run":
        hyp.mkdir()
        (hyp / "a.jsonl").write_text("{oops\n", encoding="utf-8")
    if name == "empty.txt":
        hyp.write_text("", encoding="utf-8")
    if name == "hyp.txt":
        lines_file(hyp, HYPS)
    ref = lines_file(tmp_path / "ref.txt", REFS)
    assert main(["eval", "--hyp", str(hyp), "--ref", str(ref), *(["--paragraphs"] if name == "hyp.txt" else [])]) == 2
    err = capsys.readouterr().err
    assert message in err and str(hyp) in err


def test_missing_sacrebleu_says_how_to_install_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "sacrebleu", None)  # import sacrebleu now raises ImportError
    hyp, ref = lines_file(tmp_path / "hyp.txt", HYPS), lines_file(tmp_path / "ref.txt", REFS)
    assert main(["eval", "--hyp", str(hyp), "--ref", str(ref)]) == 2
    assert "pip install 'dutch-news-translate[eval]'" in capsys.readouterr().err


def reviewed_folder(tmp_path: Path) -> Path:
    """A run folder with a review applied: approved (edited and not), rejected, open edited, open commented."""
    sentences = [  # (machine English, reviewed English or None when unreviewed, status, comment)
        ("The cat sat on mat.", "The cat sat on the mat.", "approved", ""),
        ("It rained yesterday.", "It rained yesterday.", "approved", ""),
        ("Minister resign.", "The minister resigned.", "open", ""),
        ("Wrong wrong.", "Wrong wrong.", "rejected", "rubbish"),
        ("A remark.", "A remark.", "open", "check the name"),
        ("Untouched.", None, None, None),
    ]
    records = [{"type": "article", "schema": 1, "id": "a", "source": "a.txt", "date": None, "paragraphs": 1,
                "models": {"translation": {"name": "m", "revision": "r"}, "summary": None}}]
    items = []
    for i, (mt, en, status, comment) in enumerate(sentences):
        item = {"nl": f"Zin {i}.", "en": en or mt, "score": -1.0, "flags": []}
        if en is not None:
            item.update(mt=mt, review={"status": status, "comment": comment})
        items.append(item)
    records.append({"type": "paragraph", "index": 0, "nl": "", "en": "", "sentences": items})
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return out


def test_ref_reviewed_scores_the_machine_output_against_the_reviewed_english(tmp_path, capsys):
    out = reviewed_folder(tmp_path)
    hyps = ["The cat sat on mat.", "It rained yesterday.", "Minister resign."]
    refs = ["The cat sat on the mat.", "It rained yesterday.", "The minister resigned."]
    assert main(["eval", "--hyp", str(out), "--ref-reviewed", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["hypotheses"] == 3 and (result["edited"], result["edited_share"]) == (2, 0.6667)
    assert result["bleu"]["score"] == round(sacrebleu.corpus_bleu(hyps, [refs]).score, 2) < 100
    assert result["chrf"]["score"] == round(sacrebleu.corpus_chrf(hyps, [refs]).score, 2)
    assert result["not_scored"] == {"unreviewed": 1, "rejected": 1, "reviewed without an edit or approval": 1}
    assert main(["eval", "--hyp", str(out), "--ref-reviewed"]) == 0
    text = capsys.readouterr().out
    assert "edited: 2 of 3 reviewed sentences (66.7%); not scored: 1 unreviewed, 1 rejected" in text
    assert text.startswith("BLEU|nrefs:1|")


def test_ref_reviewed_needs_reviewed_sentences_and_excludes_ref(seed_run, tmp_path, capsys):
    assert main(["eval", "--hyp", str(seed_run), "--ref-reviewed"]) == 2
    err = capsys.readouterr().err
    assert "no reviewed sentences" in err and "translate apply" in err
    ref = lines_file(tmp_path / "ref.txt", REFS)
    for extra in (["--ref", str(ref), "--ref-reviewed"], [], ["--ref-reviewed", "--paragraphs"]):
        with pytest.raises(SystemExit) as exit_info:
            main(["eval", "--hyp", str(seed_run), *extra])
        assert exit_info.value.code == 2
    assert "--ref-reviewed" in capsys.readouterr().err
