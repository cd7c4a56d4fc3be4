"""Choosing the device and the number format the models run in."""

from __future__ import annotations

import ctypes
import logging
import sys
from dataclasses import dataclass

log = logging.getLogger(__name__)

DTYPES = ("auto", "float32", "bfloat16", "float16")


class DeviceError(Exception):
    """The requested device cannot be used; the message says why and what to use instead."""


@dataclass(frozen=True)
class Placement:
    device: str  # "cpu", "cuda", "cuda:1", ...
    dtype: str  # "float32", "bfloat16" or "float16"

    def torch_dtype(self):
        import torch

        return getattr(torch, self.dtype)


def place(spec: str, dtype: str = "auto") -> Placement:
    """Resolve `auto|cpu|cuda|cuda:N` and the number format.

    auto: CUDA when present. dtype auto: float32 on CPU (exact, the same on every CPU), bf16 on CUDA
    (fp16 where bf16 is missing). bfloat16 on CPU is offered only where the CPU computes it natively
    (AVX512-BF16 or AMX), where it is about 1.8x faster than float32; elsewhere it is emulated and slow.
    """
    import torch

    if dtype not in DTYPES:
        raise DeviceError(f"unknown --dtype {dtype!r}; use one of {', '.join(DTYPES)}")
    if spec == "auto":
        spec = "cuda" if torch.cuda.is_available() else "cpu"
    if spec == "cpu":
        return Placement("cpu", _cpu_dtype(dtype))
    if not spec.startswith("cuda"):
        raise DeviceError(f"unknown device {spec!r}; use auto, cpu, cuda or cuda:N")
    if not torch.cuda.is_available():
        raise DeviceError(f"--device {spec}: no CUDA device is available here; use --device cpu or auto")
    index = int(spec.partition(":")[2] or 0)
    if index >= torch.cuda.device_count():
        raise DeviceError(f"--device {spec}: only {torch.cuda.device_count()} CUDA device(s) present")
    if dtype == "auto":
        dtype = "bfloat16" if torch.cuda.is_bf16_supported() else "float16"
    elif dtype == "bfloat16" and not torch.cuda.is_bf16_supported():
        raise DeviceError(f"--dtype bfloat16: {torch.cuda.get_device_name(index)} has no bfloat16; use float16")
    return Placement(spec, dtype)


def _cpu_dtype(dtype: str) -> str:
    if dtype in ("auto", "float32"):
        return "float32"
    if dtype == "float16":
        raise DeviceError("--dtype float16 is for CUDA; on CPU use --dtype bfloat16 (where the CPU has it) or --int8")
    if not cpu_has_bfloat16():
        raise DeviceError("--dtype bfloat16: this CPU has no native bfloat16 (AVX512-BF16 or AMX), so it would be "
                          "slower than float32; use --int8 for speed on this CPU")
    return "bfloat16"


def cpu_has_bfloat16() -> bool:
    """Whether oneDNN computes bfloat16 natively here (not by emulation)."""
    import torch

    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False


# glibc's mallopt parameters (malloc.h).
_M_TRIM_THRESHOLD, _M_MMAP_MAX = -1, -4


def keep_freed_memory() -> bool:
    """Let glibc reuse freed memory instead of handing big blocks back to the kernel after every use.

    Beam search over a 67k vocabulary allocates and frees several tensors of tens of MB per step.
    glibc serves blocks that large with fresh mmap()s, so every step pays for page faults and
    zeroing: 2.7 million page faults and about a quarter of the decoding time on opus-mt's shapes
    (2 cores). Served from the heap and kept there, the same memory is reused: 1.28x faster
    decoding, the same peak memory. No effect (and False) where the C library is not glibc.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(_M_MMAP_MAX, 0) and libc.mallopt(_M_TRIM_THRESHOLD, 2**30))
    except (OSError, AttributeError):  # musl and others: no mallopt, nothing to tune
        return False
