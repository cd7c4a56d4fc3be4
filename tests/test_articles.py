import hashlib
import os
import socket
from pathlib import Path

import pytest

from translate.articles import (
    MAX_ARTICLE_BYTES,
    NOT_READ,
    ArticleError,
    InputError,
    InputFile,
    check_encoding,
    find_inputs,
    parse_text,
    read_article,
)

ROOT = Path(__file__).resolve().parent.parent
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(40))
FAMILY = "👨\u200d👩\u200d👧"
SCOTLAND = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"


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
    # Separators: a line separator is a line break, a paragraph separator or form feed a new paragraph.
    ("Een\u2028twee.\u2029Drie.", None, ("Een twee.", "Drie.")),
    ("Blad een.\x0cBlad twee.\x0bregel.", None, ("Blad een.", "Blad twee. regel.")),
    # Invisible characters go: a BOM anywhere, zero-width spaces, soft hyphens, bidi marks.
    ("\ufeffdate 2022-02 Tekst.", "2022-02", ("Tekst.",)),
    ("Ver\u00adkie\u00adzing\u200b en\ufeff\u200e rust.", None, ("Verkiezing en rust.",)),
    ("Zero\u200cwidth\u2060joiner.", None, ("Zerowidthjoiner.",)),
    ("Los\u200dteken.", None, ("Losteken.",)),
    # Emoji sequences keep their joiners, variation selectors, skin tones and tags.
    (f"Gezin {FAMILY} en ❤\ufe0f en 👍🏽 en {SCOTLAND}.", None, (f"Gezin {FAMILY} en ❤\ufe0f en 👍🏽 en {SCOTLAND}.",)),
    # Other controls become spaces; C1 controls are cp1252 punctuation read as Latin-1.
    ("Tab\x00NUL\x07bel\x1bescape\x7fdel.", None, ("Tab NUL bel escape del.",)),
    ("\x93Citaat\x94 kost \x80 5\x85", None, ("“Citaat” kost € 5…",)),
    ("Ongedefinieerd\x81teken.", None, ("Ongedefinieerd teken.",)),
    ("Kapot \ud83d surrogaat.", None, ("Kapot \ufffd surrogaat.",)),
    # Markup is kept as written (checks.has_markup flags it).
    ("<p>Tekst &amp; meer</p>", None, ("<p>Tekst &amp; meer</p>",)),
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
    assert article.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(("data", "encoding", "paragraphs"), [
    ("Café “geopend” voor € 5 – of niet…".encode("cp1252"), "cp1252", ("Café “geopend” voor € 5 – of niet…",)),
    ("Café".encode("latin-1"), "latin-1", ("Café",)),
    ("Café in UTF-16.".encode("utf-16"), "utf-16", ("Café in UTF-16.",)),
    ("\ufeffCafé met BOM.".encode(), "cp1252", ("Café met BOM.",)),  # a UTF-8 BOM settles the encoding
    # A UTF-16 or UTF-32 byte-order mark settles it too, in either byte order, whatever --encoding says.
    (b"\xff\xfe" + "Café in UTF-16, zonder --encoding.".encode("utf-16-le"), "utf-8",
     ("Café in UTF-16, zonder --encoding.",)),
    (b"\xfe\xff" + "Café, big-endian.".encode("utf-16-be"), "cp1252", ("Café, big-endian.",)),
    ("Café in UTF-32.".encode("utf-32"), "utf-8", ("Café in UTF-32.",)),
    ("Café".encode(), "UTF8", ("Café",)),
])
def test_read_article_in_other_encodings(tmp_path, data, encoding, paragraphs):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    assert read_article(InputFile(path, "a"), encoding=encoding).paragraphs == paragraphs


def unreadable(tmp_path: Path) -> dict[str, Path]:
    """Files that cannot be read at all: each kind made in tmp_path."""
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "gone.txt")
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    sock = tmp_path / "s.txt"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock))
    server.close()
    return {"folder": folder, "broken": broken, "loop": loop, "fifo": fifo, "socket": sock,
            "missing": tmp_path / "missing.txt", "nul-name": tmp_path / "a\0b.txt"}


@pytest.mark.parametrize(("kind", "words"), [
    ("folder", ["is a folder, not a file", "input folder"]),
    ("broken", ["broken symbolic link", "gone.txt", "fix or remove the link"]),
    ("loop", ["symbolic link loop", "fix or remove the link"]),
    ("fifo", ["not a regular file", "plain text file"]),
    ("socket", ["not a regular file"]),
    ("missing", ["no longer exists", "run again"]),
    ("nul-name", ["cannot be read"]),
])
def test_unreadable_files_give_article_errors(tmp_path, kind, words):
    path = unreadable(tmp_path)[kind]
    with pytest.raises(ArticleError) as caught:
        read_article(InputFile(path, "x"))
    assert str(caught.value).startswith(f"{path}: ")
    for word in words:
        assert word in str(caught.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file whatever its permissions")
def test_file_without_read_permission(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Geheim.", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(ArticleError, match="permission denied; check its permissions"):
        read_article(InputFile(path, "secret"))


@pytest.mark.parametrize(("data", "encoding", "words"), [
    # Invalid UTF-8: the byte offset, the line, the bytes and the fix.
    (b"Caf\xe9 zonder UTF-8.", "utf-8", ["not valid UTF-8 at byte 3 (line 1: 0xE9)", "--encoding cp1252"]),
    (b"Regel een.\r\nRegel twee.\n\nDrie \x93aan\x94.", "utf-8", ["at byte 30 (line 4: 0x93)"]),
    (b"\xef\xbb\xbfBOM en dan \xff.", "utf-8", ["at byte 14 (line 1: 0xFF)"]),  # the offset counts the BOM
    (b"Afgekapt \xe2\x82", "utf-8", ["at byte 9 (line 1: 0xE2 0x82)"]),
    (b"Ongedefinieerd \x81 in cp1252.", "cp1252", ["not valid cp1252 at byte 15 (line 1: 0x81)",
                                                   "check that cp1252 is the file's encoding"]),
    (b"Oneven.", "utf-16-le", ["not valid utf-16-le at byte"]),
    (b"Tekst.", "geen-codec", ["'geen-codec' is not a known text encoding"]),
    (b"Tekst.", "base64", ["'base64' is not a known text encoding"]),
    # Binary files: signatures, NUL bytes, control bytes.
    (PNG, "utf-8", ["looks like a binary file (a PNG image)", "plain text"]),
    (ZIP, "utf-8", ["looks like a binary file (a ZIP archive"]),
    (PDF, "utf-8", ["looks like a binary file (a PDF document)"]),
    (PNG, "utf-16", ["looks like a binary file (a PNG image)"]),
    (b"Tekst\x00met NUL.", "utf-8", ["looks like a binary file (it holds NUL bytes, the first at byte 5)"]),
    (bytes(range(1, 32)) * 20, "latin-1", ["looks like a binary file (", "control characters"]),
    # Nothing to translate.
    (b"", "utf-8", ["no text to translate (the file is empty)"]),
    (b"date 2022-02\n\n", "utf-8", ["no text to translate (it holds only a date header)"]),
    (b" \n\t\r\n\xe2\x80\x8b\xc2\xad\n", "utf-8", ["no text to translate (it holds only whitespace"]),
])
def test_bad_files_give_article_errors(tmp_path, data, encoding, words):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(ArticleError) as caught:
        read_article(InputFile(path, "bad"), encoding=encoding)
    assert str(caught.value).startswith(f"{path}: ")
    for word in words:
        assert word in str(caught.value)


def test_text_with_rare_control_bytes_is_not_binary(tmp_path):
    path = tmp_path / "dos.txt"
    path.write_bytes(b"Oud DOS-bestand.\x1a" + b"Nog een zin. " * 20 + b"\x0cEinde.")
    assert read_article(InputFile(path, "dos")).paragraphs[-1] == "Einde."


def test_large_file_is_refused_from_its_size_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "dump.txt"
    with path.open("wb") as file:  # sparse: 12 MB on paper, nothing on disk
        file.truncate(12 * 2**20)
    monkeypatch.setattr(Path, "open", lambda *args, **kwargs: pytest.fail("opened a file over the limit"))
    with pytest.raises(ArticleError) as caught:
        read_article(InputFile(path, "dump"))
    assert str(caught.value) == (f"{path}: is 12.0 MB, over the 10 MB limit for one article; split it into "
                                 "articles or raise --max-article-mb")
    assert MAX_ARTICLE_BYTES == 10 * 2**20


def test_max_bytes_is_a_parameter(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Twaalf bytes", encoding="utf-8")
    assert read_article(InputFile(path, "a"), max_bytes=12).paragraphs == ("Twaalf bytes",)
    with pytest.raises(ArticleError, match="is 12 bytes, over the 11 bytes limit"):
        read_article(InputFile(path, "a"), max_bytes=11)
    with pytest.raises(ArticleError, match=r"is 0\.5 MB, over the 0\.25 MB limit"):
        path.write_bytes(b"x" * 2**19)
        read_article(InputFile(path, "a"), max_bytes=2**18)


def test_check_encoding():
    for name in ["utf-8", "UTF8", "cp1252", "latin-1", "utf-16", "iso-8859-15"]:
        check_encoding(name)
    for name in ["utf9", "base64", "rot13", ""]:
        with pytest.raises(InputError, match=f"--encoding {name}: not a known text encoding"):
            check_encoding(name)


def write(root: Path, *names: str) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("Tekst.", encoding="utf-8")


def test_find_inputs_sorted_recursive_with_subfolder_ids(tmp_path):
    write(tmp_path, "b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.txt", "notes.md", "UPPER.TXT",
          ".hidden.txt", "._a.txt", ".git/e.txt")
    found, warnings = find_inputs([tmp_path])
    assert [f.id for f in found] == ["UPPER", "a", "b", "sub/c", "sub/deeper/d"]
    assert found[1].path == tmp_path / "a.txt"
    assert warnings == [f"left out 1 .md file ({tmp_path / 'notes.md'}): not a kind translate reads (.txt, or "
                        "record files: .jsonl, .ndjson, .csv, .tsv, .parquet)"]


def test_find_inputs_rejects_missing_path_and_clashing_ids(tmp_path):
    with pytest.raises(InputError, match="missing: no such file or folder"):
        find_inputs([tmp_path / "missing"])
    write(tmp_path, "x/a.txt", "y/a.txt")
    with pytest.raises(InputError, match="'a'"):
        find_inputs([tmp_path / "x", tmp_path / "y"])


def test_find_inputs_same_file_twice_counts_once(tmp_path):
    write(tmp_path, "a.txt")
    assert find_inputs([tmp_path / "a.txt", tmp_path]) == ([InputFile(tmp_path / "a.txt", "a")], [])


def test_find_inputs_warns_about_folders_without_input_files(tmp_path):
    write(tmp_path, "full/a.txt", "empty/notes.md")
    (tmp_path / "bare").mkdir()
    found, warnings = find_inputs([tmp_path / "full", tmp_path / "empty", tmp_path / "bare"])
    assert [f.id for f in found] == ["a"]
    assert warnings[:2] == [f"{tmp_path / 'empty'}: no .txt or record files in this folder",
                            f"{tmp_path / 'bare'}: no .txt or record files in this folder"]
    assert warnings[2:] == [f"left out 1 .md file ({tmp_path / 'empty' / 'notes.md'}): " + NOT_READ]
    assert find_inputs([tmp_path / "bare"]) == ([], [f"{tmp_path / 'bare'}: no .txt or record files in this folder"])


def test_find_inputs_follows_folder_links_once_and_ends_loops(tmp_path):
    write(tmp_path, "corpus/a.txt", "corpus/sub/b.txt", "other/c.txt")
    (tmp_path / "corpus" / "loop").symlink_to(tmp_path / "corpus")  # a loop back to the top
    (tmp_path / "corpus" / "sub" / "up").symlink_to(tmp_path / "corpus" / "sub")  # a loop onto itself
    (tmp_path / "corpus" / "linked").symlink_to(tmp_path / "other")  # a corpus linked in: followed
    found, warnings = find_inputs([tmp_path / "corpus"])
    assert [f.id for f in found] == ["a", "linked/c", "sub/b"]
    assert len(warnings) == 2 and all("leads to a folder already searched" in w for w in warnings)


def test_find_inputs_keeps_unreadable_entries_for_read_article_to_report(tmp_path):
    kinds = unreadable(tmp_path)
    found, _warnings = find_inputs([tmp_path])
    ids = [f.id for f in found]
    assert ids == ["broken", "loop", "pipe", "s"]  # a folder named x.txt is searched as a folder
    for item in found:
        with pytest.raises(ArticleError):
            read_article(item)
    explicit, _ = find_inputs([kinds["broken"], kinds["loop"]])
    assert [f.id for f in explicit] == ["broken", "loop"]


def test_find_inputs_and_read_article_survive_file_names_that_are_not_utf8(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 name from an old archive
    (tmp_path / name).write_text("Koffie.", encoding="utf-8")
    found, _ = find_inputs([tmp_path])
    assert [f.id for f in found] == ["caf\\xe9"]
    article = read_article(found[0])
    assert article.source.endswith("caf\\xe9.txt")
    article.source.encode("utf-8")  # printable and writable to JSON


def test_many_bad_files_each_fail_alone(tmp_path):
    write(tmp_path, "good.txt")
    (tmp_path / "bin.txt").write_bytes(PNG)
    (tmp_path / "latin.txt").write_bytes(b"Caf\xe9.")
    (tmp_path / "empty.txt").write_bytes(b"")
    found, _ = find_inputs([tmp_path])
    outcomes = {}
    for item in found:
        try:
            outcomes[item.id] = read_article(item).paragraphs
        except ArticleError as error:
            outcomes[item.id] = str(error).split(": ", 1)[1][:20]
    assert outcomes == {"bin": "looks like a binary ", "empty": "no text to translate", "good": ("Tekst.",),
                        "latin": "not valid UTF-8 at b"}


def test_seed_article_reads():
    seed = ROOT / "seeds" / "000_1ca57c5b1627cb3d.txt"
    article = read_article(InputFile(seed, seed.stem))
    assert article.date == "2022-02"
    assert len(article.paragraphs) == 5
    assert article.paragraphs[0].startswith("De Amerikaanse president Joe Biden")
