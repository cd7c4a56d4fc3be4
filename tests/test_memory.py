"""Translation memories and the glossary: readers, the index, winners, near matches; runs on the tiny models."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import read_jsonl
from test_apply import item, review_file
from test_faults import FAST, snapshot, write_articles
from test_review import browser, download_review, first_page, open_page, ready, settled  # noqa: F401
from test_run import run

from translate.cli import main
from translate.engines import Translation
from translate.glossary import GlossaryError, Term, read_glossary
from translate.memory import Memory, MemoryError, memory_key
from translate.pipeline import PieceResult, Sentence, memory_record, sentence_record
from translate.review import ReviewSettings, build_report
from translate.segment import split_sentences


@pytest.fixture(autouse=True)
def memory_cache(monkeypatch, tmp_path):
    """Every test builds its memory indexes in a folder of its own, never in ~/.cache."""
    cache = tmp_path / "memory-cache"
    monkeypatch.setenv("TRANSLATE_MEMORY_CACHE", str(cache))
    return cache


def go(inputs: list[Path], out: Path, models: dict[str, Path], *extra: str) -> int:
    """A run without summaries (faster; the summary plays no part here)."""
    return run(inputs, out, models, "--no-summary", *extra, summary="")


def tsv(path: Path, rows: list[tuple], header: tuple = ("nl", "en", "status", "mt")) -> Path:
    path.write_text("\t".join(header) + "\n" + "".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")
    return path


def sentences(out: Path, article: str) -> list[dict]:
    return [s for r in read_jsonl(out / f"{article}.jsonl") if r["type"] == "paragraph" for s in r["sentences"]]


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def statuses(out: Path) -> dict[str, str]:
    return {a["id"]: a["status"] for a in manifest(out)["articles"]}


def corpus_sentences(texts: dict[str, str]) -> dict[str, list[str]]:
    return {name: split_sentences(text.split("\n\n", 1)[1]) for name, text in texts.items()}


# Keys, readers, winners


@pytest.mark.parametrize(("a", "b"), [
    (",,Dit is een stap'', zei hij.", '"Dit is een stap", zei hij.'),
    ("Het  regent.\u00a0", "Het regent."),
    ("„Ja”, zei ze.", '"Ja”, zei ze.'),
    ("Cafe\u0301 open.", "Café open."),
])
def test_the_key_is_the_dutch_the_model_sees(a, b):
    assert memory_key(a) == memory_key(b)


def test_approved_beats_reviewed_beats_plain_then_the_later_memory_and_row(tmp_path, memory_cache):
    first = tsv(tmp_path / "first.tsv", [
        ("Het regent.", "It is raining (approved).", "approved", "It rains."),
        ("Het regent.", "Rain (reviewed).", "open", "It rains."),
        ("Het regent.", "It rains (plain).", "", ""),
        ("De kat slaapt.", "The cat sleeps (plain).", "", ""),
        ("De kat slaapt.", "The cat is asleep (later plain).", "", ""),
        ("De hond blaft.", "The dog barks (open, unchanged).", "open", "The dog barks (open, unchanged)."),
        ("De hond blaft.", "The dog barks (rejected).", "rejected", "x"),
    ])
    memory = Memory.open([first])
    assert memory.exact("Het  regent.").en == "It is raining (approved)."
    assert memory.exact("De kat slaapt.").en == "The cat is asleep (later plain)."
    assert memory.exact("De hond blaft.").status == "plain"
    assert memory.exact("Niet daar.") is None
    second = tsv(tmp_path / "second.tsv", [("De kat slaapt.", "Cat sleeps (second memory).", "", ""),
                                           ("Het regent.", "It rains (second, reviewed).", "open", "It rains.")])
    both = Memory.open([first, second])
    assert both.exact("De kat slaapt.").en == "Cat sleeps (second memory)."  # same status: the later memory
    assert both.exact("Het regent.").en == "It is raining (approved)."  # approved wins over a later memory
    entry = both.exact("De kat slaapt.")
    assert entry.origin == {"memory": "second.tsv", "id": "row2"}
    assert len(list(memory_cache.glob("*.sqlite"))) == 2


def test_an_index_is_built_once_and_reused(tmp_path, memory_cache):
    path = tsv(tmp_path / "m.tsv", [("Het regent.", "It rains.", "approved", "")])
    Memory.open([path], memory_cache)
    [index] = memory_cache.glob("*.sqlite")
    stamp = index.stat().st_mtime_ns
    assert Memory.open([path], memory_cache).exact("Het regent.").en == "It rains."
    assert index.stat().st_mtime_ns == stamp
    tsv(path, [("Het regent.", "Rain.", "approved", "")])  # changed memory: a new index, the new English
    assert Memory.open([path], memory_cache).exact("Het regent.").en == "Rain."
    assert len(list(memory_cache.glob("*.sqlite"))) == 2


def test_tmx_from_any_tool_and_near_matches(tmp_path):
    path = tmp_path / "any.tmx"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="nl-NL" adminlang="en" datatype="plaintext" segtype="sentence" o-tmf="x"
 creationtool="x" creationtoolversion="1"/><body>
<tu tuid="t1"><tuv xml:lang="nl-NL"><seg>Het kabinet vergadert vandaag over de begroting.</seg></tuv>
<tuv xml:lang="en-GB"><seg>The cabinet meets today about the budget.</seg></tuv></tu>
<tu><tuv xml:lang="NL"><seg>Premier Rutte reist naar Brussel.</seg></tuv>
<tuv xml:lang="EN"><seg>Prime Minister Rutte travels to Brussels.</seg></tuv></tu>
</body></tmx>""", encoding="utf-8")
    memory = Memory.open([path])
    assert memory.exact("Premier Rutte reist naar Brussel.").origin == {"memory": "any.tmx", "id": "tu2"}
    near = memory.near("Het kabinet vergadert morgen over de begroting.")
    assert near.entry.origin == {"memory": "any.tmx", "id": "t1"} and 0.85 <= near.similarity < 1
    assert near.fields()["en"] == "The cabinet meets today about the budget."
    assert memory.near("Het kabinet vergadert.") is None  # too far from anything
    assert memory.near("Premier Rutte reist naar Brussel.") is None  # an exact match is no suggestion


@pytest.mark.parametrize(("content", "problem"), [
    (b"<tmx><body><tu>", "not well-formed XML"),
    (b"nl\tfr\nx\ty\n", "needs a header with the columns nl and en"),
    (b"nl\ten\n\xff\xfe\n", "not UTF-8"),
])
def test_a_bad_memory_is_one_clear_line(tmp_path, tiny_models, capsys, content, problem):
    suffix = ".tmx" if content.startswith(b"<") else ".tsv"
    bad = tmp_path / f"bad{suffix}"
    bad.write_bytes(content)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Het regent.", encoding="utf-8")
    assert go([tmp_path / "in"], tmp_path / "out", tiny_models, "--memory", str(bad)) == 2
    error = capsys.readouterr().err
    assert problem in error and str(bad) in error and "Traceback" not in error
    assert len(error.strip().splitlines()) == 1
    with pytest.raises(MemoryError, match="not a memory this tool reads"):
        Memory.open([tmp_path / "in" / "a.txt"])


def test_glossary_terms_are_found_with_dutch_inflections(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("nl\ten\tnote\nminister-president\tprime minister\t\nTweede Kamer\tHouse of Representatives\t"
                    "house style\nkabinet\tcabinet\n", encoding="utf-8")
    glossary = read_glossary(path)
    found = glossary.found("De minister-presidenten spraken met de tweede  kamer en het kabinet.")
    assert [t.nl for t in found] == ["minister-president", "Tweede Kamer", "kabinet"]
    assert [t.nl for t in glossary.found("De kabinetten vielen.")] == ["kabinet"]
    assert glossary.found("Het kabinetsbeleid.") == ()  # a compound is another word
    assert [t.en for t in glossary.missing(found, "The Prime Minister and the cabinet met.")] == \
        ["House of Representatives"]
    for content, problem in [("nl\tfr\n", "header naming the columns nl and en"), ("nl\ten\nkabinet\t\n", ":2:"),
                             ("nl\ten\n", "no terms"), ("nl\ten\nA\tb\na\tc\n", "given twice")]:
        path.write_text(content, encoding="utf-8")
        with pytest.raises(GlossaryError, match=problem):
            read_glossary(path)


# Runs


class Recorder:
    """Wraps both backends' translate methods and keeps every text the model was asked to translate."""

    def __init__(self, monkeypatch):
        from translate.engines.ct2 import CTranslate2Engine
        from translate.engines.hf import TransformersEngine

        self.texts: list[str] = []
        for cls in (CTranslate2Engine, TransformersEngine):
            for name in ("translate", "translate_nbest"):
                monkeypatch.setattr(cls, name, self.wrap(getattr(cls, name)))

    def wrap(self, method):
        def recorded(engine, texts, *args, **kwargs):
            self.texts.extend(texts)
            return method(engine, texts, *args, **kwargs)
        return recorded


@pytest.fixture
def small(tmp_path, seed_texts) -> tuple[Path, dict[str, list[str]]]:
    """Four articles of three sentences cut from the seed (a000: s0 s1 s2, a001: s1 s2 s3, … a003: s3 s4 s5)."""
    texts = write_articles(tmp_path / "in", 4, seed_texts[0], sentences=3)
    return tmp_path / "in", corpus_sentences(texts)


def test_memory_hits_skip_the_model_are_stable_and_a_changed_memory_redoes_only_its_articles(
        tmp_path, small, tiny_models, monkeypatch):
    inputs, sents = small
    first, only_a003 = sents["a000"][0], sents["a003"][2]
    assert first not in {s for a in ("a001", "a002", "a003") for s in sents[a]}
    assert only_a003 not in {s for a in ("a000", "a001", "a002") for s in sents[a]}
    memory = tsv(tmp_path / "m.tsv", [(first, "The reviewed English of the first sentence.", "approved", "")])
    out = tmp_path / "out"
    recorder = Recorder(monkeypatch)
    assert go([inputs], out, tiny_models, *FAST, "--memory", str(memory)) == 0
    from translate.modeltext import model_text

    assert model_text(first)[0] not in recorder.texts and recorder.texts  # the model never saw it; others it did
    [hit] = [s for s in sentences(out, "a000") if s["nl"] == first]
    assert hit["en"] == "The reviewed English of the first sentence." and hit["score"] is None
    assert "memory" in hit["flags"] and hit["origin"] == {"memory": "m.tsv", "id": "row2"}
    assert all("memory" not in s["flags"] for a in ("a001", "a002", "a003") for s in sentences(out, a))
    headers = {a: read_jsonl(out / f"{a}.jsonl")[0]["settings"] for a in sents}
    assert "memory" in headers["a000"] and not any("memory" in headers[a] for a in ("a001", "a002", "a003"))
    written = manifest(out)
    assert written["totals"]["memory_hits"] == 1
    assert written["memory"] == [{"memory": "m.tsv", "sha256": written["memory"][0]["sha256"], "entries": 1}]
    assert [a["memory_hits"] for a in written["articles"]] == [1, 0, 0, 0]

    before = snapshot(out)
    assert go([inputs], out, tiny_models, *FAST, "--memory", str(memory)) == 0
    assert set(statuses(out).values()) == {"unchanged"} and snapshot(out) == before
    assert go([inputs], out, tiny_models, *FAST, "--memory", str(memory), "--force") == 0
    assert snapshot(out) == before  # computed again: the same bytes

    tsv(memory, [(first, "A corrected English of the first sentence.", "approved", ""),
                 (only_a003, "The reviewed English of a later sentence.", "approved", "")])
    assert go([inputs], out, tiny_models, *FAST, "--memory", str(memory)) == 0
    assert statuses(out) == {"a000": "ok", "a001": "unchanged", "a002": "unchanged", "a003": "ok"}
    after = snapshot(out)
    assert {name for name in after if after[name] != before[name]} == {"a000.jsonl", "a003.jsonl"}
    assert sentences(out, "a000")[0]["en"] == "A corrected English of the first sentence."
    assert manifest(out)["totals"]["memory_hits"] == 2


def test_reviewed_work_comes_back_as_memory_approved_before_reviewed(tmp_path, small, tiny_models):
    """run → review → apply → export --only approved → the next run, and a reviewed run folder as memory."""
    inputs, sents = small
    out = tmp_path / "out"
    assert go([inputs], out, tiny_models, *FAST) == 0
    shared = sents["a000"][1]  # in a000 (second sentence) and a001 (first)
    assert sents["a001"][0] == shared
    machine = {a: sentences(out, a) for a in ("a000", "a001")}
    review = review_file(tmp_path / "review.json", [
        item("a000", 0, 1, machine["a000"][1]["en"], "The approved English.", "approved", nl=shared),
        item("a001", 0, 0, machine["a001"][0]["en"], "A corrected, not approved English.", "open", nl=shared),
        item("a000", 0, 2, machine["a000"][2]["en"], "A third, approved.", "approved", nl=sents["a000"][2]),
    ])
    assert main(["apply", str(out), str(review)]) == 0
    tmx = tmp_path / "approved.tmx"
    assert main(["export", str(out), "--only", "approved", "--format", "tmx", "-o", str(tmx)]) == 0
    exported = tmp_path / "all.tsv"  # every pair, the open correction and machine output included
    assert main(["export", str(out), "--format", "tsv", "-o", str(exported)]) == 0
    assert main(["export", str(out), "--format", "parquet", "-o", str(tmp_path / "pq")]) == 0
    approved = {shared: "The approved English.", sents["a000"][2]: "A third, approved."}
    for memory, hits in [(tmx, approved), (out, approved), (exported, None),
                         (tmp_path / "pq" / "sentences.parquet", None)]:
        if hits is None:  # a full export: machine output is plain memory, so every sentence of the run hits
            hits = {s["nl"]: s["en"] for a in sents for s in sentences(out, a) if s["score"] is not None}
            hits |= approved  # approved beats the machine's (plain) and the open correction (reviewed)
        again = tmp_path / f"again-{memory.name}"
        assert go([inputs], again, tiny_models, *FAST, "--memory", str(memory)) == 0
        taken = {s["nl"]: (s["en"], s["origin"]) for a in sents for s in sentences(again, a) if "memory" in s["flags"]}
        assert {nl: en for nl, (en, _origin) in taken.items()} == hits
        assert taken[shared][1] == {"memory": memory.name, "id": "a000 p0s1"}
        assert manifest(again)["totals"]["memory_hits"] == sum(nl in hits for a in sents for nl in sents[a])
    # Only the open correction (reviewed) in a memory: it is taken when nothing approved is there.
    corrected = tsv(tmp_path / "open.tsv", [(shared, "A corrected, not approved English.", "open", "x")])
    both = tmp_path / "both"
    assert go([inputs], both, tiny_models, *FAST, "--memory", str(tmx), str(corrected)) == 0
    assert sentences(both, "a001")[0]["en"] == "The approved English."  # approved beats a later reviewed
    alone = tmp_path / "alone"
    assert go([inputs], alone, tiny_models, *FAST, "--memory", str(corrected)) == 0
    assert sentences(alone, "a001")[0]["en"] == "A corrected, not approved English."


def test_a_near_match_is_a_suggestion_never_the_output(tmp_path, small, tiny_models):
    inputs, sents = small
    plain = tmp_path / "plain"
    assert go([inputs], plain, tiny_models, *FAST) == 0
    target = sents["a000"][2]
    words = target.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    nearby = " ".join([*words[:longest], words[longest][:-1] + "x", *words[longest + 1:]])  # one letter differs
    memory = tsv(tmp_path / "near.tsv", [(nearby, "The English of a nearby sentence.", "approved", "")])
    out = tmp_path / "out"
    assert go([inputs], out, tiny_models, *FAST, "--memory", str(memory)) == 0
    [sentence] = [s for s in sentences(out, "a000") if s["nl"] == target]
    expected = next(s for s in sentences(plain, "a000") if s["nl"] == target)
    assert sentence["en"] == expected["en"] and "memory" not in sentence["flags"]
    suggestion = sentence["suggestion"]
    assert suggestion["nl"] == nearby and suggestion["en"] == "The English of a nearby sentence."
    assert 0.85 <= suggestion["similarity"] < 1 and suggestion["origin"] == {"memory": "near.tsv", "id": "row2"}
    assert manifest(out)["totals"]["memory_hits"] == 0


# The glossary on both backends: a term whose English the model proposes is chosen; one it never proposes is flagged

WORDS = re.compile(r"[^\W\d_]{3,}")


def engine_for(backend: str, model: Path):
    """The engine a run with --backend BACKEND --beams 4 (--compute-type float32 --threads 1 for CTranslate2) uses."""
    from translate.devices import Placement
    from translate.engines.ct2 import CTranslate2Engine
    from translate.engines.hf import TransformersEngine
    from translate.models import folder_fingerprint

    cpu = Placement("cpu", "float32")
    if backend == "transformers":
        return TransformersEngine(model, cpu, 4, 1.5, 10)
    return CTranslate2Engine(model, "local:" + folder_fingerprint(model), cpu, 4, 1.5, 10, "float32", threads=1)


def glossary_case(engine, candidates: list[str]):
    """A sentence, and a glossary term for it whose English the pipeline's choice over the model's own n-best
    reaches but the plain output lacks, with both outputs. The tiny model's outputs always look broken, so every
    piece is tried twice (pipeline._translate_pieces): the expectation follows the pipeline's own `_better`."""
    from translate.glossary import Glossary, Term
    from translate.modeltext import model_text
    from translate.pipeline import PieceResult, _better, output_problems

    def final(shown: str, tries: list, glossary: Glossary | None, term: Term | None) -> str:
        picked = [next((h for h in hypotheses if glossary and not glossary.missing((term,), h.text)), hypotheses[0])
                  for hypotheses in tries]
        results = [PieceResult(h, output_problems(shown, h.text)) for h in picked]
        return (_better(*results) if results[0].flags else results[0]).translation.text

    for sentence in candidates:
        shown = model_text(sentence)[0]
        tries = [engine.translate_nbest([shown], 4, strict=strict)[0] for strict in (False, True)]
        plain = final(shown, tries, None, None)
        dutch = max(WORDS.findall(sentence), key=len)
        for word in dict.fromkeys(w for hypotheses in tries for h in hypotheses for w in WORDS.findall(h.text)):
            term = Term(dutch, word)
            glossary = Glossary([term])
            chosen = final(shown, tries, glossary, term)
            if glossary.missing((term,), plain) and not glossary.missing((term,), chosen):
                return sentence, term, chosen, plain
    pytest.fail("no seed sentence has a usable n-best on the tiny model")


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
def test_a_glossary_term_in_the_n_best_is_chosen_and_one_outside_it_flagged(tmp_path, seed_texts, tiny_models,
                                                                           backend):
    pool = [s for p in seed_texts[0].split("\n\n")[1:] for s in split_sentences(p) if len(s) < 200]
    sentence, term, chosen, best = glossary_case(engine_for(backend, tiny_models["marian"]), pool[:20])
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "one.txt").write_text(sentence, encoding="utf-8")
    options = ["--backend", backend, "--beams", "4", "--threads", "1",
               *(["--compute-type", "float32"] if backend == "ctranslate2" else ["--dtype", "float32"])]
    plain = tmp_path / "plain"
    assert go([tmp_path / "in"], plain, tiny_models, *options) == 0
    assert sentences(plain, "one")[0]["en"] == best  # the n-best's first is what a run without a glossary writes
    for english, expected, flagged in [(term.en, chosen, False), ("zyzzyva", best, True)]:
        glossary = tmp_path / "glossary.tsv"
        glossary.write_text(f"nl\ten\n{term.nl}\t{english}\n", encoding="utf-8")
        out = tmp_path / f"out-{english}"
        assert go([tmp_path / "in"], out, tiny_models, *options, "--glossary", str(glossary)) == 0
        [record] = sentences(out, "one")
        assert record["en"] == expected
        assert bool(read_glossary(glossary).missing(read_glossary(glossary).terms, record["en"])) == flagged
        assert ("glossary" in record["flags"]) == flagged
        if flagged:
            assert record["details"]["glossary"] == f"missing: {term.nl} → zyzzyva"
        totals = manifest(out)["totals"]
        assert (totals["glossary_hits"], totals["glossary_misses"]) == ((0, 1) if flagged else (1, 0))
        assert "glossary" in read_jsonl(out / "one.jsonl")[0]["settings"]
        assert manifest(out)["glossary"]["terms"] == 1


# Shards and Ray: the same files as a local run with the same memory and glossary


@pytest.fixture
def reuse_corpus(tmp_path, seed_texts) -> tuple[Path, list[str]]:
    """Ten small articles, a memory hitting two sentences and suggesting for a third, and a two-term glossary."""
    texts = write_articles(tmp_path / "in", 10, seed_texts[0], sentences=2)
    pool = list(dict.fromkeys(s for sents in corpus_sentences(texts).values() for s in sents))
    near = pool[5].replace(max(pool[5].split(), key=len), max(pool[5].split(), key=len)[:-1] + "x", 1)
    memory = tsv(tmp_path / "m.tsv", [(pool[1], "A reviewed English.", "approved", ""),
                                      (pool[7], "Another reviewed English.", "open", "machine"),
                                      (near, "A nearby English.", "approved", "")])
    terms = [max(pool[3].split(), key=len).strip(".,"), max(pool[9].split(), key=len).strip(".,")]
    glossary = tmp_path / "g.tsv"
    glossary.write_text("nl\ten\n" + "".join(f"{t}\tword{i}\n" for i, t in enumerate(terms)), encoding="utf-8")
    return tmp_path / "in", ["--memory", str(memory), "--glossary", str(glossary), *FAST, "--window", "4",
                             "--threads", "1"]


def test_shards_give_a_local_runs_files_with_memory_and_glossary(tmp_path, reuse_corpus, tiny_models):
    inputs, options = reuse_corpus
    local, sharded = tmp_path / "local", tmp_path / "sharded"
    assert go([inputs], local, tiny_models, *options) == 0
    totals = manifest(local)["totals"]
    assert totals["memory_hits"] >= 2 and totals["glossary_hits"] + totals["glossary_misses"] >= 2
    assert b'"suggestion"' in b"".join(snapshot(local).values())
    for k in (1, 2, 3):
        assert go([inputs], sharded, tiny_models, *options, "--shard", f"{k}/3") == 0
    assert main(["merge-manifests", str(sharded)]) == 0
    assert snapshot(sharded) == snapshot(local)
    merged = manifest(sharded)["totals"]
    assert {k: merged[k] for k in ("memory_hits", "glossary_hits", "glossary_misses")} == \
        {k: totals[k] for k in ("memory_hits", "glossary_hits", "glossary_misses")}


def test_ray_gives_a_local_runs_files_with_memory_and_glossary(tmp_path, reuse_corpus, tiny_models):
    ray = pytest.importorskip("ray")
    inputs, options = reuse_corpus
    local, on_ray = tmp_path / "local", tmp_path / "ray"
    assert go([inputs], local, tiny_models, *options) == 0
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        assert go([inputs], on_ray, tiny_models, *options, "--engine", "ray", "--actors", "2") == 0
    finally:
        ray.shutdown()
    assert snapshot(on_ray) == snapshot(local)
    assert manifest(on_ray)["totals"]["memory_hits"] == manifest(local)["totals"]["memory_hits"] >= 2


def test_glossary_terms_are_known_renderings_for_the_names_check():
    """A Dutch name the glossary renders in English is present when its English is: on the model's sentences
    and on those taken from a memory alike."""
    nl, en = "Volgens Rijkswaterstaat is de dijk veilig.", "According to the Water Authority the dike is safe."
    term = Term("Rijkswaterstaat", "Water Authority")
    result = PieceResult(Translation(en, -0.5, 10), ())
    plain = sentence_record(Sentence(nl, (nl,)), [result])
    assert plain.flags == ("names",)
    assert sentence_record(Sentence(nl, (nl,), terms=(term,)), [result]).flags == ()
    memory = {"en": en, "origin": {"memory": "m.tsv", "id": "1"}}
    assert "names" in memory_record(Sentence(nl, (nl,), memory=memory)).flags
    assert memory_record(Sentence(nl, (nl,), memory=memory, terms=(term,))).flags == ("memory",)


def test_a_near_match_taken_with_one_key_in_the_review_page_becomes_the_english(tmp_path, small, tiny_models,
                                                                                browser):  # noqa: F811 (the fixture of test_review)
    """The whole loop: a run with a memory suggests its nearest entry; one key in the review page takes it; the
    downloaded review, applied, puts the memory's English in the file (the machine's kept as mt)."""
    inputs, sents = small
    target = sents["a000"][2]
    words = target.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    nearby = " ".join([*words[:longest], words[longest][:-1] + "x", *words[longest + 1:]])
    memory = tsv(tmp_path / "near.tsv", [(nearby, "The English of a nearby sentence.", "approved", "")])
    out = tmp_path / "out"
    assert go([inputs], out, tiny_models, *FAST, "--no-summary", "--memory", str(memory)) == 0
    machine = next(s for s in sentences(out, "a000") if s["nl"] == target)["en"]
    page = open_page(browser, first_page(build_report(ReviewSettings(out))))
    ready(page)
    pair = page.evaluate("t => [...document.querySelectorAll('.nl [data-pair]')].find(e => e.textContent === t)"
                         ".dataset.pair", target)
    assert "The English of a nearby sentence." in page.inner_text(".suggestion")
    page.focus(f'.en [data-pair="{pair}"]')
    page.keyboard.press("s")
    assert page.inner_text(f'.en [data-pair="{pair}"]') == "The English of a nearby sentence."
    settled(page)
    review = download_review(page, tmp_path, "near.review.json")
    assert main(["apply", str(out), str(review)]) == 0
    [sentence] = [s for s in sentences(out, "a000") if s["nl"] == target]
    assert (sentence["en"], sentence["mt"]) == ("The English of a nearby sentence.", machine)
