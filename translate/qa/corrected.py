"""Flags that follow a correction: after a reviewer's English replaces the machine's, the record's `flags` and
`details` describe the English now in `en`, and the machine's are kept beside `mt` as `mt_flags` and
`mt_details` (the latter only when non-empty).

Which flags a corrected English keeps: the checks' own (numbers, names, punctuation; on a summary
summary_numbers and summary_names) are computed afresh on it; flags about the Dutch input (`not_dutch`,
`markup`) still hold and stay. Every other flag describes how the machine produced its English (`retried`,
`split`, `passthrough`, `recased`, `copied`, `empty`, `inconsistent` between machine outputs, ...) and stays
with the machine's output only. A correction that puts the machine's English back puts its flags back.
Recomputing is idempotent: the machine's flags are read from `mt_flags` once they are there.
"""

from __future__ import annotations

from collections.abc import Callable

SOURCE_FLAGS = ("not_dutch", "markup")  # about the Dutch: they hold whatever the English is


def follow_correction(unit: dict, findings: Callable[[], dict[str, str]]) -> dict:
    """The sentence or summary record `unit` (with `en`, `mt`, `flags`) with flags for its current English;
    `findings()` runs the checks on it. A record without a changed English comes back as it was."""
    if "mt" not in unit or "flags" not in unit:
        return unit
    machine_flags = unit.get("mt_flags", unit["flags"])
    machine_details = unit.get("mt_details", {}) if "mt_flags" in unit else unit.get("details", {})
    if unit["en"] == unit["mt"]:
        flags, details, machine = machine_flags, machine_details, {}
    else:
        found = findings()
        flags = [*(flag for flag in machine_flags if flag in SOURCE_FLAGS), *found]
        details = {flag: text for flag, text in machine_details.items() if flag in SOURCE_FLAGS} | found
        machine = {"mt_flags": list(machine_flags)} | ({"mt_details": dict(machine_details)} if machine_details else {})
    return ordered_record(unit, list(flags), dict(details), machine)


def ordered_record(unit: dict, flags: list[str], details: dict[str, str], machine: dict) -> dict:
    """The record's keys in their order: details right after flags, mt_flags and mt_details right after mt."""
    result: dict = {}
    for key, value in unit.items():
        if key in ("details", "mt_flags", "mt_details"):
            continue
        result[key] = flags if key == "flags" else value
        if key == "flags" and details:
            result["details"] = details
        if key == "mt":
            result |= machine
    return result
