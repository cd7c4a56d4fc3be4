"""End-to-end runs of the CLI on tiny random-weight models: schema, nothing lost, order, determinism."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEED, SEEDS, read_jsonl

from translate import qa
from translate.articles import parse_text
from translate.cli import main

HEADER_KEYS = ["type", "schema", "id", "source", "source_sha256", "date", "paragraphs", "sentences", "models",
               "settings"]
PARAGRAPH_KEYS = ["type", "index", "nl", "en", "sentences"]
SENTENCE_KEYS = ["nl", "en", "score", "flags"]
CHECK_FLAGS = ("numbers", "names", "punctuation", "inconsistent")  # the bilingual checks' flags: they have details


def run(inputs: list[Path], out: Path, models: dict[str, Path], *extra: str, summary: str = "bart") -> int:
    args = ["run", *map(str, inputs), "-o", str(out), "--translation-model", str(models["marian"]), "-q"]
    if summary:
        args += ["--summary-model", str(models[summary])]
    return main(args + list(extra))


def body_sentences(records: list[dict]) -> list[str]:
    return [s["nl"] for r in records if r["type"] == "paragraph" for s in r["sentences"]]


def check_article(records: list[dict], source_text: str, summary: bool = True) -> None:
    header, paragraphs = records[0], [r for r in records if r["type"] == "paragraph"]
    assert list(header) == HEADER_KEYS and header["type"] == "article" and header["schema"] == 1
    date, body = parse_text(source_text)
    assert header["date"] == date
    assert header["paragraphs"] == len(paragraphs) == len(body)
    assert header["sentences"] == len(body_sentences(records))
    # Nothing lost, order kept: the sentences give back each paragraph, and the paragraphs the body.
    assert " ".join(body_sentences(records)) == " ".join(body)
    for index, (paragraph, text) in enumerate(zip(paragraphs, body, strict=True)):
        assert list(paragraph) == PARAGRAPH_KEYS and paragraph["index"] == index
        assert paragraph["nl"] == text == " ".join(s["nl"] for s in paragraph["sentences"])
        assert paragraph["en"] == " ".join(s["en"] for s in paragraph["sentences"] if s["en"])
        for k, sentence in enumerate(paragraph["sentences"]):
            check_details(sentence, SENTENCE_KEYS)
            # The checks ran on every translated sentence (after the paragraph's earlier ones, for quotations that
            # span sentences): what they say is what the record holds.
            before = [(s["nl"], s["en"]) for s in paragraph["sentences"][:k]]
            found = qa.sentence_findings(sentence["nl"], sentence["en"], before=before) \
                if sentence["score"] is not None else {}
            assert {flag: text for flag, text in sentence.get("details", {}).items() if flag != "inconsistent"} == found
            assert isinstance(sentence["en"], str) and sentence["en"]
            assert isinstance(sentence["score"], float) and sentence["score"] <= 0
    if summary:
        assert records[-1]["type"] == "summary"
        check_details(records[-1], ["type", "en", "model", "flags"])
        sentences = [s for p in paragraphs for s in p["sentences"]]
        found = qa.summary_findings(records[-1]["en"], [s["nl"] for s in sentences], [s["en"] for s in sentences])
        assert records[-1].get("details", {}) == found and records[-1]["flags"] == list(found)
        assert isinstance(records[-1]["en"], str) and records[-1]["en"]
        assert header["models"]["summary"]["name"] == records[-1]["model"]
    else:
        assert records[-1]["type"] == "paragraph"
        assert header["models"]["summary"] is None and header["settings"]["summary"] is None


def check_details(record: dict, keys: list[str]) -> None:
    """Today's keys, and `details` right after `flags` only when a check found something: one detail per check
    flag, a short text each, and the check flags after every other flag."""
    assert isinstance(record["flags"], list)
    checked = [flag for flag in record["flags"] if flag in CHECK_FLAGS or flag.startswith("summary_")]
    if not checked:
        assert list(record) == keys
        return
    assert list(record) == [*keys, "details"] and list(record["details"]) == checked
    assert record["flags"][-len(checked):] == checked
    assert all(isinstance(text, str) and 0 < len(text) < 2000 for text in record["details"].values())


def test_seed_run_schema_nothing_lost_and_byte_identical_rerun(tmp_path, tiny_models):
    first, second = tmp_path / "first", tmp_path / "second"
    assert run([SEEDS], first, tiny_models) == 0
    assert run([SEEDS], second, tiny_models) == 0
    article = first / f"{SEED.stem}.jsonl"
    records = read_jsonl(article)
    check_article(records, SEED.read_text(encoding="utf-8"))
    assert records[0]["date"] == "2022-02"
    assert records[0]["id"] == SEED.stem
    assert records[0]["models"]["translation"]["name"] == "marian"
    assert records[0]["models"]["translation"]["revision"].startswith("local:")
    assert article.read_bytes() == (second / article.name).read_bytes()
    manifest = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["articles"][0]["status"] == "ok"
    assert manifest["articles"][0]["sentences"] == records[0]["sentences"]
    # Per model, the backend and number format it really ran in; no torch dtype when no model ran on torch.
    settings = records[0]["settings"]
    assert manifest["device"] == {"device": "cpu", "models": {
        "translation": {"backend": settings["backend"], "compute_type": settings["dtype"]},
        "summary": {"backend": settings["summary"]["backend"], "compute_type": settings["summary"]["dtype"]}}}
    assert settings["backend"] == settings["summary"]["backend"] == "ctranslate2" and settings["dtype"] == "int8"


def test_cpu_thread_count_is_part_of_the_settings(tmp_path, tiny_models):
    import torch

    # Other thread counts sum floats in another order: files made with them are not taken as up to date.
    assert run([SEED], tmp_path / "one", tiny_models, "--threads", "1") == 0
    header = read_jsonl(tmp_path / "one" / f"{SEED.stem}.jsonl")[0]
    assert header["settings"]["threads"] == header["settings"]["summary"]["threads"] == 1
    try:
        assert run([SEED], tmp_path / "one", tiny_models, "--threads", "2") == 0
    finally:
        torch.set_num_threads(1)
    manifest = json.loads((tmp_path / "one" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["articles"][0]["status"] == "ok"  # redone, not "unchanged"
    assert read_jsonl(tmp_path / "one" / f"{SEED.stem}.jsonl")[0]["settings"]["threads"] == 2


def test_cli_in_a_fresh_process_writes_the_same_bytes(tmp_path, tiny_models):
    """The installed entry point (python -m translate) and the in-process run agree byte for byte."""
    in_process, fresh = tmp_path / "a", tmp_path / "b"
    assert run([SEED], in_process, tiny_models, "--no-summary") == 0
    command = [sys.executable, "-m", "translate", "run", str(SEED), "-o", str(fresh), "--no-summary",
               "--translation-model", str(tiny_models["marian"])]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "1 article: 1 written, 0 unchanged, 0 failed; " in result.stderr
    name = f"{SEED.stem}.jsonl"
    assert (in_process / name).read_bytes() == (fresh / name).read_bytes()
    check_article(read_jsonl(fresh / name), SEED.read_text(encoding="utf-8"), summary=False)


def test_many_articles_batched_together_keep_their_own_sentences(tmp_path, tiny_models, seed_texts):
    """Sentences of all articles share batches; each article must get back exactly its own."""
    inputs = tmp_path / "in"
    paragraphs = parse_text(seed_texts[0])[1]
    texts = {f"art{i}": "\n\n".join(paragraphs[i % len(paragraphs):] + paragraphs[: i % 2]) for i in range(6)}
    texts["short"] = "Kort."
    for name, text in texts.items():
        (inputs / f"{name}.txt").parent.mkdir(parents=True, exist_ok=True)
        (inputs / f"{name}.txt").write_text(text, encoding="utf-8")
    assert run([inputs], tmp_path / "out", tiny_models, "--batch-tokens", "300") == 0
    for name, text in texts.items():
        check_article(read_jsonl(tmp_path / "out" / f"{name}.jsonl"), text)


def test_no_summary_and_t5_summary(tmp_path, tiny_models):
    assert run([SEED], tmp_path / "none", tiny_models, "--no-summary", summary="") == 0
    check_article(read_jsonl(tmp_path / "none" / f"{SEED.stem}.jsonl"), SEED.read_text(encoding="utf-8"), False)
    assert run([SEED], tmp_path / "t5", tiny_models, summary="t5") == 0
    records = read_jsonl(tmp_path / "t5" / f"{SEED.stem}.jsonl")
    check_article(records, SEED.read_text(encoding="utf-8"))
    assert records[-1]["model"] == "t5"


def test_sentence_longer_than_the_model_is_split_and_flagged(tmp_path, tiny_models, seed_texts):
    words = parse_text(seed_texts[0])[1][3].replace(".", "").replace("’", "").replace("‘", "").split()
    long_sentence = " ".join((words * 4)[:150]) + "."
    text = f"Eerste zin. {long_sentence} Laatste zin."
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    models = {**tiny_models, "marian": tiny_models["marian_short"]}
    assert run([tmp_path / "long.txt"], tmp_path / "out", models, "--no-summary", summary="") == 0
    records = read_jsonl(tmp_path / "out" / "long.jsonl")
    check_article(records, text, summary=False)
    sentences = records[1]["sentences"]
    assert [s["nl"] for s in sentences] == ["Eerste zin.", long_sentence, "Laatste zin."]
    assert ["split" in s["flags"] for s in sentences] == [False, True, False]
    assert records[0]["settings"]["max_input_tokens"] == 64


def test_article_longer_than_the_summariser_input_is_summarised(tmp_path, tiny_models):
    models = {**tiny_models, "bart": tiny_models["bart_short"]}
    assert run([SEED], tmp_path / "out", models) == 0
    records = read_jsonl(tmp_path / "out" / f"{SEED.stem}.jsonl")
    check_article(records, SEED.read_text(encoding="utf-8"))


def test_bad_file_is_reported_and_the_others_are_written(tmp_path, tiny_models, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (inputs / "bad.txt").write_bytes(b"Caf\xe9 in latin-1.")
    assert run([inputs], tmp_path / "out", tiny_models, "--no-summary", summary="") == 1
    assert (tmp_path / "out" / "good.jsonl").exists()
    assert not (tmp_path / "out" / "bad.jsonl").exists()
    assert "bad.txt: not valid UTF-8 at byte 3" in capsys.readouterr().err
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    statuses = {a["id"]: (a["status"], a["reason"]) for a in manifest["articles"]}
    assert statuses["good"] == ("ok", None)
    assert statuses["bad"][0] == "failed" and "byte 3" in statuses["bad"][1]


def test_usage_errors_exit_2_with_a_message(tmp_path, tiny_models, capsys):
    assert run([tmp_path / "missing"], tmp_path / "out", tiny_models) == 2
    assert "missing: no such file or folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert run([tmp_path / "empty"], tmp_path / "out", tiny_models) == 2
    assert "no .txt or record files" in capsys.readouterr().err


def test_cuda_requested_without_cuda_is_a_clear_usage_error(tmp_path, tiny_models, capsys):
    import torch

    if torch.cuda.is_available():
        pytest.skip("a CUDA device is present")
    assert run([SEED], tmp_path / "out", tiny_models, "--device", "cuda") == 2
    assert "no CUDA device is available" in capsys.readouterr().err


def test_dtype_choices_on_cpu(tmp_path, tiny_models, capsys):
    from translate.devices import cpu_has_bfloat16

    assert run([SEED], tmp_path / "a", tiny_models, "--device", "cpu", "--dtype", "float16") == 2
    assert "--dtype float16 is for CUDA" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        run([SEED], tmp_path / "b", tiny_models, "--int8", "--dtype", "bfloat16")
    assert stopped.value.code == 2 and "cannot be combined with --dtype bfloat16" in capsys.readouterr().err
    code = run([SEED], tmp_path / "c", tiny_models, "--device", "cpu", "--dtype", "bfloat16")
    if not cpu_has_bfloat16():
        assert code == 2 and "no native bfloat16" in capsys.readouterr().err
        return
    assert code == 0
    header = read_jsonl(tmp_path / "c" / (SEED.stem + ".jsonl"))[0]
    # The number format is part of the settings, so a float32 run's files are not taken as up to date.
    assert header["settings"]["dtype"] == header["settings"]["summary"]["dtype"] == "bfloat16"
    check_article(read_jsonl(tmp_path / "c" / (SEED.stem + ".jsonl")), SEED.read_text(encoding="utf-8"))


def test_cpu_engines_keep_freed_memory_for_reuse():
    from translate.devices import keep_freed_memory

    # glibc Linux (every machine we run on): the allocator accepts the setting.
    assert keep_freed_memory() is (sys.platform.startswith("linux") and os.confstr("CS_GNU_LIBC_VERSION") is not None)


def test_missing_pinned_model_stops_fast_with_the_fetch_command(tmp_path):
    """No local copy of the pinned model: exit 3 within seconds, naming the model and how to get it."""
    env = {**os.environ, "HF_HOME": str(tmp_path / "hf"), "HF_HUB_CACHE": str(tmp_path / "hf" / "hub")}
    env.pop("HF_HUB_OFFLINE", None)  # the tool must be fast without being told to stay offline
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "translate", "run", "seeds", "-o", str(tmp_path / "out")],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    elapsed = time.monotonic() - started
    assert result.returncode == 3, result.stderr
    assert "Helsinki-NLP/opus-mt-nl-en" in result.stderr
    assert "translate models fetch" in result.stderr
    assert "Traceback" not in result.stderr
    assert elapsed < 10


def test_help_answers_without_loading_torch():
    code = "import sys; from translate.cli import build_parser; build_parser(); print('torch' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
    result = subprocess.run([sys.executable, "-m", "translate", "run", "--help"], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 0
    text = " ".join(result.stdout.split())  # argparse wraps lines anywhere
    for option in ["--translation-model", "--summary-model", "--no-summary", "--device", "--beams",
                   "--batch-tokens", "--quiet", "default: 4", "default: seeds/", "default: out/", "--backend",
                   "auto (the default)", "each article gets one by default"]:
        assert option in text
    # Defaults as a person reads them: no Python reprs, nothing that reads as "summaries off".
    assert "PosixPath" not in text and "(default: True)" not in text and "(default: None)" not in text


def test_a_sentence_without_findings_keeps_today_s_bytes_and_findings_add_flags_and_details():
    from translate.engines import Translation
    from translate.pipeline import PieceResult, Sentence, sentence_record
    from translate.records import dumps, paragraph_record, summary_record

    nl = "Het kabinet wil 3 miljoen euro."
    good = sentence_record(Sentence(nl, (nl,)), [PieceResult(Translation("The cabinet wants 3 million euros.",
                                                                         -0.51234, 7), ())])
    # The line translate run wrote before the checks existed, byte for byte.
    assert dumps(paragraph_record(0, [good])) == (
        '{"type": "paragraph", "index": 0, "nl": "Het kabinet wil 3 miljoen euro.", "en": "The cabinet wants 3 '
        'million euros.", "sentences": [{"nl": "Het kabinet wil 3 miljoen euro.", "en": "The cabinet wants 3 million '
        'euros.", "score": -0.5123, "flags": []}]}')
    bad = sentence_record(Sentence(nl, (nl,), ("markup",)), [PieceResult(Translation(
        "Does the cabinet want 30 million euros?", -0.5, 8), ("retried",))])
    assert bad.flags == ("markup", "retried", "numbers", "punctuation")
    assert paragraph_record(0, [bad])["sentences"][0]["details"] == {
        "numbers": "3 miljoen (3000000) missing; 30 million new",
        "punctuation": "question mark added (0 in the Dutch, 1 in the English)"}
    passthrough = sentence_record(Sentence("2022", ("2022",)), [PieceResult(None, ("passthrough",))])
    assert (passthrough.flags, passthrough.details) == (("passthrough",), ())
    assert dumps(summary_record("A summary.", "bart")) == \
        '{"type": "summary", "en": "A summary.", "model": "bart", "flags": []}'
    assert summary_record("Jan said 5.", "bart", {"summary_numbers": "5 not in the article"})["details"] == \
        {"summary_numbers": "5 not in the article"}


def test_a_sentence_is_checked_after_the_english_of_its_article_s_earlier_paragraphs():
    """`it said` for `zei het Rode Kruis` is no missing name where an earlier paragraph's English gave it; the
    same paragraph in another article, whose English never gave it, is flagged."""
    from translate.engines import Translation
    from translate.pipeline import PieceResult, Sentence, article_records

    named, said = "Het Rode Kruis stuurde hulp naar Palu.", "‘Dit is een tragedie,’ zei het Rode Kruis."

    def records(first_english: str) -> list:
        results = iter(PieceResult(Translation(english, -0.5, 9), ())
                       for english in (first_english, "\"This is a tragedy,\" it said."))
        return article_records(((Sentence(named, (named,)),), (Sentence(said, (said,)),)), results)

    first, second = records("The Red Cross sent aid to Palu.")
    assert first[0].flags == () and second[0].flags == ()
    first, second = records("Aid was sent to Palu.")
    assert second[0].flags == ("names",) and dict(second[0].details) == {"names": "Rode Kruis missing"}
