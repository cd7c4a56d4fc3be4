"""The CTranslate2 backend against the transformers backend, on a tiny random Marian model."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("ctranslate2")

from translate.devices import Placement
from translate.engines import Translation, ct2
from translate.engines.hf import ModelLoadError, TransformersEngine

CPU = Placement("cpu", "float32")
SENTENCES = [
    "De Amerikaanse president Joe Biden heeft alle Amerikanen in Oekraïne opgeroepen het land direct te verlaten.",
    "Ja.",
    "Donderdag vond er overleg plaats tussen vertegenwoordigers van Duitsland, Frankrijk, Oekraïne en Rusland.",
    "Na negen uur vergaderen was er geen resultaat geboekt.",
    "Lavrov noemde de besprekingen op voorhand al 'een gesprek tussen de stomme en de dove'.",
]


@pytest.fixture(scope="module")
def marian(tiny_models) -> Path:
    """The tiny Marian: randmodels lays it out as converted opus-mt models are (zero, never-predicted <pad>)."""
    return tiny_models["marian"]


@pytest.fixture
def cache(tmp_path) -> Path:
    return tmp_path / "ct2-cache"


def engine(path: Path, cache: Path, beams: int = 1, compute_type: str = "float32", ratio: float = 1.5,
           margin: int = 10) -> ct2.CTranslate2Engine:
    return ct2.CTranslate2Engine(path, "local:test", CPU, beams, ratio, margin, compute_type=compute_type,
                                 cache_dir=cache, threads=1)


def test_conversion_is_cached_and_keyed_by_compute_type(marian, cache, monkeypatch):
    first = engine(marian, cache)
    assert first.model_dir == cache / "local_test-float32"
    monkeypatch.setattr(ct2, "_convert", lambda *args: pytest.fail("converted a second time"))
    assert engine(marian, cache).model_dir == first.model_dir
    monkeypatch.undo()
    engine(marian, cache, compute_type="int8")
    # Only finished conversions are left, no temporary folders.
    assert sorted(p.name for p in cache.iterdir()) == ["local_test-float32", "local_test-int8"]


def test_cache_root_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(ct2.CACHE_ENV, str(tmp_path / "elsewhere"))
    assert ct2.cache_root() == tmp_path / "elsewhere"


def test_unconvertible_folder_is_a_load_error(tmp_path, cache):
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelLoadError, match="broken: cannot convert to CTranslate2"):
        engine(tmp_path / "broken", cache)
    assert list(cache.iterdir()) == []


def test_greedy_float32_matches_transformers(marian, cache):
    reference = TransformersEngine(marian, CPU, 1, 1.5, 10)
    fast = engine(marian, cache)
    assert fast.max_input_tokens == reference.max_input_tokens
    assert fast.count_tokens(SENTENCES) == reference.count_tokens(SENTENCES)
    expected, got = reference.translate(SENTENCES), fast.translate(SENTENCES)
    assert [t.text for t in got] == [t.text for t in expected]
    assert [t.tokens for t in got] == [t.tokens for t in expected]
    assert [t.score for t in got] == pytest.approx([t.score for t in expected], abs=1e-3)


@pytest.fixture(scope="module")
def ending_marian(marian, tmp_path_factory) -> Path:
    """The tiny Marian with its end token favoured, so outputs end by the model's choice, not at the bound."""
    import shutil

    import torch
    from transformers import AutoModelForSeq2SeqLM

    folder = tmp_path_factory.mktemp("ending") / "marian"
    shutil.copytree(marian, folder)
    model = AutoModelForSeq2SeqLM.from_pretrained(marian)
    with torch.no_grad():
        model.final_logits_bias[0, model.config.eos_token_id] = 2.0
    model.save_pretrained(folder)
    return folder


@pytest.mark.parametrize("beams", [1, 4])
def test_search_scores_equal_teacher_forced_scores_when_outputs_end(ending_marian, cache, beams):
    # Outputs that end with </s> take CTranslate2's own search score (no second pass): it must be the
    # quantity the transformers backend computes by teacher forcing.
    reference = TransformersEngine(ending_marian, CPU, beams, 1.5, 10).translate(SENTENCES)
    fast = engine(ending_marian, cache, beams=beams).translate(SENTENCES)
    assert [t.tokens for t in fast] == [t.tokens for t in reference] == [1] * len(SENTENCES)
    assert [t.score for t in fast] == pytest.approx([t.score for t in reference], abs=1e-3)
    assert all(t.score < -0.5 for t in fast)


def test_batch_results_come_back_in_input_order(marian, cache):
    # Random weights never end a sentence: a fixed output bound makes outputs independent of the batch.
    fast = engine(marian, cache, ratio=0, margin=12)
    alone = [fast.translate([sentence])[0] for sentence in SENTENCES]
    # Random weights give every sentence much the same words; the scores still tell them apart.
    assert len({t.score for t in alone}) == len(SENTENCES)
    together = fast.translate(SENTENCES)
    assert [t.text for t in together] == [t.text for t in alone]
    assert [t.score for t in together] == pytest.approx([t.score for t in alone], abs=2e-4)


@pytest.mark.parametrize("strict", [False, True])
def test_int8_beam_search_runs(marian, cache, strict):
    results = engine(marian, cache, beams=4, compute_type="int8").translate(SENTENCES, strict=strict)
    assert len(results) == len(SENTENCES)
    assert all(isinstance(t, Translation) and t.score <= 0 and t.tokens >= 1 for t in results)


def test_output_is_bounded_by_the_batch_longest_input(marian, cache):
    fast = engine(marian, cache)
    longest = max(fast.count_tokens(SENTENCES))
    bound = int(longest * 1.5) + 10  # output tokens, the end token included, as in generate()
    assert all(t.tokens <= bound for t in fast.translate(SENTENCES))


def test_cli_with_the_ctranslate2_backend_writes_the_same_schema_deterministically(tmp_path, tiny_models,
                                                                                     monkeypatch):
    from conftest import SEED, read_jsonl
    from test_run import check_article, run

    monkeypatch.setenv("TRANSLATE_CT2_CACHE", str(tmp_path / "ct2"))
    for out in ("a", "b"):
        assert run([SEED], tmp_path / out, tiny_models, "--backend", "ctranslate2", "--beams", "2") == 0
    name = f"{SEED.stem}.jsonl"
    records = read_jsonl(tmp_path / "a" / name)
    check_article(records, SEED.read_text(encoding="utf-8"))
    assert records[0]["settings"]["backend"] == "ctranslate2" and records[0]["settings"]["dtype"] == "int8"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


@pytest.mark.parametrize(("options", "message"), [
    (["--backend", "transformers", "--compute-type", "int8"], "--compute-type applies to the CTranslate2 backend"),
    (["--backend", "ctranslate2", "--int8"], "--int8 applies to the transformers backend"),
    (["--backend", "ctranslate2", "--dtype", "float32"], "--dtype applies to the transformers backend"),
    (["--compute-type", "int8", "--int8"], "give one kind"),
])
def test_options_of_the_other_backend_are_usage_errors(capsys, options, message):
    from translate.cli import main

    with pytest.raises(SystemExit) as caught:
        main(["run", *options])
    assert caught.value.code == 2
    assert message in capsys.readouterr().err


# --- the summariser on CTranslate2 ------------------------------------------------------------------------------


def test_search_options_count_lengths_as_transformers_does():
    settings = {"num_beams": 4, "min_length": 56, "max_length": 142, "length_penalty": 2.0,
                "no_repeat_ngram_size": 3, "early_stopping": True}
    # transformers counts the decoder's start token; a forced end token takes the last place.
    assert ct2.search_options(settings, forced_end=True) == {
        "beam_size": 4, "length_penalty": 2.0, "no_repeat_ngram_size": 3, "repetition_penalty": 1.0,
        "min_decoding_length": 55, "max_decoding_length": 140}
    assert ct2.search_options({"max_length": 30}, forced_end=False)["max_decoding_length"] == 29


# Inputs long enough to be summarised (see summarize.MIN_INPUT_TOKENS), of several lengths.
SUMMARY_INPUTS = [SENTENCES[i:] + SENTENCES[:i] for i in range(len(SENTENCES))] + [SENTENCES * 2]


def ends_by_choice(folder: Path) -> bool:
    """Whether every summary of SUMMARY_INPUTS ends before the length bound of its input (transformers)."""
    from translate.engines.hf import TransformersGenerator
    from translate.summarize import Summarizer, bounded

    summarizer = Summarizer(TransformersGenerator(folder, CPU), 1024)
    for text in map(" ".join, SUMMARY_INPUTS):
        settings = bounded(summarizer.settings, summarizer.count_tokens(text))
        output = summarizer.model.model.generate(**summarizer.tokenizer([text], return_tensors="pt"), **settings)
        if not settings["min_length"] < output.shape[1] < settings["max_length"]:
            return False
    return True


def near_tie(folder: Path, sentences: list[str], one: str, other: str, tolerance: float = 1e-6) -> bool:
    """Whether two summaries of one input both end transformers' beam search, their scores within `tolerance`
    (a score is the summed log-probability over length ** 2: 1e-6 is a few thousandths of a nat in all).

    Random weights give near-uniform scores, so two beams can tie to the last few bits; float sums taken in
    another order (CTranslate2's kernels, or one library's own on differently aligned memory) then break the
    tie either way from one run to the next. Such a pair is the same search, not a disagreement.
    """
    from translate.engines.hf import TransformersGenerator
    from translate.summarize import Summarizer, bounded

    summarizer = Summarizer(TransformersGenerator(folder, CPU), 1024)
    text = " ".join(sentences)
    settings = bounded(summarizer.settings, summarizer.count_tokens(text))
    output = summarizer.model.model.generate(**summarizer.tokenizer([summarizer.prefix + text], return_tensors="pt"),
                                             **settings, num_return_sequences=settings["num_beams"],
                                             output_scores=True, return_dict_in_generate=True)
    decoded = summarizer.tokenizer.batch_decode(output.sequences, skip_special_tokens=True)
    scores = {}
    for summary, score in zip(decoded, output.sequences_scores.tolist(), strict=True):
        scores.setdefault(summary.strip(), score)
    return one in scores and other in scores and abs(scores[one] - scores[other]) <= tolerance


@pytest.fixture(scope="module")
def renormalising(tiny_models, tmp_path_factory) -> dict[str, Path]:
    """The tiny BART (its end token favoured just enough that summaries end by choice) and T5, renormalising.

    CTranslate2 masks (min_length, repeated n-grams) before its softmax; transformers masks after it,
    and renormalises only where the generation config says so. With it, both run the same search.
    """
    import shutil

    import torch
    from transformers import AutoModelForSeq2SeqLM

    folders = {name: tmp_path_factory.mktemp("renormalising") / name for name in ("bart", "t5")}
    for name, folder in folders.items():
        shutil.copytree(tiny_models[name], folder)
        model = AutoModelForSeq2SeqLM.from_pretrained(tiny_models[name])
        model.generation_config.renormalize_logits = True
        model.save_pretrained(folder)
    model = AutoModelForSeq2SeqLM.from_pretrained(folders["bart"])
    for end_bias in (0.75, 0.8, 0.85, 0.9, 1.0):  # the least bias that ends every summary before its bound
        with torch.no_grad():
            model.final_logits_bias[0, model.config.eos_token_id] = end_bias
        model.save_pretrained(folders["bart"])
        if ends_by_choice(folders["bart"]):
            return folders
    pytest.fail("no end-token bias made the tiny BART end its summaries by choice")


@pytest.mark.parametrize("name", ["bart", "t5"])
def test_ctranslate2_summariser_agrees_with_transformers(renormalising, cache, name):
    from translate.engines.hf import TransformersGenerator
    from translate.summarize import Summarizer

    reference = Summarizer(TransformersGenerator(renormalising[name], CPU), 1024)
    fast = Summarizer(ct2.CTranslate2Generator(renormalising[name], f"local:{name}", CPU, "float32", cache,
                                               threads=1), 1024)
    assert fast.settings == reference.settings and fast.prefix == reference.prefix
    expected = reference.summarize(SUMMARY_INPUTS)
    got = fast.summarize(SUMMARY_INPUTS)
    differing = [(sentences, mine.text, theirs.text)
                 for sentences, mine, theirs in zip(SUMMARY_INPUTS, got, expected, strict=True) if mine != theirs]
    assert all(near_tie(renormalising[name], *case) for case in differing), differing
    assert len(differing) <= len(SUMMARY_INPUTS) // 3  # a tie is an exception, not the rule
    assert all(summary.text and not summary.skipped for summary in expected)
    assert name == "t5" or ends_by_choice(renormalising[name])  # BART's summaries end by the model's choice
