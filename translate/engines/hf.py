"""The transformers backend: MarianMT (or any seq2seq model) through `generate()`."""

from __future__ import annotations

import logging
from pathlib import Path

from translate.batching import halve_on_error
from translate.devices import Placement, keep_freed_memory
from translate.engines import STRICT_DECODING, Translation, count_in_chunks
from translate.engines.generation import generate, lighten

log = logging.getLogger(__name__)

# Rows x positions x vocabulary floats computed at once when scoring (about 256 MB in float32).
SCORING_FLOATS = 64_000_000


class ModelLoadError(Exception):
    """A model folder that cannot be loaded; the message names the folder and the problem."""


def load_seq2seq(path: Path, placement: Placement):
    """Load tokenizer and model from a local folder, never from the network."""
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        model = AutoModelForSeq2SeqLM.from_pretrained(path, local_files_only=True, dtype=placement.torch_dtype())
    except Exception as error:  # transformers raises many kinds; all mean the folder is unusable
        raise ModelLoadError(f"{path}: not a loadable seq2seq model folder ({type(error).__name__}: {error})") from None
    model.to(placement.device).eval()
    _warm_up(model, tokenizer, path, placement.device)
    lighten(model)
    if placement.device == "cpu":
        keep_freed_memory()  # beam search frees and takes back vocabulary-sized tensors at every step
    return tokenizer, model


def _warm_up(model, tokenizer, path: Path, device: str) -> None:
    """One decoder step on one token: a device or library that cannot run the model fails here, at load time."""
    import torch

    try:
        with torch.inference_mode():
            source = tokenizer(["a"], return_tensors="pt").to(device)
            start = torch.tensor([[model.config.decoder_start_token_id or 0]], device=device)
            model(**source, decoder_input_ids=start)
    except Exception as error:  # CUDA errors, missing kernels, broken weights: all mean this model cannot run
        raise ModelLoadError(f"{path}: the model loads but does not run on {device} "
                             f"({type(error).__name__}: {' '.join(str(error).split())[:300]})") from None


def load_generation_config(path: Path, config):
    """The folder's generation config as `from_pretrained` gives a model: generation_config.json, else config.json.

    Older checkpoints (distilbart-cnn) keep their generation settings in config.json only.
    """
    from transformers import GenerationConfig

    try:
        return GenerationConfig.from_pretrained(path, local_files_only=True)
    except OSError:
        return GenerationConfig.from_pretrained(path, config_file_name="config.json", _from_model_config=True,
                                                local_files_only=True)


def free_memory() -> None:
    """Hand memory a failed attempt held back to the allocator before a smaller attempt (out-of-memory halving)."""
    import gc
    import sys

    gc.collect()
    torch = sys.modules.get("torch")
    if torch is not None and torch.cuda.is_available() and torch.cuda.is_initialized():
        torch.cuda.empty_cache()


def input_limit(model, tokenizer) -> int:
    """The longest input in tokens: the position table's size where there is one, and the tokenizer's limit."""
    # Tokenizers without a limit report a huge sentinel; models without a table (T5) have none; some
    # (LED) name the encoder's table apart.
    config = model.config
    limits = (getattr(config, "max_encoder_position_embeddings", None) or getattr(config, "max_position_embeddings",
                                                                                  None), tokenizer.model_max_length)
    return min((limit for limit in limits if limit and limit < 1_000_000), default=512)


def quantize_int8(model):
    """Dynamic int8 weights for every linear layer (the 67k-wide output projection included): CPU only.

    About 1.5x faster on opus-mt-nl-en's shapes on a 2-core CPU (scripts/bench.py); activations stay
    float32, so the output differs from float32 decoding only by the weights' rounding.
    """
    import warnings

    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao.quantization announces its successor, torchao
        # In place: no second copy of the weights, and the model keeps what load_seq2seq set on it.
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)


class TransformersEngine:
    backend = "transformers"

    def __init__(self, path: Path, placement: Placement, beams: int, length_ratio: float, length_margin: int,
                 int8: bool = False):
        self.tokenizer, self.model = load_seq2seq(path, placement)
        if int8:
            self.model = quantize_int8(self.model)
        self.device = placement.device
        self.compute_type = "int8-dynamic" if int8 else placement.dtype
        self.beams = beams
        self.length_ratio = length_ratio
        self.length_margin = length_margin
        self.max_input_tokens = input_limit(self.model, self.tokenizer)

    def count_tokens(self, texts: list[str]) -> list[int]:
        return count_in_chunks(self.tokenizer, texts)

    def translate(self, texts: list[str], strict: bool = False) -> list[Translation]:
        return [best for best, *_others in self.translate_nbest(texts, 1, strict)]

    def translate_nbest(self, texts: list[str], hypotheses: int, strict: bool = False) -> list[list[Translation]]:
        """The `hypotheses` best outputs of each text's beam search (with at least that many beams), best first."""
        import torch

        return halve_on_error((torch.cuda.OutOfMemoryError,), lambda part: self._generate(part, strict, hypotheses),
                              texts, on_halve=log_halving)

    def _generate(self, texts: list[str], strict: bool, hypotheses: int = 1) -> list[list[Translation]]:
        import torch

        # Text such as "<pad>" or "</s>" in an article is text, not the model's control tokens.
        batch = self.tokenizer(texts, return_tensors="pt", padding=True, split_special_tokens=True).to(self.device)
        # Bound the output by the batch's input length: a runaway output stops early, never at 512.
        longest = batch["input_ids"].shape[1]
        max_new = min(self.max_input_tokens - 1, int(longest * self.length_ratio) + self.length_margin)
        options = STRICT_DECODING if strict else {}
        with torch.inference_mode():
            # The encoder runs once: the search and the scoring pass both read its output.
            encoded = self.model.get_encoder()(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"],
                                               return_dict=True).last_hidden_state
            if hypotheses > 1:
                options = {**options, "num_return_sequences": hypotheses}
            sequences = generate(self.model, batch, encoder_outputs=_encoder_output(encoded),
                                 num_beams=max(self.beams, hypotheses), max_new_tokens=max_new, **options)
            if hypotheses > 1:  # each source row once per hypothesis, for the scoring pass
                batch = {name: batch[name].repeat_interleave(hypotheses, dim=0)
                         for name in ("input_ids", "attention_mask")}
                encoded = encoded.repeat_interleave(hypotheses, dim=0)
            scores, counts = score_outputs(self.model, batch, sequences, encoded)
        texts_out = self.tokenizer.batch_decode(sequences, skip_special_tokens=True)
        flat = [Translation(text.strip(), round(score, 4), count)
                for text, score, count in zip(texts_out, scores, counts, strict=True)]
        return [flat[i:i + hypotheses] for i in range(0, len(flat), hypotheses)]


def log_halving(size: int) -> None:
    """Said before a batch that did not fit is retried in halves (both backends), after handing memory back."""
    log.warning("CUDA ran out of memory on a batch of %d texts; retrying it in halves", size)
    free_memory()


class TransformersGenerator:
    """A seq2seq model for free generation (the summariser) through generate(), with settings given per call."""

    backend = "transformers"
    threads = None  # torch's own thread count

    def __init__(self, path: Path, placement: Placement):
        self.tokenizer, self.model = load_seq2seq(path, placement)
        self.config, self.generation_config = self.model.config, self.model.generation_config
        self.device = placement.device
        self.compute_type = placement.dtype
        self.max_input_tokens = input_limit(self.model, self.tokenizer)

    def generate(self, texts: list[str], settings: dict) -> list[str]:
        import torch

        return halve_on_error((torch.cuda.OutOfMemoryError,), lambda part: self._generate(part, settings), texts,
                              on_halve=log_halving)

    def _generate(self, texts: list[str], settings: dict) -> list[str]:
        import torch

        batch = self.tokenizer(texts, return_tensors="pt", padding=True, truncation=True,
                               max_length=self.max_input_tokens, split_special_tokens=True).to(self.device)
        with torch.inference_mode():
            outputs = generate(self.model, batch, **settings)
        return [text.strip() for text in self.tokenizer.batch_decode(outputs, skip_special_tokens=True)]


def _encoder_output(encoded):
    """A fresh wrapper for generate(), which expands the hidden states it is given to the beams in place."""
    from transformers.modeling_outputs import BaseModelOutput

    return BaseModelOutput(last_hidden_state=encoded)


def score_outputs(model, batch, sequences, encoded=None) -> tuple[list[float], list[int]]:
    """Mean log-probability per output token of each output, by one teacher-forced pass.

    `generate(output_scores=True)` would keep a vocabulary-sized row per beam and step (gigabytes
    for a 67k vocabulary); one extra pass of the decoder costs far less than the search itself.
    `encoded`, the encoder's output for `batch` where the caller has it, saves running the encoder again.
    """
    import torch

    pad = model.generation_config.pad_token_id
    targets = sequences[:, 1:]
    # Beam search never chooses <pad> (opus-mt bans it; CTranslate2 drops it from the vocabulary): the
    # score is over the tokens the search could choose, as CTranslate2's is.
    banned = _banned_tokens(model)
    mask = (targets != pad) if pad is not None else torch.ones_like(targets, dtype=torch.bool)
    rows = max(1, SCORING_FLOATS // max(1, targets.shape[1] * model.config.vocab_size))
    totals = []
    for start in range(0, sequences.shape[0], rows):
        part = slice(start, start + rows)
        source = {"input_ids": batch["input_ids"][part]} if encoded is None else {"encoder_outputs": (encoded[part],)}
        logits = model(**source, attention_mask=batch["attention_mask"][part],
                       decoder_input_ids=sequences[part, :-1]).logits
        logits = logits.float()
        if banned:
            logits[..., banned] = -torch.inf
        logprobs = torch.log_softmax(logits, dim=-1).gather(-1, targets[part].unsqueeze(-1)).squeeze(-1)
        totals.append(torch.where(mask[part], logprobs, 0.0).sum(dim=1))  # padding may be a banned token: -inf
    counts = mask.sum(dim=1)
    means = torch.cat(totals) / counts.clamp(min=1)
    return means.tolist(), counts.tolist()


def _banned_tokens(model) -> list[int]:
    """Single tokens the generation config bans (opus-mt: [[<pad>]]), which beam search never chooses."""
    words = getattr(model.generation_config, "bad_words_ids", None) or []
    return sorted({word[0] for word in words if len(word) == 1})
