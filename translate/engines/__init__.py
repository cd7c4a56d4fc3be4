"""Translation backends behind one small interface: a list of sentences in, a list of translations out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

# The second try for an output that looks broken (a loop, a copy, far too short or long):
# decoding that forbids repeated trigrams and penalises repeated tokens.
STRICT_DECODING = {"no_repeat_ngram_size": 3, "repetition_penalty": 1.3}


@dataclass(frozen=True)
class Translation:
    text: str
    score: float  # the model's mean log-probability per output token
    tokens: int  # output tokens, so pieces of a split sentence can be scored together


# Texts tokenized at a time to count them: a window's pieces counted at once held every piece's ids and mask
# together (about 0.6 MB per 1,000 pieces), in memory that grew with the window (a 10 MB line: about 150,000 pieces).
COUNT_CHUNK = 1024


def count_in_chunks(tokenizer, texts: list[str]) -> list[int]:
    """Source length of each text in tokens, special tokens included ("<pad>" in a text is text), tokenizing
    COUNT_CHUNK texts at a time."""
    return [len(ids) for start in range(0, len(texts), COUNT_CHUNK)
            for ids in tokenizer(texts[start:start + COUNT_CHUNK], split_special_tokens=True)["input_ids"]]


class Engine(Protocol):
    max_input_tokens: int  # the longest source, in tokens (special tokens included), the model accepts

    def count_tokens(self, texts: list[str]) -> list[int]:
        """Source length of each text in model tokens, special tokens included."""

    def translate(self, texts: list[str], strict: bool = False) -> list[Translation]:
        """Translate one batch (the caller chooses it); `strict` decodes with STRICT_DECODING."""

    def translate_nbest(self, texts: list[str], hypotheses: int, strict: bool = False) -> list[list[Translation]]:
        """The `hypotheses` best translations of each text of one batch, best first (the glossary chooses)."""
