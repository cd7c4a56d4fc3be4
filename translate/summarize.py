"""Summaries of the English text, including articles longer than the summariser's input.

The model behind a Summarizer is a generator of either backend (engines/hf.TransformersGenerator,
engines/ct2.CTranslate2Generator): a tokenizer, the model's configs, its input limit, and
`generate(texts, settings)`. Settings, chunking and re-summarising are decided here, once for both.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Protocol

from translate.batching import map_batched
from translate.segment import split_to_fit

log = logging.getLogger(__name__)

# The usual CNN/DailyMail summary settings of the BART family; a model's own settings win.
DEFAULT_SETTINGS = {"num_beams": 4, "min_length": 56, "max_length": 142, "length_penalty": 2.0,
                    "no_repeat_ngram_size": 3, "early_stopping": True}
# Summaries of summaries: each level shrinks the text several times, so a few levels cover any article.
MAX_LEVELS = 4
# Joining sentences can merge tokens at the seams; leave room so a chunk never overflows.
SEAM_MARGIN = 8
# Below this many input tokens (about three short sentences) an article gets no summary: it would be
# about as long as the article, and distilbart fills the difference with content the article lacks.
MIN_INPUT_TOKENS = 64
# A summary is at most this share of what it summarises (and never longer than the model's max_length);
# its min_length is at most half its max_length. Lengths are rounded down to multiples of LENGTH_STEP,
# so a batch holds texts of one setting and there are few settings.
MAX_SHARE = 0.5
LENGTH_STEP = 8


class Generator(Protocol):
    backend: str
    compute_type: str  # the number format it computes in, as the records show it
    threads: int | None  # CPU threads, where the backend has its own count
    tokenizer: object
    config: object
    generation_config: object
    max_input_tokens: int

    def generate(self, texts: list[str], settings: dict) -> list[str]:
        """One output per text, decoded, with transformers generate() settings."""


def summary_settings(config, generation_config) -> dict:
    """Generation settings: the defaults, then the model's generation config, then its summarization task."""
    settings = dict(DEFAULT_SETTINGS)
    own = generation_config.to_diff_dict()
    settings.update({key: own[key] for key in DEFAULT_SETTINGS if key in own})
    task = (getattr(config, "task_specific_params", None) or {}).get("summarization", {})
    settings.update({key: value for key, value in task.items() if key in DEFAULT_SETTINGS})
    settings["min_length"] = min(settings["min_length"], settings["max_length"])
    return settings


def summary_prefix(config) -> str:
    """T5-family models are told the task in the text ("summarize: "); others take the text as it is."""
    task = (getattr(config, "task_specific_params", None) or {}).get("summarization", {})
    return task.get("prefix", "summarize: " if config.model_type in ("t5", "mt5") else "")


@dataclass(frozen=True)
class Summary:
    text: str
    skipped: str | None = None  # why the article has no summary


def bounded(settings: dict, input_tokens: int) -> dict:
    """The generation settings for one input: min and max length bounded by the input's length."""
    most = max(LENGTH_STEP, int(input_tokens * MAX_SHARE) // LENGTH_STEP * LENGTH_STEP)
    most = min(settings["max_length"], most)
    return {**settings, "max_length": most, "min_length": min(settings["min_length"], most // 2)}


class Summarizer:
    def __init__(self, model: Generator, batch_tokens: int):
        self.model = model
        self.tokenizer = model.tokenizer
        self.batch_tokens = batch_tokens
        self.prefix = summary_prefix(model.config)
        self.settings = summary_settings(model.config, model.generation_config)
        self.max_input_tokens = model.max_input_tokens

    @property
    def recorded_settings(self) -> dict:
        """What the article headers record: the model's settings and the rules that bound them per article."""
        return {**self.settings, "min_input_tokens": MIN_INPUT_TOKENS, "max_share": MAX_SHARE}

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(self.prefix + text, split_special_tokens=True)["input_ids"])

    def summarize(self, articles: list[list[str]], on_done: Callable[[int], None] | None = None,
                  call: Callable | None = None) -> list[Summary]:
        """One summary per article, given each article's English sentences.

        An article that does not fit the model's input is summarised in chunks of whole
        sentences; the chunk summaries are summarised again until one input holds them all.
        An article under MIN_INPUT_TOKENS gets none, and says why.
        `call(function, batch)`, where given, makes each call into the model (the pipeline's guard).
        """
        call = call or (lambda function, batch: function(batch))
        results: dict[int, Summary] = {}
        pending = {}
        for index, sentences in enumerate(articles):
            size = self.count_tokens(" ".join(s for s in sentences if s)) if any(sentences) else 0
            if size >= MIN_INPUT_TOKENS:
                pending[index] = sentences
                continue
            results[index] = Summary("", f"too short to summarise: {size} tokens of English, under the "
                                         f"{MIN_INPUT_TOKENS} a summary needs" if size else "no English to summarise")
            if on_done:
                on_done(1)
        for level in range(MAX_LEVELS):
            chunks = {index: self._chunks(sentences) for index, sentences in pending.items()}
            flat = [chunk for index in chunks for chunk in chunks[index]]
            summaries = iter(self._generate_all(flat, call))
            pending = {}
            for index, article_chunks in chunks.items():
                outputs = [next(summaries) for _ in article_chunks]
                if len(outputs) == 1 or level == MAX_LEVELS - 1:
                    results[index] = Summary(" ".join(outputs))
                    if on_done:
                        on_done(1)
                else:
                    pending[index] = outputs
        return [results[index] for index in range(len(articles))]

    def _chunks(self, sentences: list[str]) -> list[str]:
        """Pack whole sentences greedily into inputs that fit; a sentence too long alone is cut to fit."""
        limit = self.max_input_tokens - SEAM_MARGIN
        chunks: list[str] = []
        current = ""
        for sentence in (piece.strip() for s in sentences if s for piece in split_to_fit(s, self.count_tokens, limit)):
            candidate = f"{current} {sentence}".strip()
            if current and self.count_tokens(candidate) > limit:
                chunks.append(current)
                candidate = sentence
            current = candidate
        return [*chunks, current] if current else chunks

    def _generate_all(self, texts: list[str], call: Callable) -> list[str]:
        """Summaries of the texts, batched among texts whose lengths give them the same settings."""
        lengths = [self.count_tokens(text) for text in texts]
        groups: dict[tuple, list[int]] = {}
        for index, length in enumerate(lengths):
            groups.setdefault(tuple(bounded(self.settings, length).items()), []).append(index)
        results: list[str] = [""] * len(texts)
        for key in sorted(groups, key=lambda key: dict(key)["max_length"]):
            members, settings = groups[key], dict(key)
            outputs = map_batched([texts[i] for i in members], [lengths[i] for i in members], self.batch_tokens,
                                  lambda batch, settings=settings: call(partial(self._generate, settings), batch))
            for index, output in zip(members, outputs, strict=True):
                results[index] = output
        return results

    def _generate(self, settings: dict, texts: list[str]) -> list[str]:
        return self.model.generate([self.prefix + text for text in texts], settings)
