"""How well the checks of `translate check` find corrupted translations and leave good ones alone.

The data, tests/data/qa/{dev,heldout}.tsv, holds Dutch news sentences with correct English translations
(expect empty) and corrupted variants of them, each labelled with the flag it should raise (expect =
numbers, names or punctuation); see the README there. 'dev' is what the checks were tuned on; 'heldout'
was written and committed before the checks existed, and was not tuned on. Each part goes through the
real command, `translate check FILE -o OUT`, and its output is scored:

- corrupted flagged: the share of corrupted variants that got the flag they are labelled with (recall);
- correct flagged: the share of correct pairs that got any flag of the check (false-positive rate).

    python scripts/eval_checks.py                 # both parts, per check and overall, and the time per pair
    python scripts/eval_checks.py --part dev --errors   # every miss and false alarm (tune on dev errors only)
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "qa"
sys.path.insert(0, str(ROOT))

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
    """Run `translate check` on one part and read its output back."""
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / f"{part}.checked.tsv"
        with contextlib.redirect_stderr(io.StringIO()):
            code = translate_main(["check", str(data / f"{part}.tsv"), "-o", str(output)])
        if code != 0:
            raise SystemExit(f"translate check {data / f'{part}.tsv'} failed with exit code {code}")
        lines = output.read_text(encoding="utf-8").removesuffix("\n").split("\n")
    header, *body = (line.split("\t") for line in lines)
    rows = []
    for fields in body:
        record = dict(zip(header, fields, strict=True))
        rows.append(Row(record["id"], record["expect"], record["nl"], record["en"], record["note"],
                        tuple(flag for flag in record["flags"].split(",") if flag),
                        json.loads(record["details"]) if record["details"] else {}))
    return Scores(tuple(rows))


def microseconds_per_pair(parts: list[str], repeats: int = 5) -> float:
    """The checks alone (no file reading): CPU time of this process, which other processes on a busy machine
    do not inflate as they do wall time; best of `repeats` passes over every pair of the parts."""
    pairs = [(row.nl, row.en) for part in parts for row in score(part).rows]
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
        lines.append(f"{part:8} {flag or 'overall':12} corrupted flagged {caught:3}/{corrupted:<3} "
                     f"= {caught / max(1, corrupted):6.1%}   correct flagged {alarms:3}/{correct:<3} "
                     f"= {alarms / max(1, correct):5.1%}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--part", choices=("dev", "heldout"), help="one part only (tune on dev errors alone)")
    parser.add_argument("--errors", action="store_true", help="print every miss and false alarm")
    args = parser.parse_args()
    parts = [args.part] if args.part else ["dev", "heldout"]
    for part in parts:
        scores = score(part)
        print("\n".join(report(part, scores)))
        if args.errors:
            print("\n".join("    " + error for error in scores.errors()))
    print(f"checks alone: {microseconds_per_pair(parts):.0f} µs of CPU time per sentence pair (best of 5 passes)")


if __name__ == "__main__":
    main()
