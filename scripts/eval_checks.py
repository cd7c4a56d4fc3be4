"""How well the checks of `translate check` find corrupted translations and leave good ones alone.

Two kinds of data, eight parts:

- dev, heldout: tests/data/qa/{dev,heldout}.tsv, Dutch news sentences written for the purpose with correct
  English translations (expect empty) and corrupted variants of them, each labelled with the flag it should
  raise (expect = numbers, names or punctuation); see the README there. 'dev' is what the checks were first
  tuned on; 'heldout' was written and committed before the checks existed, and was not tuned on.
- ntrex-tune, ntrex-kept: the development half of NTREX-128 (tests/data/ntrex/, real news with its
  professional Dutch translation), split by document (tests/data/ntrex/SPLIT.md): the checks were tuned
  on the errors of 'ntrex-tune' only; 'ntrex-kept' is only scored. The corrupted variants are built here
  from the correct pairs by scripts/corrupt_pairs.py; a variant is scored only where its correct pair does
  not already carry the flag it should raise. Each variant is checked after the sentences that precede it
  in its document, as in the real file, since quotes are balanced across sentences.
- tatoeba-tune, tatoeba-kept: the OPUS-MT Tatoeba test set (tests/data/tatoeba/, 10,000 short everyday
  sentences translated by volunteers, not news), split by pair before the checks were run on it (README
  there); corrupted variants built the same way.
- flores-tune, flores-kept: 1,004 FLORES-200 pairs (tests/data/flores/: Wikinews, Wikivoyage and Wikijunior
  with professional Dutch translations), split by pair before any of its errors were read (README there).

Each part goes through the real command, `translate check FILE -o OUT`, and its output is scored:

- corrupted flagged: the share of corrupted variants that got the flag they are labelled with (recall);
- correct flagged: the share of correct pairs that got any flag of the check (false-positive rate).

A file of other real translations with the same columns as NTREX's (id, doc, nl, en; NTREX's held-out half,
for example) is scored as one part with --file, corrupted variants built the same way.

    python scripts/eval_checks.py                 # every part, per check and overall, and the time per pair
    python scripts/eval_checks.py --part ntrex-tune --errors   # every miss and false alarm (tune on these only)
    python scripts/eval_checks.py --file ntrex_nl_en_heldout.tsv   # another file of real translations
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "qa"
NTREX = ROOT / "tests" / "data" / "ntrex" / "ntrex_nl_en_dev.tsv"
TATOEBA = ROOT / "tests" / "data" / "tatoeba" / "tatoeba_nl_en.tsv"
FLORES = ROOT / "tests" / "data" / "flores" / "flores_nl_en.tsv"
HAND_WRITTEN = ("dev", "heldout")
# Real translations, split before any tuning: the file, the number of buckets of zlib.crc32(doc), and the bucket
# kept out (tests/data/ntrex/SPLIT.md, tests/data/tatoeba/README.md).
REAL = {"ntrex-tune": (NTREX, 3, False), "ntrex-kept": (NTREX, 3, True),
        "tatoeba-tune": (TATOEBA, 2, False), "tatoeba-kept": (TATOEBA, 2, True),
        "flores-tune": (FLORES, 2, False), "flores-kept": (FLORES, 2, True)}
PARTS = (*HAND_WRITTEN, *REAL)
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def _in_project_environment() -> None:
    """Run under the project's environment: a bare python3 lacks the checks' libraries (Babel, pycountry,
    wordfreq, rapidfuzz). Run again with the environment's Python where there is one (.venv, or
    $TRANSLATE_VENV as scripts/setup.sh makes it); else say how to make it, in one line."""
    missing = [name for name in ("babel", "pycountry", "rapidfuzz", "wordfreq")
               if importlib.util.find_spec(name) is None]
    if not missing:
        return
    venv = Path(os.environ.get("TRANSLATE_VENV", ROOT / ".venv")).absolute()
    python = venv / "bin" / "python"
    if python.exists() and Path(sys.prefix).resolve() != venv.resolve():
        os.execv(python, [str(python), __file__, *sys.argv[1:]])
    raise SystemExit(f"eval_checks: {', '.join(missing)} not installed in {sys.prefix}: set the project up with "
                     "`bash scripts/setup.sh`, then run `.venv/bin/python scripts/eval_checks.py`")


_in_project_environment()

from corrupt_pairs import variants  # noqa: E402 -- scripts/ is on sys.path above

from translate.cli import main as translate_main  # noqa: E402 -- needs the sys.path line above
from translate.qa import SENTENCE_FLAGS, sentence_findings  # noqa: E402


@dataclass(frozen=True)
class Row:
    id: str
    expect: str
    nl: str
    en: str
    note: str
    flags: tuple[str, ...]
    details: dict[str, str]
    source: str = ""  # a variant's correct pair


@dataclass(frozen=True)
class Scores:
    rows: tuple[Row, ...]

    @property
    def correct(self) -> list[Row]:
        return [row for row in self.rows if not row.expect]

    def corrupted(self, flag: str | None = None) -> list[Row]:
        return [row for row in self.rows if row.expect and (flag is None or row.expect == flag)]

    def recall(self, flag: str | None = None) -> tuple[int, int]:
        """(caught, corrupted): corrupted variants that got the flag they are labelled with."""
        rows = self.corrupted(flag)
        return sum(row.expect in row.flags for row in rows), len(rows)

    def false_alarms(self, flag: str | None = None) -> tuple[int, int]:
        """(flagged, correct): correct pairs with the flag (any of the checks' flags when flag is None)."""
        rows = self.correct
        return sum(bool(set(row.flags) & ({flag} if flag else set(SENTENCE_FLAGS))) for row in rows), len(rows)

    def errors(self) -> list[str]:
        misses = [f"missed {row.id} ({row.expect}: {row.note}) got {row.details or 'nothing'}\n    {row.nl}\n    "
                  f"{row.en}" for row in self.corrupted() if row.expect not in row.flags]
        alarms = [f"false alarm {row.id} {row.details}\n    {row.nl}\n    {row.en}" for row in self.correct
                  if row.flags]
        return misses + alarms


def score(part: str, data: Path = DATA) -> Scores:
    """Run `translate check` on one part (or a file of real translations, by its path) and read its output back."""
    if part in HAND_WRITTEN:
        return Scores(tuple(checked(data / f"{part}.tsv")))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "real.tsv"
        path.write_text(real_table(part), encoding="utf-8")
        rows = checked(path)
    flagged = {row.id: set(row.flags) for row in rows if not row.source}
    return Scores(tuple(row for row in rows if row.expect != "context"
                        and not (row.source and row.expect in flagged[row.source])))


def checked(path: Path) -> list[Row]:
    """The rows of a TSV with columns id, expect, nl, en, note (and maybe doc, source) after `translate check`."""
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "checked.tsv"
        with contextlib.redirect_stderr(io.StringIO()):
            code = translate_main(["check", str(path), "-o", str(output)])
        if code != 0:
            raise SystemExit(f"translate check {path} failed with exit code {code}")
        lines = output.read_text(encoding="utf-8").removesuffix("\n").split("\n")
    header, *body = (line.split("\t") for line in lines)
    rows = []
    for fields in body:
        record = dict(zip(header, fields, strict=True))
        rows.append(Row(record["id"], record["expect"], record["nl"], record["en"], record["note"],
                        tuple(flag for flag in record["flags"].split(",") if flag),
                        json.loads(record["details"]) if record["details"] else {}, record.get("source", "")))
    return rows


def real_documents(part: str) -> dict[str, list[tuple[str, str, str]]]:
    """doc -> its (id, nl, en) in order, for the documents of one part of real translations: a document is kept
    out when zlib.crc32(doc) % buckets == 0 (tests/data/ntrex/SPLIT.md; a Tatoeba pair is a document of its own).
    A part that is a path (--file) is the whole file."""
    path, buckets, kept = REAL[part] if part in REAL else (Path(part), 1, True)
    lines = path.read_text(encoding="utf-8").removesuffix("\n").split("\n")
    if lines[0].split("\t")[:4] != ["id", "doc", "nl", "en"]:
        raise SystemExit(f"eval_checks: {path}: the first line must be the header id, doc, nl, en (tab-separated)")
    documents: dict[str, list[tuple[str, str, str]]] = {}
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != 4:
            raise SystemExit(f"eval_checks: {path}, line {number}: {len(fields)} fields, expected 4 (id, doc, nl, en)")
        pair_id, doc, nl, en = fields
        if (zlib.crc32(doc.encode()) % buckets == 0) == kept:
            documents.setdefault(doc, []).append((pair_id, nl, en))
    return documents


def real_table(part: str) -> str:
    """The TSV that `translate check` reads for one part of real translations: every correct pair in its
    document, then each variant as a document of its own after the correct sentences that precede it (rows
    expect=context)."""
    lines = ["id\tdoc\texpect\tnl\ten\tnote\tsource"]
    documents = real_documents(part)
    lines += [f"{pair_id}\t{doc}\t\t{nl}\t{en}\t\t" for doc, pairs in documents.items() for pair_id, nl, en in pairs]
    lines += list(_variant_lines(documents))
    return "\n".join(lines) + "\n"


def _variant_lines(documents: dict[str, list[tuple[str, str, str]]]) -> Iterator[str]:
    for doc, pairs in documents.items():
        for k, (pair_id, nl, en) in enumerate(pairs):
            for variant in variants(nl, en):
                name = f"{pair_id}-{variant.kind}"
                for before_id, before_nl, before_en in pairs[:k]:
                    yield f"{before_id}\t{doc}#{name}\tcontext\t{before_nl}\t{before_en}\t\t"
                yield f"{name}\t{doc}#{name}\t{variant.expect}\t{nl}\t{variant.en}\t{variant.note}\t{pair_id}"


def microseconds_per_pair(parts: list[str], repeats: int = 5) -> float:
    """The checks alone (no file reading): CPU time of this process, which other processes on a busy machine
    do not inflate as they do wall time; best of `repeats` passes over every pair of the parts."""
    pairs = [(row.nl, row.en) for part in parts for row in score(part).rows if not row.source]
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        for nl, en in pairs:
            sentence_findings(nl, en)
        best = min(best, time.process_time() - start)
    return best / len(pairs) * 1e6


def report(part: str, scores: Scores) -> list[str]:
    lines = []
    for flag in (*SENTENCE_FLAGS, None):
        caught, corrupted = scores.recall(flag)
        alarms, correct = scores.false_alarms(flag)
        lines.append(f"{part:12} {flag or 'overall':12} corrupted flagged {caught:3}/{corrupted:<3} "
                     f"= {caught / max(1, corrupted):6.1%}   correct flagged {alarms:3}/{correct:<3} "
                     f"= {alarms / max(1, correct):5.1%}")
    kinds = sorted({row.id.rpartition("-")[2] for row in scores.corrupted() if row.source})
    if kinds:
        caught = {kind: [row.expect in row.flags for row in scores.corrupted() if row.id.endswith("-" + kind)]
                  for kind in kinds}
        edits = ", ".join(f"{kind} {sum(hits)}/{len(hits)}" for kind, hits in caught.items())
        lines.append(f"{part:12} by edit: {edits}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--part", choices=PARTS,
                        help="one part only (tune on the errors of dev, ntrex-tune and tatoeba-tune alone)")
    parser.add_argument("--file", type=Path, metavar="TSV",
                        help="score this file of real translations instead, as one part (columns id, doc, nl, en, "
                             "as tests/data/ntrex/ntrex_nl_en_dev.tsv: NTREX's held-out half, for example)")
    parser.add_argument("--errors", action="store_true", help="print every miss and false alarm")
    args = parser.parse_args()
    parts = [str(args.file)] if args.file else [args.part] if args.part else list(PARTS)
    scored = {}
    for part in parts:
        scored[part] = scores = score(part)
        print("\n".join(report(part if part in PARTS else "file", scores)))
        if args.errors:
            print("\n".join("    " + error for error in scores.errors()))
    for corpus in ("ntrex", "tatoeba", "flores"):  # both halves together: the whole of NTREX dev, of Tatoeba...
        if f"{corpus}-tune" in scored and f"{corpus}-kept" in scored:
            both = Scores(scored[f"{corpus}-tune"].rows + scored[f"{corpus}-kept"].rows)
            print("\n".join(line for line in report(f"{corpus}-all", both) if "by edit" not in line))
    groups = [[p for p in parts if p in HAND_WRITTEN], *([p for p in parts if p.startswith(corpus)]
                                                         for corpus in ("ntrex", "tatoeba", "flores")),
              [p for p in parts if p not in PARTS]]
    for group in groups:
        if group:
            names = "+".join(part if part in PARTS else "file" for part in group)
            print(f"checks alone on {names}: {microseconds_per_pair(group):.0f} µs of CPU time per correct sentence "
                  "pair (best of 5 passes)")


if __name__ == "__main__":
    main()
