"""Sharded runs (--shard K/N): a partition of the inputs, a full run's bytes, manifest parts joined, resume, locks."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from test_consistency import without_flag
from test_faults import FAST, snapshot, write_articles
from test_run import run

from translate.cli import main
from translate.outdir import OutputBusy, OutputLock
from translate.shard import Shard, article_shard, parse_shard

# Small windows, so a few small articles make several windows to divide.
WINDOW = ("--window", "4")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seed_texts) -> Path:
    """Ten small articles and one that cannot be read."""
    folder = tmp_path_factory.mktemp("corpus")
    write_articles(folder, 10, seed_texts[0], sentences=2)
    (folder / "bad.txt").write_bytes(b"Caf\xe9 in latin-1.")
    return folder


@pytest.fixture(scope="module")
def full_run(tmp_path_factory, corpus, tiny_models) -> Path:
    out = tmp_path_factory.mktemp("full")
    assert run([corpus], out, tiny_models, *FAST, *WINDOW) == 1  # bad.txt fails, the rest is written
    return out


def sharded(corpus: Path, out: Path, models: dict[str, Path], count: int = 3) -> list[int]:
    return [run([corpus], out, models, *FAST, *WINDOW, "--shard", f"{k}/{count}") for k in range(1, count + 1)]


def part_ids(out: Path, count: int = 3) -> list[set[str]]:
    parts = [json.loads((out / Shard(k, count).manifest_name).read_text(encoding="utf-8")) for k in range(1, count + 1)]
    return [{article["id"] for article in part["articles"]} for part in parts]


def test_windows_and_failed_files_are_divided_among_the_shards():
    shards = [Shard(k, 3) for k in (1, 2, 3)]
    for window in range(20):
        assert sum(shard.owns_window(window) for shard in shards) == 1
    for name in ["a", "b", "sub/c", "ß", "x" * 300]:
        assert sum(shard.owns_article(name) for shard in shards) == 1
        assert 1 <= article_shard(name, 3) <= 3
    assert article_shard("a", 3) == int.from_bytes(hashlib.sha256(b"a").digest()[:8], "big") % 3 + 1


def test_shards_write_exactly_the_files_of_a_full_run(tmp_path, corpus, full_run, tiny_models):
    out = tmp_path / "out"
    # Only the shard that bad.txt's id hashes to reports it (exit 1); the others have nothing failed.
    assert sharded(corpus, out, tiny_models) == [1 if k == article_shard("bad", 3) else 0 for k in (1, 2, 3)]
    ids = part_ids(out)
    everything = {path.stem for path in corpus.glob("*.txt")}
    assert set().union(*ids) == everything  # every input, the unreadable one included, in some part
    assert sum(map(len, ids)) == len(everything)  # and in one part only
    assert all(ids), "each shard should have work with 10 articles in windows of 4 sentences"
    assert not (out / "manifest.json").exists()
    # The full run's translations; the `inconsistent` flags need every shard's files: merge-manifests sets them.
    assert snapshot(out) != snapshot(full_run)
    assert {name: without_flag(out / name) for name in snapshot(out)} == \
        {name: without_flag(full_run / name) for name in snapshot(full_run)}
    assert main(["merge-manifests", str(out)]) == 0
    assert snapshot(out) == snapshot(full_run)  # the same files, byte for byte
    manifests = [json.loads((folder / "manifest.json").read_text(encoding="utf-8")) for folder in (out, full_run)]
    assert manifests[0]["inconsistent"] == manifests[1]["inconsistent"] and manifests[0]["inconsistent"]
    assert [(a["id"], a["flagged_sentences"]) for a in manifests[0]["articles"]] == \
        sorted((a["id"], a["flagged_sentences"]) for a in manifests[1]["articles"])
    assert main(["merge-manifests", str(out)]) == 0 and snapshot(out) == snapshot(full_run)  # again: no change


def test_merge_manifests_joins_the_parts(tmp_path, corpus, tiny_models, capsys):
    out = tmp_path / "out"
    sharded(corpus, out, tiny_models)
    assert main(["merge-manifests", str(out)]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    statuses = {a["id"]: a["status"] for a in manifest["articles"]}
    assert statuses.pop("bad") == "failed" and set(statuses.values()) == {"ok"} and len(statuses) == 10
    assert manifest["totals"]["articles"] == 11 and manifest["totals"]["failed"] == 1
    assert [s["shard"] for s in manifest["shards"]] == ["1/3", "2/3", "3/3"]
    assert "shard" not in manifest["settings"]
    assert "not valid UTF-8" in capsys.readouterr().err


def test_merge_manifests_refuses_missing_or_inconsistent_parts(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["merge-manifests", str(out)]) == 2
    assert "no manifest parts" in capsys.readouterr().err
    out.mkdir()
    part = {"version": "1", "record_settings": {"beams": 1}, "models": {}, "settings": {"window_sentences": 4},
            "device": {}, "interrupted": False, "articles": [], "totals": {"sentences": 0, "seconds": 1.0},
            "shard": {"index": 1, "count": 2, "inputs": 3, "inputs_sha256": "abc"}}
    (out / "manifest.shard-1-of-2.json").write_text(json.dumps(part), encoding="utf-8")
    assert main(["merge-manifests", str(out)]) == 2
    assert "shard 2/2 has no manifest part" in capsys.readouterr().err
    other = {**part, "record_settings": {"beams": 4}, "shard": {**part["shard"], "index": 2}}
    (out / "manifest.shard-2-of-2.json").write_text(json.dumps(other), encoding="utf-8")
    assert main(["merge-manifests", str(out)]) == 2
    assert "shard 2/2 ran with other record settings than shard 1" in capsys.readouterr().err
    other = {**part, "shard": {**part["shard"], "index": 2, "inputs_sha256": "def"}}
    (out / "manifest.shard-2-of-2.json").write_text(json.dumps(other), encoding="utf-8")
    assert main(["merge-manifests", str(out)]) == 2
    assert "other input files" in capsys.readouterr().err
    (out / "manifest.shard-1-of-3.json").write_text(json.dumps(part), encoding="utf-8")
    assert main(["merge-manifests", str(out)]) == 2
    assert "split 2 and 3 ways" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["0/3", "4/3", "1/0", "junk", "3", "-1/3", "1/3/5", ""])
def test_bad_shard_values_are_usage_errors(value, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["run", "seeds", "--shard", value])
    assert exit_info.value.code == 2
    assert "--shard" in capsys.readouterr().err


def test_parse_shard():
    assert parse_shard("2/3") == Shard(2, 3) and parse_shard(" 1 / 1 ") == Shard(1, 1)
    assert str(Shard(2, 3)) == "2/3"


def test_a_shard_resumes_on_its_own(tmp_path, corpus, full_run, tiny_models):
    out = tmp_path / "out"

    def statuses() -> dict[str, str]:
        part = json.loads((out / "manifest.shard-2-of-3.json").read_text(encoding="utf-8"))
        return {a["id"]: a["status"] for a in part["articles"] if a["status"] != "failed"}

    run([corpus], out, tiny_models, *FAST, *WINDOW, "--shard", "2/3")
    first = snapshot(out)
    written = sorted(statuses())
    assert written and set(statuses().values()) == {"ok"}
    assert {name: without_flag(out / name) for name in first} == \
        {name: without_flag(full_run / name) for name in snapshot(full_run) if name[:-len(".jsonl")] in written}
    (out / f"{written[0]}.jsonl").unlink()
    run([corpus], out, tiny_models, *FAST, *WINDOW, "--shard", "2/3")
    assert statuses() == {name: "ok" if name == written[0] else "unchanged" for name in written}
    assert snapshot(out) == first


def test_shards_share_an_output_folder_but_a_shard_runs_once(tmp_path):
    out = tmp_path / "out"
    with OutputLock(out, Shard(1, 2).lock_name), OutputLock(out, Shard(2, 2).lock_name):
        with pytest.raises(OutputBusy, match="another run of this shard"), OutputLock(out, Shard(1, 2).lock_name):
            pass
        with pytest.raises(OutputBusy, match="another translate run"), OutputLock(out):
            pass
    with OutputLock(out), pytest.raises(OutputBusy, match="another translate run"), \
            OutputLock(out, Shard(1, 2).lock_name):
        pass


def test_a_shard_removes_only_its_own_articles_temporary_files(tmp_path, tiny_models, seed_texts):
    corpus = tmp_path / "in"
    write_articles(corpus, 2, seed_texts[0], sentences=1)
    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".a000.jsonl.abc123.tmp"
    unrelated = out / ".elsewhere.jsonl.abc123.tmp"
    for path in (stale, unrelated):
        path.write_text('{"type": "article"', encoding="utf-8")
    assert run([corpus], out, tiny_models, *FAST, "--no-summary", "--shard", "1/1", summary="") == 0
    assert not stale.exists()
    assert unrelated.exists()  # another run may be writing it; a full run clears it
