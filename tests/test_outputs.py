"""Reading a run's output folder: article files into records, strictly, with file and line in every problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from translate.outputs import (
    ArticleFileError,
    FolderError,
    Review,
    find_article_files,
    load_articles,
    read_manifest,
)
from translate.records import ModelInfo

HEADER = {"type": "article", "schema": 1, "id": "a", "source": "in/a.txt", "date": None, "paragraphs": 1,
          "models": {"translation": {"name": "opus", "revision": "0" * 40}, "summary": None}}
SENTENCE = {"nl": "Hallo.", "en": "Hello.", "score": -0.5, "flags": []}
PARAGRAPH = {"type": "paragraph", "index": 0, "nl": "Hallo.", "en": "Hello.", "sentences": [SENTENCE]}
SUMMARY = {"type": "summary", "en": "Greeting.", "model": "bart"}


def write(folder: Path, name: str, *records: dict, text: str | None = None) -> Path:
    path = folder / name
    path.write_text(text if text is not None else "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_an_article_with_its_models_and_summary(tmp_path):
    write(tmp_path, "a.jsonl", HEADER, PARAGRAPH, SUMMARY)
    [article], problems = load_articles(tmp_path)
    assert problems == []
    assert article.models == (("translation", ModelInfo("opus", "0" * 40)),)
    assert (article.summary, article.summary_model, article.pairs[0].en) == ("Greeting.", "bart", "Hello.")
    assert article.paragraphs[0].title is False


def test_a_title_paragraph_says_so(tmp_path):
    write(tmp_path, "a.jsonl", {**HEADER, "paragraphs": 2}, {**PARAGRAPH, "title": True}, {**PARAGRAPH, "index": 1})
    [article], [] = load_articles(tmp_path)
    assert [paragraph.title for paragraph in article.paragraphs] == [True, False]


def test_details_and_summary_flags_are_read_and_files_without_them_still_are(tmp_path):
    checked = {**SENTENCE, "flags": ["retried", "numbers"], "details": {"numbers": "3 missing; 4 new"}}
    write(tmp_path, "a.jsonl", HEADER, {**PARAGRAPH, "sentences": [checked, SENTENCE]},
          {**SUMMARY, "flags": ["summary_names"], "details": {"summary_names": "Jane not in the article"}})
    write(tmp_path, "b.jsonl", {**HEADER, "id": "b"}, PARAGRAPH, SUMMARY)  # as earlier versions wrote them
    [a, b], [] = load_articles(tmp_path)
    assert (a.pairs[0].flags, a.pairs[0].details) == (("retried", "numbers"), (("numbers", "3 missing; 4 new"),))
    assert a.pairs[1].details == () and (a.summary_flags, a.summary_details) == (
        ("summary_names",), (("summary_names", "Jane not in the article"),))
    assert (b.summary_flags, b.summary_details, b.pairs[0].details) == ((), (), ())


@pytest.mark.parametrize("records, place, problem", ids=["nan", "review-status", "mt", "summary-review", "models",
                                                         "summary-first", "date", "title", "details", "details-text",
                                                         "summary-flags"], argvalues=[
    ((HEADER, {**PARAGRAPH, "sentences": [{**SENTENCE, "score": float("nan")}]}), ":2", "sentence 0: 'score'"),
    ((HEADER, {**PARAGRAPH, "sentences": [{**SENTENCE, "mt": "Hi.", "review": {"status": "ok", "comment": ""}}]}),
     ":2", "sentence 0: review status 'ok'; it should be one of open, approved, rejected"),
    ((HEADER, {**PARAGRAPH, "sentences": [{**SENTENCE, "mt": None}]}), ":2", "sentence 0: 'mt' should be str"),
    ((HEADER, PARAGRAPH, {**SUMMARY, "review": "fine"}), ":3", "summary: 'review' should be dict"),
    (({**HEADER, "models": {"translation": "opus"}},), ":1", "model 'translation': should be an object"),
    ((HEADER, SUMMARY, PARAGRAPH), ":2", "a record of type 'summary' where a paragraph"),
    (({**HEADER, "date": 2024},), ":1", "'date' should be str or null"),
    ((HEADER, {**PARAGRAPH, "title": "yes"}), ":2", "'title' should be true or false"),
    ((HEADER, {**PARAGRAPH, "sentences": [{**SENTENCE, "details": ["numbers"]}]}), ":2",
     "sentence 0: 'details' should be dict"),
    ((HEADER, {**PARAGRAPH, "sentences": [{**SENTENCE, "details": {"numbers": 3}}]}), ":2",
     "sentence 0: 'details' should map flags to texts"),
    ((HEADER, PARAGRAPH, {**SUMMARY, "flags": "summary_names"}), ":3", "summary: 'flags' should be list"),
])
def test_problems_name_the_file_and_the_line(tmp_path, records, place, problem):
    path = write(tmp_path, "a.jsonl", *records)
    [], [error] = load_articles(tmp_path)
    assert isinstance(error, ArticleFileError) and str(error).startswith(f"{path}{place}: {problem}")
    assert "translate run" in error.reason and error.place("a.jsonl") == f"a.jsonl{place}"


def test_reviewed_records_give_the_machine_output_and_the_review(tmp_path):
    reviewed = {**SENTENCE, "en": "Hi.", "mt": "Hello.", "review": {"status": "approved", "comment": "shorter"}}
    write(tmp_path, "a.jsonl", {**HEADER, "review": {"sentences": 1}}, {**PARAGRAPH, "sentences": [reviewed, SENTENCE]},
          {**SUMMARY, "mt": "Greetings.", "review": {"status": "open", "comment": ""}})
    [article], [] = load_articles(tmp_path)
    edited, plain = article.pairs
    assert (edited.en, edited.mt, edited.machine, edited.edited) == ("Hi.", "Hello.", "Hello.", True)
    assert edited.review == Review("approved", "shorter")
    assert (plain.mt, plain.review, plain.machine, plain.edited) == (None, None, "Hello.", False)
    assert (article.summary_mt, article.summary_review, article.review) == ("Greetings.", Review("open"),
                                                                            {"sentences": 1})


def test_u2028_stays_inside_its_line_and_lone_surrogates_become_replacement_characters(tmp_path):
    text = json.dumps(HEADER) + "\n" + json.dumps(PARAGRAPH).replace("Hello.", "Hel\u2028lo \\ud800")
    write(tmp_path, "a.jsonl", text=text + "\n")
    [article], [] = load_articles(tmp_path)
    assert article.pairs[0].en == "Hel\u2028lo \ufffd"


def test_folders_named_like_article_files_are_reported_and_hidden_files_skipped(tmp_path):
    write(tmp_path, "a.jsonl", HEADER, PARAGRAPH)
    write(tmp_path, ".a.jsonl.x1.tmp.jsonl", text="half")
    (tmp_path / "b.jsonl").mkdir()
    articles, [error] = load_articles(tmp_path)
    assert [a.id for a in articles] == ["a"] and "b.jsonl: cannot be read" in str(error)


@pytest.mark.parametrize("name, message", [("missing", "no such folder"), ("notes.txt", "not a folder or an article")])
def test_what_is_not_a_folder_or_an_article_file(tmp_path, name, message):
    write(tmp_path, "notes.txt", text="x")
    with pytest.raises(FolderError, match=message):
        find_article_files(tmp_path / name)


def test_the_manifest_gives_failed_articles_or_says_why_it_cannot(tmp_path):
    assert read_manifest(tmp_path) is None
    articles = [{"id": "a", "source": "a.txt", "status": "ok"}, {"id": "b", "source": "b.txt", "status": "failed"}]
    write(tmp_path, "manifest.json", {"articles": articles, "interrupted": True})
    manifest = read_manifest(tmp_path)
    assert manifest.interrupted and [(f.id, f.reason) for f in manifest.failed] == [("b", "no reason given")]
    write(tmp_path, "manifest.json", {})
    with pytest.raises(ValueError, match=r"manifest\.json: cannot be read"):
        read_manifest(tmp_path)
