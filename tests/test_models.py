"""models.lock, offline resolve, verify and fetch.

No test reaches the real Hugging Face hub with success: fetch is exercised against a small fake
hub on 127.0.0.1, a loopback port that never answers, and (where the hub is out of reach, as on
our machines and CI) the real hub address, to show that failures are quick and clean.
"""

from __future__ import annotations

import hashlib
import json
import re
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from translate import models
from translate.models import LockedFile, LockedModel, ModelError, ModelNotAvailable

TRANSLATION = "Helsinki-NLP/opus-mt-nl-en"
REV = "0123456789abcdef0123456789abcdef01234567"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def git_blob_id(data: bytes) -> str:
    return hashlib.sha1(f"blob {len(data)}\0".encode() + data).hexdigest()


def build_cache(cache: Path, name: str, revision: str, contents: dict[str, bytes]) -> Path:
    """The layout huggingface_hub writes: blobs, snapshot symlinks to them, refs/main."""
    repo = cache / ("models--" + name.replace("/", "--"))
    snapshot = repo / "snapshots" / revision
    for rel, data in contents.items():
        blob = repo / "blobs" / sha256(data)
        blob.parent.mkdir(parents=True, exist_ok=True)
        blob.write_bytes(data)
        link = snapshot / rel
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(Path("../" * (len(Path(rel).parts) + 1)) / "blobs" / blob.name)
    (repo / "refs").mkdir(parents=True, exist_ok=True)
    (repo / "refs" / "main").write_text(revision)
    return snapshot


def tiny_model(contents: dict[str, bytes], pinned: bool = True, role: str = "tiny") -> LockedModel:
    files = tuple(
        LockedFile(rel, len(data) if pinned else None, sha256(data) if pinned else None)
        for rel, data in contents.items()
    )
    return LockedModel(role, "acme/tiny", REV, True, files)


TINY = {"config.json": b'{"model_type": "marian"}\n', "weights.bin": b"\x00\x01weights" * 100}


# --- the lock -------------------------------------------------------------------------------


def test_lock_parses_and_pins_full_revisions():
    lock = models.load_lock()
    assert {"translation", "summary"} <= set(lock)
    assert lock["translation"].name == TRANSLATION
    assert lock["summary"].name == "sshleifer/distilbart-cnn-6-6"
    for role, model in lock.items():
        assert model.role == role
        assert re.fullmatch(r"[0-9a-f]{40}", model.revision), role
        assert model.files and all(f.path for f in model.files)
    marian = {f.path for f in lock["translation"].files}
    assert {"config.json", "pytorch_model.bin", "source.spm", "target.spm", "vocab.json"} <= marian


def test_default_lock_path_is_repo_root_and_env_overrides(monkeypatch, tmp_path):
    monkeypatch.delenv(models.LOCK_ENV, raising=False)
    assert models.default_lock_path() == Path(models.__file__).resolve().parent.parent / "models.lock"
    monkeypatch.setenv(models.LOCK_ENV, str(tmp_path / "other.lock"))
    assert models.default_lock_path() == tmp_path / "other.lock"


GOOD_TABLE = f'lock_version = 1\n[tiny]\nname = "acme/tiny"\nrevision = "{REV}"\nrevision_confirmed = true\n'


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("lock_version = 1\n[tiny\n", "not valid TOML"),
        (GOOD_TABLE.replace(REV, "main") + '[[tiny.files]]\npath = "config.json"\n', "40-character"),
        (GOOD_TABLE, "files must be"),
        (GOOD_TABLE + '[[tiny.files]]\npath = "config.json"\nsha265 = "x"\n', "unknown keys"),
        (GOOD_TABLE + '[[tiny.files]]\npath = "config.json"\nsha256 = "abc"\n', "64 lower-case hex"),
        (GOOD_TABLE + '[[tiny.files]]\npath = "../config.json"\n', "relative file path"),
        (GOOD_TABLE.replace("lock_version = 1", "lock_version = 7") + '[[tiny.files]]\npath = "a"\n', "lock_version"),
    ],
)
def test_malformed_lock_names_file_and_problem(tmp_path, text, problem):
    path = tmp_path / "models.lock"
    path.write_text(text)
    with pytest.raises(ModelError, match=re.escape(problem)) as caught:
        models.load_lock(path)
    assert str(path) in str(caught.value)


def test_missing_lock_file_says_how_to_fix(tmp_path):
    with pytest.raises(ModelError, match="TRANSLATE_MODELS_LOCK"):
        models.load_lock(tmp_path / "absent.lock")


def test_import_touches_neither_hub_nor_torch():
    code = (
        "import sys, translate.models\n"
        "heavy = {'huggingface_hub', 'torch', 'transformers', 'tomlkit'} & {m.split('.')[0] for m in sys.modules}\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(models.__file__).parent.parent)


# --- local folders --------------------------------------------------------------------------


def write_folder(folder: Path, contents: dict[str, bytes]) -> Path:
    for rel, data in contents.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    return folder


def test_folder_fingerprint_is_stable_and_follows_content(tmp_path):
    lock = models.load_lock()
    folder = write_folder(tmp_path / "my-model", TINY)
    first = models.resolve(str(folder), lock)
    assert first.name == "my-model" and first.path == folder.resolve()
    assert re.fullmatch(r"local:[0-9a-f]{16}", first.revision)
    assert models.resolve(str(folder), lock) == first

    (folder / ".cache").mkdir()
    (folder / ".cache" / "note").write_text("download metadata is not the model")
    assert models.resolve(str(folder), lock).revision == first.revision

    (folder / "weights.bin").write_bytes(b"other weights")
    changed = models.resolve(str(folder), lock).revision
    assert changed != first.revision
    (folder / "weights.bin").rename(folder / "weights2.bin")
    assert models.resolve(str(folder), lock).revision not in (first.revision, changed)


def test_folder_without_config_is_refused_by_name(tmp_path):
    folder = write_folder(tmp_path / "not-a-model", {"weights.bin": b"x"})
    with pytest.raises(ModelError, match=re.escape("config.json")) as caught:
        models.resolve(str(folder), models.load_lock())
    assert str(folder) in str(caught.value)


def test_unpinned_hub_id_says_how_to_pin():
    with pytest.raises(ModelError, match=re.escape("not pinned in models.lock")) as caught:
        models.resolve("facebook/bart-large-cnn", models.load_lock())
    assert "translate models fetch" in str(caught.value)


# --- the locked models, offline -------------------------------------------------------------


def test_locked_model_missing_from_empty_cache_fails_fast(tmp_path):
    lock = models.load_lock()
    started = time.monotonic()
    with pytest.raises(ModelNotAvailable) as caught:
        models.resolve("translation", lock, cache_dir=tmp_path)
    assert time.monotonic() - started < 2
    message = str(caught.value)
    assert TRANSLATION in message and lock["translation"].revision in message
    assert "translate models fetch translation" in message and str(tmp_path) in message


def test_cache_folder_follows_the_environment_at_call_time(tmp_path, monkeypatch):
    """huggingface_hub reads HF_HUB_CACHE once at import; resolve reads it on every call."""
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    assert models.default_cache_dir() == tmp_path / "hub"
    with pytest.raises(ModelNotAvailable, match=re.escape(str(tmp_path / "hub"))):
        models.resolve("summary", models.load_lock())
    monkeypatch.delenv("HF_HUB_CACHE")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "home"))
    assert models.default_cache_dir() == tmp_path / "home" / "hub"


def test_locked_model_found_in_hand_built_cache(tmp_path):
    lock = models.load_lock()
    marian = lock["translation"]
    contents = {f.path: f"content of {f.path}".encode() for f in marian.files}
    contents["tokenizer_config.json"] = b'{"target_lang": "en", "source_lang": "nl"}'  # the locked 42 bytes
    snapshot = build_cache(tmp_path, marian.name, marian.revision, contents)
    for name in ("translation", TRANSLATION):
        resolved = models.resolve(name, lock, cache_dir=tmp_path)
        assert resolved == models.ResolvedModel(TRANSLATION, marian.revision, snapshot)
    assert (resolved.path / "config.json").read_bytes() == b"content of config.json"
    rows = {row["role"]: row for row in models.list_models(lock, cache_dir=tmp_path)}
    assert rows["translation"]["available"] and not rows["summary"]["available"]


def test_partial_or_damaged_snapshot_is_not_available(tmp_path):
    model = tiny_model(TINY)
    snapshot = build_cache(tmp_path, model.name, model.revision, {"config.json": TINY["config.json"]})
    with pytest.raises(ModelNotAvailable, match=re.escape("weights.bin is missing")):
        models.resolve("tiny", {"tiny": model}, cache_dir=tmp_path)
    (snapshot / "weights.bin").write_bytes(b"truncated")
    with pytest.raises(ModelNotAvailable, match=re.escape("weights.bin has 9 bytes")):
        models.resolve("tiny", {"tiny": model}, cache_dir=tmp_path)


def test_verify_detects_wrong_sha256(tmp_path):
    build_cache(tmp_path, "acme/tiny", REV, TINY)
    good = tiny_model(TINY)
    assert all(ok for _, ok, _ in models.verify({"tiny": good}, cache_dir=tmp_path))

    tampered = {**TINY, "weights.bin": b"\xff" + TINY["weights.bin"][1:]}  # same size, other bytes
    bad = tiny_model(tampered)
    results = {label: (ok, message) for label, ok, message in models.verify({"tiny": bad}, cache_dir=tmp_path)}
    assert results["tiny:config.json"][0]
    ok, message = results["tiny:weights.bin"]
    assert not ok and "sha256" in message

    unpinned = tiny_model(TINY, pinned=False)
    assert all("not yet pinned" in m for _, _, m in models.verify({"tiny": unpinned}, cache_dir=tmp_path))
    missing = models.verify({"tiny": good}, cache_dir=tmp_path / "empty")
    assert not any(ok for _, ok, _ in missing) and "translate models fetch tiny" in missing[0][2]


def test_unknown_role_is_refused():
    with pytest.raises(ModelError, match="Unknown model role nope"):
        models.verify(models.load_lock(), ["nope"])


# --- fetch ----------------------------------------------------------------------------------


@pytest.fixture
def online(monkeypatch):
    """Undo conftest's HF_HUB_OFFLINE, in the environment and in what huggingface_hub read at import."""
    from huggingface_hub import constants

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)


def hub_reachable() -> bool:
    try:
        socket.create_connection(("huggingface.co", 443), timeout=2).close()
        return True
    except OSError:
        return False


def assert_nothing_usable(cache: Path, model: LockedModel) -> None:
    snapshot = models.snapshot_dir(model, cache)
    assert not any(p.is_file() for p in snapshot.rglob("*")) if snapshot.exists() else True
    with pytest.raises(ModelNotAvailable):
        models.resolve(model.role, {model.role: model}, cache_dir=cache)


def test_fetch_without_network_fails_fast_and_cleanly(tmp_path, online):
    """The real hub address; our machines and CI cannot reach it. Elsewhere this would download."""
    if hub_reachable():
        pytest.skip("the hub is reachable here; this test checks the failure without network")
    lock = models.load_lock()
    started = time.monotonic()
    with pytest.raises(ModelError, match="Could not reach the Hugging Face hub") as caught:
        models.fetch(lock, ["translation"], cache_dir=tmp_path)
    assert time.monotonic() - started < 30
    assert TRANSLATION in str(caught.value) and "translate models fetch translation" in str(caught.value)
    assert_nothing_usable(tmp_path, lock["translation"])


def test_fetch_from_a_hub_that_never_answers_times_out(tmp_path, monkeypatch, online):
    monkeypatch.setattr(models, "HUB_TIMEOUT_S", 1.0)
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # the kernel accepts connections; nobody ever answers
    model = tiny_model(TINY)
    try:
        started = time.monotonic()
        with pytest.raises(ModelError, match="Could not reach"):
            models.fetch(
                {"tiny": model}, None, tmp_path, f"http://127.0.0.1:{silent.getsockname()[1]}"
            )
        assert time.monotonic() - started < 10
    finally:
        silent.close()
    assert_nothing_usable(tmp_path, model)


def test_fetch_refuses_in_offline_mode(tmp_path, monkeypatch, online):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelError, match="HF_HUB_OFFLINE"):
        models.fetch(models.load_lock(), ["translation"], tmp_path)


class FakeHub:
    """Just enough of the hub's HTTP API for huggingface_hub: model info, HEAD and GET of files."""

    def __init__(self, name: str, revision: str, contents: dict[str, bytes], lfs: set[str]):
        self.name, self.revision, self.contents, self.lfs = name, revision, contents, lfs
        self.listed_sha256: dict[str, str] = {}  # overrides, to play a hub whose listing disagrees
        self.gets: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def info(self) -> dict:
        siblings = []
        for rel, data in self.contents.items():
            entry = {"rfilename": rel, "size": len(data), "blobId": git_blob_id(data)}
            if rel in self.lfs:
                lfs_sha = self.listed_sha256.get(rel, sha256(data))
                entry["lfs"] = {"size": len(data), "sha256": lfs_sha, "pointerSize": 134}
            siblings.append(entry)
        return {"id": self.name, "modelId": self.name, "sha": self.revision, "siblings": siblings}

    def _handler(self):
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _file(self):
                prefix = f"/{hub.name}/resolve/{hub.revision}/"
                rel = self.path.split("?")[0].removeprefix(prefix)
                return rel, hub.contents.get(rel) if self.path.startswith(prefix) else None

            def _send(self, status, body=b"", headers=None, write=True):
                self.send_response(status)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if write:
                    self.wfile.write(body)

            def do_HEAD(self):
                self._serve(write=False)

            def do_GET(self):
                if self.path.split("?")[0] == f"/api/models/{hub.name}/revision/{hub.revision}":
                    self._send(200, json.dumps(hub.info()).encode(), {"Content-Type": "application/json"})
                    return
                self._serve(write=True)

            def _serve(self, write):
                rel, data = self._file()
                if data is None:
                    self._send(404, b"not found", {"X-Error-Code": "EntryNotFound"}, write)
                    return
                if write:
                    hub.gets.append(rel)
                etag = sha256(data) if rel in hub.lfs else git_blob_id(data)
                headers = {"X-Repo-Commit": hub.revision, "ETag": f'"{etag}"'}
                self._send(200, data, headers, write)

        return Handler


TINY_LOCK = f"""# a comment that must survive
lock_version = 1

[tiny]
name = "acme/tiny"
revision = "{REV}"  # pinned by hand
revision_confirmed = false

[[tiny.files]]
path = "config.json"
# size, sha256: recorded by fetch

[[tiny.files]]
path = "weights.bin"
"""


@pytest.fixture
def fake_hub(online):
    hub = FakeHub("acme/tiny", REV, dict(TINY), lfs={"weights.bin"})
    yield hub
    hub.close()


def test_fetch_downloads_verifies_and_records_in_the_cache_not_the_lock(tmp_path, fake_hub):
    lock_path = tmp_path / "models.lock"
    lock_path.write_text(TINY_LOCK)
    cache = tmp_path / "cache"
    lines = models.fetch(models.load_lock(lock_path, cache), None, cache, fake_hub.endpoint)
    assert any("weights.bin: ok" in line for line in lines)

    assert lock_path.read_text() == TINY_LOCK  # the tracked lock is never rewritten
    model = models.load_lock(lock_path, cache)["tiny"]
    assert any(str(models.confirmation_path(model, cache)) in line for line in lines)
    assert models.confirmation_path(model, cache).parent == models.snapshot_dir(model, cache).parent.parent
    relocked = models.load_lock(lock_path, cache)["tiny"]
    assert relocked.revision_confirmed
    assert {f.path: (f.size, f.sha256) for f in relocked.files} == {
        rel: (len(data), sha256(data)) for rel, data in TINY.items()
    }
    assert not models.load_lock(lock_path, tmp_path / "another-cache")["tiny"].revision_confirmed
    resolved = models.resolve("tiny", {"tiny": relocked}, cache_dir=cache)
    assert (resolved.path / "weights.bin").read_bytes() == TINY["weights.bin"]
    assert all(ok for _, ok, _ in models.verify({"tiny": relocked}, cache_dir=cache))

    fake_hub.gets.clear()
    recorded = models.confirmation_path(model, cache).read_text()
    again = models.fetch({"tiny": relocked}, None, cache, fake_hub.endpoint)
    assert fake_hub.gets == [] and not any("recorded" in line for line in again)
    assert models.confirmation_path(model, cache).read_text() == recorded


def test_fetch_rejects_and_removes_a_file_that_fails_verification(tmp_path, fake_hub):
    fake_hub.listed_sha256["weights.bin"] = sha256(b"what the hub says the weights are")
    lock_path = tmp_path / "models.lock"
    lock_path.write_text(TINY_LOCK)
    cache = tmp_path / "cache"
    with pytest.raises(ModelError, match="failed verification") as caught:
        models.fetch(models.load_lock(lock_path, cache), None, cache, fake_hub.endpoint)
    assert "weights.bin" in str(caught.value) and REV in str(caught.value)
    model = models.load_lock(lock_path, cache)["tiny"]
    assert not (models.snapshot_dir(model, cache) / "weights.bin").exists()
    assert not models.confirmation_path(model, cache).exists()  # nothing recorded from a bad download


def test_fetch_refuses_when_lock_and_hub_disagree(tmp_path, fake_hub):
    model = tiny_model({**TINY, "weights.bin": b"pinned weights"})
    with pytest.raises(ModelError, match="disagree"):
        models.fetch({"tiny": model}, None, tmp_path, fake_hub.endpoint)
    assert "weights.bin" not in fake_hub.gets


def test_fetch_replaces_a_damaged_cached_file(tmp_path, fake_hub):
    model = tiny_model(TINY)
    snapshot = build_cache(
        tmp_path, model.name, model.revision, {**TINY, "weights.bin": b"x" * len(TINY["weights.bin"])}
    )
    models.fetch({"tiny": model}, None, tmp_path, fake_hub.endpoint)
    assert (snapshot / "weights.bin").read_bytes() == TINY["weights.bin"]
    assert fake_hub.gets == ["weights.bin"]
