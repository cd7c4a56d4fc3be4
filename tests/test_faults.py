"""Nothing lost under faults: resume, concurrent runs, SIGKILL, out-of-memory, broken models, bad input."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch
from conftest import ROOT, SEED, read_jsonl
from test_run import check_article, run

from translate.articles import parse_text
from translate.cli import main
from translate.outdir import OutputLock, is_complete

FAST = ("--beams", "1")


def write_articles(folder: Path, count: int, seed_text: str, sentences: int = 3) -> dict[str, str]:
    """Small articles cut from the seed, so runs with many articles stay quick."""
    from translate.segment import split_sentences

    pool = [s for p in parse_text(seed_text)[1] for s in split_sentences(p)]
    folder.mkdir(parents=True, exist_ok=True)
    texts = {}
    for i in range(count):
        body = " ".join(pool[(i + k) % len(pool)] for k in range(sentences))
        texts[f"a{i:03d}"] = f"date 2022-02-{1 + i % 28:02d}\n\n{body}"
        (folder / f"a{i:03d}.txt").write_text(texts[f"a{i:03d}"], encoding="utf-8")
    return texts


def statuses(out: Path) -> dict[str, str]:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {a["id"]: a["status"] for a in manifest["articles"]}


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.jsonl"))}


def test_rerun_skips_complete_articles_and_redoes_changed_ones(tmp_path, tiny_models, seed_texts):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 4, seed_texts[0])
    assert run([inputs], out, tiny_models, *FAST, "--window", "3") == 0
    first = snapshot(out)
    assert run([inputs], out, tiny_models, *FAST, "--window", "3") == 0
    assert set(statuses(out).values()) == {"unchanged"}
    (inputs / "a002.txt").write_text("Een nieuwe tekst over Oekraïne.", encoding="utf-8")
    assert run([inputs], out, tiny_models, *FAST, "--window", "3") == 0
    assert statuses(out)["a002"] == "ok"
    assert statuses(out)["a000"] == "unchanged"
    assert read_jsonl(out / "a002.jsonl")[1]["nl"] == "Een nieuwe tekst over Oekraïne."
    assert snapshot(out)["a000.jsonl"] == first["a000.jsonl"]
    assert run([inputs], out, tiny_models, *FAST, "--window", "3", "--force") == 0
    assert set(statuses(out).values()) == {"ok"}


def test_changed_settings_redo_everything(tmp_path, tiny_models, seed_texts):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 2, seed_texts[0])
    assert run([inputs], out, tiny_models, *FAST, "--no-summary", summary="") == 0
    assert run([inputs], out, tiny_models, "--beams", "2", "--no-summary", summary="") == 0
    assert set(statuses(out).values()) == {"ok"}
    assert read_jsonl(out / "a000.jsonl")[0]["settings"]["beams"] == 2


def test_a_second_run_on_a_busy_output_folder_refuses(tmp_path, tiny_models, capsys):
    out = tmp_path / "out"
    with OutputLock(out):
        assert run([SEED], out, tiny_models, *FAST) == 4
    assert "another translate run is writing to this folder" in capsys.readouterr().err
    assert not (out / f"{SEED.stem}.jsonl").exists()


def test_stale_temporary_files_are_removed(tmp_path, tiny_models):
    out = tmp_path / "out"
    out.mkdir()
    stale = out / f".{SEED.stem}.jsonl.abc123.tmp"
    stale.write_text('{"type": "article"', encoding="utf-8")
    assert run([SEED], out, tiny_models, *FAST, "--no-summary", summary="") == 0
    assert not stale.exists()


def _complete_or_absent(out: Path, ids: list[str]) -> int:
    """Every article file present is whole; returns how many there are."""
    present = 0
    for name in ids:
        path = out / f"{name}.jsonl"
        if path.exists():
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert is_complete(path, first), f"{path} is not complete"
            present += 1
    return present


def _run_until_killed(command: list[str], out: Path, ids: list[str], rng: random.Random) -> None:
    """Start a run, watch its files appear (each must be whole whenever we look), and SIGKILL it mid-way."""
    before = _complete_or_absent(out, ids) if out.exists() else 0
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:
        if out.exists() and _complete_or_absent(out, ids) > before:
            time.sleep(rng.uniform(0.0, 0.1))  # somewhere inside the next window's work (tiny models are quick)
            break
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    _complete_or_absent(out, ids)


def test_sigkill_at_random_moments_then_rerun_gives_identical_files(tmp_path, tiny_models, seed_texts):
    inputs = tmp_path / "in"
    texts = write_articles(inputs, 40, seed_texts[0])  # far more windows than three kills can let finish
    args = [str(inputs), "--translation-model", str(tiny_models["marian"]), "--summary-model",
            str(tiny_models["bart"]), "--beams", "2", "--window", "4", "-q"]
    reference, killed = tmp_path / "reference", tmp_path / "killed"
    command = [sys.executable, "-m", "translate", "run"]
    subprocess.run([*command, *args, "-o", str(reference)], check=True, cwd=ROOT, timeout=600)
    rng = random.Random(7)
    for _ in range(3):
        _run_until_killed([*command, *args, "-o", str(killed)], killed, list(texts), rng)
    assert 0 < _complete_or_absent(killed, list(texts)) < len(texts), "the kills should leave work to resume"
    subprocess.run([*command, *args, "-o", str(killed)], check=True, cwd=ROOT, timeout=600)
    assert snapshot(killed) == snapshot(reference)
    assert not list(killed.glob(".*.tmp"))


def test_ctrl_c_keeps_finished_articles_and_exits_130(tmp_path, tiny_models, seed_texts, monkeypatch, capsys):
    """A real SIGINT, raised at a fixed point: while the third article is being translated."""
    from translate.pipeline import Pipeline

    inputs, out = tmp_path / "in", tmp_path / "out"
    texts = write_articles(inputs, 8, seed_texts[0])
    batched = Pipeline._batched

    def interrupted_at_the_third_article(pipeline, *args, **kwargs):
        if len(list(out.glob("*.jsonl"))) == 2:
            signal.raise_signal(signal.SIGINT)  # Python turns it into KeyboardInterrupt here, as for Ctrl-C
        return batched(pipeline, *args, **kwargs)

    monkeypatch.setattr(Pipeline, "_batched", interrupted_at_the_third_article)
    code = main(["run", str(inputs), "-o", str(out), "--window", "3", "--translation-model",
                 str(tiny_models["marian"]), "--no-summary", *FAST])
    stderr = capsys.readouterr().err
    assert code == 130, stderr
    assert "Traceback" not in stderr and "interrupted after 2 articles" in stderr
    assert _complete_or_absent(out, list(texts)) == 2
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["interrupted"] is True and len(manifest["articles"]) == 2


def test_ctrl_c_from_outside_stops_a_running_process(tmp_path, tiny_models, seed_texts):
    """The same through the operating system: SIGINT to a separate process once its first file is written."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    texts = write_articles(inputs, 300, seed_texts[0])  # far more work than fits between file and signal
    command = [sys.executable, "-m", "translate", "run", str(inputs), "-o", str(out), "--window", "3",
               "--translation-model", str(tiny_models["marian"]), "--no-summary", *FAST]
    # stderr to a file, not a pipe: a pipe nobody reads yet fills up and blocks the run mid-write.
    with (tmp_path / "stderr.txt").open("w+", encoding="utf-8") as stderr:
        process = subprocess.Popen(command, cwd=ROOT, stderr=stderr, text=True)
        deadline = time.monotonic() + 120
        while not list(out.glob("*.jsonl")) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        process.send_signal(signal.SIGINT)
        process.wait(timeout=120)
        stderr.seek(0)
        message = stderr.read()
    assert process.returncode == 130, message
    assert "Traceback" not in message and "interrupted after" in message
    assert 1 <= _complete_or_absent(out, list(texts)) < len(texts)
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["interrupted"] is True


def test_out_of_memory_halves_the_batch(tmp_path, tiny_models, monkeypatch, caplog):
    """A batch that does not fit is retried in halves; every sentence is still translated."""
    from translate.devices import Placement
    from translate.engines.hf import TransformersEngine

    engine = TransformersEngine(tiny_models["marian"], Placement("cpu", "float32"), 1, 1.0, 2)
    real_generate = engine.model.generate

    def small_memory(**kwargs):
        if kwargs["input_ids"].shape[0] > 1:
            raise torch.cuda.OutOfMemoryError("CUDA out of memory (simulated)")
        return real_generate(**kwargs)

    monkeypatch.setattr(engine.model, "generate", small_memory)
    sentences = ["De kans is klein.", "Donderdag vond er overleg plaats.", "Biden zei dat.",
                 "Nederland houdt code oranje aan."]
    with caplog.at_level("WARNING"):
        translations = engine.translate(sentences)
    assert len(translations) == 4 and all(t.text and t.tokens for t in translations)
    assert "retrying it in halves" in caplog.text
    monkeypatch.setattr(engine.model, "generate", real_generate)
    assert [t.text for t in translations] == [engine.translate([s])[0].text for s in sentences]


@pytest.mark.real_checkpoint
@pytest.mark.parametrize("summary", [False, True])
def test_a_model_failing_mid_run_stops_cleanly_and_a_rerun_completes(tmp_path, tiny_models, seed_texts, monkeypatch,
                                                                     capsys, summary):
    """An unexpected engine error on the run's third batch (a CUDA fault, say): exit 5, no traceback, the
    articles before it on disk, the reason in the manifest; the rerun finishes the rest as a full run would."""
    from translate.engines.ct2 import CTranslate2Engine, CTranslate2Generator

    inputs = tmp_path / "in"
    texts = write_articles(inputs, 6, seed_texts[0])
    options = ["--window", "3", "--translation-model", str(tiny_models["marian"]), *FAST]
    options += ["--summary-model", str(tiny_models["bart"])] if summary else ["--no-summary"]
    # One article per window; each window is one batch of first tries, one of retries (random outputs
    # look broken) and, with summaries, one of summaries: batch 3 is the second window's first, batch 6
    # its summary.
    batch = 6 if summary else 3
    model, method = (CTranslate2Generator, "generate") if summary else (CTranslate2Engine, "translate")
    real, calls = getattr(model, method), []

    def fails_on_the_run_s_third_batch(self, *args, **kwargs):
        calls.append(method)
        if len(calls) == (2 if summary else 3):
            raise RuntimeError("CUDA failed with error an illegal memory access was encountered (injected)")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(model, method, fails_on_the_run_s_third_batch)
    code = main(["run", str(inputs), "-o", str(tmp_path / "out"), *options])
    err = capsys.readouterr().err
    assert code == 5, err
    assert "Traceback" not in err and f"failed on batch {batch} of this run" in err
    assert "--backend transformers" in err
    assert f"the {'summary' if summary else 'translation'} model (ctranslate2) failed" in err
    assert _complete_or_absent(tmp_path / "out", list(texts)) == 1  # the first window's article, whole
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert f"failed on batch {batch}" in manifest["failure"] and manifest["interrupted"] is False
    assert manifest["inconsistent"] is None and "the consistency pass did not run" in err  # the rerun runs it
    assert [a["status"] for a in manifest["articles"]] == ["ok"]
    monkeypatch.undo()
    assert main(["run", str(inputs), "-o", str(tmp_path / "out"), "-q", *options]) == 0
    assert main(["run", str(inputs), "-o", str(tmp_path / "full"), "-q", *options]) == 0
    assert snapshot(tmp_path / "out") == snapshot(tmp_path / "full") and len(snapshot(tmp_path / "full")) == 6


@pytest.mark.real_checkpoint
def test_out_of_memory_halves_the_summariser_batch_too(tiny_models, monkeypatch, caplog):
    import weakref

    from translate.devices import Placement
    from translate.engines import hf
    from translate.summarize import Summarizer

    summarizer = Summarizer(hf.TransformersGenerator(tiny_models["bart"], Placement("cpu", "float32")), 1024)
    real_generate, held, alive = hf.generate, [], []

    def small_memory(model, batch, **options):
        alive.append(sum(ref() is not None for ref in held))
        if batch["input_ids"].shape[0] > 1:
            scores = torch.zeros(batch["input_ids"].shape[0], 1000)  # what a failed search holds when it fails
            held.append(weakref.ref(scores))
            raise torch.cuda.OutOfMemoryError("CUDA out of memory (simulated)")
        return real_generate(model, batch, **options)

    monkeypatch.setattr(hf, "generate", small_memory)
    sentences = ["De kans is klein dat het overleg van donderdag iets oplevert.", "Donderdag vond er overleg plaats.",
                 "Biden zei dat de situatie snel uit de hand kan lopen.", "Nederland houdt code oranje aan."]
    articles = [sentences[i:] + sentences[:i] for i in range(3)]  # each long enough to be summarised
    with caplog.at_level("WARNING"):
        summaries = summarizer.summarize(articles)
    assert all(summary.text for summary in summaries) and "retrying it in halves" in caplog.text
    assert held and set(alive) == {0}  # no failed attempt's tensor lived on into a retry
    monkeypatch.setattr(hf, "generate", real_generate)
    assert summaries == [summarizer.summarize([article])[0] for article in articles]


def test_broken_model_outputs_are_retried_and_flagged(tmp_path, tiny_models):
    """Random weights loop ("remremrem..."): each such output is retried strictly and what remains is flagged."""
    assert run([SEED], tmp_path / "out", tiny_models, *FAST, "--no-summary", summary="") == 0
    sentences = [s for r in read_jsonl(tmp_path / "out" / f"{SEED.stem}.jsonl")[1:] for s in r["sentences"]]
    assert all("retried" in s["flags"] for s in sentences)
    assert any("repetition" in s["flags"] for s in sentences)


@pytest.mark.parametrize(("damage", "words"), [
    (lambda folder: (folder / "config.json").write_text("{not json", encoding="utf-8"), ["not a loadable"]),
    (lambda folder: (folder / "model.safetensors").write_bytes(b"\0" * 100), ["not a loadable"]),
    (lambda folder: (folder / "config.json").unlink(), ["config.json"]),
])
def test_a_broken_model_folder_is_named_without_a_traceback(tmp_path, tiny_models, damage, words, capsys):
    import shutil

    folder = tmp_path / "broken"
    shutil.copytree(tiny_models["marian"], folder)
    damage(folder)
    code = main(["run", str(SEED), "-o", str(tmp_path / "out"), "--translation-model", str(folder), "--no-summary"])
    err = capsys.readouterr().err
    assert code == 3
    assert str(folder) in err and "Traceback" not in err
    for word in words:
        assert word in err


def test_3000_word_paragraph_without_punctuation_loses_nothing(tmp_path, tiny_models, seed_texts):
    rng = random.Random(3)
    vocabulary = [w.strip(".,:‘’") for w in seed_texts[0].split() if w.strip(".,:‘’")]
    paragraph = " ".join(rng.choice(vocabulary) for _ in range(3000))
    (tmp_path / "wall.txt").write_text(paragraph, encoding="utf-8")
    assert run([tmp_path / "wall.txt"], tmp_path / "out", tiny_models, *FAST, "--no-summary", summary="") == 0
    records = read_jsonl(tmp_path / "out" / "wall.jsonl")
    check_article(records, paragraph, summary=False)
    words = [w for r in records[1:] for s in r["sentences"] for w in s["nl"].split()]
    assert words == paragraph.split()
    assert all("split" in s["flags"] and s["en"] for s in records[1]["sentences"])


def _awkward_folder(folder: Path, seed_text: str) -> dict[str, str]:
    """Good articles mixed with a file of every awkward kind; returns the expected reason per bad id."""
    folder.mkdir(parents=True)
    (folder / "good1.txt").write_text(seed_text, encoding="utf-8")
    (folder / "good2.txt").write_text("date 2022-03\n\nHet regent in Utrecht. Morgen wordt het droog.",
                                      encoding="utf-8")
    (folder / "numbers.txt").write_text("12.345 67.890\n\n---\n\nhttps://nos.nl/artikel/123", encoding="utf-8")
    (folder / "html.txt").write_text("<p>Het <b>kabinet</b> is <script>alert(1)</script> gevallen.</p>",
                                     encoding="utf-8")
    (folder / "emoji.txt").write_text("Feest in Amsterdam 🎉\x07 na de winst van Ajax.\u200b", encoding="utf-8")
    (folder / "english.txt").write_text("The government has fallen after a long debate about the budget.",
                                        encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Café in Zwolle gaat dicht.".encode("latin-1"))
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "header_only.txt").write_text("date 2022-02\n", encoding="utf-8")
    (folder / "broken.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop").mkdir()
    (folder / "loop" / "again").symlink_to(folder / "loop")
    (folder / "nothing_here").mkdir()
    with open(folder / "huge.txt", "wb") as handle:
        handle.truncate(11 * 2**20)  # sparse: over the 10 MB limit without writing 11 MB
    return {"latin1": "not valid UTF-8", "binary": "binary", "empty": "no text to translate",
            "header_only": "no text to translate", "broken": "broken symbolic link",
            "huge": "over the 10 MB limit"}


def test_a_folder_of_awkward_files_completes_every_good_article(tmp_path, tiny_models, seed_texts):
    bad = _awkward_folder(tmp_path / "in", seed_texts[0])
    options = ["--translation-model", str(tiny_models["marian"]), "--summary-model", str(tiny_models["bart"]),
               *FAST, "-q"]
    command = [sys.executable, "-m", "translate", "run", str(tmp_path / "in"), str(tmp_path / "in" / "nothing_here"),
               "-o", str(tmp_path / "out"), *options]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    outcome = {a["id"]: a for a in manifest["articles"]}
    for name, reason in bad.items():
        assert outcome[name]["status"] == "failed" and reason in outcome[name]["reason"], name
        assert f"{name}.txt" in result.stderr and reason in result.stderr
    good = ["good1", "good2", "numbers", "html", "emoji", "english"]
    for name in good:
        assert outcome[name]["status"] == "ok"
        text = (tmp_path / "in" / f"{name}.txt").read_text(encoding="utf-8")
        check_article_loosely(read_jsonl(tmp_path / "out" / f"{name}.jsonl"), text)
    flags = {name: {f for r in read_jsonl(tmp_path / "out" / f"{name}.jsonl")[1:-1] for s in r["sentences"]
                    for f in s["flags"]} for name in good}
    assert "passthrough" in flags["numbers"] and "markup" in flags["html"] and "not_dutch" in flags["english"]
    assert "nothing_here: no .txt or record files" in result.stderr
    # --encoding reads the legacy file.
    result = subprocess.run([sys.executable, "-m", "translate", "run", str(tmp_path / "in" / "latin1.txt"), "-o",
                             str(tmp_path / "l1"), *options, "--encoding", "cp1252"],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr
    assert read_jsonl(tmp_path / "l1" / "latin1.jsonl")[1]["nl"] == "Café in Zwolle gaat dicht."


def check_article_loosely(records: list[dict], source_text: str) -> None:
    """Nothing lost, order kept; passthrough sentences carry their Dutch as English and no score."""
    from translate.articles import parse_text as parse

    body = parse(source_text)[1]
    sentences = [s for r in records if r["type"] == "paragraph" for s in r["sentences"]]
    assert " ".join(s["nl"] for s in sentences) == " ".join(body)
    for sentence in sentences:
        assert sentence["en"]
        if "passthrough" in sentence["flags"]:
            assert sentence["en"] == sentence["nl"] and sentence["score"] is None


def test_models_fetch_without_network_fails_within_30_seconds(tmp_path):
    import socket

    try:
        socket.create_connection(("huggingface.co", 443), timeout=2).close()
        pytest.skip("the hub is reachable here; this test checks the failure without network")
    except OSError:
        pass
    env = {k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    env["HF_HOME"] = str(tmp_path / "hf")
    env["TRANSLATE_MODELS_LOCK"] = str(tmp_path / "models.lock")
    (tmp_path / "models.lock").write_bytes((ROOT / "models.lock").read_bytes())
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "translate", "models", "fetch", "translation"],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert time.monotonic() - started < 30
    assert result.returncode == 3
    assert "Could not reach the Hugging Face hub" in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "models.lock").read_bytes() == (ROOT / "models.lock").read_bytes()


def test_an_unwritable_output_folder_is_a_clear_error(tmp_path, tiny_models, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert run([SEED], blocker / "out", tiny_models, *FAST) == 2
    err = capsys.readouterr().err
    assert "cannot write the output" in err and "Traceback" not in err
