"""translate check, end to end: a run's folder, our TSV/TMX/XLIFF exports, other tools' TMX and XLIFF,
plain TSVs; findings, kept columns, idempotence, counts on stderr, and files that cannot be read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from translate.cli import main
from translate.exchange import TSV_COLUMNS

RUN_COLUMNS = list(TSV_COLUMNS)  # our export has a details column too


def check(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def table(text: str) -> list[dict[str, str]]:
    header, *rows = (line.split("\t") for line in text.removesuffix("\n").split("\n"))
    return [dict(zip(header, row, strict=True)) for row in rows]


def write_article(folder: Path, name: str, article_id: str, paragraphs: list[list[tuple[str, str, list[str]]]],
                  summary: str | None) -> None:
    records = [{"type": "article", "schema": 1, "id": article_id, "source": f"in/{article_id}.txt", "date": None,
                "paragraphs": len(paragraphs)}]
    for index, sentences in enumerate(paragraphs):
        records.append({"type": "paragraph", "index": index, "nl": " ".join(s[0] for s in sentences),
                        "en": " ".join(s[1] for s in sentences),
                        "sentences": [{"nl": nl, "en": en, "score": -0.5, "flags": flags}
                                      for nl, en, flags in sentences]})
    if summary is not None:
        records.append({"type": "summary", "en": summary, "model": "bart"})
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


DATELINE = "Dat meldt de NOS."


@pytest.fixture
def news_run(tmp_path) -> Path:
    """Two articles: a changed figure, a lost name, a lost question mark, a boilerplate sentence translated
    two ways, a summary with an invented figure and one without findings."""
    run = tmp_path / "run"
    write_article(run, "a.jsonl", "a", [
        [("Het kabinet trekt 3,5 miljoen euro uit.", "The cabinet is allocating 35 million euros.", ["retried"]),
         ("Dat zei minister Mark Harbers in Den Haag.", "The minister said this in The Hague.", []),
         (DATELINE, "The NOS reports this.", [])],
    ], summary="The cabinet is allocating 3.5 million euros, according to the minister, for 12 dikes.")
    write_article(run, "b.jsonl", "b", [
        [("Komt de minister naar Zeeland?", "Is the minister coming to Zeeland.", []),
         (DATELINE, "This is reported by NOS.", [])],
        [("Hij zei: ‘Ik kom morgen.’", "He said: 'I'm coming tomorrow.'", [])],
    ], summary="The minister is coming to Zeeland tomorrow.")
    return run


def test_a_run_folder_gets_sentence_summary_and_consistency_findings(news_run, capsys):
    code, out, err = check(capsys, news_run)
    assert code == 0
    assert out.split("\n")[0].split("\t") == RUN_COLUMNS
    rows = table(out)
    assert [(r["article"], r["sentence"]) for r in rows] == [("a", "0"), ("a", "1"), ("a", "2"), ("a", "summary"),
                                                             ("b", "0"), ("b", "1"), ("b", "0"), ("b", "summary")]
    by_flags = [r["flags"] for r in rows]
    assert by_flags == ["retried,numbers", "names", "inconsistent", "summary_numbers", "punctuation", "inconsistent",
                        "", ""]
    details = [json.loads(r["details"]) if r["details"] else {} for r in rows]
    assert details[0] == {"numbers": "3,5 miljoen (3500000) missing; 35 million new"}
    assert details[1] == {"names": "Mark Harbers missing"}
    assert details[2] == details[5] == {"inconsistent": "rows 4, 7: the same Dutch, 2 different translations"}
    assert details[3] == {"summary_numbers": "12 not in the article"}
    assert details[4] == {"punctuation": "question mark lost (1 in the Dutch, 0 in the English)"}
    assert rows[3]["nl"] == "" and rows[3]["en"].startswith("The cabinet is allocating 3.5 million")
    assert "8 rows checked: numbers 1, names 1, punctuation 1, inconsistent 2 (1 group), summary_numbers 1, " \
           "summary_names 0" in err


def test_the_export_formats_and_the_folder_give_the_same_sentence_findings(news_run, tmp_path, capsys):
    """Our exports hold the whole run too: the same findings, inconsistent ones included (the rows named in
    their details are those of each output, which has no summary rows for an export)."""
    code, folder_out, _ = check(capsys, news_run)
    sentence_rows = [r for r in table(folder_out) if r["sentence"] != "summary"]
    for fmt, suffix in (("tsv", ".tsv"), ("tmx", ".tmx"), ("xliff", ".xlf")):
        export = tmp_path / f"export{suffix}"
        assert main(["export", str(news_run), "--format", fmt, "-o", str(export)]) == 0
        code, out, err = check(capsys, export)
        assert code == 0, err
        rows = table(out)
        assert list(rows[0]) == RUN_COLUMNS
        for row, expected in zip(rows, sentence_rows, strict=True):
            for key in ("article", "paragraph", "sentence", "nl", "en", "score", "flags"):
                assert row[key] == expected[key]
            assert json.loads(row["details"] or "{}").keys() == json.loads(expected["details"] or "{}").keys()
        assert json.loads(rows[2]["details"]) == {"inconsistent": "rows 4, 6: the same Dutch, 2 different "
                                                                  "translations"}
        assert "inconsistent 2 (1 group), summary_numbers 0, summary_names 0" in err


def test_checking_a_checked_file_changes_nothing(news_run, tmp_path, capsys):
    first, second = tmp_path / "first.tsv", tmp_path / "second.tsv"
    assert main(["check", str(news_run), "-o", str(first)]) == 0
    assert main(["check", str(first), "-o", str(second)]) == 0
    assert second.read_bytes() == first.read_bytes()
    plain, checked = tmp_path / "plain.tsv", tmp_path / "plain-checked.tsv"
    plain.write_text("nl\ten\nKomt hij?\tHe is coming.\n", encoding="utf-8")
    assert main(["check", str(plain), "-o", str(first)]) == 0
    assert main(["check", str(first), "-o", str(checked)]) == 0
    assert checked.read_bytes() == first.read_bytes()


def test_a_plain_tsv_keeps_its_columns_and_text_as_written(tmp_path, capsys):
    source = tmp_path / "pairs.tsv"
    source.write_bytes("\ufeffid\ten\tnl\tnote\r\n"
                       "1\tIt costs €2.50 (C:\\temp\\n).\tHet kost € 2,50 (C:\\temp\\n).\tbackslashes as written\r\n"
                       "\r\n"
                       "2\tThe Young scored.\tDe Jong scoorde.\t\r\n".encode())
    code, out, err = check(capsys, source)
    assert code == 0
    assert out == ("id\ten\tnl\tnote\tflags\tdetails\n"
                   "1\tIt costs €2.50 (C:\\temp\\n).\tHet kost € 2,50 (C:\\temp\\n).\tbackslashes as written\t\t\n"
                   '2\tThe Young scored.\tDe Jong scoorde.\t\tnames\t{"names": "Jong missing"}\n')
    assert "2 rows checked: numbers 0, names 1, punctuation 0" in err


def test_output_to_a_file_and_the_same_bytes_each_time(news_run, tmp_path, capsys):
    output = tmp_path / "out" / "checked.tsv"
    assert main(["check", str(news_run), "-o", str(output)]) == 0
    first = output.read_bytes()
    assert capsys.readouterr().out == ""
    assert main(["check", str(news_run), "-o", str(output)]) == 0
    assert output.read_bytes() == first
    assert first.decode() == check(capsys, news_run)[1]


OTHER_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="nl-NL" creationtool="other" segtype="sentence" adminlang="en" datatype="plaintext"
 o-tmf="other"/><body>
<tu tuid="t1"><tuv xml:lang="nl-NL"><seg>Het kost <bpt i="1">&lt;b&gt;</bpt>3,5 miljoen<ept i="1">&lt;/b&gt;</ept>.
</seg></tuv><tuv xml:lang="en-GB"><seg>It costs <bpt i="1">&lt;b&gt;</bpt>35 million<ept i="1">&lt;/b&gt;</ept>.
</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Is it?</seg></tuv><tuv xml:lang="nl"><seg>Is het?</seg></tuv></tu>
</body></tmx>
"""

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="news.txt" source-language="nl" target-language="en-US" datatype="plaintext"><body>
<trans-unit id="u1"><source>Hij woont in <g id="1">Den Haag</g>.</source><target>He lives in <g id="1">The Hedge</g>.
</target></trans-unit>
<trans-unit id="u2"><source>Komt hij?</source></trans-unit>
</body></file></xliff>
"""

XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="nl" trgLang="en">
<file id="f1"><unit id="u1"><segment id="s1"><source>Wat een dag!</source><target>What a day.</target></segment>
<segment id="s2"><source>Om 20.30 uur.</source><target>At 8.30 pm.</target></segment></unit></file></xliff>
"""


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("other.tmx", OTHER_TMX, [{"unit": "t1", "nl": "Het kost 3,5 miljoen.\\n", "en": "It costs 35 million.\\n",
                               "flags": "numbers",
                               "details": '{"numbers": "3,5 miljoen (3500000) missing; 35 million new"}'},
                              {"unit": "2", "nl": "Is het?", "en": "Is it?", "flags": "", "details": ""}]),
    ("other.xlf", XLIFF12, [{"file": "news.txt", "unit": "u1", "segment": "", "nl": "Hij woont in Den Haag.",
                             "en": "He lives in The Hedge.\\n", "flags": "names",
                             "details": '{"names": "Den Haag missing"}'},
                            {"file": "news.txt", "unit": "u2", "segment": "", "nl": "Komt hij?", "en": "",
                             "flags": "", "details": ""}]),
    ("other2.xliff", XLIFF20, [{"file": "f1", "unit": "u1", "segment": "s1", "nl": "Wat een dag!", "en": "What a day.",
                                "flags": "punctuation", "details": '{"punctuation": "exclamation mark lost '
                                                                   '(1 in the Dutch, 0 in the English)"}'},
                               {"file": "f1", "unit": "u1", "segment": "s2", "nl": "Om 20.30 uur.", "en": "At 8.30 pm.",
                                "flags": "", "details": ""}]),
])
def test_other_tools_tmx_and_xliff(tmp_path, capsys, name, content, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, out, err = check(capsys, path)
    assert code == 0, err
    assert table(out) == expected


def written(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p, "no such file or folder"),
    (lambda p: written(p, b"nl\ten\nbeste\tbest \xff\n"), "pairs.tsv:2: not UTF-8 (byte 17)"),
    (lambda p: written(p, "dutch\tenglish\nJa.\tYes.\n"), "the header has no nl and en columns (it has "
                                                                   "dutch, english)"),
    (lambda p: written(p, "nl\ten\nJa.\tYes.\nNee.\tNo.\textra\n"), "pairs.tsv:3: 3 fields where the header "
                                                                             "has 2"),
    (lambda p: written(p, ""), "empty"),
    (lambda p: written(p, "<tmx><body><tu>"), "not well-formed XML"),
    (lambda p: written(p, "<html><body/></html>"), "XML with a <html> root is neither TMX nor XLIFF"),
    (lambda p: written(p, XLIFF20.replace('srcLang="nl"', 'srcLang="de"')), "the source language is de"),
    (lambda p: p.mkdir() or p, "no article files (*.jsonl)"),
])
def test_files_that_cannot_be_read_are_named_with_exit_code_2(tmp_path, capsys, make, message):
    path = make(tmp_path / "pairs.tsv")
    code, out, err = check(capsys, path)
    assert code == 2
    assert out == ""
    assert str(path) in err and message in err
    assert "Traceback" not in err


def test_unreadable_article_files_are_named_and_the_rest_is_checked(news_run, capsys):
    (news_run / "c.jsonl").write_text('{"type": "article"\n', encoding="utf-8")
    code, out, err = check(capsys, news_run)
    assert code == 1
    assert "c.jsonl" in err and "not JSON" in err
    assert len(table(out)) == 8


def test_an_output_that_cannot_be_written_is_a_usage_error(news_run, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _out, err = check(capsys, news_run, "-o", blocker / "checked.tsv")
    assert code == 2 and "cannot write the result" in err


def test_a_real_run_on_tiny_models(seed_run, tmp_path, capsys):
    """The seed run's random English has none of the Dutch's numbers and names: most rows are flagged, and
    every finding is one of the check's flags with a detail."""
    code, out, err = check(capsys, seed_run)
    assert code == 0
    rows = table(out)
    export = tmp_path / "seed.tsv"
    assert main(["export", str(seed_run), "--format", "tsv", "-o", str(export)]) == 0
    exported = table(export.read_text(encoding="utf-8"))
    sentences = [row for row in rows if row["sentence"] != "summary"]
    assert [(r["nl"], r["en"], r["score"]) for r in sentences] == [(r["nl"], r["en"], r["score"]) for r in exported]
    for row, original in zip(sentences, exported, strict=True):
        details = json.loads(row["details"] or "{}")
        assert row["flags"].split(",")[:len(original["flags"].split(","))] == original["flags"].split(",") or \
            not original["flags"]
        assert set(details) == {flag for flag in row["flags"].split(",") if flag in
                                ("numbers", "names", "punctuation", "inconsistent")}
        assert all(details.values())
    assert any(row["sentence"] == "summary" for row in rows)
    assert f"{len(rows)} rows checked: numbers " in err


def test_exports_of_earlier_versions_are_ours_and_other_flags_keep_their_details(news_run, tmp_path, capsys):
    export, old = tmp_path / "x.tsv", tmp_path / "old.tsv"
    assert main(["export", str(news_run), "--format", "tsv", "-o", str(export)]) == 0
    lines = export.read_text(encoding="utf-8").removesuffix("\n").split("\n")
    assert lines[0].endswith("\tcomment\tdetails")
    # Before the details column (10 columns): still read as ours, with our escapes and the run-wide checks.
    old.write_text("".join(line.rsplit("\t", 1)[0] + "\n" for line in lines), encoding="utf-8")
    code, out, err = check(capsys, old)
    assert code == 0 and list(table(out)[0]) == RUN_COLUMNS and "inconsistent 2 (1 group)" in err
    # A flag the checks do not own keeps its detail; theirs are computed afresh.
    fields = lines[1].split("\t")
    fields[6], fields[10] = "split,numbers", json.dumps({"split": "cut at a comma", "numbers": "stale"})
    export.write_text("\n".join([lines[0], "\t".join(fields), *lines[2:]]) + "\n", encoding="utf-8")
    code, out, _ = check(capsys, export)
    first = table(out)[0]
    assert first["flags"] == "split,numbers" and json.loads(first["details"]) == {
        "split": "cut at a comma", "numbers": "3,5 miljoen (3500000) missing; 35 million new"}


def test_a_check_that_breaks_on_one_row_costs_that_flag_there_not_the_file(tmp_path, capsys, monkeypatch):
    """A rule that raises on a text nobody foresaw (a checker bug) leaves that row unflagged by that check, with a
    warning naming the check and the text; the other checks of the row and every other row are still done."""
    from translate.qa import findings

    real = findings.numbers_finding

    def breaks_on_seven(nl: str, en: str) -> str:
        if "zeven" in nl:
            raise ValueError("a reading nobody foresaw")
        return real(nl, en)

    monkeypatch.setattr(findings, "numbers_finding", breaks_on_seven)
    source = tmp_path / "pairs.tsv"
    source.write_text("nl\ten\n"
                      "De Jong kocht zeven huizen.\tThe man bought seven houses.\n"
                      "Het kost 3,5 miljoen.\tIt costs 35 million.\n", encoding="utf-8")
    code, out, err = check(capsys, source)
    assert code == 0
    rows = table(out)
    assert [row["flags"] for row in rows] == ["names", "numbers"]
    assert "the numbers check failed on 'De Jong kocht zeven huizen.' (ValueError: a reading nobody foresaw)" \
        in err
    assert "2 rows checked" in err


def test_a_summary_check_that_breaks_leaves_the_other_summary_check(monkeypatch, caplog):
    from translate.qa import findings

    def breaks(*texts):
        raise IndexError("out of range")

    monkeypatch.setattr(findings, "_invented_names", breaks)
    found = findings.summary_findings("Rutte spent 12 million.", ["Rutte gaf 3 miljoen uit."],
                                      ["Rutte spent 3 million."])
    assert list(found) == ["summary_numbers"]
    assert "the summary_names check failed on 'Rutte spent 12 million.' (IndexError: out of range)" in caplog.text


def test_a_name_is_looked_up_in_the_earlier_english_of_its_article_only(tmp_path, capsys):
    """`it said` for `zei het Rode Kruis` where the article's English named the Red Cross before; a `doc` (or our
    `article`) column says which rows are one article, and a row of another article, or of no article, is read
    on its own."""
    source = tmp_path / "pairs.tsv"
    named, said = ("Het Rode Kruis stuurde hulp naar Palu.", "The Red Cross sent aid to Palu."), \
        ("‘Dit is een tragedie,’ zei het Rode Kruis.", "\"This is a tragedy,\" it said.")
    source.write_text("id\tdoc\tnl\ten\n" + "".join(f"{k}\t{doc}\t{nl}\t{en}\n" for k, (doc, (nl, en)) in enumerate(
        [("a", named), ("a", said), ("b", said)])), encoding="utf-8")
    code, out, _err = check(capsys, source)
    assert code == 0
    assert [row["flags"] for row in table(out)] == ["", "", "names"]
    source.write_text("id\tnl\ten\n" + "".join(f"{k}\t{nl}\t{en}\n" for k, (nl, en) in enumerate([named, said])),
                      encoding="utf-8")
    code, out, _err = check(capsys, source)
    assert [row["flags"] for row in table(out)] == ["", "names"]
