"""Choosing the device and the number format the models run in."""

from __future__ import annotations

from dataclasses import dataclass


class DeviceError(Exception):
    """The requested device cannot be used; the message says why and what to use instead."""


@dataclass(frozen=True)
class Placement:
    device: str  # "cpu", "cuda", "cuda:1", ...
    dtype: str  # "float32", "bfloat16" or "float16"

    def torch_dtype(self):
        import torch

        return getattr(torch, self.dtype)


def place(spec: str) -> Placement:
    """Resolve `auto|cpu|cuda|cuda:N`: CUDA when present for auto; bf16 on CUDA, fp16 where bf16 is missing."""
    import torch

    if spec == "auto":
        spec = "cuda" if torch.cuda.is_available() else "cpu"
    if spec == "cpu":
        return Placement("cpu", "float32")
    if not spec.startswith("cuda"):
        raise DeviceError(f"unknown device {spec!r}; use auto, cpu, cuda or cuda:N")
    if not torch.cuda.is_available():
        raise DeviceError(f"--device {spec}: no CUDA device is available here; use --device cpu or auto")
    index = int(spec.partition(":")[2] or 0)
    if index >= torch.cuda.device_count():
        raise DeviceError(f"--device {spec}: only {torch.cuda.device_count()} CUDA device(s) present")
    dtype = "bfloat16" if torch.cuda.is_bf16_supported() else "float16"
    return Placement(spec, dtype)
