"""The transformers backend and the summariser on tiny models: scores, batching, chunking."""

from __future__ import annotations

import pytest
import torch
from conftest import SEED

from translate.articles import parse_text
from translate.devices import Placement, place
from translate.engines.hf import TransformersEngine, TransformersGenerator, load_seq2seq, score_outputs
from translate.summarize import Summarizer, summary_prefix, summary_settings

CPU = Placement("cpu", "float32")


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    from translate.segment import split_sentences

    return [s for p in parse_text(SEED.read_text(encoding="utf-8"))[1] for s in split_sentences(p)]


def test_score_is_the_mean_log_probability_per_output_token(tiny_models):
    """The teacher-forced score equals what generate() reports for its own greedy choices."""
    tokenizer, model = load_seq2seq(tiny_models["t5"], CPU)
    batch = tokenizer(["Donderdag vond er overleg plaats.", "De kans is klein."], return_tensors="pt", padding=True)
    with torch.inference_mode():
        out = model.generate(**batch, num_beams=1, max_new_tokens=12, output_scores=True,
                             return_dict_in_generate=True)
        steps = model.compute_transition_scores(out.sequences, out.scores, normalize_logits=True)
        means, counts = score_outputs(model, batch, out.sequences)
    mask = out.sequences[:, 1:] != model.generation_config.pad_token_id
    expected = (steps * mask).sum(dim=1) / mask.sum(dim=1)
    assert counts == mask.sum(dim=1).tolist()
    assert means == pytest.approx(expected.tolist(), abs=1e-4)


def test_batched_translation_equals_one_by_one(tiny_models, sentences):
    """Padding and attention masks must not change what a sentence becomes."""
    # A flat output bound, so a sentence alone and in a batch may generate equally long outputs.
    engine = TransformersEngine(tiny_models["marian"], CPU, beams=2, length_ratio=0.0, length_margin=12)
    picked = sentences[:4]
    together = engine.translate(picked)
    alone = [engine.translate([s])[0] for s in picked]
    assert [t.text for t in together] == [t.text for t in alone]
    assert [t.score for t in together] == pytest.approx([t.score for t in alone], abs=1e-3)
    assert all(t.tokens > 0 for t in together)


def test_output_length_is_bounded_by_the_input(tiny_models):
    engine = TransformersEngine(tiny_models["marian"], CPU, beams=1, length_ratio=1.5, length_margin=10)
    source_tokens = engine.count_tokens(["Kort."])[0]
    [translation] = engine.translate(["Kort."])
    assert translation.tokens <= int(source_tokens * 1.5) + 10
    assert engine.max_input_tokens == 512


def test_summariser_chunks_whole_sentences_that_fit(tiny_models, sentences):
    summarizer = Summarizer(TransformersGenerator(tiny_models["bart_short"], CPU), batch_tokens=512)
    chunks = summarizer._chunks(sentences)
    assert len(chunks) > 1
    assert " ".join(chunks) == " ".join(sentences)
    assert all(summarizer.count_tokens(chunk) <= summarizer.max_input_tokens for chunk in chunks)
    summaries = summarizer.summarize([sentences, [], sentences[:4]])
    assert summaries[0].text and summaries[2].text and not summaries[0].skipped
    assert summaries[1].text == "" and summaries[1].skipped == "no English to summarise"


def test_summary_settings_and_prefix_follow_the_model(tiny_models):
    _, bart = load_seq2seq(tiny_models["bart"], CPU)
    _, t5 = load_seq2seq(tiny_models["t5"], CPU)
    assert summary_prefix(bart.config) == "" and summary_prefix(t5.config) == "summarize: "
    bart_settings = summary_settings(bart.config, bart.generation_config)
    t5_settings = summary_settings(t5.config, t5.generation_config)
    assert bart_settings["max_length"] == 40 and bart_settings["no_repeat_ngram_size"] == 3
    assert t5_settings["max_length"] == 30 and t5_settings["num_beams"] == 2


def test_auto_device_on_a_cpu_machine_is_cpu_float32():
    if torch.cuda.is_available():
        assert place("auto").dtype in ("bfloat16", "float16")
    else:
        assert place("auto") == CPU


def test_int8_quantised_engine_translates_and_is_recorded(tmp_path, tiny_models):
    from conftest import SEED, read_jsonl
    from test_run import check_article, run

    assert run([SEED], tmp_path / "out", tiny_models, "--int8", "--beams", "2", "--no-summary", summary="") == 0
    records = read_jsonl(tmp_path / "out" / f"{SEED.stem}.jsonl")
    check_article(records, SEED.read_text(encoding="utf-8"), summary=False)
    assert records[0]["settings"]["dtype"] == "int8-dynamic"
    assert records[0]["settings"]["batch_tokens"] == 1024
    engine = TransformersEngine(tiny_models["marian"], CPU, beams=1, length_ratio=1.0, length_margin=2, int8=True)
    assert any("quantized" in type(module).__module__ for module in engine.model.modules())


def test_count_tokens_tokenizes_a_bounded_number_of_texts_at_a_time(tiny_models, sentences):
    # Issue 20: a window's pieces (about 150,000 for a 10 MB line) were tokenized in one call, their ids held at once.
    from translate.engines import COUNT_CHUNK

    engine = TransformersEngine(tiny_models["marian"], CPU, beams=1, length_ratio=1.5, length_margin=10)
    texts = [sentences[i % len(sentences)] for i in range(2 * COUNT_CHUNK + 5)]
    expected = [len(ids) for ids in engine.tokenizer(texts, split_special_tokens=True)["input_ids"]]
    calls: list[int] = []
    tokenizer = engine.tokenizer
    engine.tokenizer = lambda batch, **options: calls.append(len(batch)) or tokenizer(batch, **options)
    assert engine.count_tokens(texts) == expected
    assert calls == [COUNT_CHUNK, COUNT_CHUNK, 5]
    assert engine.count_tokens([]) == []
