"""The lightened beam search gives the same tokens as plain `generate()`, and still bans and delays what it must."""

from __future__ import annotations

import pytest
import torch
from conftest import SEED
from transformers import AutoModelForSeq2SeqLM

from translate.articles import parse_text
from translate.devices import Placement
from translate.engines import STRICT_DECODING
from translate.engines.generation import EndNotBefore, _BanTokens, _in_place, generate
from translate.engines.hf import load_seq2seq
from translate.segment import split_sentences

CPU = Placement("cpu", "float32")


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    paragraphs = parse_text(SEED.read_text(encoding="utf-8"))[1]
    return [s for p in paragraphs for s in split_sentences(p)][:6]


def plain_and_light(path, change=None):
    """The same model twice: as transformers loads it, and as the tool does (lightened)."""
    plain = AutoModelForSeq2SeqLM.from_pretrained(path).eval()
    tokenizer, light = load_seq2seq(path, CPU)
    for model in (plain, light):
        if change:
            change(model)
    return tokenizer, plain, light


def both(tokenizer, plain, light, texts, **options):
    batch = tokenizer(texts, return_tensors="pt", padding=True)
    with torch.inference_mode():
        return plain.generate(**batch, **options), generate(light, batch, **options)


@pytest.mark.parametrize("model", ["marian", "bart", "t5"])
@pytest.mark.parametrize("options", [{"num_beams": 4}, {"num_beams": 3, **STRICT_DECODING}, {"num_beams": 1}],
                         ids=["beams4", "strict", "greedy"])
def test_same_tokens_as_plain_generate(tiny_models, sentences, model, options):
    tokenizer, plain, light = plain_and_light(tiny_models[model])
    expected, got = both(tokenizer, plain, light, sentences, max_new_tokens=24, **options)
    assert torch.equal(expected, got)


def _favour_pad(model):
    with torch.no_grad():
        model.final_logits_bias[0, model.config.pad_token_id] = 50.0


def test_banned_token_stays_banned_when_the_model_favours_it(tiny_models, sentences):
    """opus-mt bans <pad> with bad_words_ids; here the model wants <pad> everywhere, and still gets none."""
    tokenizer, plain, light = plain_and_light(tiny_models["marian"], _favour_pad)
    expected, got = both(tokenizer, plain, light, sentences, num_beams=4, max_new_tokens=16)
    assert torch.equal(expected, got)
    assert not (got[:, 1:] == light.config.pad_token_id).any()


def _favour_end(model):
    with torch.no_grad():
        model.final_logits_bias[0, model.config.eos_token_id] = 50.0


def test_min_length_still_holds_the_end_back(tiny_models, sentences):
    """The summariser's min_length: a model that wants to stop at once must still reach it."""
    tokenizer, plain, light = plain_and_light(tiny_models["bart"], _favour_end)
    expected, got = both(tokenizer, plain, light, sentences, num_beams=4, min_length=9, max_length=30,
                         no_repeat_ngram_size=0)
    assert torch.equal(expected, got)
    eos = light.config.eos_token_id
    first_end = [row.tolist().index(eos) for row in got[:, 1:]]
    assert min(first_end) + 2 >= 9  # the start token and the end token count towards min_length


def test_lightening_twice_wraps_once(tiny_models):
    from translate.engines.generation import lighten

    _, model = load_seq2seq(tiny_models["marian"], CPU)
    once = model._get_logits_processor
    lighten(model)
    assert model._get_logits_processor is once


@pytest.mark.parametrize("length", [3, 5])
def test_in_place_processors_compute_what_transformers_does(length):
    from transformers import MinLengthLogitsProcessor, NoBadWordsLogitsProcessor

    scores = torch.log_softmax(torch.randn(6, 40, generator=torch.Generator().manual_seed(1)), dim=-1)
    input_ids = torch.zeros(6, length, dtype=torch.long)
    for original, kind in [(NoBadWordsLogitsProcessor([[7], [39]], eos_token_id=2), _BanTokens),
                           (MinLengthLogitsProcessor(4, eos_token_id=[2, 3]), EndNotBefore)]:
        fast = _in_place(original)
        assert isinstance(fast, kind)
        assert torch.equal(fast(input_ids, scores.clone()), original(input_ids, scores.clone()))


def test_multi_token_bad_words_keep_transformers_processor():
    from transformers import NoBadWordsLogitsProcessor

    original = NoBadWordsLogitsProcessor([[7], [8, 9]], eos_token_id=2)
    assert _in_place(original) is original
