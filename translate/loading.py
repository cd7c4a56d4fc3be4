"""Loading the models of a run, and choosing the backend each one runs on.

`--backend auto` (the default) runs every model on CTranslate2 where it can: the model's
architecture has a converter, the conversion and a one-token warm-up succeed, and, on CUDA, the
CUDA library CTranslate2 loads is present. Elsewhere that model runs on transformers, and the
reason is kept as a note for the log and the manifest. Options that only the transformers backend
has (`--int8`, a `--dtype` other than auto) choose it. `--backend ctranslate2` and
`--backend transformers` never fall back: a model CTranslate2 cannot run is an error.

Both the local pipeline and each Ray actor load through `load_models`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from translate.devices import DeviceError, Placement, place
from translate.pipeline import CPU_BATCH_TOKENS, CUDA_BATCH_TOKENS, RunSettings
from translate.records import ModelInfo

log = logging.getLogger(__name__)

BACKENDS = ("auto", "ctranslate2", "transformers")


@dataclass(frozen=True)
class LoadedModels:
    placement: Placement
    engine: object  # engines.Engine
    summarizer: object | None  # summarize.Summarizer
    infos: dict  # role -> ModelInfo, as the records name the models
    record_settings: dict  # the `settings` every article's header records
    notes: tuple[str, ...] = ()  # why a model does not run on the backend asked for

    def described(self) -> tuple[dict, dict, dict]:
        """The device, record settings and backends, as the manifest shows them."""
        backends = {"translation": self.record_settings["backend"],
                    "summary": (self.record_settings["summary"] or {}).get("backend"), "notes": list(self.notes)}
        return describe_device(self.placement, self.record_settings), self.record_settings, backends


def describe_device(placement: Placement, record_settings: dict) -> dict:
    """The device, and per model the backend and number format it really ran in.

    The torch number format (`torch_dtype`) is named only when a model ran on transformers: two CTranslate2
    int8 models never ran in float32, whatever the placement's torch default was.
    """
    summary = record_settings.get("summary") or None
    models = {"translation": {"backend": record_settings["backend"], "compute_type": record_settings["dtype"]},
              "summary": {"backend": summary["backend"], "compute_type": summary["dtype"]} if summary else None}
    described = {"device": placement.device, "models": models}
    if any(model and model["backend"] == "transformers" for model in models.values()):
        described["torch_dtype"] = placement.dtype
    return described


@dataclass
class _Choice:
    """The backend to try first, and the notes gathered while loading."""

    first: str
    strict: bool  # asked for by name: no falling back
    notes: list[str] = field(default_factory=list)


def model_infos(translation, summary) -> dict:
    return {"translation": ModelInfo(translation.name, translation.revision),
            "summary": ModelInfo(summary.name, summary.revision) if summary else None}


def load_models(settings: RunSettings, translation, summary) -> LoadedModels:
    """Place and load the models (DeviceError or ModelLoadError when that fails)."""
    from translate.summarize import Summarizer

    placement = place(settings.device, settings.dtype)
    if settings.int8 and placement.device != "cpu":
        raise DeviceError("--int8 quantises for the CPU; on CUDA the model already runs in bf16/fp16")
    if settings.threads:
        import torch

        torch.set_num_threads(settings.threads)
    choice = _first_choice(settings, placement)
    engine = _load(choice, "translation", translation, lambda: _ct2_engine(settings, translation, placement),
                   lambda: _hf_engine(settings, translation, placement))
    batch_tokens = settings.batch_tokens or (CPU_BATCH_TOKENS if placement.device == "cpu" else CUDA_BATCH_TOKENS)
    summarizer = None
    if summary:
        generator = _load(choice, "summary", summary, lambda: _ct2_generator(settings, summary, placement),
                          lambda: _hf_generator(summary, placement))
        summarizer = Summarizer(generator, batch_tokens)
    record_settings = {
        "backend": engine.backend, "device_type": placement.device.split(":")[0], "dtype": engine.compute_type,
        "beams": settings.beams, "batch_tokens": batch_tokens, "max_input_tokens": engine.max_input_tokens,
        "length_ratio": settings.length_ratio, "length_margin": settings.length_margin,
        # On CPU the thread count changes the order of float sums, and so, now and then, a beam choice.
        "threads": _cpu_threads(engine, placement),
        "summary": _summary_settings(summarizer, placement) if summarizer else None,
    }
    return LoadedModels(placement, engine, summarizer, model_infos(translation, summary), record_settings,
                        tuple(choice.notes))


def _summary_settings(summarizer, placement: Placement) -> dict:
    model = summarizer.model
    return {**summarizer.recorded_settings, "backend": model.backend, "dtype": model.compute_type,
            "threads": _cpu_threads(model, placement)}


def _first_choice(settings: RunSettings, placement: Placement) -> _Choice:
    """CTranslate2 unless told otherwise, an option only transformers has, or a GPU CTranslate2 cannot use."""
    if settings.backend != "auto":
        if settings.backend == "ctranslate2":
            _require_ct2_gpu(placement)
        return _Choice(settings.backend, strict=True)
    if settings.int8 or settings.dtype != "auto":
        return _Choice("transformers", strict=False)
    from translate.engines import ct2

    try:
        ct2.check_cuda(placement.device)
    except ImportError as error:
        return _Choice("transformers", strict=False, notes=[f"CTranslate2 cannot be imported ({error}); every "
                                                            f"model runs on transformers ({placement.dtype})"])
    except ct2.CudaLibraryMissing as error:
        return _Choice("transformers", strict=False, notes=[f"{error}; every model runs on transformers "
                                                            f"({placement.dtype})"])
    return _Choice("ctranslate2", strict=False)


def _require_ct2_gpu(placement: Placement) -> None:
    """--backend ctranslate2 on a GPU CTranslate2 cannot use is a usage error that names the library and the fix."""
    from translate.engines import ct2

    try:
        ct2.check_cuda(placement.device)
    except ct2.CudaLibraryMissing as error:
        raise DeviceError(f"--backend ctranslate2: {error}") from None


def _load(choice: _Choice, role: str, model, on_ct2, on_transformers):
    """The model on the chosen backend; under auto, on transformers where CTranslate2 cannot run it."""
    if choice.first == "transformers":
        return on_transformers()
    from translate.engines import ct2

    reason = None if choice.strict else ct2.convertible(model.path)
    if reason is None:
        try:
            return on_ct2()
        except ct2.CudaLibraryMissing as error:
            if choice.strict:
                raise DeviceError(f"--backend ctranslate2: {error}") from None
            reason = str(error)
        except ct2.ConversionError as error:
            if choice.strict:
                raise
            reason = str(error)
    choice.notes.append(f"the {role} model {model.name} runs on transformers: {reason}")
    return on_transformers()


def _ct2_engine(settings: RunSettings, translation, placement: Placement):
    from translate.engines.ct2 import CTranslate2Engine

    return CTranslate2Engine(translation.path, translation.revision, placement, settings.beams,
                             settings.length_ratio, settings.length_margin, settings.compute_type,
                             threads=settings.threads)


def _hf_engine(settings: RunSettings, translation, placement: Placement):
    from translate.engines.hf import TransformersEngine

    return TransformersEngine(translation.path, placement, settings.beams, settings.length_ratio,
                              settings.length_margin, int8=settings.int8)


def _ct2_generator(settings: RunSettings, summary, placement: Placement):
    from translate.engines.ct2 import CTranslate2Generator

    return CTranslate2Generator(summary.path, summary.revision, placement, settings.compute_type,
                                threads=settings.threads)


def _hf_generator(summary, placement: Placement):
    from translate.engines.hf import TransformersGenerator

    return TransformersGenerator(Path(summary.path), placement)


def _cpu_threads(model, placement: Placement) -> int | None:
    """The threads a CPU model computes with (CTranslate2's own, else torch's); None on CUDA."""
    if placement.device != "cpu":
        return None
    import torch

    return getattr(model, "threads", None) or torch.get_num_threads()


def quiet_transformers() -> None:
    """Our own progress and messages only: transformers' loading bars and generation notices are noise here."""
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
