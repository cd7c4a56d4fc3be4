"""The CTranslate2 backend: the same models, converted once into CTranslate2's format, decoded by its C++ search.

Two users: `CTranslate2Engine` translates (records match the transformers backend's: the same
tokenizer counts and decodes, the output is bounded the same way per batch, and scores are the same
quantity), and `CTranslate2Generator` runs the summariser with the transformers backend's generation
settings. Both load through `load_translator`, which converts on first use into one cache, and
translate one token before any work starts, so a missing CUDA library is found at load time.
"""

from __future__ import annotations

import ctypes
import logging
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from translate.batching import halve_on_error
from translate.devices import Placement
from translate.engines import STRICT_DECODING, Translation, count_in_chunks
from translate.engines.hf import ModelLoadError, input_limit, load_generation_config, log_halving

log = logging.getLogger(__name__)

CACHE_ENV = "TRANSLATE_CT2_CACHE"
DEFAULT_CACHE = Path("~/.cache/translate/ct2")
INSTALL_HINT = "pip install ctranslate2 (a dependency of this tool: reinstall it with pip install .)"
# CTranslate2's Linux wheels load CUDA 12's cuBLAS at their first GPU product (CTranslate2 #1933).
CUDA_LIBRARIES = ("libcublas.so.12",)
CUDA_FIX = ("CTranslate2's wheels are built for CUDA 12: install CUDA 12's cuBLAS beside the newer CUDA "
            "(pip install nvidia-cublas-cu12, and put its nvidia/cublas/lib folder on LD_LIBRARY_PATH), "
            "or run with --backend transformers")


class ConversionError(ModelLoadError):
    """CTranslate2 is missing, or the model folder cannot be converted to (or loaded in) its format."""


class CudaLibraryMissing(ModelLoadError):
    """CTranslate2 cannot use the GPU because a CUDA library it loads at run time is missing."""


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
    """OMP_NUM_THREADS where it is set, else every core this process may run on (CTranslate2's own default
    stops at 4), so that CTranslate2 and torch count threads alike."""
    told = os.environ.get("OMP_NUM_THREADS", "")
    if told.isdigit() and int(told) > 0:
        return int(told)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def missing_cuda_library() -> str | None:
    """The CUDA library CTranslate2 needs on the GPU and cannot load here, or None; cheap, loads no model.

    CTranslate2 opens these libraries by name at its first GPU product, looking where the dynamic
    loader looks and in its own library folder; a machine with only CUDA 13 (current torch builds)
    has neither, and would fail mid-run without this check.
    """
    import ctranslate2

    own = Path(ctranslate2.__file__).resolve().parent.parent / "ctranslate2.libs"
    for name in CUDA_LIBRARIES:
        if (own / name).exists():
            continue
        try:
            ctypes.CDLL(name)
        except OSError:
            return name
    return None


def check_cuda(device: str) -> None:
    """Raise CudaLibraryMissing, naming the library and the fix, when CTranslate2 cannot run on this CUDA device."""
    if device == "cpu":
        return
    library = missing_cuda_library()
    if library:
        raise CudaLibraryMissing(f"CTranslate2 cannot use the GPU here: it needs {library}, which cannot be loaded "
                                 f"(this machine's CUDA is another major version). {CUDA_FIX}")


def convertible(model_path: Path) -> str | None:
    """None when CTranslate2 has a converter for this model's architecture, else why not (reads config.json only)."""
    try:
        from ctranslate2.converters import transformers as converters
        from transformers import AutoConfig
    except ImportError as error:
        return f"CTranslate2's converter cannot be imported ({error})"
    loaders = getattr(converters, "_MODEL_LOADERS", None)  # private: where it is gone, converting will tell
    try:
        name = type(AutoConfig.from_pretrained(model_path, local_files_only=True)).__name__
    except Exception:  # an unreadable folder: converting or loading reports it, naming the folder
        return None
    return None if loaders is None or name in loaders else f"CTranslate2 has no converter for {name}"


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
    class Converter(TransformersConverter):
        def load_model(self, model_class, model_name_or_path, **kwargs):
            model = super().load_model(model_class, model_name_or_path, **kwargs)
            # BART is post-norm; transformers 5 no longer writes the flag CTranslate2's BART converter reads,
            # and configs saved since lack it (older ones, distilbart-cnn's among them, say false).
            if model.config.model_type == "bart" and not hasattr(model.config, "normalize_before"):
                model.config.normalize_before = False
            return model

    try:
        Converter(str(model_path)).convert(str(out), quantization=compute_type)
    except Exception as error:  # the converter raises many kinds; all mean this folder cannot be converted
        raise ConversionError(f"{model_path}: cannot convert to CTranslate2 {compute_type} "
                              f"({type(error).__name__}: {error})") from None


def _safe_name(revision: str) -> str:
    # Revisions are commit hashes or "local:<fingerprint>": keep them readable, but valid as a folder name.
    return re.sub(r"[^A-Za-z0-9._-]", "_", revision)



@dataclass(frozen=True)
class LoadedTranslator:
    translator: object  # ctranslate2.Translator
    tokenizer: object  # the model folder's transformers tokenizer
    config: object  # the model folder's transformers config
    model_dir: Path  # the converted model
    compute_type: str
    threads: int  # CPU threads of each product (CTranslate2's intra_threads); 0 on CUDA


def load_translator(model_path: Path, revision: str, placement: Placement, compute_type: str | None = None,
                    cache_dir: Path | None = None, threads: int | None = None) -> LoadedTranslator:
    """Convert (once) and load a model folder for CTranslate2, and prove it runs by translating one token."""
    try:
        import ctranslate2
    except ImportError:
        raise ConversionError(f"the CTranslate2 backend needs the ctranslate2 package; {INSTALL_HINT}") from None
    from transformers import AutoConfig

    device, _, index = placement.device.partition(":")
    check_cuda(placement.device)
    compute_type = compute_type or default_compute_type(placement.device)
    threads = (threads or default_threads()) if device == "cpu" else 0
    model_dir = converted_model(Path(model_path), revision, compute_type, cache_dir)
    try:
        tokenizer = load_tokenizer(model_path)
        config = AutoConfig.from_pretrained(model_path, local_files_only=True)
        # One translator, all threads on each batch: batches come one at a time from the pipeline.
        translator = ctranslate2.Translator(str(model_dir), device=device, device_index=int(index or 0),
                                            compute_type=compute_type, inter_threads=1, intra_threads=threads)
    except Exception as error:
        raise ConversionError(f"{model_path}: cannot load its CTranslate2 model {model_dir} "
                              f"({type(error).__name__}: {error})") from None
    _warm_up(translator, tokenizer, model_path)
    return LoadedTranslator(translator, tokenizer, config, model_dir, compute_type, threads)


def load_tokenizer(model_path: Path):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(model_path, local_files_only=True)


def _warm_up(translator, tokenizer, model_path: Path) -> None:
    """Translate one token: CUDA libraries and kernels load at the first product, so they fail here, not mid-run."""
    source = tokenizer.convert_ids_to_tokens(tokenizer("a")["input_ids"])
    try:
        translator.translate_batch([source], beam_size=1, max_decoding_length=1)
    except RuntimeError as error:
        library = next((name for name in CUDA_LIBRARIES if name.split(".so")[0] in str(error)), None)
        if library:
            raise CudaLibraryMissing(f"CTranslate2 cannot use the GPU here: {error}. {CUDA_FIX}") from None
        raise ConversionError(f"{model_path}: its CTranslate2 model does not run ({error})") from None


# Rows x positions x vocabulary floats CTranslate2 holds at once when rescoring (64 MB). Rescoring is the
# exception here (outputs cut at the length bound, retries), so small chunks cost little time and keep
# an int8 run's peak memory low.
RESCORING_FLOATS = 16_000_000

class CTranslate2Engine:
    backend = "ctranslate2"

    def __init__(self, model_path: Path, revision: str, placement: Placement, beams: int, length_ratio: float,
                 length_margin: int, compute_type: str | None = None, cache_dir: Path | None = None,
                 threads: int | None = None):
        loaded = load_translator(model_path, revision, placement, compute_type, cache_dir, threads)
        self.translator, self.tokenizer = loaded.translator, loaded.tokenizer
        self.model_dir, self.compute_type, self.threads = loaded.model_dir, loaded.compute_type, loaded.threads
        self.beams = beams
        self.length_ratio = length_ratio
        self.length_margin = length_margin
        self.max_input_tokens = input_limit(SimpleNamespace(config=loaded.config), self.tokenizer)
        self.end_token = self.tokenizer.eos_token

    def count_tokens(self, texts: list[str]) -> list[int]:
        return count_in_chunks(self.tokenizer, texts)

    def translate(self, texts: list[str], strict: bool = False) -> list[Translation]:
        return halve_on_error((_OutOfMemory,), lambda part: self._translate(part, strict), texts,
                              on_halve=log_halving)

    def translate_nbest(self, texts: list[str], hypotheses: int, strict: bool = False) -> list[list[Translation]]:
        """The `hypotheses` best outputs of each text's beam search (with at least that many beams), best first.

        Every hypothesis is scored as a 1-best output is: the search's mean log-probability where it ended
        with the end token, score_batch otherwise (and for strict decoding, whose scores carry its penalty)."""
        if hypotheses == 1:
            return [[translation] for translation in self.translate(texts, strict)]
        return halve_on_error((_OutOfMemory,), lambda part: self._nbest(part, hypotheses, strict), texts,
                              on_halve=log_halving)

    def _nbest(self, texts: list[str], hypotheses: int, strict: bool) -> list[list[Translation]]:
        encoded = self.tokenizer(texts, split_special_tokens=True)["input_ids"]
        source = [self.tokenizer.convert_ids_to_tokens(ids) for ids in encoded]
        options = self.decoding_options(max(map(len, source), default=1), strict)
        options["beam_size"] = max(options["beam_size"], hypotheses)
        try:
            results = self.translator.translate_batch(source, return_scores=True, return_end_token=True,
                                                      num_hypotheses=hypotheses, return_alternatives=False,
                                                      **options)
            chosen = []
            for tokens_in, result in zip(source, results, strict=True):
                cut = [i for i, tokens in enumerate(result.hypotheses)
                       if strict or not tokens or tokens[-1] != self.end_token]
                rescored = dict(zip(cut, self._rescored([tokens_in] * len(cut), [result.hypotheses[i] for i in cut]),
                                    strict=True)) if cut else {}
                chosen.append([rescored.get(i) or self._translation(tokens, score, len(tokens))
                               for i, (tokens, score) in enumerate(zip(result.hypotheses, result.scores,
                                                                       strict=True))])
        except RuntimeError as error:
            _raise_out_of_memory(error)
            raise
        return chosen

    def decoding_options(self, longest: int, strict: bool) -> dict:
        """translate_batch options for a batch whose longest source has `longest` tokens."""
        # transformers' max_new_tokens counts the end token it forces at the bound; CTranslate2's
        # max_decoding_length does not, so one less gives the same longest output text.
        max_new = min(self.max_input_tokens - 1, int(longest * self.length_ratio) + self.length_margin)
        # min_decoding_length 0: an empty output is allowed, as in generate().
        return {"beam_size": self.beams, "max_input_length": self.max_input_tokens,
                "max_decoding_length": max_new - 1, "min_decoding_length": 0, **(STRICT_DECODING if strict else {})}

    def _translate(self, texts: list[str], strict: bool) -> list[Translation]:
        encoded = self.tokenizer(texts, split_special_tokens=True)["input_ids"]  # "<pad>" in an article is text
        source = [self.tokenizer.convert_ids_to_tokens(ids) for ids in encoded]
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
            _raise_out_of_memory(error)
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


def search_options(settings: dict, forced_end: bool) -> dict:
    """transformers generate() settings as translate_batch options that run the same beam search.

    transformers counts the decoder's start token in min_length and max_length, CTranslate2 only the
    tokens it generates (a target prefix included); where the model forces its end token at
    max_length, that token takes the last place. Both normalise a hypothesis's score by its length
    with the end token, so length_penalty means the same.
    """
    return {"beam_size": settings.get("num_beams", 1), "length_penalty": settings.get("length_penalty", 1.0),
            "no_repeat_ngram_size": settings.get("no_repeat_ngram_size", 0),
            "repetition_penalty": settings.get("repetition_penalty", 1.0),
            "min_decoding_length": max(0, settings.get("min_length", 0) - 1),
            "max_decoding_length": max(1, settings["max_length"] - 1 - forced_end)}


class CTranslate2Generator:
    """A seq2seq model for free generation (the summariser) on CTranslate2, driven by transformers' settings."""

    backend = "ctranslate2"

    def __init__(self, model_path: Path, revision: str, placement: Placement, compute_type: str | None = None,
                 cache_dir: Path | None = None, threads: int | None = None):
        loaded = load_translator(model_path, revision, placement, compute_type, cache_dir, threads)
        self.translator, self.tokenizer, self.config = loaded.translator, loaded.tokenizer, loaded.config
        self.model_dir, self.compute_type, self.threads = loaded.model_dir, loaded.compute_type, loaded.threads
        self.generation_config = load_generation_config(model_path, loaded.config)
        self.max_input_tokens = input_limit(SimpleNamespace(config=loaded.config), self.tokenizer)
        # BART starts every output with <s> after the decoder's start token: transformers forces it, here a prefix.
        forced = self.generation_config.forced_bos_token_id
        self.prefix = [] if forced is None else [self.tokenizer.convert_ids_to_tokens(forced)]
        self.forced_end = self.generation_config.forced_eos_token_id is not None

    def generate(self, texts: list[str], settings: dict) -> list[str]:
        return halve_on_error((_OutOfMemory,), lambda part: self._generate(part, settings), texts,
                              on_halve=log_halving)

    def _generate(self, texts: list[str], settings: dict) -> list[str]:
        encoded = self.tokenizer(texts, truncation=True, max_length=self.max_input_tokens, split_special_tokens=True)
        source = [self.tokenizer.convert_ids_to_tokens(ids) for ids in encoded["input_ids"]]
        prefix = [self.prefix] * len(source) if self.prefix else None
        try:
            results = self.translator.translate_batch(source, target_prefix=prefix,
                                                      max_input_length=self.max_input_tokens,
                                                      **search_options(settings, self.forced_end))
        except RuntimeError as error:
            _raise_out_of_memory(error)
            raise
        ids = [self.tokenizer.convert_tokens_to_ids(result.hypotheses[0]) for result in results]
        return [text.strip() for text in self.tokenizer.batch_decode(ids, skip_special_tokens=True)]


def _raise_out_of_memory(error: RuntimeError) -> None:
    if "out of memory" in str(error):
        raise _OutOfMemory(str(error)) from None
