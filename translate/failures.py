"""A model that fails mid-run: one line that says what failed, on which batch, and what is likely to fix it.

The pipeline wraps every call into a model; an unexpected exception there (a CUDA library that will
not load, a device error, a bug in a backend) stops the run cleanly instead of escaping as a
traceback: the articles written before stay, the manifest records the reason, and a rerun resumes.
"""

from __future__ import annotations

# Words in an error that point at the machine's CUDA set-up or device rather than at the text or the model.
_CUDA_WORDS = ("cuda", "cublas", "cudnn", "no kernel image", "device-side assert", "illegal memory access")


class ModelFailed(Exception):
    """A model raised during the run; the message is the one line the user sees."""


def failure_message(role: str, backend: str, batch: int, texts: list[str], error: BaseException) -> str:
    first = " ".join(texts[0].split())[:60] if texts else ""
    cause = f"{type(error).__name__}: {' '.join(str(error).split())[:300]}"
    return (f"the {role} model ({backend}) failed on batch {batch} of this run ({len(texts)} texts, the first "
            f"{first!r}): {cause}. {likely_fix(error)}")


def likely_fix(error: BaseException) -> str:
    text = str(error).lower()
    if "out of memory" in text:
        return "A single text did not fit in memory: rerun with a smaller --batch-tokens; a rerun resumes"
    if any(word in text for word in _CUDA_WORDS):
        return ("Likely a CUDA library, driver or device problem: fix the CUDA installation, or run with "
                "--backend transformers or --device cpu; articles written so far are kept and a rerun resumes")
    return ("Articles written so far are kept: run the same command again to resume; if the same batch fails "
            "again, try the other --backend and report the problem with the text above")
