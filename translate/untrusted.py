"""The one door for parsing untrusted JSON and XML: bounded depth and size; every parser error one line.

`loads` refuses, with `Untrusted` (a ValueError whose message is one line without the place; the caller
names the file, line or record), JSON that
- is nested deeper than `max_depth` (found before parsing, in linear time: json recurses per level);
- holds a number Python cannot take: an integer of more digits than Python converts (over 4,300), or one
  too large for a float (a score of 1 followed by 400 zeros), or a float literal that overflows to infinity;
- is not JSON, or is over `max_bytes`.
RecursionError, ValueError and OverflowError never leave it.

`iterparse_bounded` walks XML with ElementTree's iterparse and refuses documents nested deeper than
`max_depth`; DTDs with entities are refused by the expat parser's own limits (no external entities are
ever fetched by ElementTree). Readers keep only what they need of each element.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO
from xml.etree import ElementTree

MAX_DEPTH = 64  # our records are at most 4 levels deep (a header's models); a review file 5
MAX_DIGITS = 308  # a number of more digits is beyond a float's range, and means nothing we write

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?')  # "?: an unclosed string is taken whole, in one pass
_INNERMOST = re.compile(r"\[\]|\{\}")
_BRACKETS = re.compile(r"[^\[\]{}]+")


class Untrusted(ValueError):
    """Untrusted text that is refused; the message says why in one line (the caller adds the place)."""


def too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """True when JSON text nests arrays and objects more than `limit` deep; linear in the text's length.

    With strings taken out and only brackets left, each pass removes the innermost pairs; pairs left after
    `limit` passes are deeper. Brackets that do not match are left for the parser to report.
    """
    if text.count("[") + text.count("{") <= limit:  # most lines: too few brackets to be deep
        return False
    brackets = _BRACKETS.sub("", _STRING.sub("", text))
    for _ in range(limit):
        brackets, count = _INNERMOST.subn("", brackets)
        if not count:
            return False
    return _INNERMOST.search(brackets) is not None


def _int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise Untrusted(f"a number of {len(digits.lstrip('-')):,} digits, beyond any value a record holds")
    return int(digits)


def _float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise Untrusted(f"the number {text[:20]}{'…' if len(text) > 20 else ''} is too large")
    return value


def loads(text: str | bytes, max_depth: int = MAX_DEPTH, max_bytes: int | None = None) -> object:
    """Parse untrusted JSON; Untrusted (one line) for anything we will not take. Bytes must be UTF-8."""
    if max_bytes is not None and len(text) > max_bytes:
        raise Untrusted(f"larger than {max_bytes:,} bytes")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise Untrusted(f"not UTF-8 (byte {error.start})") from None
    if too_deep(text, max_depth):
        raise Untrusted(f"JSON nested more than {max_depth} levels deep; refused without parsing it")
    try:
        return json.loads(text, parse_int=_int, parse_float=_float)
    except Untrusted:
        raise
    except json.JSONDecodeError as error:
        message = error.msg.removesuffix(" at")  # json says "Unterminated string starting at"
        where = f"line {error.lineno}, column {error.colno}" if error.lineno > 1 else f"column {error.colno}"
        raise Untrusted(f"not JSON ({message} at {where})") from None
    except RecursionError:  # not reached after too_deep, kept as a guard
        raise Untrusted("JSON nested too deeply; refused") from None
    except (ValueError, OverflowError) as error:
        raise Untrusted(f"not usable JSON ({str(error).splitlines()[0][:120]})") from None


def iterparse_bounded(source: Path | BinaryIO,
                      max_depth: int = MAX_DEPTH) -> Iterator[tuple[str, ElementTree.Element, int]]:
    """(event, element, depth) for "start" and "end" events, the root at depth 1; Untrusted (one line) when
    the XML is not well-formed or nests deeper than `max_depth`. Clear what you no longer need on "end"."""
    depth = 0
    try:
        for event, element in ElementTree.iterparse(source, events=("start", "end")):
            if event == "start":
                depth += 1
                if depth > max_depth:
                    raise Untrusted(f"XML nested more than {max_depth} elements deep; refused")
                yield event, element, depth
            else:
                yield event, element, depth
                depth -= 1
    except Untrusted:
        raise
    except ElementTree.ParseError as error:
        raise Untrusted(f"not well-formed XML ({error})") from None
    except (RecursionError, ValueError, OverflowError) as error:
        raise Untrusted(f"XML that cannot be read ({type(error).__name__})") from None
