"""Choosing the backend of each model: CTranslate2 by default, transformers where CTranslate2 cannot run a model."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED, read_jsonl
from test_run import check_article, run

from translate import loading
from translate.devices import DeviceError, Placement
from translate.engines import ct2
from translate.pipeline import RunSettings

MISSING_CUBLAS = "Library libcublas.so.12 is not found or cannot be loaded"  # CTranslate2's own words (#1933)


@pytest.fixture(scope="module")
def led(tiny_models, tmp_path_factory) -> Path:
    """A tiny random LED summariser (Longformer encoder-decoder): a seq2seq family CTranslate2 cannot convert."""
    from transformers import AutoTokenizer, GenerationConfig, LEDConfig, LEDForConditionalGeneration

    out = tmp_path_factory.mktemp("led") / "led"
    tokenizer = AutoTokenizer.from_pretrained(tiny_models["bart"])
    tokenizer.save_pretrained(out)
    config = LEDConfig(vocab_size=len(tokenizer), d_model=32, encoder_layers=1, decoder_layers=1,
                       encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64,
                       max_encoder_position_embeddings=256, max_decoder_position_embeddings=64, attention_window=[8],
                       pad_token_id=1, bos_token_id=0, eos_token_id=2, decoder_start_token_id=2)
    model = LEDForConditionalGeneration(config)
    model.generation_config = GenerationConfig(num_beams=2, max_length=20, min_length=4, pad_token_id=1,
                                               bos_token_id=0, eos_token_id=2, decoder_start_token_id=2)
    model.save_pretrained(out)
    return out


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_the_default_runs_both_models_on_ctranslate2_int8(seed_run):
    header = read_jsonl(seed_run / f"{SEED.stem}.jsonl")[0]
    assert header["settings"]["backend"] == "ctranslate2" and header["settings"]["dtype"] == "int8"
    assert header["settings"]["summary"]["backend"] == "ctranslate2"
    assert header["settings"]["summary"]["dtype"] == "int8"
    assert manifest(seed_run)["settings"]["backend"] == "auto"
    assert manifest(seed_run)["backends"] == {"translation": "ctranslate2", "summary": "ctranslate2", "notes": []}


def test_auto_runs_a_model_ctranslate2_cannot_convert_on_transformers(tmp_path, tiny_models, led, capsys):
    models = {**tiny_models, "led": led}
    assert run([SEED], tmp_path / "out", models, "--beams", "1", summary="led") == 0
    records = read_jsonl(tmp_path / "out" / f"{SEED.stem}.jsonl")
    check_article(records, SEED.read_text(encoding="utf-8"))
    settings = records[0]["settings"]
    assert settings["backend"] == "ctranslate2" and settings["summary"]["backend"] == "transformers"
    assert settings["summary"]["dtype"] == "float32"
    note = "the summary model led runs on transformers: CTranslate2 has no converter for LEDConfig"
    assert note in capsys.readouterr().err
    assert manifest(tmp_path / "out")["backends"]["notes"] == [note]


def test_asking_for_ctranslate2_with_a_model_it_cannot_convert_stops_before_any_work(tmp_path, tiny_models, led,
                                                                                      capsys):
    models = {**tiny_models, "led": led}
    assert run([SEED], tmp_path / "out", models, "--backend", "ctranslate2", summary="led") == 3
    err = capsys.readouterr().err
    assert "led: cannot convert to CTranslate2" in err and "Traceback" not in err
    assert not list((tmp_path / "out").glob("*.jsonl"))


class MissingCublas:
    """ctranslate2.Translator where CUDA 12's cuBLAS is missing: it loads, then fails at its first product."""

    def __init__(self, *args, **kwargs):
        pass

    def translate_batch(self, *args, **kwargs):
        raise RuntimeError(MISSING_CUBLAS)


def test_auto_falls_back_to_transformers_when_ctranslate2_misses_its_cuda_library(tmp_path, tiny_models, monkeypatch,
                                                                                   capsys):
    import ctranslate2

    monkeypatch.setattr(ctranslate2, "Translator", MissingCublas)
    assert run([SEED], tmp_path / "out", tiny_models, "--beams", "1") == 0
    records = read_jsonl(tmp_path / "out" / f"{SEED.stem}.jsonl")
    check_article(records, SEED.read_text(encoding="utf-8"))
    assert records[0]["settings"]["backend"] == "transformers"
    assert records[0]["settings"]["summary"]["backend"] == "transformers"
    err = capsys.readouterr().err
    assert err.count("libcublas.so.12") == 2 and "Traceback" not in err  # one line per model
    notes = manifest(tmp_path / "out")["backends"]["notes"]
    assert len(notes) == 2 and all("libcublas.so.12" in note and "nvidia-cublas-cu12" in note for note in notes)


def test_asking_for_ctranslate2_without_its_cuda_library_is_a_usage_error(tmp_path, tiny_models, monkeypatch,
                                                                          capsys):
    import ctranslate2

    monkeypatch.setattr(ctranslate2, "Translator", MissingCublas)
    assert run([SEED], tmp_path / "out", tiny_models, "--backend", "ctranslate2") == 2
    err = capsys.readouterr().err
    assert "--backend ctranslate2: CTranslate2 cannot use the GPU here" in err and "libcublas.so.12" in err
    assert "--backend transformers" in err and "Traceback" not in err


def test_on_cuda_a_missing_library_is_found_before_any_model_is_converted(monkeypatch):
    """The cheap check (no model, no conversion) that --backend auto makes first on a GPU."""
    monkeypatch.setattr(ct2, "missing_cuda_library", lambda: "libcublas.so.12")
    monkeypatch.setattr(ct2, "converted_model", lambda *args: pytest.fail("converted although CTranslate2 cannot run"))
    gpu = Placement("cuda", "bfloat16")
    choice = loading._first_choice(RunSettings(), gpu)
    assert choice.first == "transformers" and not choice.strict
    assert len(choice.notes) == 1 and "libcublas.so.12" in choice.notes[0]
    assert "every model runs on transformers (bfloat16)" in choice.notes[0]
    with pytest.raises(DeviceError, match=r"--backend ctranslate2: .*libcublas\.so\.12.*nvidia-cublas-cu12"):
        loading._first_choice(RunSettings(backend="ctranslate2"), gpu)
    with pytest.raises(ct2.CudaLibraryMissing):
        ct2.load_translator(Path("unused"), "rev", gpu)
    ct2.check_cuda("cpu")  # the CPU needs no CUDA library


@pytest.mark.parametrize(("settings", "first"), [
    (RunSettings(), "ctranslate2"),
    (RunSettings(int8=True), "transformers"),
    (RunSettings(dtype="float32"), "transformers"),
    (RunSettings(backend="transformers"), "transformers"),
    (RunSettings(backend="ctranslate2"), "ctranslate2"),
])
def test_options_only_transformers_has_choose_it_under_auto(settings, first):
    choice = loading._first_choice(settings, Placement("cpu", "float32"))
    assert choice.first == first and choice.strict == (settings.backend != "auto") and not choice.notes


def test_a_conversion_that_fails_under_auto_falls_back(tmp_path, tiny_models, monkeypatch, capsys):
    def broken(model_path, out, compute_type):
        raise ct2.ConversionError(f"{model_path}: cannot convert to CTranslate2 {compute_type} (simulated)")

    monkeypatch.setenv(ct2.CACHE_ENV, str(tmp_path / "empty-cache"))
    monkeypatch.setattr(ct2, "_convert", broken)
    assert run([SEED], tmp_path / "out", tiny_models, "--beams", "1", "--no-summary", summary="") == 0
    assert read_jsonl(tmp_path / "out" / f"{SEED.stem}.jsonl")[0]["settings"]["backend"] == "transformers"
    assert "runs on transformers" in capsys.readouterr().err


def test_ray_runner_imports_no_command_line():
    code = "import sys, translate.rayrun, translate.loading; print('translate.cli' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.stdout.strip() == "False", result.stderr


def test_no_module_of_the_package_imports_the_command_line():
    importers = []
    for path in sorted((ROOT / "translate").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{alias.name}" for alias in node.names]
            if any(name == "translate.cli" for name in names) and path.name not in ("__main__.py", "cli.py"):
                importers.append(path.name)
    assert importers == []


def test_the_summariser_converts_into_the_same_cache_as_the_translator(tmp_path, tiny_models, monkeypatch):
    monkeypatch.setenv(ct2.CACHE_ENV, str(tmp_path / "cache"))
    assert run([SEED], tmp_path / "out", tiny_models, "--beams", "1") == 0
    converted = sorted(path.name.rsplit("-", 1)[1] for path in (tmp_path / "cache").iterdir())
    assert converted == ["int8", "int8"]  # the translator's and the summariser's, nothing half-written
    shutil.rmtree(tmp_path / "out")
    monkeypatch.setattr(ct2, "_convert", lambda *args: pytest.fail("converted a second time"))
    assert run([SEED], tmp_path / "out", tiny_models, "--beams", "1") == 0
