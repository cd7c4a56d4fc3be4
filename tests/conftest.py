"""Shared fixtures: tiny random-weight models built once per test session from the seed text."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

# Tiny models do microscopic matrix work: one thread is fastest, and several threads spin and
# starve each other on a busy 2-core machine (a 50x slowdown seen). Subprocesses inherit this.
os.environ.setdefault("OMP_NUM_THREADS", "1")

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_1ca57c5b1627cb3d.txt"


@pytest.fixture(scope="session")
def seed_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory, seed_texts) -> dict[str, Path]:
    """marian/bart/t5 with the real models' layout; the *_short ones have 64 positions, to force splitting."""
    from translate import randmodels

    root = tmp_path_factory.mktemp("models")
    return {
        "marian": randmodels.build_marian(root / "marian", seed_texts),
        "marian_short": randmodels.build_marian(root / "marian_short", seed_texts, max_positions=64),
        "bart": randmodels.build_bart(root / "bart", seed_texts),
        "bart_short": randmodels.build_bart(root / "bart_short", seed_texts, max_positions=64, max_length=20),
        "t5": randmodels.build_t5(root / "t5", seed_texts),
    }


# The caches a run writes; the suite points each at a folder of its own, never at the user's.
PRIVATE_CACHES = {"HF_HOME": "hf-home", "TRANSLATE_CT2_CACHE": "ct2-cache"}


@pytest.fixture(scope="session", autouse=True)
def private_caches(tmp_path_factory):
    """Set before every other session fixture (autouse fixtures of a scope come first), so that session fixtures
    such as seed_run, which run before any function-scoped fixture, convert and cache into the session's folders
    too, never into ~/.cache. Subprocesses inherit them."""
    saved = {name: os.environ.get(name) for name in PRIVATE_CACHES}
    base = tmp_path_factory.getbasetemp()
    os.environ.update({name: str(base / folder) for name, folder in PRIVATE_CACHES.items()})
    yield {name: base / folder for name, folder in PRIVATE_CACHES.items()}
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True)
def no_hub(monkeypatch, tmp_path_factory):
    """Tests never reach for the hub, see an empty Hugging Face cache of their own, and convert models for
    CTranslate2 into a cache of the session's own (shared by its tests, so each tiny model converts once)."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path_factory.getbasetemp() / "hf-home"))
    monkeypatch.setenv("TRANSLATE_CT2_CACHE", str(tmp_path_factory.getbasetemp() / "ct2-cache"))


@pytest.fixture(autouse=True)
def one_torch_thread():
    """A run with --threads N sets torch's thread count for the whole process: set it back after each test,
    so a later test's float sums (and beam choices) do not depend on which tests ran before it."""
    yield
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(int(os.environ["OMP_NUM_THREADS"]))


def load_script(name: str):
    """A script of scripts/ as a module (its dataclasses look their module up in sys.modules)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def machine_flags_back(unit: dict) -> dict:
    """A sentence or summary record with the machine's flags and details back in place of the flags of a
    reviewer's English (translate apply keeps them as mt_flags/mt_details; flags and details keep their place)."""
    from translate.qa.corrected import ordered_record

    if "mt_flags" not in unit:
        return unit
    return ordered_record(unit, unit["mt_flags"], unit.get("mt_details", {}), {})


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory, tiny_models) -> Path:
    """The output folder of one real run over seeds/ on the tiny models (summaries included). Read only."""
    from translate.cli import main

    out = tmp_path_factory.mktemp("seed-run")
    code = main(["run", str(SEEDS), "-o", str(out), "--translation-model", str(tiny_models["marian"]),
                 "--summary-model", str(tiny_models["bart"]), "-q"])
    assert code == 0
    return out
