"""pyarrow, an optional extra: loaded only when Parquet is read or written, with a clear message when it is missing.

The readers of record files (translate/recordfiles.py) and of memories (translate/memory.py), and the export
(translate/parquet.py), all load it here.
"""

from __future__ import annotations

from translate import install_hint


class PyarrowMissing(Exception):
    """pyarrow, the optional extra for Parquet, is not installed; the message says how to install it."""


def load_pyarrow(purpose: str):
    """(pyarrow, pyarrow.parquet), or PyarrowMissing with the install command."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise PyarrowMissing(f"{purpose} needs pyarrow, which is not installed here: {install_hint('parquet')} "
                             "(or pip install pyarrow)") from None
    return pyarrow, pyarrow.parquet
