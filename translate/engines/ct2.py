"""The CTranslate2 backend: the same model, converted once into CTranslate2's format, decoded by its C++ search.

Records match the transformers backend's: the same tokenizer counts and decodes, the output is
bounded the same way per batch, and scores are the same quantity (mean log-probability per output
token, end token included, from one teacher-forced pass over the chosen outputs).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace

from translate.batching import halve_on_error
from translate.devices import Placement
from translate.engines import STRICT_DECODING, Translation
from translate.engines.hf import ModelLoadError, input_limit

log = logging.getLogger(__name__)

CACHE_ENV = "TRANSLATE_CT2_CACHE"
DEFAULT_CACHE = Path("~/.cache/translate/ct2")
INSTALL_HINT = "pip install 'translate[fast]'"


class ConversionError(ModelLoadError):
    """CTranslate2 is missing, or the model folder cannot be converted to (or loaded in) its format."""


class _OutOfMemory(Exception):
    """CTranslate2 reports CUDA out-of-memory as a plain RuntimeError; this names it so a batch can be halved."""


def cache_root() -> Path:
    return Path(os.environ.get(CACHE_ENV) or DEFAULT_CACHE).expanduser()


def default_compute_type(device: str) -> str:
    """int8 weights on CPU (about 4x smaller, faster, BLEU within a few tenths); bf16 on CUDA where supported."""
    import ctranslate2

    if device == "cpu":
        return "int8"
    index = int(device.partition(":")[2] or 0)
    return "bfloat16" if "bfloat16" in ctranslate2.get_supported_compute_types("cuda", index) else "float16"


def default_threads() -> int:
    """Every core this process may run on: CTranslate2's own default uses at most 4."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def converted_model(model_path: Path, revision: str, compute_type: str, cache_dir: Path | None = None) -> Path:
    """The CTranslate2 folder for this model revision and compute type, converting it on first use.

    The conversion goes into a temporary folder that is renamed into place, so an interrupted or
    concurrent conversion never leaves a half-written model where a later run would load it.
    """
    root = cache_dir or cache_root()
    folder = root / f"{_safe_name(revision)}-{compute_type}"
    if (folder / "model.bin").is_file():
        return folder
    root.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=root))
    try:
        log.info("converting %s (%s) to CTranslate2 %s in %s", model_path, revision, compute_type, folder)
        _convert(model_path, temporary / "model", compute_type)
        try:
            (temporary / "model").rename(folder)
        except OSError:  # another run renamed its conversion into place first: use that one
            if not (folder / "model.bin").is_file():
                raise
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    return folder


def _convert(model_path: Path, out: Path, compute_type: str) -> None:
    try:
        from ctranslate2.converters import TransformersConverter
    except ImportError as error:
        raise ConversionError(f"converting needs CTranslate2 and torch ({error}); {INSTALL_HINT}") from None
    try:
        TransformersConverter(str(model_path)).convert(str(out), quantization=compute_type)
    except Exception as error:  # the converter raises many kinds; all mean this folder cannot be converted
        raise ConversionError(f"{model_path}: cannot convert to CTranslate2 {compute_type} "
                              f"({type(error).__name__}: {error})") from None


def _safe_name(revision: str) -> str:
    # Revisions are commit hashes or "local:<fingerprint>": keep them readable, but valid as a folder name.
    return re.sub(r"[^A-Za-z0-9._-]", "_", revision)


# Rows x positions x vocabulary floats CTranslate2 holds at once when rescoring (64 MB). Rescoring is the
# exception here (outputs cut at the length bound, retries), so small chunks cost little time and keep
# an int8 run's peak memory low.
RESCORING_FLOATS = 16_000_000

class CTranslate2Engine:
    backend = "ctranslate2"

    def __init__(self, model_path: Path, revision: str, placement: Placement, beams: int, length_ratio: float,
                 length_margin: int, compute_type: str | None = None, cache_dir: Path | None = None,
                 threads: int | None = None):
        try:
            import ctranslate2
        except ImportError:
            raise ConversionError(f"--backend ctranslate2 needs the ctranslate2 package; {INSTALL_HINT}") from None
        from transformers import AutoConfig, AutoTokenizer

        device, _, index = placement.device.partition(":")
        self.compute_type = compute_type or default_compute_type(placement.device)
        self.threads = threads or default_threads()
        self.beams = beams
        self.length_ratio = length_ratio
        self.length_margin = length_margin
        self.model_dir = converted_model(Path(model_path), revision, self.compute_type, cache_dir)
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(model_path, local_files_only=True)
            config = AutoConfig.from_pretrained(model_path, local_files_only=True)
            # One translator, all threads on each batch: batches come one at a time from the pipeline.
            self.translator = ctranslate2.Translator(str(self.model_dir), device=device, device_index=int(index or 0),
                                                     compute_type=self.compute_type, inter_threads=1,
                                                     intra_threads=self.threads if device == "cpu" else 0)
        except Exception as error:
            raise ConversionError(f"{model_path}: cannot load its CTranslate2 model {self.model_dir} "
                                  f"({type(error).__name__}: {error})") from None
        self.max_input_tokens = input_limit(SimpleNamespace(config=config), self.tokenizer)
        self.end_token = self.tokenizer.eos_token

    def count_tokens(self, texts: list[str]) -> list[int]:
        return [len(ids) for ids in self.tokenizer(texts)["input_ids"]]

    def translate(self, texts: list[str], strict: bool = False) -> list[Translation]:
        return halve_on_error((_OutOfMemory,), lambda part: self._translate(part, strict), texts,
                              on_halve=_log_halving)

    def decoding_options(self, longest: int, strict: bool) -> dict:
        """translate_batch options for a batch whose longest source has `longest` tokens."""
        # transformers' max_new_tokens counts the end token it forces at the bound; CTranslate2's
        # max_decoding_length does not, so one less gives the same longest output text.
        max_new = min(self.max_input_tokens - 1, int(longest * self.length_ratio) + self.length_margin)
        # min_decoding_length 0: an empty output is allowed, as in generate().
        return {"beam_size": self.beams, "max_input_length": self.max_input_tokens,
                "max_decoding_length": max_new - 1, "min_decoding_length": 0, **(STRICT_DECODING if strict else {})}

    def _translate(self, texts: list[str], strict: bool) -> list[Translation]:
        source = [self.tokenizer.convert_ids_to_tokens(ids) for ids in self.tokenizer(texts)["input_ids"]]
        options = self.decoding_options(max(map(len, source), default=1), strict)
        try:
            results = self.translator.translate_batch(source, return_scores=True, return_end_token=True, **options)
            outputs = [result.hypotheses[0] for result in results]
            if strict:  # the search's scores carry the repetition penalty: score what the model says
                return self._rescored(source, outputs)
            # An output cut at the length bound has no end token; transformers forces one there and
            # counts its probability, so those few are scored as the transformers backend scores them.
            cut = [i for i, tokens in enumerate(outputs) if not tokens or tokens[-1] != self.end_token]
            rescored = dict(zip(cut, self._rescored([source[i] for i in cut], [outputs[i] for i in cut]),
                                strict=True)) if cut else {}
        except RuntimeError as error:
            if "out of memory" in str(error):
                raise _OutOfMemory(str(error)) from error
            raise
        # With length_penalty 1 the search's score is the mean log-probability over the output tokens,
        # the end token included: the quantity the transformers backend computes by teacher forcing.
        return [rescored.get(i) or self._translation(tokens, result.scores[0], len(tokens))
                for i, (tokens, result) in enumerate(zip(outputs, results, strict=True))]

    def _rescored(self, source: list[list[str]], outputs: list[list[str]]) -> list[Translation]:
        """Mean log-probability of each output and an end token under the model, by score_batch."""
        targets = [tokens[:-1] if tokens and tokens[-1] == self.end_token else tokens for tokens in outputs]
        # Logits for every position of a chunk are held at once: small chunks keep the peak low.
        rows = max(1, RESCORING_FLOATS // ((max(map(len, outputs), default=0) + 1) * len(self.tokenizer)))
        scored = self.translator.score_batch(source, targets, max_batch_size=rows,
                                             max_input_length=self.max_input_tokens)
        # score_batch appends the end token and its log-probability.
        return [self._translation(tokens, sum(result.log_probs) / max(1, len(result.log_probs)),
                                  len(result.log_probs)) for tokens, result in zip(targets, scored, strict=True)]

    def _translation(self, tokens: list[str], score: float, count: int) -> Translation:
        """Decode like transformers' batch_decode(skip_special_tokens=True)."""
        text = self.tokenizer.decode(self.tokenizer.convert_tokens_to_ids(tokens), skip_special_tokens=True)
        return Translation(text.strip(), round(score, 4), count)


def _log_halving(size: int) -> None:
    log.warning("CUDA ran out of memory on a batch of %d sentences; retrying it in halves", size)
