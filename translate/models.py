"""Pinned models: read models.lock, find pinned snapshots offline, fetch and verify them.

models.lock names each model role (translation, summary, ...) with a Hugging Face repository, a
full commit and the files the tool loads from it. Running the tool never touches the network:
`resolve` looks only in the local Hugging Face cache. `fetch` is the one place that downloads,
and it downloads exactly the pinned files of the pinned commits, then checks their sizes and
sha256 against the lock and the hub's own listing.

huggingface_hub and tomlkit are imported inside functions: importing this module touches
neither disk nor network and stays cheap for `translate --help`.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import os
import re
from contextlib import suppress
from dataclasses import dataclass, replace
from pathlib import Path

from translate.records import write_atomic

logger = logging.getLogger(__name__)

LOCK_ENV = "TRANSLATE_MODELS_LOCK"
LOCK_VERSION = 1
# Seconds each hub request made by `fetch` may wait to connect or for data. The first request
# per model is a metadata probe without retries, so an unreachable hub fails within this time
# instead of huggingface_hub's minutes of retries on a missing file.
HUB_TIMEOUT_S = 10.0
FETCH_HINT = "translate models fetch"

_REVISION = re.compile(r"[0-9a-f]{40}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_HUB_ID = re.compile(r"[A-Za-z0-9][\w.-]*(/[\w.-]+)?")
_MODEL_KEYS = {"name", "revision", "revision_confirmed", "revision_source", "files"}
_FILE_KEYS = {"path", "size", "sha256"}
_CHUNK = 1 << 20
_OFFLINE_VARS = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")


@dataclass(frozen=True)
class LockedFile:
    path: str  # relative to the repository root, POSIX separators
    size: int | None  # bytes; None until a source or `fetch` records it
    sha256: str | None  # lower-case hex; None until a source or `fetch` records it


@dataclass(frozen=True)
class LockedModel:
    role: str
    name: str  # hub id, e.g. "Helsinki-NLP/opus-mt-nl-en"
    revision: str  # full 40-hex commit
    revision_confirmed: bool
    files: tuple[LockedFile, ...]


@dataclass(frozen=True)
class ResolvedModel:
    name: str
    revision: str  # a commit, or "local:<fingerprint>" for a folder
    path: Path  # a local folder in standard Hugging Face layout


class ModelError(Exception):
    """A model problem for the user; the message names the model, the revision and the fix."""


class ModelNotAvailable(ModelError):
    """A pinned model is not (completely) in the local Hugging Face cache."""


# ---------------------------------------------------------------------------------------------
# The lock file


def default_lock_path() -> Path:
    """models.lock of the package ($TRANSLATE_MODELS_LOCK wins).

    In a checkout, translate/models.lock links to the repository's models.lock; an installed copy has its own.
    """
    override = os.environ.get(LOCK_ENV)
    if override:
        return Path(override).expanduser()
    return (Path(__file__).parent / "models.lock").resolve()


def load_lock(path: Path | None = None, cache_dir: Path | str | None = None) -> dict[str, LockedModel]:
    """Read and check models.lock; the models keyed by role, in file order, with what fetches here confirmed.

    models.lock is a tracked file and is never written: what `fetch` learns (sizes and sha256 the lock
    lacks, a revision the hub showed) goes into the cache beside the model (see `confirmation_path`).
    """
    path = Path(path) if path is not None else default_lock_path()
    data = _read_toml(path)
    version = data.pop("lock_version", None)
    _require(version == LOCK_VERSION, path, "", f"lock_version must be {LOCK_VERSION}, found {version!r}")
    models = {role: _parse_model(path, role, table) for role, table in data.items()}
    _require(bool(models), path, "", "it names no models")
    return {role: _with_confirmation(model, cache_dir) for role, model in models.items()}


def _read_toml(path: Path) -> dict:
    import tomlkit  # tomllib is 3.11+, and tomlkit also writes back with comments kept
    from tomlkit.exceptions import TOMLKitError

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ModelError(
            f"Cannot read the model lock file {path}: {error.strerror or error}. "
            f"Restore models.lock from version control, or point ${LOCK_ENV} at a lock file."
        ) from error
    try:
        return tomlkit.parse(text).unwrap()
    except TOMLKitError as error:
        raise ModelError(f"The model lock file {path} is not valid TOML: {error}. Fix it or restore it.") from error


def _require(condition: bool, path: Path, where: str, problem: str) -> None:
    if not condition:
        place = f" [{where}]" if where else ""
        raise ModelError(f"Malformed model lock file {path}{place}: {problem}. Fix it or restore it.")


def _parse_model(path: Path, role: str, table: object) -> LockedModel:
    _require(isinstance(table, dict), path, role, "a model role must be a table")
    unknown = sorted(set(table) - _MODEL_KEYS)
    _require(not unknown, path, role, f"unknown keys {unknown}; allowed: {sorted(_MODEL_KEYS)}")
    name, revision = table.get("name"), table.get("revision")
    _require(isinstance(name, str) and bool(_HUB_ID.fullmatch(name)), path, role, f"name {name!r} is not a hub id")
    _require(
        isinstance(revision, str) and bool(_REVISION.fullmatch(revision)),
        path,
        role,
        f"revision {revision!r} is not a full 40-character lower-case hex commit (branches are not allowed)",
    )
    confirmed = table.get("revision_confirmed")
    _require(isinstance(confirmed, bool), path, role, "revision_confirmed must be true or false")
    entries = table.get("files")
    _require(isinstance(entries, list) and bool(entries), path, role, "files must be a non-empty array of tables")
    files = tuple(_parse_file(path, f"{role}.files[{i}]", entry) for i, entry in enumerate(entries))
    paths = [f.path for f in files]
    _require(len(set(paths)) == len(paths), path, role, "a file is listed twice")
    return LockedModel(role, name, revision, confirmed, files)


def _parse_file(path: Path, where: str, entry: object) -> LockedFile:
    _require(isinstance(entry, dict), path, where, "each file must be a table")
    unknown = sorted(set(entry) - _FILE_KEYS)
    _require(not unknown, path, where, f"unknown keys {unknown}; allowed: {sorted(_FILE_KEYS)}")
    rel, size, sha256 = entry.get("path"), entry.get("size"), entry.get("sha256")
    _require(isinstance(rel, str) and _is_relative(rel), path, where, f"path {rel!r} must be a relative file path")
    size_ok = size is None or (isinstance(size, int) and not isinstance(size, bool) and size >= 0)
    _require(size_ok, path, where, f"size {size!r} must be a whole number of bytes")
    sha_ok = sha256 is None or (isinstance(sha256, str) and bool(_SHA256.fullmatch(sha256)))
    _require(sha_ok, path, where, f"sha256 {sha256!r} must be 64 lower-case hex characters")
    return LockedFile(rel, size, sha256)


def _is_relative(rel: str) -> bool:
    parts = rel.split("/")
    return bool(rel) and not rel.startswith("/") and "\\" not in rel and all(p not in ("", ".", "..") for p in parts)


# ---------------------------------------------------------------------------------------------
# Finding a model offline


def resolve(name_or_dir: str, lock: dict[str, LockedModel], cache_dir: Path | str | None = None) -> ResolvedModel:
    """A role or pinned hub id -> its snapshot in the local cache; an existing folder -> that folder.

    Roles and hub ids in the lock win over a folder of the same name; write ./summary to mean a folder.
    Never uses the network.
    """
    locked = find_locked(name_or_dir, lock)
    if locked is not None:
        return _resolve_locked(locked, _cache_dir(cache_dir))
    folder = Path(name_or_dir).expanduser()
    if folder.is_dir():
        return _resolve_folder(folder)
    raise _unknown_model_error(name_or_dir, folder, lock)


def find_locked(name: str, lock: dict[str, LockedModel]) -> LockedModel | None:
    """The locked model with this role, or else with this hub id."""
    if name in lock:
        return lock[name]
    return next((model for model in lock.values() if model.name == name), None)


def snapshot_dir(model: LockedModel, cache_dir: Path | str | None = None) -> Path:
    """Where huggingface_hub keeps this commit: <cache>/models--org--name/snapshots/<revision>."""
    repo_folder = "models--" + model.name.replace("/", "--")
    return _cache_dir(cache_dir) / repo_folder / "snapshots" / model.revision


def _cache_dir(cache_dir: Path | str | None) -> Path:
    return Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()


def default_cache_dir() -> Path:
    """The Hugging Face hub cache, by huggingface_hub's rules, read from the environment now.

    huggingface_hub.constants reads these variables once, at its first import; reading them on
    each call keeps resolve/fetch/verify right when the environment changes later (as in tests).
    fetch passes this folder to huggingface_hub explicitly, so both always agree.
    """
    env = os.environ
    home = env.get("HF_HOME") or os.path.join(env.get("XDG_CACHE_HOME") or "~/.cache", "huggingface")
    hub = env.get("HF_HUB_CACHE") or env.get("HUGGINGFACE_HUB_CACHE") or os.path.join(home, "hub")
    return Path(os.path.expandvars(hub)).expanduser()


def _resolve_locked(model: LockedModel, cache: Path) -> ResolvedModel:
    snapshot = snapshot_dir(model, cache)
    problems = [problem for f in model.files if (problem := _cached_file_problem(snapshot, f))]
    if problems:
        detail = "none of its files are there" if not snapshot.is_dir() else "; ".join(problems)
        raise ModelNotAvailable(
            f"Model {model.name} at revision {model.revision} (role {model.role}) is not in the local "
            f"Hugging Face cache {cache}: {detail}. Fetch it with `{FETCH_HINT} {model.role}`, "
            "or pass a local model folder instead."
        )
    return ResolvedModel(model.name, model.revision, snapshot)


def _cached_file_problem(snapshot: Path, locked: LockedFile) -> str | None:
    """Presence and size only: cheap enough for every run. `verify` checks the sha256."""
    file = snapshot / locked.path
    if not file.is_file():  # also catches a symlink whose blob is gone
        return f"{locked.path} is missing"
    size = file.stat().st_size
    if locked.size is not None and size != locked.size:
        return f"{locked.path} has {size} bytes where the lock says {locked.size}"
    return None


def _resolve_folder(folder: Path) -> ResolvedModel:
    folder = folder.resolve()
    if not (folder / "config.json").is_file():
        raise ModelError(
            f"The folder {folder} is not a model folder: it has no config.json. Pass a folder written by "
            "save_pretrained() (config.json, weights, tokenizer files), or a model role from models.lock."
        )
    return ResolvedModel(folder.name, "local:" + folder_fingerprint(folder), folder)


def folder_fingerprint(folder: Path) -> str:
    """First 16 hex of a sha256 over the relative paths and contents of the folder's files.

    Hidden files and folders (.git, .cache/huggingface) are left out: they are not the model.
    """
    outer = hashlib.sha256()
    for file in sorted(_visible_files(folder), key=lambda p: p.relative_to(folder).as_posix()):
        rel = file.relative_to(folder).as_posix()
        outer.update(rel.encode("utf-8") + b"\0" + _sha256_file(file).encode("ascii") + b"\n")
    return outer.hexdigest()[:16]


def _visible_files(folder: Path) -> list[Path]:
    files = []
    for file in folder.rglob("*"):
        rel_parts = file.relative_to(folder).parts
        if file.is_file() and not any(part.startswith(".") for part in rel_parts):
            files.append(file)
    return files


def _unknown_model_error(name: str, folder: Path, lock: dict[str, LockedModel]) -> ModelError:
    roles = ", ".join(f"{m.role} ({m.name})" for m in lock.values())
    if folder.exists():
        return ModelError(f"{folder.resolve()} is a file, not a model folder. Pass the folder that holds config.json.")
    if _HUB_ID.fullmatch(name) and not name.startswith("."):
        return ModelError(
            f"Model {name} is not pinned in models.lock, and no folder {folder.resolve()} exists. Use a pinned "
            f"role ({roles}), pass a local model folder, or pin it: add a [ROLE] table with name = {name!r}, "
            "a full 40-character revision and its files to models.lock, then run "
            f"{FETCH_HINT} ROLE."
        )
    return ModelError(
        f"The model folder {folder.resolve()} does not exist. Pass an existing folder, or a role: {roles}."
    )


# ---------------------------------------------------------------------------------------------
# Verifying and listing


def verify(
    lock: dict[str, LockedModel], roles: list[str] | None = None, cache_dir: Path | str | None = None
) -> list[tuple[str, bool, str]]:
    """("role:path", ok, message) per pinned file: present in the cache, size and sha256 as locked.

    Each message names the role, file, model and revision, so it reads well on its own.
    """
    results = []
    for model in _select(lock, roles):
        snapshot = snapshot_dir(model, cache_dir)
        for locked in model.files:
            label = f"{model.role}:{locked.path}"
            ok, message = _verify_file(model, snapshot / locked.path, locked)
            results.append((label, ok, f"{label} ({model.name} {model.revision[:12]}): {message}"))
    return results


def _verify_file(model: LockedModel, file: Path, locked: LockedFile) -> tuple[bool, str]:
    if not file.is_file():
        return False, f"missing from the local cache ({file}); run: {FETCH_HINT} {model.role}"
    size, digest = file.stat().st_size, _sha256_file(file)
    problems = _lock_mismatches(locked, size, digest)
    if problems:
        return False, f"{'; '.join(problems)}: the cached file is damaged or not the pinned one ({file})"
    if locked.sha256 is None or locked.size is None:
        return True, f"present, {size} bytes, sha256 {digest}; not yet pinned in models.lock ({FETCH_HINT} records it)"
    return True, f"ok, {size} bytes, sha256 matches the lock"


def _lock_mismatches(locked: LockedFile, size: int, digest: str) -> list[str]:
    problems = []
    if locked.size is not None and size != locked.size:
        problems.append(f"size {size} bytes, the lock says {locked.size}")
    if locked.sha256 is not None and digest != locked.sha256:
        problems.append(f"sha256 {digest}, the lock says {locked.sha256}")
    return problems


def list_models(lock: dict[str, LockedModel], cache_dir: Path | str | None = None) -> list[dict]:
    """One dict per role: role, name, revision, confirmed, available (offline check), path, problem."""
    rows = []
    for model in lock.values():
        try:
            path, problem = resolve(model.role, lock, cache_dir).path, None
        except ModelNotAvailable as error:
            path, problem = None, str(error)
        rows.append(
            {
                "role": model.role,
                "name": model.name,
                "revision": model.revision,
                "confirmed": model.revision_confirmed,
                "available": path is not None,
                "path": str(path) if path is not None else None,
                "problem": problem,
            }
        )
    return rows


def _select(lock: dict[str, LockedModel], roles: list[str] | None) -> list[LockedModel]:
    if roles is None:
        return list(lock.values())
    unknown = [role for role in roles if role not in lock]
    if unknown:
        raise ModelError(f"Unknown model role {', '.join(unknown)}: models.lock has {', '.join(lock)}.")
    return [lock[role] for role in roles]


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _git_blob_sha1(path: Path, size: int) -> str:
    """The git object id the hub lists for a file kept in git itself (not LFS)."""
    digest = hashlib.sha1(f"blob {size}\0".encode("ascii"), usedforsecurity=False)
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------
# Fetching


@dataclass(frozen=True)
class _RemoteFile:
    """What the hub lists for one file at the pinned commit."""

    size: int | None
    blob_id: str | None  # git sha1 of the file, or of the LFS pointer for an LFS file
    lfs_sha256: str | None  # the LFS oid: the sha256 of the real content


def fetch(
    lock: dict[str, LockedModel],
    roles: list[str] | None = None,
    cache_dir: Path | str | None = None,
    endpoint: str | None = None,
) -> list[str]:
    """Download the pinned files of the pinned commits into the HF cache and verify each one.

    roles None means every role in the lock. Sizes and sha256 the lock lacks, and the revision's
    confirmation, are recorded beside the model in the cache (never in the tracked models.lock).
    Returns lines saying what was done.
    """
    models = _select(lock, roles)
    _refuse_if_offline()
    cache = _cache_dir(cache_dir)
    lines = []
    for model in models:
        remote = _hub_listing(model, endpoint)
        recorded = {}
        for locked in model.files:
            size, digest = _fetch_file(model, locked, _remote_file(model, locked, remote), cache, endpoint)
            lines.append(f"{model.role}: {model.name} {locked.path}: ok, {size} bytes, sha256 {digest}")
            if locked.size is None or locked.sha256 is None:
                recorded[locked.path] = (size, digest)
        if recorded or not model.revision_confirmed:
            path = _record_confirmation(model, recorded, cache)
            lines.append(f"{model.role}: recorded in {path}: {_recorded_summary(model, recorded)}")
    return lines


def _recorded_summary(model: LockedModel, recorded: dict[str, tuple[int, str]]) -> str:
    parts = [f"size and sha256 of {', '.join(recorded)}"] if recorded else []
    if not model.revision_confirmed:
        parts.append("revision confirmed by the hub")
    return "; ".join(parts)


def _refuse_if_offline() -> None:
    from huggingface_hub import constants

    # huggingface_hub honours the value it read at import; the environment may have changed since.
    now = any(os.environ.get(var, "").upper() in {"1", "ON", "YES", "TRUE"} for var in _OFFLINE_VARS)
    if now or constants.HF_HUB_OFFLINE:
        raise ModelError(
            "HF_HUB_OFFLINE (or TRANSFORMERS_OFFLINE) is set, so the Hugging Face hub may not be used. "
            f"Unset it to run {FETCH_HINT}, or pass a local model folder instead."
        )


def _hub_listing(model: LockedModel, endpoint: str | None) -> dict[str, _RemoteFile]:
    """The hub's file list at the pinned commit: one request, no retries, short timeout."""
    from huggingface_hub import HfApi

    try:
        info = HfApi(endpoint=endpoint).model_info(
            model.name, revision=model.revision, files_metadata=True, timeout=HUB_TIMEOUT_S
        )
    except Exception as error:
        message = _hub_failure_message(model, error, endpoint)
        if message is None:
            raise
        raise ModelError(message) from error
    listing = {}
    for sibling in info.siblings or []:
        lfs = getattr(sibling, "lfs", None)
        lfs_sha256 = getattr(lfs, "sha256", None) or (lfs.get("sha256") if isinstance(lfs, dict) else None)
        listing[sibling.rfilename] = _RemoteFile(sibling.size, sibling.blob_id, lfs_sha256)
    return listing


def _remote_file(model: LockedModel, locked: LockedFile, remote: dict[str, _RemoteFile]) -> _RemoteFile:
    """The hub's entry for a pinned file, after checking that the lock agrees with it."""
    entry = remote.get(locked.path)
    if entry is None:
        raise ModelError(
            f"models.lock pins {locked.path} for {model.name} at revision {model.revision}, but the hub has no "
            f"such file at that commit (it has: {', '.join(sorted(remote)) or 'nothing'}). Fix the files of "
            f"[{model.role}] in models.lock."
        )
    disagreements = []
    if locked.size is not None and entry.size is not None and entry.size != locked.size:
        disagreements.append(f"size {locked.size} in the lock, {entry.size} on the hub")
    if locked.sha256 is not None and entry.lfs_sha256 is not None and entry.lfs_sha256 != locked.sha256:
        disagreements.append(f"sha256 {locked.sha256} in the lock, {entry.lfs_sha256} on the hub")
    if disagreements:
        raise ModelError(
            f"models.lock and the hub disagree on {locked.path} of {model.name} at revision {model.revision}: "
            f"{'; '.join(disagreements)}. Nothing was downloaded; check [{model.role}] in models.lock."
        )
    return entry


def _fetch_file(
    model: LockedModel, locked: LockedFile, remote: _RemoteFile, cache: Path, endpoint: str | None
) -> tuple[int, str]:
    """Download (or reuse) one file and verify it; a cached copy that fails is replaced once."""
    cached = snapshot_dir(model, cache) / locked.path
    if cached.is_file() and _download_problems(locked, remote, cached)[2]:
        logger.warning("%s: cached %s fails verification; downloading it again", model.name, locked.path)
        _evict(cached)
    file = _download(model, locked, cache, endpoint)
    size, digest, problems = _download_problems(locked, remote, file)
    if problems:
        _evict(file)
        raise ModelError(
            f"The download of {locked.path} for {model.name} at revision {model.revision} failed verification "
            f"({'; '.join(problems)}), so it was removed from the cache. Run {FETCH_HINT} {model.role} again; "
            "if it fails again, the lock or the hub's copy is wrong."
        )
    return size, digest


def _download_problems(locked: LockedFile, remote: _RemoteFile, file: Path) -> tuple[int, str, list[str]]:
    """Size, sha256 and what is wrong with a downloaded file, against the lock and the hub's listing."""
    size, digest = file.stat().st_size, _sha256_file(file)
    problems = _lock_mismatches(locked, size, digest)
    if remote.size is not None and size != remote.size:
        problems.append(f"size {size} bytes, the hub lists {remote.size}")
    if remote.lfs_sha256 is not None and digest != remote.lfs_sha256:
        problems.append(f"sha256 {digest}, the hub's LFS sha256 is {remote.lfs_sha256}")
    elif remote.lfs_sha256 is None and remote.blob_id and _git_blob_sha1(file, size) != remote.blob_id:
        problems.append(f"git object id differs from the hub's {remote.blob_id}")
    return size, digest, problems


def _download(model: LockedModel, locked: LockedFile, cache: Path, endpoint: str | None) -> Path:
    from huggingface_hub import hf_hub_download

    try:
        return Path(
            hf_hub_download(
                model.name,
                locked.path,
                revision=model.revision,
                cache_dir=cache,
                etag_timeout=HUB_TIMEOUT_S,
                endpoint=endpoint,
            )
        )
    except Exception as error:
        message = _hub_failure_message(model, error, endpoint, cache)
        if message is None:
            raise
        raise ModelError(message) from error


def _evict(file: Path) -> None:
    """Remove a bad file from the cache: the snapshot entry and the blob it points to."""
    blob = file.resolve()
    for path in (file, blob):
        with suppress(FileNotFoundError):
            path.unlink()


def _hub_failure_message(
    model: LockedModel, error: Exception, endpoint: str | None, cache: Path | None = None
) -> str | None:
    """A user-facing sentence for a huggingface_hub failure; None for an error that is a bug."""
    from huggingface_hub import constants, errors

    what = f"{model.name} at revision {model.revision}"
    hub = endpoint or constants.ENDPOINT
    cause = f"{type(error).__name__}: {error}".splitlines()[0]
    if isinstance(error, errors.OfflineModeIsEnabled):
        return f"Cannot fetch {what}: HF_HUB_OFFLINE is set. Unset it and run {FETCH_HINT} {model.role} again."
    if isinstance(error, errors.RevisionNotFoundError):
        return f"The hub ({hub}) has no revision {model.revision} of {model.name}. Check [{model.role}] in models.lock."
    if isinstance(error, errors.RepositoryNotFoundError):
        return (
            f"The hub ({hub}) has no model {model.name}, or it is private or gated. "
            f"Check [{model.role}] in models.lock."
        )
    if isinstance(error, errors.HfHubHTTPError) and not isinstance(error, errors.RemoteEntryNotFoundError):
        return f"The hub ({hub}) refused to serve {what} ({cause}). Try {FETCH_HINT} {model.role} again later."
    if isinstance(error, _network_errors()):
        return (
            f"Could not reach the Hugging Face hub ({hub}) to fetch {what} ({cause}). Check the network "
            f"connection or proxy (HTTPS_PROXY) and run {FETCH_HINT} {model.role} again, or pass a local model folder."
        )
    if isinstance(error, OSError) and cache is not None:
        return f"Could not write {what} into the Hugging Face cache {cache} ({cause}). Free space or fix permissions."
    return None


def _network_errors() -> tuple[type[BaseException], ...]:
    """Transport failures: the HTTP client's own (httpx2 for huggingface_hub 2.x, httpx for 1.x) and the OS's."""
    from huggingface_hub import errors

    found: list[type[BaseException]] = [ConnectionError, TimeoutError, errors.LocalEntryNotFoundError]
    xet_error = getattr(errors, "XetDownloadError", None)
    if xet_error is not None:
        found.append(xet_error)
    for module_name in ("httpx2", "httpx"):
        with suppress(ImportError):
            found.append(__import__(module_name).TransportError)
    return tuple(found)


# ---------------------------------------------------------------------------------------------
# What fetch learned: kept in the cache beside the model, so the tracked models.lock stays as committed

CONFIRMATION_NAME = "translate-confirmed.json"


def confirmation_path(model: LockedModel, cache_dir: Path | str | None = None) -> Path:
    """<cache>/models--org--name/translate-confirmed.json: per revision, what a fetch here verified."""
    return snapshot_dir(model, cache_dir).parent.parent / CONFIRMATION_NAME


def _record_confirmation(model: LockedModel, recorded: dict[str, tuple[int, str]], cache: Path) -> Path:
    path = confirmation_path(model, cache)
    known = _read_confirmations(path)
    entry = known.get(model.revision) if isinstance(known.get(model.revision), dict) else {}
    files = entry.get("files") if isinstance(entry.get("files"), dict) else {}
    files.update({rel: {"size": size, "sha256": digest} for rel, (size, digest) in recorded.items()})
    known[model.revision] = {"confirmed": f"the Hugging Face hub listed this commit during {FETCH_HINT} on "
                                          f"{datetime.date.today().isoformat()}", "files": files}
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(known, indent=2, sort_keys=True) + "\n")
    return path


def _read_confirmations(path: Path) -> dict:
    try:
        known = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, or damaged: a fetch writes it again
        return {}
    return known if isinstance(known, dict) else {}


def _with_confirmation(model: LockedModel, cache_dir: Path | str | None) -> LockedModel:
    """The model with what a fetch here recorded filled in where the lock has no value (the lock always wins)."""
    entry = _read_confirmations(confirmation_path(model, cache_dir)).get(model.revision)
    if not isinstance(entry, dict):
        return model
    files = entry.get("files") if isinstance(entry.get("files"), dict) else {}
    return replace(model, revision_confirmed=model.revision_confirmed or bool(entry.get("confirmed")),
                   files=tuple(_filled(locked, files.get(locked.path)) for locked in model.files))


def _filled(locked: LockedFile, found: object) -> LockedFile:
    if not isinstance(found, dict):
        return locked
    size, digest = found.get("size"), found.get("sha256")
    size_ok = isinstance(size, int) and not isinstance(size, bool) and size >= 0
    digest_ok = isinstance(digest, str) and bool(_SHA256.fullmatch(digest))
    return LockedFile(locked.path, locked.size if locked.size is not None or not size_ok else size,
                      locked.sha256 if locked.sha256 is not None or not digest_ok else digest)
