"""First contact with the published checkpoints: what their layouts and habits would break (issue 12).

Every test here is marked real_checkpoint (`pytest -m real_checkpoint` runs them with the ones in
test_faults.py and test_batching.py): each would fail without the fix it guards.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import torch
from conftest import ROOT, read_jsonl
from test_run import run
from test_segment import SPLITS

from translate.devices import Placement
from translate.modeltext import model_text, normalise_quotes, shouting
from translate.summarize import MIN_INPUT_TOKENS, Summarizer

pytestmark = pytest.mark.real_checkpoint

CPU = Placement("cpu", "float32")


# --- Dutch low-high quotes: plain quotes in what the model sees ------------------------------------------------


def moses(text: str) -> str:
    """What MarianTokenizer's punctuation normaliser makes of a text before SentencePiece sees it."""
    from sacremoses import MosesPunctNormalizer

    return MosesPunctNormalizer("nl").normalize(text)


QUOTED = [sentence for _text, sentences in SPLITS for sentence in sentences if ",," in sentence or "''" in sentence]


def test_the_splitter_quote_cases_are_there():
    assert len(QUOTED) >= 4


@pytest.mark.parametrize("sentence", QUOTED)
def test_low_high_quotes_reach_the_model_as_plain_quotes(sentence):
    assert moses(",,Dit is een stap'', zei hij.") == ',,Dit is een stap " , zei hij.'  # what the model saw before
    shown, recased = model_text(sentence)
    assert not recased and ",," not in shown and "''" not in shown
    assert ",," not in moses(shown) and '" ,' not in moses(shown)
    # Only the quotes change: the words and other punctuation are the sentence's own.
    assert shown.replace('"', "") == sentence.replace(",,", "").replace("''", "")


@pytest.mark.parametrize(("dutch", "shown"), [
    (",,Dit is een stap'', zei hij.", '"Dit is een stap", zei hij.'),
    ("Hij zei: „Nee.”", 'Hij zei: "Nee.”'),
    (",, Tien jaar geleden was het anders.", '" Tien jaar geleden was het anders.'),
    ("Zo''n auto's kosten 3,5 miljoen; 1,,2 is een typfout.", "Zo''n auto's kosten 3,5 miljoen; 1,,2 is een typfout."),
    ("(,,Ja'') en [,,nee'']", '("Ja") en ["nee"]'),
])
def test_quote_table(dutch, shown):
    assert normalise_quotes(dutch) == shown


def test_the_record_keeps_the_dutch_as_written(tmp_path, tiny_models):
    article = tmp_path / "in" / "quotes.txt"
    article.parent.mkdir()
    article.write_text(",,Dit is een stap'', zei hij. „Ja”, zei zij.\n\nDE NAVO GAAT ER NIET OVER!\n", encoding="utf-8")
    assert run([article], tmp_path / "out", tiny_models, "--beams", "1", "--no-summary", summary="") == 0
    records = read_jsonl(tmp_path / "out" / "quotes.jsonl")
    sentences = [s for r in records[1:] for s in r["sentences"]]
    assert [s["nl"] for s in sentences] == [",,Dit is een stap'', zei hij.", "„Ja”, zei zij.",
                                            "DE NAVO GAAT ER NIET OVER!"]


# --- ALL-CAPS: translated in sentence case, English back in capitals, flagged recased ---------------------------


@pytest.mark.parametrize(("dutch", "shouted"), [
    ("DE NAVO GAAT ER NIET OVER!", True),
    ("KABINET VALT OVER STIKSTOF", True),
    ("IJSSELMEER BEVROREN", True),
    ("‘WIJ WILLEN GEEN OORLOG’", True),
    ("De NAVO en de EU praten in Brussel.", False),  # acronyms inside a normal sentence stay as they are
    ("NAVO.", False),  # a lone acronym is not shouting
    ("VVD en CDA", False),
    ("Ajax - PSV 2-1", False),
    ("1.500 EURO", False),  # one word of letters
])
def test_what_counts_as_shouting(dutch, shouted):
    assert shouting(dutch) is shouted
    shown, recased = model_text(dutch)
    assert recased is shouted
    if not shouted:
        assert shown == dutch
    else:
        assert shown != dutch and shown.lower() == dutch.lower() and not shouting(shown)


def test_a_shouted_sentence_is_translated_in_sentence_case_and_put_back_in_capitals(tmp_path, tiny_models,
                                                                                    monkeypatch):
    from translate.engines.ct2 import CTranslate2Engine

    shown: list[str] = []
    translate = CTranslate2Engine.translate

    def seen(engine, texts, strict=False):
        shown.extend(texts)
        return translate(engine, texts, strict)

    monkeypatch.setattr(CTranslate2Engine, "translate", seen)
    article = tmp_path / "in" / "caps.txt"
    article.parent.mkdir()
    article.write_text("DE NAVO GAAT ER NIET OVER! De NAVO en de EU praten in Brussel.\n", encoding="utf-8")
    assert run([article], tmp_path / "out", tiny_models, "--beams", "1", "--no-summary", summary="") == 0
    first, second = read_jsonl(tmp_path / "out" / "caps.jsonl")[1]["sentences"]
    assert "De navo gaat er niet over!" in shown and "DE NAVO GAAT ER NIET OVER!" not in shown
    assert "De NAVO en de EU praten in Brussel." in shown
    assert first["nl"] == "DE NAVO GAAT ER NIET OVER!" and "recased" in first["flags"]
    assert first["en"] == first["en"].upper() and any(c.isalpha() for c in first["en"])
    assert "recased" not in second["flags"] and second["en"] != second["en"].upper()


# --- summaries bounded by the input -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def eager_bart(tmp_path_factory, seed_texts) -> Path:
    """A random BART with distilbart-cnn's length settings (56 to 142) that wants to end at every step."""
    from transformers import AutoModelForSeq2SeqLM

    from translate import randmodels

    folder = randmodels.build_bart(tmp_path_factory.mktemp("eager") / "bart", seed_texts, max_length=142,
                                   min_length=56)
    model = AutoModelForSeq2SeqLM.from_pretrained(folder)
    with torch.no_grad():
        model.final_logits_bias[0, model.config.eos_token_id] = 20.0
    model.save_pretrained(folder)
    return folder


class Lengths:
    """Records what the summariser asks its model for, and how many tokens the model generated (start excluded)."""

    def __init__(self, generator):
        self.settings: list[dict] = []
        self.generated: list[int] = []
        self.generator = generator
        generate = generator.generate

        def recorded(texts, settings):
            self.settings.append(settings)
            return generate(texts, settings)

        generator.generate = recorded
        if hasattr(generator, "translator"):
            generator.translator = self._counting_translator(generator.translator)
        else:
            model_generate = generator.model.generate

            def counted(*args, **kwargs):
                out = model_generate(*args, **kwargs)
                self.generated += (out != generator.config.pad_token_id).sum(dim=1).sub(1).tolist()
                return out

            generator.model.generate = counted

    def _counting_translator(self, translator):
        lengths = self

        class Counting:
            def translate_batch(self, *args, **kwargs):
                results = translator.translate_batch(*args, **kwargs)
                # the hypothesis holds the <s> prefix; add the end token a search that stopped chose
                lengths.generated += [len(r.hypotheses[0]) + 1 for r in results]
                return results

        return Counting()


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_a_summary_is_never_longer_than_about_half_its_article(eager_bart, seed_texts, backend):
    from translate.engines.ct2 import CTranslate2Generator
    from translate.engines.hf import TransformersGenerator
    from translate.segment import split_sentences

    generator = (TransformersGenerator(eager_bart, CPU) if backend == "transformers"
                 else CTranslate2Generator(eager_bart, "local:eager", CPU, "float32", threads=1))
    summarizer = Summarizer(generator, 1024)
    lengths = Lengths(generator)
    sentences = split_sentences(" ".join(seed_texts[0].split()[2:]))
    short = next(sentences[:k] for k in range(1, len(sentences))
                 if summarizer.count_tokens(" ".join(sentences[:k])) >= MIN_INPUT_TOKENS)
    size = summarizer.count_tokens(" ".join(short))
    # Without the bound, min_length 56 forces every summary to 56 tokens, however short the article.
    [summary] = summarizer.summarize([short])
    assert summary.text and summary.skipped is None and size < 112
    assert lengths.settings[-1]["max_length"] <= size // 2 and lengths.settings[-1]["min_length"] <= size // 4
    assert lengths.generated[-1] <= size // 2  # the model wants to end: it ends at the (bounded) minimum
    [summary] = summarizer.summarize([sentences])  # a whole article: the model's own 56 to 142 apply
    assert lengths.settings[-1]["min_length"] == 56 and lengths.settings[-1]["max_length"] == 142
    assert lengths.generated[-1] >= 55 and summary.text
    calls = len(lengths.settings)
    [summary] = summarizer.summarize([sentences[:1]])  # under MIN_INPUT_TOKENS: no summary, no model call
    assert summary.text == "" and str(MIN_INPUT_TOKENS) in summary.skipped and len(lengths.settings) == calls


def test_a_short_article_gets_no_summary_and_the_record_says_why(tmp_path, tiny_models):
    article = tmp_path / "in" / "short.txt"
    article.parent.mkdir()
    article.write_text("Ja.\n", encoding="utf-8")
    assert run([article], tmp_path / "out", tiny_models, "--beams", "1") == 0
    records = read_jsonl(tmp_path / "out" / "short.jsonl")
    assert records[-1]["type"] == "summary" and records[-1]["en"] == ""
    assert "too short to summarise" in records[-1]["skipped"]
    assert records[0]["settings"]["summary"]["min_input_tokens"] == MIN_INPUT_TOKENS


# --- special-token text: tokenised as text by every tokenizer -------------------------------------------------


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_mask_and_other_special_token_text_in_an_article_is_text(tiny_models, backend):
    from transformers import AutoConfig, AutoTokenizer

    from translate.engines.ct2 import CTranslate2Engine, CTranslate2Generator
    from translate.engines.hf import TransformersEngine, TransformersGenerator

    bart = tiny_models["bart"]
    tokenizer, config = AutoTokenizer.from_pretrained(bart), AutoConfig.from_pretrained(bart)
    assert tokenizer.mask_token_id == config.vocab_size == len(tokenizer) - 1  # as in distilbart-cnn
    text = ("Het model zag <mask> en </s> en <pad> en <unk> in de tekst van een artikel over de Tweede Kamer, "
            "waar de NAVO, de EU en de VN elke week over praten. ") * 2
    generator = (TransformersGenerator(bart, CPU) if backend == "transformers"
                 else CTranslate2Generator(bart, "local:bart", CPU, "float32", threads=1))
    [summary] = Summarizer(generator, 1024).summarize([[text]])  # an IndexError without split_special_tokens
    assert summary.text and not summary.skipped
    engine = (TransformersEngine(tiny_models["marian"], CPU, 1, 1.5, 10) if backend == "transformers"
              else CTranslate2Engine(tiny_models["marian"], "local:marian", CPU, 1, 1.5, 10, "float32", threads=1))
    [count] = engine.count_tokens(["Dit is <pad> en </s>."])
    marian = AutoTokenizer.from_pretrained(tiny_models["marian"])
    assert count == len(marian("Dit is <pad> en </s>.", split_special_tokens=True)["input_ids"])
    assert count > len(marian("Dit is <pad> en </s>.")["input_ids"])
    [translation] = engine.translate(["Dit is <pad> en </s>."])
    assert translation.tokens > 0


# --- random models that look like the real ones -------------------------------------------------------------------


def test_random_models_have_the_published_layouts(tiny_models):
    from transformers import AutoConfig, AutoModelForSeq2SeqLM, GenerationConfig

    marian = AutoModelForSeq2SeqLM.from_pretrained(tiny_models["marian"])
    pad = marian.config.pad_token_id
    assert torch.count_nonzero(marian.model.shared.weight[pad]) == 0  # a zero <pad> embedding
    assert torch.count_nonzero(marian.final_logits_bias) == 0  # and no bias against <pad>
    generation = GenerationConfig.from_pretrained(tiny_models["marian"])
    assert generation.bad_words_ids == [[pad]] and not generation.renormalize_logits  # the pinned revision's
    bart = AutoConfig.from_pretrained(tiny_models["bart"])
    assert json.loads((tiny_models["bart"] / "vocab.json").read_text(encoding="utf-8"))["<mask>"] == bart.vocab_size


def test_the_score_leaves_out_pad_as_beam_search_does(tiny_models, tmp_path):
    """A model that puts most of its probability on <pad>: the search never picks it, and the score must not
    count the mass it gets, or the transformers backend's scores sink where CTranslate2's do not."""
    from transformers import AutoModelForSeq2SeqLM

    from translate.engines.ct2 import CTranslate2Engine
    from translate.engines.hf import TransformersEngine

    folder = tmp_path / "pad-heavy"
    shutil.copytree(tiny_models["marian"], folder)
    model = AutoModelForSeq2SeqLM.from_pretrained(folder)
    with torch.no_grad():
        model.final_logits_bias[0, model.config.pad_token_id] = 8.0
    model.save_pretrained(folder)
    sentences = ["Donderdag vond er overleg plaats.", "De kans is klein."]
    reference = TransformersEngine(folder, CPU, 1, 0.0, 6).translate(sentences)
    fast = CTranslate2Engine(folder, "local:pad-heavy", CPU, 1, 0.0, 6, "float32", threads=1).translate(sentences)
    assert [t.text for t in fast] == [t.text for t in reference]
    assert [t.score for t in reference] == pytest.approx([t.score for t in fast], abs=1e-3)


# --- the pin --------------------------------------------------------------------------------------------------


def test_the_translation_model_pin_is_unconfirmed_and_claims_no_size_or_hash():
    from translate.models import load_lock

    lock = load_lock(ROOT / "models.lock")
    translation = lock["translation"]
    assert translation.revision_confirmed is False  # only a fetch from the hub confirms it
    assert all(f.size is None and f.sha256 is None for f in translation.files)
