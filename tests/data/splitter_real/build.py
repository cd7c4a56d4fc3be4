"""Rebuild dev/ and heldout/ from alpino_test_sentences.tsv (sent_id TAB text, as in the treebank).

A paragraph is the sentences of one `p.N` of one document, in sentence order; where the treebank
skips a sentence (the headline `p.1.s.1` of most articles is not in this part of the treebank), the
paragraph is cut there, so that no two sentences meet that were not adjacent in the article.
Documents with an even number go to dev/, odd ones to heldout/ (decided before any scoring).

    python tests/data/splitter_real/build.py
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
SENT_ID = re.compile(r"(?P<doc>WR-P-P-H-(?P<num>\d+))\.p\.(?P<par>\d+)\.s\.(?P<sent>[\d.]+)")


def read_sentences() -> dict[str, dict[int, list[tuple[tuple[int, ...], str]]]]:
    docs: dict[str, dict[int, list[tuple[tuple[int, ...], str]]]] = defaultdict(lambda: defaultdict(list))
    for line in (HERE / "alpino_test_sentences.tsv").read_text(encoding="utf-8").splitlines():
        sent_id, text = line.split("\t")
        m = SENT_ID.fullmatch(sent_id)
        assert m, sent_id
        key = tuple(int(n) for n in m["sent"].split("."))
        docs[m["doc"]][int(m["par"])].append((key, text))
    return docs


def runs(sentences: list[tuple[tuple[int, ...], str]]) -> list[list[str]]:
    """Split a paragraph where a sentence number is skipped ("s.3.1", "s.3.2" are one split sentence)."""
    out: list[list[str]] = []
    previous = None
    for key, text in sorted(sentences):
        if previous is None or key[0] not in (previous[0], previous[0] + 1):
            out.append([])
        out[-1].append(text)
        previous = key
    return out


def main() -> None:
    for part in ("dev", "heldout"):
        (HERE / part).mkdir(exist_ok=True)
        for old in (HERE / part).glob("*.txt"):
            old.unlink()
    for doc, paragraphs in sorted(read_sentences().items()):
        blocks = ["\n".join(run) for _, sents in sorted(paragraphs.items()) for run in runs(sents)]
        part = "dev" if int(doc.rsplit("-", 1)[1]) % 2 == 0 else "heldout"
        (HERE / part / f"{doc}.txt").write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
