"""The consistency pass: the same Dutch sentence translated differently within one run gets the `inconsistent` flag.

Inside a read-ahead window, identical pieces are translated once (Pipeline._translate_pieces), so a window is
consistent by construction. Across windows the same sentence meets other batches, and another batch (its padding,
its output length bound) can give other English. So once every window of a run is written, this pass reads the
run's article files back, groups their translated sentences by normalised Dutch (qa.inconsistent_groups) and
rewrites only the files whose flags change: each occurrence in a group gets `inconsistent` (after its other
flags) and a detail naming the other translations and where they are; an occurrence no longer in a group loses
them. It compares the machine's English (`mt` where a review was applied): a reviewer's corrections are not
what the model did. Only `flags` and `details` of sentences change; header lines keep their bytes (so reruns still
find the files complete) and so does every other line.

The result is a function of the files alone, so the pass gives the same bytes wherever it runs: at the end of a
local run, on the Ray driver, or in `translate merge-manifests` once the shards of a sharded run are all there;
and a second pass changes nothing.

Memory: the files are read one at a time, up to three times. The first read keeps, per distinct Dutch sentence
of the run, a 64-bit digest of the Dutch and one of its English (or a mark that it has two): a dict of ints,
about 260 bytes per sentence at its peak (docs/output.md). Only when some Dutch had two Englishes does a second
read collect text and places for just those sentences; the last reads and rewrites just the files that change.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from translate import qa
from translate.outdir import article_path
from translate.outputs import ArticleFile, ArticleFileError, read_article
from translate.records import dumps, write_atomic
from translate.records import flagged as flagged_sentence

log = logging.getLogger(__name__)

FLAG = "inconsistent"
MIXED = -1  # in the first read's index: this Dutch has been seen with two different English texts
PLACES = 3  # places named per other translation in a detail (the manifest lists them all)
OTHERS = 3  # other translations named in a detail
QUOTE = 80  # characters of another translation quoted in a detail


@dataclass(frozen=True, order=True)
class Place:
    article: str
    paragraph: int  # from 0, as in the records
    sentence: int

    def __str__(self) -> str:
        return f"{self.article} p{self.paragraph}s{self.sentence}"  # as XLIFF segment ids name them


@dataclass(frozen=True)
class Group:
    nl: str  # the Dutch, normalised
    translations: tuple[tuple[str, tuple[Place, ...]], ...]  # each English (normalised) and where; first seen first


@dataclass(frozen=True)
class PassResult:
    groups: tuple[Group, ...]
    rewritten: tuple[str, ...]  # article ids whose files the pass changed
    flagged: dict[str, int]  # article id -> sentences with any flag, as its file holds them after the pass
    skipped: tuple[str, ...]  # files that could not be read (each also logged)


def consistency_pass(folder: Path, article_ids: Iterable[str]) -> PassResult:
    """Flag every group of the same Dutch with different machine English among these articles' files in `folder`."""
    ids = sorted(set(article_ids))  # one order for local, sharded and Ray runs alike
    mixed, flagged, marked, skipped = _first_read(folder, ids)
    readable = [article_id for article_id in ids if article_id not in skipped]
    # Most runs have no group: then one read is enough, and only files flagged before are looked at again.
    groups, suspects = _collect(folder, readable, mixed) if mixed else ([], sorted(marked))
    details = {place: detail for group in groups for place, detail in group_details(group)}
    rewritten = [article_id for article_id in suspects if _rewrite(folder, article_id, details, flagged)]
    return PassResult(tuple(groups), tuple(rewritten), flagged, tuple(skipped.values()))


def manifest_groups(groups: Iterable[Group]) -> list[dict]:
    """The groups as the manifest lists them: the Dutch, and each English with its places [article, p, s]."""
    return [{"nl": group.nl, "translations": [{"en": en, "occurrences": [[p.article, p.paragraph, p.sentence]
                                                                         for p in places]}
                                              for en, places in group.translations]} for group in groups]


# --- reading -----------------------------------------------------------------------------------------------


def _articles(folder: Path, ids: list[str]) -> Iterator[tuple[str, ArticleFile | ArticleFileError]]:
    for article_id in ids:
        path = article_path(folder, article_id)
        try:
            yield article_id, read_article(path, path.relative_to(folder))
        except ArticleFileError as error:
            yield article_id, error


def _compared(article: ArticleFile) -> Iterator[tuple[Place, str, str]]:
    """(place, Dutch, machine English) of each translated sentence, both sides normalised; passthrough is not
    compared (its English is its Dutch)."""
    for pair in article.pairs:
        nl = qa.normalise(pair.nl)
        if pair.score is not None and nl:
            yield Place(article.id, pair.paragraph, pair.sentence), nl, qa.normalise(pair.machine)


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def _first_read(folder: Path, ids: list[str]) -> tuple[set[int], dict[str, int], set[str], dict[str, str]]:
    """Digests of the Dutch seen with two Englishes; each article's flagged sentences; the articles that hold an
    `inconsistent` flag now; unreadable files (id: why).

    Digests only narrow the search: the second read groups by the full text, so a collision costs a little
    work, never a wrong flag. (Two Englishes with the same 64-bit digest would hide a group: about one chance
    in 10^19 per pair.)"""
    seen: dict[int, int] = {}
    flagged: dict[str, int] = {}
    marked: set[str] = set()
    skipped: dict[str, str] = {}
    for article_id, article in _articles(folder, ids):
        if isinstance(article, ArticleFileError):
            log.warning("%s; skipped by the consistency pass: its sentences are not compared", article)
            skipped[article_id] = str(article)
            continue
        flagged[article_id] = sum(flagged_sentence(pair.flags) for pair in article.pairs)
        if _marked(article):
            marked.add(article_id)
        for _place, nl, en in _compared(article):
            key, english = _digest(nl), _digest(en)
            if seen.setdefault(key, english) != english:
                seen[key] = MIXED
    return {key for key, value in seen.items() if value == MIXED}, flagged, marked, skipped


def _marked(article: ArticleFile) -> bool:
    return any(FLAG in pair.flags or FLAG in dict(pair.details) for pair in article.pairs)


def _collect(folder: Path, ids: list[str], mixed: set[int]) -> tuple[list[Group], list[str]]:
    """The groups, from the sentences whose Dutch digest is mixed; and the articles that may need rewriting:
    those with such a sentence, or with an `inconsistent` flag now (which may have to go)."""
    pairs: list[tuple[Place, str, str]] = []
    suspects = []
    for article_id, article in _articles(folder, ids):
        if isinstance(article, ArticleFileError):  # changed since the first read: leave it as it is
            continue
        found = [item for item in _compared(article) if _digest(item[1]) in mixed]
        pairs += found
        if found or _marked(article):
            suspects.append(article_id)
    groups = []
    for group in qa.inconsistent_groups((nl, en) for _place, nl, en in pairs):
        translations: dict[str, list[Place]] = {}
        for member in group.members:
            place, _nl, en = pairs[member]
            translations.setdefault(en, []).append(place)
        groups.append(Group(group.nl, tuple((en, tuple(places)) for en, places in translations.items())))
    return groups, suspects


# --- the detail of each occurrence ---------------------------------------------------------------------------


def group_details(group: Group) -> Iterator[tuple[Place, str]]:
    """Each occurrence's detail: the other translations of its Dutch, and where they are."""
    for en, places in group.translations:
        others = [(other, where) for other, where in group.translations if other != en]
        for place in places:
            yield place, _detail(len(group.translations), others)


def _detail(count: int, others: list[tuple[str, tuple[Place, ...]]]) -> str:
    named = "; ".join(f"{_quote(en)} at {_places(places)}" for en, places in others[:OTHERS])
    more = f"; and {len(others) - OTHERS} more (the manifest lists them all)" if len(others) > OTHERS else ""
    return f"{count} translations of this Dutch in the run; {'the other' if count == 2 else 'others'}: {named}{more}"


def _places(places: tuple[Place, ...]) -> str:
    named = ", ".join(map(str, places[:PLACES]))
    return named + (f" and {len(places) - PLACES} more" if len(places) > PLACES else "")


def _quote(text: str) -> str:
    """The text in quotes; a long one cut, with its length (the manifest has it whole)."""
    if len(text) <= QUOTE:
        return json.dumps(text, ensure_ascii=False)
    return json.dumps(text[:QUOTE - 1] + "…", ensure_ascii=False) + f" ({len(text)} characters)"


# --- rewriting -------------------------------------------------------------------------------------------------


def _rewrite(folder: Path, article_id: str, details: dict[Place, str], flagged: dict[str, int]) -> bool:
    """Set `inconsistent` on this article's sentences as `details` says, keeping the bytes of every line whose
    sentences do not change (the header's among them). True when the file changed."""
    path = article_path(folder, article_id)
    lines = path.read_text(encoding="utf-8").removesuffix("\n").split("\n")
    changed, count = False, 0
    for number, line in enumerate(lines[1:], 1):
        record = json.loads(line)
        if record.get("type") != "paragraph":
            continue
        sentences = [with_detail(sentence, details.get(Place(article_id, record["index"], k)))
                     for k, sentence in enumerate(record["sentences"])]
        count += sum(flagged_sentence(sentence["flags"]) for sentence in sentences)
        if not _same(sentences, record["sentences"]):
            lines[number] = dumps({**record, "sentences": sentences})
            changed = True
    if changed:
        write_atomic(path, "".join(line + "\n" for line in lines), inside=folder)
        flagged[article_id] = count
    return changed


def _same(new: list[dict], old: list[dict]) -> bool:
    """Equal, keys in the same order too (a line is rewritten only when its sentences change)."""
    return new == old and [list(a) for a in new] == [list(b) for b in old]


def with_detail(sentence: dict, detail: str | None) -> dict:
    """The sentence record with `inconsistent` last among its flags and details when `detail` is given, and
    without it otherwise; `details` sits right after `flags` and goes when it would be empty. A corrected
    sentence (with `mt_flags`, translate.qa.corrected) gets it in `mt_flags`/`mt_details`: the pass compares
    the machine's English, so the flag is the machine output's."""
    flags_key, details_key = ("mt_flags", "mt_details") if "mt_flags" in sentence else ("flags", "details")
    flags = [flag for flag in sentence[flags_key] if flag != FLAG] + [FLAG] * (detail is not None)
    details = {flag: text for flag, text in sentence.get(details_key, {}).items() if flag != FLAG}
    details |= {FLAG: detail} if detail is not None else {}
    result = {}
    for key, value in sentence.items():
        if key == details_key:
            continue
        result[key] = flags if key == flags_key else value
        if key == flags_key and details:
            result[details_key] = details
    return result
