"""Sharded runs: N processes or machines divide one corpus with no coordination, then join their manifests.

Shard K of N (K counted from 1) translates every N-th read-ahead window: window i (counted from 0 over
the full input list) belongs to shard i mod N + 1. Windows, and so the token batches inside them,
depend only on the inputs and settings, so every sentence is batched exactly as in a full run and the
shards together write the full run's files byte for byte. (A split by article would batch sentences
differently, and the output length bound and padding depend on the batch.) Every shard therefore
reads and splits the whole input list, and all shards must be given the same inputs; the manifest
part records a fingerprint of the list so `translate merge-manifests` can check it.

A file that cannot be read belongs to no window; it is reported by the shard its id hashes to (the
first 8 bytes of sha256(id), mod N, plus 1), so the joined manifest names it once.

A shard cannot see the other shards' files, so the consistency pass (the `inconsistent` flag, see
translate/consistency.py) runs in `translate merge-manifests`, once all parts are there: after it, the files
are a full run's, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from translate import untrusted
from translate.consistency import consistency_pass, manifest_groups
from translate.outdir import OutputLock
from translate.outfiles import UnsafeOutput
from translate.outputs import MAX_MANIFEST_BYTES
from translate.records import write_atomic
from translate.userfiles import read_capped

PART = re.compile(r"manifest\.shard-(\d+)-of-(\d+)\.json")


class ShardError(Exception):
    """Manifest parts that cannot be joined; the message names the folder or part and the fix."""


@dataclass(frozen=True)
class Shard:
    index: int  # K, counted from 1
    count: int  # N

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def owns_window(self, window: int) -> bool:
        return window % self.count == self.index - 1

    def owns_article(self, article_id: str) -> bool:
        return article_shard(article_id, self.count) == self.index

    @property
    def manifest_name(self) -> str:
        return f"manifest.shard-{self.index}-of-{self.count}.json"

    @property
    def lock_name(self) -> str:
        return f".translate.shard-{self.index}-of-{self.count}.lock"


def parse_shard(text: str) -> Shard:
    """`K/N` with 1 <= K <= N; ValueError with a message that shows the right form otherwise."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not match:
        raise ValueError(f"{text!r} is not K/N; give the shard number and the number of shards, e.g. 2/3")
    index, count = int(match.group(1)), int(match.group(2))
    if count < 1 or not 1 <= index <= count:
        raise ValueError(f"{text!r}: K must be between 1 and N (shards are counted from 1), e.g. 1/{max(count, 1)}")
    return Shard(index, count)


def article_shard(article_id: str, count: int) -> int:
    """The shard (from 1) an article id hashes to: stable across machines, Python versions and runs."""
    digest = hashlib.sha256(article_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def inputs_fingerprint(ids: Iterable[str]) -> str:
    """sha256 over the input ids in order: equal for shards that were given the same inputs."""
    digest = hashlib.sha256()
    for article_id in ids:
        digest.update(article_id.encode("utf-8") + b"\n")
    return digest.hexdigest()


# --- joining manifest parts -------------------------------------------------------------------------

# What must agree between parts: anything that changes the files, and the corpus itself.
SAME = ("version", "record_settings", "models")
SAME_SETTINGS = ("window_sentences", "encoding", "max_article_bytes", "summary", "fields")


def merge_manifests(folder: Path) -> Path:
    """Join OUT/manifest.shard-K-of-N.json (all N of them, consistent) into OUT/manifest.json, after the
    consistency pass over all the shards' files. Holds the folder's lock (OutputBusy while a shard still runs)."""
    parts = _read_parts(folder)
    try:
        with OutputLock(folder):
            return _merge(folder, parts)
    except UnsafeOutput as error:  # a planted link as the lock or inside the folder: refused, nothing written
        raise ShardError(str(error)) from None


def _merge(folder: Path, parts: list[dict]) -> Path:
    first = parts[0]
    for part in parts[1:]:
        _check_consistent(folder, first, part)
    articles = [article for part in parts for article in part["articles"]]
    _check_unique(folder, articles)
    manifest = {key: value for key, value in first.items() if key not in ("articles", "totals", "shard", "device")}
    manifest["settings"] = {key: value for key, value in first["settings"].items() if key != "shard"}
    manifest["interrupted"] = any(part["interrupted"] for part in parts)
    manifest["device"] = first["device"]
    manifest["shards"] = [{"shard": f"{p['shard']['index']}/{p['shard']['count']}", "device": p["device"],
                           "totals": p["totals"]} for p in parts]
    manifest["articles"] = sorted(articles, key=lambda article: article["id"])
    manifest["totals"] = _totals(parts, articles)
    started = time.perf_counter()
    result = consistency_pass(folder, [a["id"] for a in articles if a["status"] in ("ok", "unchanged")])
    for article in articles:  # the pass adds and removes flags: the manifest counts what the files hold
        article["flagged_sentences"] = result.flagged.get(article["id"], article.get("flagged_sentences", 0))
    manifest["inconsistent"] = manifest_groups(result.groups)
    manifest["totals"]["consistency_seconds"] = round(time.perf_counter() - started, 3)
    path = folder / "manifest.json"
    write_atomic(path, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", inside=folder)
    return path


def _read_parts(folder: Path) -> list[dict]:
    found = {}
    for path in sorted(folder.glob("manifest.shard-*-of-*.json")):
        match = PART.fullmatch(path.name)
        if match:
            found[(int(match.group(1)), int(match.group(2)))] = path
    if not found:
        raise ShardError(f"{folder}: no manifest parts (manifest.shard-K-of-N.json); run `translate run --shard K/N "
                         f"-o {folder}` for every K first")
    counts = sorted({count for _index, count in found})
    if len(counts) > 1:
        raise ShardError(f"{folder}: manifest parts of runs split {' and '.join(map(str, counts))} ways; "
                         "delete the parts of the split you no longer use")
    count = counts[0]
    missing = [index for index in range(1, count + 1) if (index, count) not in found]
    if missing:
        raise ShardError(f"{folder}: shard {', '.join(f'{k}/{count}' for k in missing)} has no manifest part; run "
                         f"`translate run --shard K/{count} -o {folder}` for it, then merge again")
    return [_load_part(found[(index, count)]) for index in range(1, count + 1)]


def _load_part(path: Path) -> dict:
    try:
        return untrusted.loads(read_capped(path, MAX_MANIFEST_BYTES, "a shard's manifest part"))
    except (OSError, untrusted.Untrusted) as error:
        raise ShardError(f"{path}: not a readable manifest part ({error}); run its shard again") from None


def _check_consistent(folder: Path, first: dict, part: dict) -> None:
    name = f"shard {part['shard']['index']}/{part['shard']['count']}"
    for key in SAME:
        if part.get(key) != first.get(key):
            raise ShardError(f"{folder}: {name} ran with other {key.replace('_', ' ')} than shard 1; "
                             f"run it again with the same models and options")
    for key in SAME_SETTINGS:
        if part["settings"].get(key) != first["settings"].get(key):
            raise ShardError(f"{folder}: {name} ran with {key}={part['settings'].get(key)!r}, shard 1 with "
                             f"{first['settings'].get(key)!r}; run it again with the same options")
    if part["shard"].get("inputs_sha256") != first["shard"].get("inputs_sha256"):
        raise ShardError(f"{folder}: {name} was given other input files than shard 1 ({part['shard'].get('inputs')} "
                         f"vs {first['shard'].get('inputs')} files); give every shard the same inputs")


def _check_unique(folder: Path, articles: list[dict]) -> None:
    seen: set[str] = set()
    for article in articles:
        if article["id"] in seen:
            raise ShardError(f"{folder}: article {article['id']!r} is in two manifest parts; were the shards run "
                             "with different inputs? Run them again with the same inputs")
        seen.add(article["id"])


def _totals(parts: list[dict], articles: list[dict]) -> dict:
    """Counts add up; seconds is the slowest shard's (they ran side by side), memory the largest peak."""
    peaks: dict[str, float] = {}
    for part in parts:
        for key, value in part["totals"].get("peak_memory", {}).items():
            peaks[key] = max(peaks.get(key, 0.0), value)
    return {"articles": len(articles), "failed": sum(a["status"] == "failed" for a in articles),
            "sentences": sum(p["totals"]["sentences"] for p in parts),
            "seconds": max(p["totals"]["seconds"] for p in parts), "peak_memory": peaks,
            **{name: sum(p["totals"].get(name, 0) for p in parts)
               for name in ("memory_hits", "glossary_hits", "glossary_misses")}}
