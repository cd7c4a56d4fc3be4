"""Beam search through transformers' `generate()`, without the per-step copies that do not change its result.

At every step of beam search, `generate()` makes several vocabulary-sized copies per beam row that
a translation model does not need (67,028 floats a row for opus-mt):
- `bad_words_ids=[[pad]]` (every opus-mt model) becomes a zero tensor, a bias added to it, and the
  sum: three passes to set one column to -inf. `min_length` (the summariser's 56) clones the scores
  and runs `where` over them, even at steps where it has nothing to do.
- The cross-attention cache (keys and values of the whole source, per layer) is reordered with the
  beams, although every beam of a sentence holds the same copy of it.
Here they become in-place writes of one column, and a cache that reorders only the self-attention
part. The outputs are the same tokens (tests compare them with plain `generate()`); on opus-mt's
shapes a CPU batch runs about 1.15x faster, more where the source is long (scripts/bench.py).
"""

from __future__ import annotations

import math


def lighten(model) -> None:
    """Make `model.generate()` use the in-place versions of the processors above; the outputs stay the same."""
    build = getattr(model, "_get_logits_processor", None)
    if build is None or getattr(build, "lightened", False):
        return  # a transformers without the hook (renamed upstream) is slower, never wrong

    def processors(*args, **kwargs):
        from transformers import LogitsProcessorList

        return LogitsProcessorList(_in_place(processor) for processor in build(*args, **kwargs))

    processors.lightened = True
    model._get_logits_processor = processors


def generate(model, batch, **options):
    """`model.generate(**batch, **options)` with a cache that does not reorder the cross-attention part."""
    return model.generate(**batch, cache=_search_cache(model), **options)


def _in_place(processor):
    from transformers import MinLengthLogitsProcessor, NoBadWordsLogitsProcessor

    if type(processor) is NoBadWordsLogitsProcessor:
        words = processor.sequence_bias
        if all(len(word) == 1 for word in words) and all(bias == -math.inf for bias in words.values()):
            return _BanTokens([word[0] for word in words])
    if type(processor) is MinLengthLogitsProcessor:
        return EndNotBefore(processor.min_length, processor.eos_token_id)
    return processor


class _BanTokens:
    """NoBadWordsLogitsProcessor for single-token words: those columns set to -inf in place."""

    def __init__(self, tokens: list[int]):
        self.tokens = sorted(tokens)

    def __call__(self, input_ids, scores):
        scores[:, self.tokens] = -math.inf
        return scores


class EndNotBefore:
    """MinLengthLogitsProcessor: the end tokens' columns set to -inf in place while the output is too short."""

    def __init__(self, min_length: int, eos_token_id):
        import torch

        self.min_length = min_length
        self.tokens = torch.as_tensor(eos_token_id).flatten().tolist()

    def __call__(self, input_ids, scores):
        if input_ids.shape[-1] < self.min_length:
            scores[:, self.tokens] = -math.inf
        return scores


_CACHE_CLASS = None


def _search_cache(model):
    """A fresh encoder-decoder cache whose beam reordering leaves the cross-attention keys and values alone.

    Beam search only ever reorders beams within a sentence, and each sentence's beams share one
    encoder output, so the cross-attention rows being reordered are identical to begin with.
    """
    global _CACHE_CLASS
    from transformers.cache_utils import DynamicCache, EncoderDecoderCache

    if _CACHE_CLASS is None:
        class BeamSearchCache(EncoderDecoderCache):
            def reorder_cache(self, beam_idx):
                self.self_attention_cache.reorder_cache(beam_idx)

        _CACHE_CLASS = BeamSearchCache
    config = model.config.get_text_config(decoder=True)
    return _CACHE_CLASS(DynamicCache(config=config), DynamicCache(config=config))
