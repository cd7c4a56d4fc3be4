"""translate export: TMX, XLIFF, TSV and text from article files; round trips, bad files, exit codes."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import read_jsonl

from translate.cli import main
from translate.exchange import MDA_NS, XLIFF_NS, read_tmx, read_tsv, read_xliff
from translate.outputs import Review, SentencePair

# (nl, en, score, flags[, details]) per sentence, per paragraph: markup, entities, quotes, emoji and astral
# characters, U+2028 (which str.splitlines would split on), "]]>", backslashes, and, as a hand edit
# could leave them, a tab, line ends and an empty translation; details that quote such text.
DETAILS = {"numbers": '3 "ja" <b>&amp;</b> missing; 4\tnew\n', "names": "Jerry \\ ]]> missing"}
AWKWARD = [
    [("<script>alert(1)</script>", "<script>alert(1)</script>", -0.25, ["markup"]),
     ("Tom & Jerry &amp; co.", "Tom & Jerry &amp; co.", -1.5, []),
     ('Hij zei "ja" en \'nee\'.', 'He said "yes" and \'no\'.', -0.125, ["retried", "repetition", "numbers", "names"],
      DETAILS)],
    [("👍🏽 Klaar! 𝔘𝔫𝔦", "👍🏽 Done! 𝔘𝔫𝔦", None, ["passthrough"]),
     ("Regel\u2028scheiding, ]]> en C:\\temp\\n", "Line\u2028separator, ]]> and C:\\temp\\n", -2, []),
     ("Tab\there en\nnieuwe\r\nregel", "", -3.0, ["empty"])],
]
PLAIN = [[("Goedemorgen.", "Good morning.", -0.5, [])], [("Tot ziens.", "Goodbye.", -0.75, ["copied"])]]
NMTOKEN = re.compile(r"^[A-Za-z0-9._:-]+$")


def write_article(folder: Path, relative: str, article_id: str, paragraphs, summary: str | None = "Samenvatting.",
                  **header) -> Path:
    records = [{"type": "article", "schema": 1, "id": article_id, "source": f"in/{article_id}.txt",
                "date": "2024-05", "paragraphs": len(paragraphs), **header}]
    for index, sentences in enumerate(paragraphs):
        records.append({"type": "paragraph", "index": index, "nl": " ".join(s[0] for s in sentences),
                        "en": " ".join(s[1] for s in sentences if s[1]),
                        "sentences": [{"nl": nl, "en": en, "score": score, "flags": flags}
                                      | ({"details": details[0]} if details else {})
                                      for nl, en, score, flags, *details in sentences]})
    if summary is not None:
        records.append({"type": "summary", "en": summary, "model": "bart"})
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def pairs_of(article_id: str, paragraphs) -> list[SentencePair]:
    return [SentencePair(article_id, p, s, nl, en, None if score is None else float(score), tuple(flags),
                         details=tuple(details[0].items()) if details else ())
            for p, sentences in enumerate(paragraphs) for s, (nl, en, score, flags, *details) in enumerate(sentences)]


@pytest.fixture
def awkward_run(tmp_path) -> Path:
    """Three articles; "sub/b" and "sub_b" clash once made NMTOKENs. Sorted by path: a, sub/b, sub_b."""
    run = tmp_path / "run"
    write_article(run, "a.jsonl", "a", AWKWARD)
    write_article(run, "sub/b.jsonl", "sub/b", PLAIN, summary=None)
    write_article(run, "sub_b.jsonl", "sub_b", PLAIN[:1], date=None)
    (run / "manifest.json").write_text("{}", encoding="utf-8")
    (run / ".a.jsonl.x1y2.tmp").write_text("half a file", encoding="utf-8")
    return run


AWKWARD_PAIRS = pairs_of("a", AWKWARD) + pairs_of("sub/b", PLAIN) + pairs_of("sub_b", PLAIN[:1])


def export(run: Path, fmt: str, target: Path) -> int:
    return main(["export", str(run), "--format", fmt, "-o", str(target)])


def test_tmx_round_trip_of_awkward_text(awkward_run, tmp_path, capsys):
    target = tmp_path / "x.tmx"
    assert export(awkward_run, "tmx", target) == 0
    root = ElementTree.parse(target).getroot()
    header = root.find("header").attrib
    assert (root.get("version"), header["srclang"], header["segtype"], header["datatype"]) == \
        ("1.4", "nl", "sentence", "plaintext")
    assert {"adminlang", "o-tmf", "creationtool", "creationtoolversion"} <= header.keys()
    assert len(root.findall("body/tu")) == len(AWKWARD_PAIRS)
    assert read_tmx(target) == AWKWARD_PAIRS
    raw = target.read_text(encoding="utf-8")
    assert "&lt;script&gt;" in raw and "<script>" not in raw
    assert "3 articles, 9 sentence pairs" in capsys.readouterr().err


def test_tmx_properties_only_when_there_is_something_to_say(awkward_run, tmp_path):
    target = tmp_path / "x.tmx"
    export(awkward_run, "tmx", target)
    units = ElementTree.parse(target).getroot().findall("body/tu")
    props = [{p.get("type"): p.text for p in unit.findall("prop")} for unit in units]
    assert props[0] == {"x-article": "a", "x-paragraph": "0", "x-sentence": "0", "x-flags": "markup",
                        "x-score": "-0.25"}
    assert "x-score" not in props[3] and props[3]["x-flags"] == "passthrough"
    assert "x-flags" not in props[1] and "x-details" not in props[0]
    assert json.loads(props[2]["x-details"]) == DETAILS and list(json.loads(props[2]["x-details"])) == list(DETAILS)


def test_xliff_round_trip_and_ids(awkward_run, tmp_path):
    target = tmp_path / "x.xlf"
    assert export(awkward_run, "xliff", target) == 0
    root = ElementTree.parse(target).getroot()
    assert root.tag == f"{{{XLIFF_NS}}}xliff"
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.1", "nl", "en")
    files = root.findall(f"{{{XLIFF_NS}}}file")
    file_ids = [f.get("id") for f in files]
    assert file_ids == ["a", "sub_b", "sub_b-2"]
    assert [f.get("original") for f in files] == ["in/a.txt", "in/sub/b.txt", "in/sub_b.txt"]
    for file in files:
        units = file.findall(f"{{{XLIFF_NS}}}unit")
        segment_ids = [s.get("id") for u in units for s in u.findall(f"{{{XLIFF_NS}}}segment")]
        ids = [u.get("id") for u in units] + segment_ids
        assert len(set(ids)) == len(ids) and all(NMTOKEN.match(i) for i in ids + file_ids)
    assert read_xliff(target) == AWKWARD_PAIRS
    groups = files[0].findall(f"{{{MDA_NS}}}metadata/{{{MDA_NS}}}metaGroup")
    assert {m.get("type"): m.text for m in groups[0]} == {"id": "a", "date": "2024-05"}
    meta = {g.get("category"): {m.get("type"): m.text for m in g} for g in files[0].iter(f"{{{MDA_NS}}}metaGroup")}
    assert json.loads(meta["p0s2"]["details"]) == DETAILS and "details" not in meta["p0s0"]


def test_tsv_round_trip_escapes_tabs_newlines_and_backslashes(awkward_run, tmp_path):
    target = tmp_path / "x.tsv"
    assert export(awkward_run, "tsv", target) == 0
    lines = target.read_bytes().decode("utf-8").split("\n")
    assert lines[0] == "article\tparagraph\tsentence\tnl\ten\tscore\tflags\tmt\tstatus\tcomment\tdetails"
    assert lines[-1] == "" and len(lines) == len(AWKWARD_PAIRS) + 2
    assert all(line.count("\t") == 10 for line in lines[:-1])
    assert lines[3].endswith('\t{"numbers": "3 \\\\"ja\\\\" <b>&amp;</b> missing; 4\\\\tnew\\\\n", "names": '
                             '"Jerry \\\\\\\\ ]]> missing"}') and lines[1].endswith("\t")
    assert "Tab\\there en\\nnieuwe\\r\\nregel" in lines[6] and "C:\\\\temp\\\\n" in lines[5]
    assert read_tsv(target) == AWKWARD_PAIRS


def test_text_export_mirrors_the_paths_and_holds_the_paragraphs(awkward_run, tmp_path):
    target = tmp_path / "text"
    assert export(awkward_run, "text", target) == 0
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == ["a.txt", "sub", "sub/b.txt",
                                                                                   "sub_b.txt"]
    assert (target / "sub/b.txt").read_text(encoding="utf-8") == "Good morning.\n\nGoodbye.\n"
    text = (target / "a.txt").read_text(encoding="utf-8")
    assert text.split("\n\n")[0] == " ".join(s[1] for s in AWKWARD[0])
    assert "Samenvatting" not in text


def test_seed_run_exports_every_sentence_pair_identically_twice(seed_run, tmp_path):
    records = [r for path in sorted(seed_run.rglob("*.jsonl")) for r in read_jsonl(path)]
    sentences = [s for r in records if r["type"] == "paragraph" for s in r["sentences"]]
    first, second = tmp_path / "1.tmx", tmp_path / "2.tmx"
    assert export(seed_run, "tmx", first) == 0 and export(seed_run, "tmx", second) == 0
    assert first.read_bytes() == second.read_bytes()
    assert len(ElementTree.parse(first).getroot().findall("body/tu")) == len(sentences)
    pairs = read_tmx(first)
    assert [(p.nl, p.en, p.score, list(p.flags), dict(p.details)) for p in pairs] == \
        [(s["nl"], s["en"], s["score"], s["flags"], s.get("details", {})) for s in sentences]
    assert any(p.details for p in pairs)  # random English: the checks find something
    assert export(seed_run, "xliff", tmp_path / "x.xlf") == 0
    assert read_xliff(tmp_path / "x.xlf") == pairs


def test_characters_xml_cannot_hold_become_replacement_characters(tmp_path):
    run = tmp_path / "run"
    path = write_article(run, "c.jsonl", "c", [[("a\x01b\x0bc", "x\ufffey", -1.0, [])]])
    # an unpaired surrogate, as a hand edit could leave it; UTF-8 cannot encode it at all
    path.write_text(path.read_text(encoding="utf-8").replace('"x\ufffey"', '"x\\ud800y"'), encoding="utf-8")
    for fmt, reader in (("tmx", read_tmx), ("xliff", read_xliff)):
        assert export(run, fmt, tmp_path / f"c.{fmt}") == 0
        [pair] = reader(tmp_path / f"c.{fmt}")  # parsing would fail on raw \x01
        assert (pair.nl, pair.en) == ("a b c", "x\ufffdy")  # controls become spaces, as in corrections
    assert export(run, "tsv", tmp_path / "c.tsv") == 0
    assert [(p.nl, p.en) for p in read_tsv(tmp_path / "c.tsv")] == [("a\x01b\x0bc", "x\ufffdy")]


def test_unreadable_files_are_named_and_left_out(awkward_run, tmp_path, capsys):
    bad = {
        "bad_json.jsonl": '{"type": "article", "id": "x", "source": "x.txt"}\n{"type": "paragraph", oops}\n',
        "no_header.jsonl": json.dumps({"type": "paragraph", "index": 0, "nl": "a", "en": "b", "sentences": []}),
        "empty.jsonl": "",
    }
    for name, text in bad.items():
        (awkward_run / name).write_text(text, encoding="utf-8")
    wrong = write_article(awkward_run, "wrong_schema.jsonl", "w", PLAIN)
    wrong.write_text(wrong.read_text(encoding="utf-8").replace('"score": -0.5', '"score": "high"'), encoding="utf-8")
    cut = write_article(awkward_run, "incomplete.jsonl", "i", PLAIN, summary=None)
    cut.write_text(cut.read_text(encoding="utf-8").split("\n")[0] + "\n", encoding="utf-8")
    target = tmp_path / "x.tmx"
    assert export(awkward_run, "tmx", target) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for name, problem in (("bad_json.jsonl:2", "not JSON"), ("no_header.jsonl:1", "article header"),
                          ("empty.jsonl", "empty file"), ("wrong_schema.jsonl:2: sentence 0", "'score'"),
                          ("incomplete.jsonl", "announces 2 paragraphs")):
        [line] = [line for line in err.splitlines() if name in line]
        assert problem in line and "skipped" in line and "translate run" in line
    assert "manifest.json" not in err and ".tmp" not in err
    assert read_tmx(target) == AWKWARD_PAIRS


def test_nothing_readable_writes_nothing(tmp_path, capsys):
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "a.jsonl").write_text("not json\n", encoding="utf-8")
    assert main(["export", str(tmp_path / "run"), "--format", "tsv"]) == 1
    assert "nothing written" in capsys.readouterr().err
    assert not (tmp_path / "run.tsv").exists()


def test_default_outputs_lie_beside_the_folder(awkward_run, capsys):
    assert main(["export", str(awkward_run), "--format", "xliff"]) == 0
    assert main(["export", str(awkward_run), "--format", "text"]) == 0
    assert read_xliff(awkward_run.with_name("run.xlf")) == AWKWARD_PAIRS
    assert (awkward_run.with_name("run-en") / "sub" / "b.txt").is_file()
    assert main(["export", str(awkward_run / "a.jsonl"), "--format", "tsv"]) == 0
    assert read_tsv(awkward_run / "a.tsv") == pairs_of("a", AWKWARD)


@pytest.mark.parametrize("make, message", ids=["missing", "empty"], argvalues=[
    (lambda tmp: tmp / "missing", "no such folder"),
    (lambda tmp: tmp, "no article files"),
])
def test_usage_errors(tmp_path, capsys, make, message):
    assert main(["export", str(make(tmp_path)), "--format", "tmx"]) == 2
    err = capsys.readouterr().err
    assert message in err and str(tmp_path) in err and "Traceback" not in err


def test_an_output_that_cannot_be_written_is_a_usage_error(awkward_run, tmp_path, capsys):
    (tmp_path / "file").write_text("", encoding="utf-8")
    assert export(awkward_run, "tmx", tmp_path / "file" / "x.tmx") == 2
    assert "cannot write the export" in capsys.readouterr().err


def test_format_is_required(awkward_run, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["export", str(awkward_run)])
    assert exit_info.value.code == 2


# Reviewed folders (translate apply): the reviewed English is the target, the machine's beside it

REVIEW = [  # (paragraph, sentence, new English, status, comment)
    (0, 0, "<b>Fixed</b> & co", "approved", "was <script>"),
    (0, 2, 'He said "yes" and \'no\'.', "rejected", ""),
    (1, 1, "Line separator, ]]> and C:\\temp\\n", "open", "tab\there & <there>"),
]


@pytest.fixture
def reviewed_run(awkward_run, tmp_path) -> Path:
    """awkward_run with a review applied by translate apply: one approved edit, one rejection, one open edit."""
    items = [{"kind": "sentence", "article": "a", "paragraph": p, "sentence": s, "nl": AWKWARD[p][s][0],
              "original": AWKWARD[p][s][1], "en": en, "status": status, "comment": comment}
             for p, s, en, status, comment in REVIEW]
    items.append({"kind": "sentence", "article": "sub/b", "paragraph": 1, "sentence": 0, "nl": "Tot ziens.",
                  "original": "Goodbye.", "en": "Goodbye.", "status": "approved", "comment": ""})
    review = tmp_path / "review.json"
    review.write_text(json.dumps({"format": "translate-review", "version": 1, "items": items}), encoding="utf-8")
    assert main(["apply", str(awkward_run), str(review)]) == 0
    return awkward_run


def test_reviewed_exports_round_trip_with_the_machine_output_and_status(reviewed_run, tmp_path):
    from translate.outputs import load_articles

    articles, [] = load_articles(reviewed_run)
    pairs = [pair for article in articles for pair in article.pairs]
    assert [(p.en, p.mt, p.review.status) for p in pairs if p.review] == \
        [("<b>Fixed</b> & co", "<script>alert(1)</script>", "approved"),
         ('He said "yes" and \'no\'.', 'He said "yes" and \'no\'.', "rejected"),
         ("Line separator, ]]> and C:\\temp\\n", "Line\u2028separator, ]]> and C:\\temp\\n", "open"),
         ("Goodbye.", "Goodbye.", "approved")]
    # The exports carry the current flags; the machine output's (mt_flags) stay in the article files.
    assert pairs[0].mt_flags == ("markup",)
    pairs = [replace(pair, mt_flags=()) for pair in pairs]
    for fmt, reader in (("tmx", read_tmx), ("xliff", read_xliff), ("tsv", read_tsv)):
        assert export(reviewed_run, fmt, tmp_path / f"x.{fmt}") == 0
        assert reader(tmp_path / f"x.{fmt}") == pairs, fmt


def test_standard_readers_see_the_reviewed_target(reviewed_run, tmp_path):
    """Read as TMX 1.4 and XLIFF 2.1 say, with no knowledge of our properties: the target is the reviewed English;
    XLIFF's state is final once approved, reviewed for an open correction, initial (needs work) when rejected,
    translated for machine output."""
    assert export(reviewed_run, "tmx", tmp_path / "x.tmx") == 0
    units = ElementTree.parse(tmp_path / "x.tmx").getroot().findall("body/tu")
    targets = [unit.find("tuv[@{http://www.w3.org/XML/1998/namespace}lang='en']/seg").text for unit in units]
    assert targets[0] == "<b>Fixed</b> & co" and targets[4] == "Line separator, ]]> and C:\\temp\\n"
    assert [note.text for unit in units for note in unit.findall("note")] == ["was <script>", "tab\there & <there>"]
    first = {prop.get("type"): prop.text for prop in units[0].findall("prop")}
    assert (first["x-mt"], first["x-status"]) == ("<script>alert(1)</script>", "approved")
    assert "x-mt" not in {prop.get("type") for prop in units[1].findall("prop")}

    assert export(reviewed_run, "xliff", tmp_path / "x.xlf") == 0
    ns = {"x": XLIFF_NS}
    segments = ElementTree.parse(tmp_path / "x.xlf").getroot().findall(".//x:segment", ns)
    states = [(s.get("state"), s.get("subState"), s.findtext("x:target", namespaces=ns)) for s in segments]
    assert states[:3] == [("final", "translate:approved", "<b>Fixed</b> & co"),
                          ("translated", None, "Tom & Jerry &amp; co."),
                          ("initial", "translate:rejected", 'He said "yes" and \'no\'.')]
    assert states[4] == ("reviewed", "translate:open", "Line separator, ]]> and C:\\temp\\n")
    assert all(sub is None or re.fullmatch(r"[A-Za-z0-9_.-]+:\S+", sub) for _state, sub, _t in states)


def test_only_approved_exports_just_the_approved_pairs(reviewed_run, tmp_path, capsys):
    from translate.outputs import Review

    # The reviewer's English is checked again (translate apply): the Dutch's 1 is not in it, and the export says so.
    approved = [SentencePair("a", 0, 0, "<script>alert(1)</script>", "<b>Fixed</b> & co", -0.25, ("markup", "numbers"),
                             "<script>alert(1)</script>", Review("approved", "was <script>"),
                             (("numbers", "1 missing"),)),
                SentencePair("sub/b", 1, 0, "Tot ziens.", "Goodbye.", -0.75, ("copied",), "Goodbye.",
                             Review("approved"))]
    for fmt, reader in (("tmx", read_tmx), ("xliff", read_xliff), ("tsv", read_tsv)):
        target = tmp_path / f"only.{fmt}"
        assert main(["export", str(reviewed_run), "--format", fmt, "-o", str(target), "--only", "approved"]) == 0
        assert reader(target) == approved, fmt
    assert "2 articles, 2 sentence pairs" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["export", str(reviewed_run), "--format", "text", "--only", "approved"])
    assert exit_info.value.code == 2 and "--only applies to the sentence pair formats" in capsys.readouterr().err


def test_tsv_exports_of_earlier_versions_are_still_read(tmp_path):
    path = tmp_path / "old.tsv"
    path.write_text("article\tparagraph\tsentence\tnl\ten\tscore\tflags\na\t0\t0\tHoi.\tHi.\t-0.5\t\n",
                    encoding="utf-8")
    assert read_tsv(path) == [SentencePair("a", 0, 0, "Hoi.", "Hi.", -0.5)]
    path.write_text("article\tparagraph\tsentence\tnl\ten\tscore\tflags\tmt\tstatus\tcomment\n"  # before details
                    "a\t0\t0\tHoi.\tHi.\t-0.5\tnames\tHello.\tapproved\t\n", encoding="utf-8")
    assert read_tsv(path) == [SentencePair("a", 0, 0, "Hoi.", "Hi.", -0.5, ("names",), "Hello.", Review("approved"))]


def test_parquet_carries_the_review_and_only_approved_keeps_the_approved_pairs(reviewed_run, tmp_path):
    pandas = pytest.importorskip("pandas")
    from translate.outputs import load_articles

    articles, [] = load_articles(reviewed_run)
    assert main(["export", str(reviewed_run), "--format", "parquet", "-o", str(tmp_path / "p")]) == 0
    table = pandas.read_parquet(tmp_path / "p" / "sentences.parquet")
    table = table.astype(object).where(table.notna(), None)
    assert [(r.article, r.paragraph, r.sentence, r.nl, r.en, r.score, tuple(r.flags), r.mt,
             r.status, r.comment) for r in table.itertuples()] == \
        [(p.article, p.paragraph, p.sentence, p.nl, p.en, p.score, p.flags, p.mt, p.review and p.review.status,
          p.review and p.review.comment) for a in articles for p in a.pairs]
    assert main(["export", str(reviewed_run), "--format", "parquet", "-o", str(tmp_path / "a"), "--only",
                 "approved"]) == 0
    approved = pandas.read_parquet(tmp_path / "a" / "sentences.parquet")
    assert list(zip(approved.article, approved.en, approved.status, strict=True)) == [
        ("a", "<b>Fixed</b> & co", "approved"), ("sub/b", "Goodbye.", "approved")]
