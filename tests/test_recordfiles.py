"""Record files as input (JSON Lines, CSV/TSV, Parquet): fields, bad records, safe ids, re-reading, whole runs."""

from __future__ import annotations

import datetime
import gzip
import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from conftest import read_jsonl
from test_exchange import PLAIN, write_article
from test_faults import FAST, snapshot, statuses
from test_run import run

from translate.articles import ArticleError, InputError, InputFile, find_inputs
from translate.cli import main
from translate.recordfiles import (
    MAX_ID_BYTES,
    RecordFields,
    expander,
    input_from_row,
    input_row,
    normalise_date,
    read_input,
    safe_id,
)

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

# Dutch sentences for the articles (the tiny models only know the seed's vocabulary well, but any text works).
ONE = "De Amerikaanse president Joe Biden heeft gezegd dat Rusland een invasie voorbereidt."
TWO = "Volgens hem staat de aanval binnen enkele dagen te gebeuren."
THREE = "De Navo roept op tot overleg."


def scan(*paths: Path, **fields) -> list[InputFile]:
    items, _warnings = find_inputs(list(paths), expander(RecordFields(**fields), "utf-8", 10 * 2**20))
    return items


def outcomes(items: list[InputFile]) -> dict[str, object]:
    """id -> (title flag, date, paragraphs) for each record read, or the error's text for each that fails."""
    result = {}
    for item in items:
        try:
            article = read_input(item)
        except ArticleError as error:
            result[item.id] = str(error)
        else:
            result[item.id] = (article.title, article.date, article.paragraphs)
    return result


# --- the corpus of the end-to-end tests: one file of each kind, good and bad records mixed ------------------------

def write_corpus(folder: Path) -> tuple[dict[str, tuple], dict[str, str]]:
    """The files, the good articles (id -> title, date, paragraphs) and the bad ones (id -> words of the reason)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        {"id": "nos-1", "title": "Biden waarschuwt", "text": f"{ONE} {TWO}\n\n{THREE}", "date": "2022-02-11T08:30:00Z"},
        '{"id": "nos-2", "text": "Een regel die halverwege afbreekt',
        # Ids that would write outside OUT if taken as paths; where they would land, the test looks.
        {"id": "../escaped", "text": ONE, "date": "2022-02-12"},
        {"id": f"{folder}/absolute", "text": TWO},
        "",
        {"id": "a/../../b", "text": [ONE, THREE]},
        {"id": "nos-5", "text": None},
        {"id": "nos-1", "text": "Dezelfde id nog eens."},
        {"id": "nul\u0000id", "text": THREE, "published": "ignored: date is the field"},
    ]
    (folder / "news.jsonl").write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n"
                                               for line in lines), encoding="utf-8")
    # Quoted fields with commas, doubled quotes and line breaks (CRLF, as Excel writes), and a short row.
    (folder / "feed.csv").write_bytes(
        b'id,headline,body,published\r\n'
        + f'csv-1,"Kop, met komma","{ONE}\r\n\r\n""{TWO}""\r\n",2022-03-01\r\n'.encode()
        + f'csv-2,,"{THREE}",\r\n'.encode()
        + b'csv-3,Te kort\r\n'
        + f'csv-4,Laatste,"{TWO}\nnog een regel",20220302\r\n'.encode())
    table = pa.table({
        "url": ["https://nos.nl/1", "https://nos.nl/2", "https://nos.nl/3", "https://nos.nl/4", "https://nos.nl/5"],
        "title": ["Parquet-kop", None, "", "Kop vier", None],
        "paragraphs": [[ONE, TWO], None, [None, THREE], [], [THREE]],
        "date": [datetime.date(2022, 4, 1), None, datetime.date(2022, 4, 3), None, datetime.date(2022, 4, 5)],
    })
    pq.write_table(table, folder / "archive.parquet", row_group_size=2)  # row groups of 2: re-reads cross them
    (folder / "plain.txt").write_text(f"date 2022-05\n\n{ONE}", encoding="utf-8")
    good = {
        "nos-1": ("Biden waarschuwt", "2022-02-11T08:30:00+00:00", (f"{ONE} {TWO}", THREE)),
        "_._escaped": (None, "2022-02-12", (ONE,)),
        safe_id(f"{folder}/absolute"): (None, None, (TWO,)),
        "a_.._.._b": (None, None, (ONE, THREE)),
        "nul_id": (None, None, (THREE,)),
        "csv-1": ("Kop, met komma", "2022-03-01", (ONE, f'"{TWO}"')),
        "csv-2": (None, None, (THREE,)),
        "csv-4": ("Laatste", "2022-03-02", (f"{TWO} nog een regel",)),
        "https___nos.nl_1": ("Parquet-kop", "2022-04-01", (ONE, TWO)),
        "https___nos.nl_3": (None, "2022-04-03", (THREE,)),
        "https___nos.nl_5": (None, "2022-04-05", (THREE,)),
        "plain": (None, "2022-05", (ONE,)),
    }
    bad = {
        "news.jsonl:2": "news.jsonl, line 2: not JSON (Invalid control character at column 59)",
        "nos-5": "news.jsonl, line 7: no text ('text' is null)",
        "news.jsonl:8": "news.jsonl, line 8: its id 'nos-1' is also the id of the record on line 1",
        "feed.csv:7": "feed.csv, line 7: 2 fields where the header has 4",
        "https___nos.nl_2": "archive.parquet, row 2: no text ('paragraphs' is null)",
        "https___nos.nl_4": "archive.parquet, row 4: no text to translate",
    }
    return good, bad


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict, dict]:
    folder = tmp_path_factory.mktemp("dumps")
    good, bad = write_corpus(folder)
    return folder, good, bad


WINDOW = ("--window", "5")  # several windows over the corpus, so shards and resume have something to divide


@pytest.fixture(scope="module")
def record_run(tmp_path_factory, corpus, tiny_models) -> Path:
    """A full run over the corpus, summaries included. Read only."""
    out = tmp_path_factory.mktemp("record-run")
    assert run([corpus[0]], out, tiny_models, *FAST, *WINDOW) == 1
    return out


def test_every_good_record_is_translated_and_every_bad_one_named(corpus, record_run):
    _folder, good, bad = corpus
    files = sorted(path.name for path in record_run.iterdir() if not path.name.startswith("."))
    assert files == sorted([*(f"{article_id}.jsonl" for article_id in good), "manifest.json"])
    for article_id, (title, date, paragraphs) in good.items():
        records = read_jsonl(record_run / f"{article_id}.jsonl")
        header, body = records[0], [r for r in records if r["type"] == "paragraph"]
        assert header["id"] == article_id and header["date"] == date
        # Nothing lost: the title, then the paragraphs, each the join of its sentences.
        assert [p["nl"] for p in body] == [*([title] if title else []), *paragraphs]
        assert [p.get("title", False) for p in body] == [True] * bool(title) + [False] * len(paragraphs)
        assert all(p["nl"] == " ".join(s["nl"] for s in p["sentences"]) for p in body)
        assert records[-1]["type"] == "summary"
    manifest = json.loads((record_run / "manifest.json").read_text(encoding="utf-8"))
    failed = {a["id"]: a["reason"] for a in manifest["articles"] if a["status"] == "failed"}
    assert set(failed) == set(bad)
    for article_id, words in bad.items():
        assert words in failed[article_id]
    assert {a["id"] for a in manifest["articles"] if a["status"] == "ok"} == set(good)
    header = read_jsonl(record_run / "csv-1.jsonl")[0]
    assert header["source"].endswith("feed.csv:2") and len(header["source_sha256"]) == 64


def test_record_ids_never_leave_the_output_folder(corpus, record_run):
    for path in record_run.rglob("*"):
        assert path.parent == record_run and not path.is_symlink()
    assert safe_id(f"{corpus[0]}/absolute").startswith("_tmp_")
    assert not (record_run.parent / "escaped.jsonl").exists() and not (record_run.parent / "b.jsonl").exists()
    assert not (corpus[0] / "absolute.jsonl").exists()


def test_a_rerun_skips_every_record_and_force_gives_the_same_bytes(tmp_path, corpus, record_run, tiny_models):
    out = tmp_path / "out"
    shutil.copytree(record_run, out)
    assert run([corpus[0]], out, tiny_models, *FAST, *WINDOW) == 1
    done = statuses(out)
    assert {done[a] for a in corpus[1]} == {"unchanged"} and {done[a] for a in corpus[2]} == {"failed"}
    (out / "csv-2.jsonl").unlink()  # an interrupted run's state: resume writes it again, byte for byte
    assert run([corpus[0]], out, tiny_models, *FAST, *WINDOW) == 1
    assert statuses(out)["csv-2"] == "ok" and snapshot(out) == snapshot(record_run)
    assert run([corpus[0]], out, tiny_models, *FAST, *WINDOW, "--force") == 1
    assert {statuses(out)[a] for a in corpus[1]} == {"ok"} and snapshot(out) == snapshot(record_run)


def test_shards_of_record_files_write_the_full_runs_files(tmp_path, corpus, record_run, tiny_models):
    out = tmp_path / "out"
    codes = [run([corpus[0]], out, tiny_models, *FAST, *WINDOW, "--shard", f"{k}/2") for k in (1, 2)]
    assert 1 in codes
    assert main(["merge-manifests", str(out)]) == 0  # which also sets the run-wide `inconsistent` flags
    assert snapshot(out) == snapshot(record_run)
    assert statuses(out) == statuses(record_run)


def test_the_parquet_export_reads_back_in_pandas_equal_to_the_jsonl(tmp_path, corpus, record_run):
    pandas = pytest.importorskip("pandas")
    assert main(["export", str(record_run), "--format", "parquet", "-o", str(tmp_path / "a")]) == 0
    sentences = pandas.read_parquet(tmp_path / "a" / "sentences.parquet")
    expected = []
    for article_id in sorted(corpus[1]):
        records = read_jsonl(record_run / f"{article_id}.jsonl")
        for paragraph in records[1:]:
            if paragraph["type"] == "paragraph":
                expected += [(article_id, records[0]["date"], paragraph["index"], n, paragraph.get("title", False),
                              s["nl"], s["en"], s["score"], s["flags"], None, None, None)
                             for n, s in enumerate(paragraph["sentences"])]
    rows = [(r.article, r.date, r.paragraph, r.sentence, r.title, r.nl, r.en, r.score, list(r.flags), r.mt, r.status,
             r.comment) for r in sentences.astype(object).where(sentences.notna(), None).itertuples()]
    assert rows == expected
    articles = pandas.read_parquet(tmp_path / "a" / "articles.parquet")
    assert list(articles["id"]) == sorted(corpus[1])
    first = articles.set_index("id").loc["csv-1"]
    header = read_jsonl(record_run / "csv-1.jsonl")[0]
    assert (first["source"], first["paragraphs"], first["sentences"]) == (header["source"], header["paragraphs"],
                                                                         header["sentences"])
    assert first["summary"] == read_jsonl(record_run / "csv-1.jsonl")[-1]["en"]
    assert first["translation_model"] == "marian" and first["summary_model"] == "bart"
    # Deterministic: the same folder gives the same bytes; and the default lies beside the folder.
    assert main(["export", str(record_run), "--format", "parquet"]) == 0
    beside = record_run.with_name(record_run.name + "-parquet")
    for name in ("sentences.parquet", "articles.parquet"):
        assert (beside / name).read_bytes() == (tmp_path / "a" / name).read_bytes()
    assert str(pq.read_schema(beside / "sentences.parquet").field("flags").type) == "list<element: string not null>"


# --- reading: each kind, fields, bad records ------------------------------------------------------------------

def test_jsonl_good_records_read_and_bad_ones_fail_alone_with_their_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": 7, "body": "Een.\\n\\nTwee.", "headline": "Kop"}\n'
                     b'{"id": 8, "body": "x", "headline": ["lijst"]}\n'
                     b'{"id": 9, "body": 3}\n'
                     b'{"id": {"a": 1}, "body": "x"}\n'
                     b'"alleen een string"\n'
                     b'{"id": 10, "body": "Caf\xe9"}\n'
                     b'{"body": "geen id"}\n'
                     b'{"id": 12, "body": [" ", null]}\n'
                     b'{"id": 13, "body": ["Een.", 4]}\n'
                     b'\n{"id": 14, "body": "Laatste.", "date": 1644537600}')
    result = outcomes(scan(path))
    assert result.pop("7") == (True, None, ("Kop", "Een.", "Twee."))
    assert result.pop("14") == (False, "1644537600", ("Laatste.",))  # a number is kept as given
    expected = {"8": "line 2: its title ('headline') is a list, not text",
                "9": "line 3: its text ('body') is a number, not text or a list of paragraphs",
                "a.jsonl:4": "line 4: its id ('id') is an object, not a string or a whole number",
                "a.jsonl:5": "line 5: a string where a record (a JSON object) should be",
                "a.jsonl:6": "line 6: not valid UTF-8 at byte 23 of the line",
                "a.jsonl:7": "line 7: no id ('id' is missing)",
                "12": "line 8: no text to translate ('body' is empty or only whitespace)",
                "13": "line 9: its text list ('body') holds a number at position 1"}
    assert set(result) == set(expected)
    for article_id, words in expected.items():
        assert result[article_id].startswith(f"{path}, ") and words in result[article_id], result[article_id]


def test_csv_quoted_multiline_fields_and_tsv(tmp_path):
    csv_path = tmp_path / "a.csv"
    csv_path.write_text('Title,Text,ID\n"Een ""kop""","Regel een,\nnog steeds alinea een.\n\nAlinea twee.",x1\n'
                        ',"Zonder kop.",x2\n"open","nooit gesloten,x3\nx4,y,z\n', encoding="utf-8")
    result = outcomes(scan(csv_path))
    assert result["x1"] == (True, None, ('Een "kop"', "Regel een, nog steeds alinea een.", "Alinea twee."))
    assert result["x2"] == (False, None, ("Zonder kop.",))
    assert "a.csv, line 7: a quoted field opened here is never closed: lines 7 to 8" in result["a.csv:7"]
    tsv_path = tmp_path / "b.tsv"
    tsv_path.write_text("id\ttext\tdate\nt1\tTab-gescheiden, met komma.\t2022-02-11 08:30\n", encoding="utf-8")
    assert outcomes(scan(tsv_path)) == {"t1": (False, "2022-02-11T08:30:00", ("Tab-gescheiden, met komma.",))}


def test_parquet_list_paragraphs_nulls_and_reading_out_of_order(tmp_path):
    path = tmp_path / "a.parquet"
    texts = [[f"Alinea {i}.", f"Nog een {i}."] if i % 3 else None for i in range(100)]
    # More rows than a read batch (32) and row groups of 30: reads out of order jump back, and on across groups.
    pq.write_table(pa.table({"id": pa.array(range(100), pa.int64()), "content": texts}), path, row_group_size=30)
    items = scan(path)
    assert [item.id for item in items] == [str(i) for i in range(100)]
    in_order = outcomes(items)
    assert outcomes(items[::-1]) == in_order == outcomes(items[50:] + items[:50]) == outcomes(items[::7] + items)
    assert in_order["4"] == (False, None, ("Alinea 4.", "Nog een 4."))
    assert in_order["3"].endswith("row 4: no text ('content' is null); fix the record or leave it out")


def test_without_an_id_field_the_id_is_the_file_and_the_position(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text('{"text": "Een."}\n\n{"text": "Twee."}\n', encoding="utf-8")
    assert [item.id for item in scan(path)] == ["dump-1", "dump-3"]


def test_named_fields_and_a_file_without_a_text_field(tmp_path, tiny_models, capsys):
    path = tmp_path / "a.csv"
    path.write_text("key,lead,when,kop\nk1,Tekst.,2022-01-02,Kop\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"a.csv: no text field \(looked for text, body.*its columns are 'key', "
                                         r"'lead', 'when', 'kop'; name the one holding the article text with "
                                         r"--text-field"):
        scan(path)
    with pytest.raises(InputError, match=r"--title-field 'head' is not one of its columns"):
        scan(path, text="lead", title="head")
    assert outcomes(scan(path, text="lead", id="key", date="when", title="kop")) == {
        "k1": (True, "2022-01-02", ("Kop", "Tekst."))}
    assert main(["run", str(path), "-o", str(tmp_path / "out"), "--translation-model", str(tiny_models["marian"]),
                 "--no-summary"]) == 2
    assert "its columns are 'key', 'lead'" in capsys.readouterr().err


def test_whole_files_that_cannot_be_read_fail_alone(tmp_path):
    (tmp_path / "packed.jsonl").write_bytes(gzip.compress(b'{"id": 1, "text": "x"}\n'))
    (tmp_path / "wide.csv").write_bytes("id,text\nw,Breed.\n".encode("utf-16"))
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really")
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "gone.csv").symlink_to(tmp_path / "nowhere.csv")
    os.mkfifo(tmp_path / "pipe.jsonl")
    result = outcomes(scan(tmp_path))
    assert {key: value.split(": ", 1)[1][:30] for key, value in result.items()} == {
        "broken.parquet": "not a readable Parquet file (P", "empty.jsonl": "holds no records; add articles",
        "gone.csv": "is a broken symbolic link (to ", "packed.jsonl": "looks like a gzip archive, not",
        "pipe.jsonl": "is not a regular file (a folde", "wide.csv": "is UTF-16 or UTF-32 text; reco"}


def test_a_line_over_the_limit_fails_alone(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "big", "text": "' + "woord " * 5000 + '"}\n{"id": "small", "text": "Klein."}\n',
                    encoding="utf-8")
    items, _ = find_inputs([path], expander(RecordFields(), "utf-8", 9000))
    result = {item.id: outcome for item, outcome in zip(items, outcomes(items).values(), strict=True)}
    assert "a.jsonl, line 1: the line is over the 9000 bytes limit for one article" in result["a.jsonl:1"]
    assert result["small"] == (False, None, ("Klein.",))


def test_a_record_changed_after_the_scan_is_not_mistaken_for_another(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a", "text": "Een."}\n{"id": "b", "text": "Twee."}\n', encoding="utf-8")
    items = scan(path)
    path.write_text('{"id": "c", "text": "Nieuw."}\n{"id": "b", "text": "Twee."}\n', encoding="utf-8")
    with pytest.raises(ArticleError, match=r"a\.jsonl, line 1: is not the record found here when the run started"):
        read_input(items[0])


def test_inputs_travel_to_ray_as_json_and_come_back_equal(corpus):
    items = scan(corpus[0])
    assert [input_from_row(json.loads(json.dumps(input_row(item)))) for item in items] == items


@pytest.mark.parametrize(("raw", "safe"), [
    ("nos-123", "nos-123"),
    ("../../etc/x", "_._.._etc_x"),
    ("/abs/path", "_abs_path"),
    ("a/../../b", "a_.._.._b"),
    ("..", "_."),
    (".hidden", "_hidden"),
    ("", "_"),
    ("x\u0000y\n", "x_y_"),
    ("C:\\Windows\\x", "C__Windows_x"),
    ("https://nos.nl/artikel/1?x=2", "https___nos.nl_artikel_1_x_2"),
    ("CON", "_CON"),
    ("nul.txt", "_nul.txt"),
    ("Café Zoë", "Café_Zoë"),
    ("e\u0301", "é"),  # NFC first
    ("\ud800", "_"),  # a lone surrogate from a JSON escape
])
def test_safe_id(raw, safe):
    assert safe_id(raw) == safe


def test_long_ids_are_cut_and_stay_unique():
    first, second = safe_id("a" * 300), safe_id("a" * 299 + "b")
    assert first != second and len(first.encode()) <= MAX_ID_BYTES and first.startswith("a" * 100)
    assert len(safe_id("é" * 300).encode()) <= MAX_ID_BYTES


@pytest.mark.parametrize(("given", "normal"), [
    ("2022-02-11", "2022-02-11"),
    ("20220211", "2022-02-11"),
    ("2022-02-11T08:30:00Z", "2022-02-11T08:30:00+00:00"),
    ("2022-02-11 08:30", "2022-02-11T08:30:00"),
    ("2022-02-11T08:30:15.250+0100", "2022-02-11T08:30:15.250+01:00"),
    ("2022-02-11T08:30:15,5-05", "2022-02-11T08:30:15.5-05:00"),
    ("2022-02", "2022-02"),
    ("2022-13-01", "2022-13-01"),  # not a date: kept as given
    ("11 februari 2022", "11 februari 2022"),
    ("2022-0211", "2022-0211"),
])
def test_normalise_date(given, normal):
    assert normalise_date(given) == normal


def test_without_pyarrow_parquet_is_a_usage_error_with_the_install_command(tmp_path, monkeypatch, capsys):
    (tmp_path / "in").mkdir()
    pq.write_table(pa.table({"text": ["Een."]}), tmp_path / "in" / "a.parquet")
    for name in ("pyarrow", "pyarrow.parquet"):
        monkeypatch.setitem(sys.modules, name, None)  # import pyarrow now raises ImportError
    with pytest.raises(InputError, match=r"reading Parquet files needs pyarrow.*pip install "
                                         r"'dutch-news-translate\[parquet\]'"):
        scan(tmp_path / "in")
    write_article(tmp_path / "run", "a.jsonl", "a", PLAIN)
    assert main(["export", str(tmp_path / "run"), "--format", "parquet"]) == 2
    assert "export --format parquet needs pyarrow" in capsys.readouterr().err
    assert not (tmp_path / "run-parquet").exists()
