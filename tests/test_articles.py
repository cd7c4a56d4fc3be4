from pathlib import Path

import pytest

from translate.articles import ArticleError, InputError, InputFile, find_inputs, parse_text, read_article


@pytest.mark.parametrize(("text", "date", "paragraphs"), [
    (" date 2022-02 Eerste zin.\n\nTweede alinea.", "2022-02", ("Eerste zin.", "Tweede alinea.")),
    ("date 2022-02-11\n\nTekst hier.", "2022-02-11", ("Tekst hier.",)),
    ("Geen datum hier.", None, ("Geen datum hier.",)),
    ("date 2022 is geen kop.", None, ("date 2022 is geen kop.",)),
    ("dates 2022-02 ook niet.", None, ("dates 2022-02 ook niet.",)),
    ("Regel één\r\nloopt door.\r\n\r\nNieuwe alinea.", None, ("Regel één loopt door.", "Nieuwe alinea.")),
    ("Oude\rMac-regels.\r\rAlinea.", None, ("Oude Mac-regels.", "Alinea.")),
    ("Veel   spaties\t en\u00a0tabs.", None, ("Veel spaties en tabs.",)),
    ("Een\n  \n\n\nwitregel met spaties.", None, ("Een", "witregel met spaties.")),
    ("Cafe\u0301 wordt NFC.", None, ("Café wordt NFC.",)),
    ("Emoji 🎉 blijft.", None, ("Emoji 🎉 blijft.",)),
    ("\n\n  \n", None, ()),
    ("date 2022-02", "2022-02", ()),
])
def test_parse_text(text, date, paragraphs):
    assert parse_text(text) == (date, paragraphs)


def test_read_article_tolerates_bom_and_hashes_raw_bytes(tmp_path):
    path = tmp_path / "a.txt"
    data = "\ufeffdate 2022-02 Hallo wereld.".encode()
    path.write_bytes(data)
    article = read_article(InputFile(path, "a"))
    assert article.date == "2022-02"
    assert article.paragraphs == ("Hallo wereld.",)
    import hashlib
    assert article.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(("data", "words"), [
    (b"Caf\xe9 zonder UTF-8.", ["not valid UTF-8", "byte 3"]),
    (b"", ["no text to translate"]),
    (b"date 2022-02\n\n", ["no text to translate"]),
])
def test_read_article_errors_name_file_and_problem(tmp_path, data, words):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(ArticleError) as caught:
        read_article(InputFile(path, "bad"))
    assert str(path) in str(caught.value)
    for word in words:
        assert word in str(caught.value)


def test_find_inputs_sorted_recursive_with_subfolder_ids(tmp_path):
    for name in ["b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.txt", "notes.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Tekst.", encoding="utf-8")
    found = find_inputs([tmp_path])
    assert [f.id for f in found] == ["a", "b", "sub/c", "sub/deeper/d"]
    assert found[0].path == tmp_path / "a.txt"


def test_find_inputs_rejects_missing_path_and_clashing_ids(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        find_inputs([tmp_path / "missing"])
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "a.txt").write_text("Een.", encoding="utf-8")
    (tmp_path / "y" / "a.txt").write_text("Twee.", encoding="utf-8")
    with pytest.raises(InputError, match="'a'"):
        find_inputs([tmp_path / "x", tmp_path / "y"])


def test_find_inputs_same_file_twice_counts_once(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Een.", encoding="utf-8")
    assert find_inputs([path, tmp_path]) == [InputFile(path, "a")]


def test_seed_article_reads(tmp_path):
    seed = Path(__file__).resolve().parent.parent / "seeds" / "000_1ca57c5b1627cb3d.txt"
    article = read_article(InputFile(seed, seed.stem))
    assert article.date == "2022-02"
    assert len(article.paragraphs) == 5
    assert article.paragraphs[0].startswith("De Amerikaanse president Joe Biden")
