"""BLEU and chrF of translations against reference files, through sacrebleu, with its signatures.

The signature (sacrebleu's version, tokeniser, casing, smoothing, chrF's n-gram orders...) is
printed with every score, so that a figure can be reproduced and compared with published ones.
sacrebleu gives both scores on a 0-100 scale: chrF 58.3 is the 0.583 some papers print.

`evaluate_reviewed` scores a run against its own review (`translate apply`): the machine's English of
each reviewed sentence against the English the reviewer left, the usual post-editing figures.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from translate import install_hint

INSTALL = install_hint("eval")


class EvalError(Exception):
    """Hypotheses or references that cannot be scored; the message names the file and the fix."""


@dataclass(frozen=True)
class Score:
    name: str  # "BLEU" or "chrF2"
    score: float  # 0-100, as sacrebleu gives it
    signature: str
    line: str  # sacrebleu's own text line: signature = score and details
    fields: dict  # sacrebleu's own JSON object for this score


@dataclass(frozen=True)
class Evaluation:
    hyp: str
    refs: tuple[str, ...]
    count: int  # hypotheses scored: lines, or a run's sentences (paragraphs with --paragraphs)
    scores: tuple[Score, ...]
    edited: int | None = None  # --ref-reviewed: how many of the scored sentences the reviewer changed
    left_out: dict[str, int] | None = None  # --ref-reviewed: sentences not scored, by reason


def evaluate_files(hyp: Path, refs: Sequence[Path], paragraphs: bool = False) -> Evaluation:
    """Score `hyp` (a text file, one sentence a line; or a run's output folder or .jsonl file, whose English
    sentences, or paragraphs, are taken in output order) against reference files with one line per hypothesis."""
    _require_sacrebleu()
    hypotheses = read_hypotheses(hyp, paragraphs)
    if not hypotheses:
        raise EvalError(f"{hyp}: no hypotheses to score")
    references = [read_lines(ref) for ref in refs]
    for ref, lines in zip(refs, references, strict=True):
        if len(lines) != len(hypotheses):
            raise EvalError(f"{ref} has {len(lines)} lines but {hyp} has {len(hypotheses)} hypotheses; a reference "
                            "file needs one line per hypothesis, in the same order" + _unit_hint(hyp, paragraphs))
    return Evaluation(str(hyp), tuple(str(ref) for ref in refs), len(hypotheses), score(hypotheses, references))


def _require_sacrebleu() -> None:
    try:
        import sacrebleu  # noqa: F401
    except ImportError:
        raise EvalError(f"translate eval needs sacrebleu, which is not installed: {INSTALL}") from None


def score(hypotheses: list[str], references: list[list[str]]) -> tuple[Score, ...]:
    """Corpus BLEU and chrF with sacrebleu's defaults (13a tokenisation, mixed case; chrF2, character 6-grams)."""
    from sacrebleu.metrics import BLEU, CHRF

    return tuple(_score(metric, hypotheses, references) for metric in (BLEU(), CHRF()))


def _score(metric, hypotheses: list[str], references: list[list[str]]) -> Score:
    result = metric.corpus_score(hypotheses, references)
    signature = str(metric.get_signature())
    return Score(result.name, result.score, signature, result.format(signature=signature),
                 json.loads(result.format(signature=signature, is_json=True)))


def _unit_hint(hyp: Path, paragraphs: bool) -> str:
    if not _is_run(hyp):
        return ""
    return " (the hypotheses are the run's paragraphs)" if paragraphs else \
        " (the hypotheses are the run's sentences; with --paragraphs, its paragraphs)"


def _is_run(path: Path) -> bool:
    return path.is_dir() or path.suffix == ".jsonl"


def read_hypotheses(path: Path, paragraphs: bool = False) -> list[str]:
    if _is_run(path):
        return _run_english(path, paragraphs)
    if paragraphs:
        raise EvalError(f"{path}: --paragraphs applies to a run's output folder or .jsonl file, not a text file")
    return read_lines(path)


def _run_english(path: Path, paragraphs: bool) -> list[str]:
    """The English of every sentence (or paragraph) in output order; any unreadable file is an error."""
    if paragraphs:
        return [paragraph.en for article in _run_articles(path) for paragraph in article.paragraphs]
    return [pair.en for pair in _run_pairs(path)]


def _run_pairs(path: Path) -> list:
    return [pair for article in _run_articles(path) for pair in article.pairs]


def _run_articles(path: Path) -> list:
    from translate.outputs import FolderError, load_articles

    try:
        articles, problems = load_articles(path)
    except FolderError as error:
        raise EvalError(str(error)) from None
    if problems:
        raise EvalError(f"{problems[0]}; every article file must be readable, or the hypotheses would not line up "
                        "with the references")
    return articles


def read_lines(path: Path) -> list[str]:
    """One sentence a line; a UTF-8 BOM and CRLF line ends are fine, a last line without a line end too."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise EvalError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise EvalError(f"{path}: a folder; give a text file with one sentence per line") from None
    except UnicodeDecodeError as error:
        raise EvalError(f"{path}: not UTF-8 (byte {error.start}); convert it first, e.g. with iconv") from None
    except OSError as error:
        raise EvalError(f"{path}: cannot read it ({error.strerror or error})") from None
    return text.removesuffix("\n").split("\n") if text else []


def format_text(evaluation: Evaluation) -> str:
    """sacrebleu's text lines, then what was scored and the reminder about chrF's scale."""
    chrf = next(s.score for s in evaluation.scores if s.name.startswith("chrF"))
    return "\n".join([*(s.line for s in evaluation.scores),
                      f"{evaluation.count} hypotheses from {evaluation.hyp} against "
                      f"{', '.join(evaluation.refs)}; chrF on sacrebleu's 0-100 scale "
                      f"({chrf:.1f} = {chrf / 100:.3f} on a 0-1 scale)", *_review_lines(evaluation)])


def _review_lines(evaluation: Evaluation) -> list[str]:
    if evaluation.edited is None:
        return []
    left_out = ", ".join(f"{n} {reason}" for reason, n in (evaluation.left_out or {}).items())
    return [f"edited: {evaluation.edited} of {evaluation.count} reviewed sentences "
            f"({100 * evaluation.edited / evaluation.count:.1f}%); not scored: {left_out}"]


def format_json(evaluation: Evaluation) -> str:
    scores = {("chrf" if s.name.startswith("chrF") else s.name.lower()): s.fields for s in evaluation.scores}
    review = {} if evaluation.edited is None else {
        "edited": evaluation.edited, "edited_share": round(evaluation.edited / evaluation.count, 4),
        "not_scored": evaluation.left_out}
    return json.dumps({"hyp": evaluation.hyp, "refs": list(evaluation.refs),
                       "hypotheses": evaluation.count, "scale": "0-100", **scores, **review}, indent=1,
                      ensure_ascii=False)


def evaluate_reviewed(folder: Path) -> Evaluation:
    """Score the machine's English of a run's reviewed sentences against the English the reviewer left.

    A sentence is a reference when it carries a review that vouches for its English: approved, or edited
    and not rejected. Rejected sentences (the reviewer said the English is wrong) and sentences without a
    review (their English is the machine's, so they would score 100 against themselves) are left out and counted.
    """
    _require_sacrebleu()
    if not _is_run(folder):
        raise EvalError(f"{folder}: --ref-reviewed needs a run's output folder or .jsonl file as --hyp")
    pairs = _run_pairs(folder)
    scored = [pair for pair in pairs if _vouched(pair)]
    left_out = {"unreviewed": sum(pair.review is None for pair in pairs),
                "rejected": sum(pair.review is not None and pair.review.status == "rejected" for pair in pairs)}
    left_out["reviewed without an edit or approval"] = len(pairs) - len(scored) - sum(left_out.values())
    if not scored:
        raise EvalError(f"{folder}: no reviewed sentences to score against (approved, or edited and not "
                        "rejected); merge a review first with `translate apply OUT REVIEW.json`")
    hypotheses, references = [pair.machine for pair in scored], [[pair.en for pair in scored]]
    return Evaluation(str(folder), (f"{folder} (reviewed English)",), len(scored), score(hypotheses, references),
                      sum(pair.edited for pair in scored), left_out)


def _vouched(pair) -> bool:
    return pair.review is not None and (pair.review.status == "approved"
                                        or (pair.review.status == "open" and pair.edited))
