"""A run's output as two Parquet tables (pyarrow, an optional extra, is loaded by translate/pyarrowload.py).

`translate export OUT --format parquet` writes, into a folder beside OUT (`OUT-parquet/`):

- `sentences.parquet`: a row per sentence pair, in the order of the article files and their sentences;
- `articles.parquet`: a row per article file.

Both have the explicit schemas below (no types guessed from the data, so an empty column keeps its
type), so pandas, polars and DuckDB read them as they are. The same folder gives the same bytes: the
tables hold no paths of this machine (an article's `source` is its input's path relative to the input named
on the command line) and no times, the schema's metadata only the tool's version,
and the writer's own `created_by` is its version (the same bytes for the same pyarrow).
"""

from __future__ import annotations

from pathlib import Path

from translate import __version__
from translate.outputs import ArticleFile
from translate.pyarrowload import load_pyarrow
from translate.records import flagged, write_atomic

SENTENCES_NAME = "sentences.parquet"
ARTICLES_NAME = "articles.parquet"


def schemas(pa) -> tuple:
    """(sentences, articles): the two tables' columns and types; a column that can be null says so."""
    text, count = pa.string(), pa.int32()
    flags, details = pa.list_(pa.field("element", text, nullable=False)), pa.map_(text, text)
    sentences = pa.schema([
        pa.field("article", text, nullable=False),  # the article id: the file's name in OUT without .jsonl
        pa.field("date", text),
        pa.field("paragraph", count, nullable=False),  # from 0 in the article
        pa.field("sentence", count, nullable=False),  # from 0 in the paragraph
        pa.field("title", pa.bool_(), nullable=False),  # the sentence is in the article's title (paragraph 0)
        pa.field("nl", text, nullable=False),
        pa.field("en", text, nullable=False),
        pa.field("score", pa.float64()),  # mean log-probability per output token; null when passed through
        pa.field("flags", pa.list_(pa.field("element", text, nullable=False)), nullable=False),
        pa.field("details", details, nullable=False),  # flag -> what the check found, for flags that say more
        # After `translate apply`: the machine's English (`en` is then the reviewer's), the status and the comment.
        pa.field("mt", text),
        pa.field("status", text),  # open, approved or rejected; null when not reviewed
        pa.field("comment", text),
    ], metadata={"translate.table": "sentences", "translate.version": __version__})
    articles = pa.schema([
        pa.field("id", text, nullable=False),
        pa.field("date", text),
        pa.field("source", text, nullable=False),
        pa.field("paragraphs", count, nullable=False),
        pa.field("sentences", count, nullable=False),
        pa.field("flagged_sentences", count, nullable=False),
        pa.field("summary", text),
        pa.field("summary_flags", flags, nullable=False),  # the summary checks' flags
        pa.field("summary_details", details, nullable=False),
        pa.field("summary_mt", text),  # after `translate apply`, as for sentences
        pa.field("summary_status", text),
        pa.field("summary_comment", text),
        pa.field("translation_model", text),
        pa.field("translation_revision", text),
        pa.field("summary_model", text),
        pa.field("summary_revision", text),
    ], metadata={"translate.table": "articles", "translate.version": __version__})
    return sentences, articles


def write_tables(articles: list[ArticleFile], folder: Path) -> None:
    """Write OUT-parquet/sentences.parquet and articles.parquet, each atomically."""
    pa, pq = load_pyarrow("translate export --format parquet")
    sentence_schema, article_schema = schemas(pa)
    sentences = pa.Table.from_pylist([row for article in articles for row in sentence_rows(article)],
                                     schema=sentence_schema)
    table = pa.Table.from_pylist([article_row(article) for article in articles], schema=article_schema)
    write_atomic(folder / SENTENCES_NAME, _parquet_bytes(pa, pq, sentences))
    write_atomic(folder / ARTICLES_NAME, _parquet_bytes(pa, pq, table))


def sentence_rows(article: ArticleFile) -> list[dict]:
    return [{"article": pair.article, "date": article.date, "paragraph": pair.paragraph, "sentence": pair.sentence,
             "title": paragraph.title, "nl": pair.nl, "en": pair.en, "score": pair.score, "flags": list(pair.flags),
             "details": list(pair.details), "mt": pair.mt, **_review("", pair.review)}
            for paragraph in article.paragraphs for pair in paragraph.pairs]


def article_row(article: ArticleFile) -> dict:
    models = dict(article.models)
    translation, summary = models.get("translation"), models.get("summary")
    return {"id": article.id, "date": article.date, "source": article.source, "paragraphs": len(article.paragraphs),
            "sentences": len(article.pairs), "flagged_sentences": sum(flagged(pair.flags) for pair in article.pairs),
            "summary": article.summary, "summary_flags": list(article.summary_flags),
            "summary_details": list(article.summary_details), "summary_mt": article.summary_mt,
            **_review("summary_", article.summary_review),
            "translation_model": translation.name if translation else None,
            "translation_revision": translation.revision if translation else None,
            "summary_model": summary.name if summary else None,
            "summary_revision": summary.revision if summary else None}


def _review(prefix: str, review) -> dict:
    """A review's status and comment as columns; nulls where there is no review."""
    return {f"{prefix}status": review and review.status, f"{prefix}comment": review and review.comment}


def _parquet_bytes(pa, pq, table) -> bytes:
    """The table as one Parquet file in memory (zstd), so that it is written atomically like the other exports."""
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()
