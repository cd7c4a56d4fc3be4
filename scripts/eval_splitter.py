"""Precision, recall and F1 of sentence boundaries on hand-split Dutch news (tests/data/splitter_eval by default).

Each file there is one article: one sentence a line, a blank line between paragraphs. A boundary is the
offset in the paragraph (sentences joined by single spaces) where a sentence after the first one starts.
'dev' is what the rules were tuned on; 'heldout' was never tuned on. tests/data/splitter_real holds real
newspaper text with the treebank's sentence split (see its README), in the same layout.

    python scripts/eval_splitter.py            # ours, and pysbd if it is installed
    python scripts/eval_splitter.py --errors   # also print every missed and every spurious boundary
    python scripts/eval_splitter.py --data tests/data/splitter_real --part dev --errors
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT / "tests" / "data" / "splitter_eval"
sys.path.insert(0, str(ROOT))

from translate.segment import split_sentences  # noqa: E402 -- needs the sys.path line above

Splitter = Callable[[str], list[str]]


@dataclass(frozen=True)
class Scores:
    true_positives: int
    false_positives: int
    false_negatives: int
    errors: tuple[str, ...]

    @property
    def precision(self) -> float:
        return self.true_positives / max(1, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        return self.true_positives / max(1, self.true_positives + self.false_negatives)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def gold_paragraphs(part: str, data: Path = EVAL_DIR) -> Iterator[tuple[str, list[str]]]:
    """(file name, gold sentences) for every paragraph of every article in one part of the set."""
    for path in sorted((data / part).glob("*.txt")):
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            sentences = [line.strip() for line in block.splitlines() if line.strip()]
            if sentences:
                yield path.name, sentences


def boundaries(paragraph: str, sentences: list[str]) -> set[int]:
    """Start offsets of the 2nd, 3rd, ... sentence, found in order (a splitter may alter whitespace)."""
    starts, position = set(), 0
    for sentence in (s.strip() for s in sentences):
        position = paragraph.index(sentence, position)
        starts.add(position)
        position += len(sentence)
    return starts - {0}


def score(splitter: Splitter, part: str, data: Path = EVAL_DIR) -> Scores:
    tp = fp = fn = 0
    errors = []
    for name, gold in gold_paragraphs(part, data):
        paragraph = " ".join(gold)
        expected, found = boundaries(paragraph, gold), boundaries(paragraph, splitter(paragraph))
        tp, fp, fn = tp + len(expected & found), fp + len(found - expected), fn + len(expected - found)
        errors += [
            f"{name}: {kind} |{paragraph[max(0, i - 40) : i]}‖{paragraph[i : i + 30]}|"
            for kind, at in (("spurious", found - expected), ("missed", expected - found))
            for i in sorted(at)
        ]
    return Scores(tp, fp, fn, tuple(errors))


def splitters() -> dict[str, Splitter]:
    """Ours always; pysbd for comparison when it is installed (it is not a dependency)."""
    found: dict[str, Splitter] = {"ours": split_sentences}
    try:
        import pysbd
    except ImportError:
        return found
    segmenter = pysbd.Segmenter(language="nl", clean=False)
    found["pysbd " + getattr(pysbd, "__version__", "")] = segmenter.segment
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="print every missed and spurious boundary")
    parser.add_argument("--data", type=Path, default=EVAL_DIR, help="folder with dev/ and heldout/ in it")
    parser.add_argument("--part", choices=("dev", "heldout"), help="score one part only (tune on dev errors alone)")
    args = parser.parse_args()
    for name, splitter in splitters().items():
        for part in [args.part] if args.part else ["dev", "heldout"]:
            s = score(splitter, part, args.data.resolve())
            print(
                f"{name:12} {part:8} P={s.precision:.4f} R={s.recall:.4f} F1={s.f1:.4f} "
                f"(tp={s.true_positives} fp={s.false_positives} fn={s.false_negatives})"
            )
            if args.errors:
                print("\n".join("    " + e for e in s.errors))


if __name__ == "__main__":
    main()
