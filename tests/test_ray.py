"""--engine ray: the same files as a local run (text and record files), bad files and records reported,
complete files skipped on a rerun."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEEDS
from test_faults import FAST, snapshot, statuses, write_articles
from test_run import run

from translate.cli import main

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def local_ray():
    """One local Ray instance with 2 CPUs for the module: starting Ray takes seconds."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def samples(tmp_path_factory, seed_texts) -> Path:
    """seeds/ and several small articles, one file that is not valid UTF-8, and a record file with a broken line."""
    folder = tmp_path_factory.mktemp("samples")
    texts = write_articles(folder / "small", 6, seed_texts[0], sentences=2)
    (folder / "small" / "bad.txt").write_bytes(b"Caf\xe9 in latin-1.")
    records = [json.dumps({"id": f"r{i}", "title": "Kop", "text": text.split("\n\n", 1)[1]})
               for i, text in enumerate(texts.values()) if i < 3]
    (folder / "small" / "records.jsonl").write_text("\n".join([*records[:2], '{"id": "r9", "te', records[2]]) + "\n",
                                                    encoding="utf-8")
    return folder


def test_ray_engine_writes_a_local_runs_files_and_skips_them_on_a_rerun(tmp_path, local_ray, samples, tiny_models,
                                                                       capsys):
    inputs = [SEEDS, samples / "small"]
    local, on_ray = tmp_path / "local", tmp_path / "ray"
    # The same thread count as the actors' (2 CPUs, 2 actors): float sums in another order give other bytes.
    options = (*FAST, "--window", "6", "--threads", "1")
    assert run(inputs, local, tiny_models, *options) == 1
    capsys.readouterr()
    assert run(inputs, on_ray, tiny_models, *options, "--engine", "ray", "--actors", "2") == 1
    err = capsys.readouterr().err
    assert "bad.txt: not valid UTF-8 at byte 3" in err and "records.jsonl, line 3: not JSON" in err
    assert snapshot(on_ray) == snapshot(local) and len(snapshot(local)) == 10
    manifest = json.loads((on_ray / "manifest.json").read_text(encoding="utf-8"))
    # The seed's sentences recur in the small articles, in other windows: the driver's consistency pass flags them
    # as the local run's does.
    assert manifest["inconsistent"] == json.loads((local / "manifest.json").read_text())["inconsistent"]
    assert manifest["inconsistent"] and b'"inconsistent"' in snapshot(on_ray)["a003.jsonl"]
    assert manifest["device"] == json.loads((local / "manifest.json").read_text())["device"]
    assert manifest["record_settings"] == json.loads((local / "manifest.json").read_text())["record_settings"]
    done = statuses(on_ray)
    assert done.pop("bad") == done.pop("records.jsonl:3") == "failed" and set(done.values()) == {"ok"}
    assert {"r0", "r1", "r2"} <= set(done)
    first = {path: path.stat().st_mtime_ns for path in on_ray.glob("*.jsonl")}
    (on_ray / "a003.jsonl").unlink()
    (on_ray / "r1.jsonl").unlink()
    assert run(inputs, on_ray, tiny_models, *options, "--engine", "ray", "--actors", "2") == 1
    done = statuses(on_ray)
    assert done.pop("bad") == done.pop("records.jsonl:3") == "failed"
    assert done.pop("a003") == done.pop("r1") == "ok" and set(done.values()) == {"unchanged"}
    assert snapshot(on_ray) == snapshot(local)
    assert all(path.stat().st_mtime_ns == mtime for path, mtime in first.items()
               if path.name not in ("a003.jsonl", "r1.jsonl"))


def test_without_ray_installed_the_ray_engine_is_a_usage_error(monkeypatch, tmp_path, capsys):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "ray" else real(name, *a))
    assert main(["run", str(SEEDS), "-o", str(tmp_path / "out"), "--engine", "ray"]) == 2
    assert "pip install '.[ray]'" in capsys.readouterr().err


def test_ray_options_need_the_ray_engine(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["run", "seeds", "--actors", "2"])
    assert exit_info.value.code == 2
    assert "--engine ray only" in capsys.readouterr().err


def test_a_model_folder_the_actors_cannot_load_is_named_without_a_traceback(tmp_path, local_ray, tiny_models,
                                                                            capsys):
    import shutil

    folder = tmp_path / "broken"
    shutil.copytree(tiny_models["marian"], folder)
    (folder / "config.json").write_text("{not json", encoding="utf-8")
    code = main(["run", str(SEEDS), "-o", str(tmp_path / "out"), "--translation-model", str(folder), "--no-summary",
                 "--engine", "ray", "--actors", "1", "-q"])
    err = capsys.readouterr().err
    assert code == 3
    assert f"{folder}: not a loadable seq2seq model folder" in err and "Traceback" not in err


def test_a_ray_rerun_keeps_reviewed_files_and_says_so(tmp_path, local_ray, tiny_models, seed_texts, capsys):
    from test_apply import review_file

    from translate.rayrun import complete_header

    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 2, seed_texts[0], sentences=2)
    assert run([inputs], out, tiny_models, *FAST, "--no-summary", summary="") == 0
    reviewed = out / "a000.jsonl"
    header_line, paragraph = reviewed.read_text(encoding="utf-8").split("\n")[:2]
    sentence = json.loads(paragraph)["sentences"][0]
    review = review_file(tmp_path / "r.json", [{"kind": "sentence", "article": "a000", "paragraph": 0, "sentence": 0,
                                                "nl": sentence["nl"], "original": sentence["en"], "en": "Reviewed.",
                                                "status": "approved"}])
    assert main(["apply", str(out), str(review)]) == 0
    assert complete_header(reviewed) == header_line  # the driver's view: a review does not make it out of date
    kept, other = reviewed.read_bytes(), (out / "a001.jsonl").read_bytes()
    capsys.readouterr()
    assert run([inputs], out, tiny_models, "--beams", "2", "--no-summary", "--engine", "ray", "--actors", "1",
               summary="") == 0
    assert f"{reviewed}: kept: it holds a review" in capsys.readouterr().err
    assert reviewed.read_bytes() == kept and (out / "a001.jsonl").read_bytes() != other
    assert statuses(out) == {"a000": "unchanged", "a001": "ok"}
