"""The documentation and the command line agree: docs name only options that exist, and every option is documented.

Conventions (simple, so that every page keeps to them, including pages added later; every docs/*.md that exists
is read, and README.md):
- An option is written as `--name` inside backticks, or in a fenced code block.
- On a code line, or in a backtick span, that starts with `translate COMMAND`, the options are that command's and
  must exist in its `--help`. Any other option a page names must exist in the `--help` of a command the page names
  (as `translate COMMAND`), or of any command when the page names none.
- Every option of every command's `--help` (but --help) appears, so written, on one of its `translate COMMAND ...`
  lines or spans, or in a section that names the command: a section is the text from one heading to the next (any
  level), and it names the commands its own heading or text, or the page's title, hold as `translate COMMAND`.
- Lines and spans that start with another program (`python`, `pip`, `bash`, `ray`, ...) name that program's
  options and are not checked.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

from translate.cli import build_parser

HEADING = re.compile(r"^#{1,6} ")
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")
COMMAND = re.compile(r"\btranslate (run|review|apply|export|check|eval|models|merge-manifests)\b")
SPAN = re.compile(r"`([^`\n]+)`")
OTHER_TOOLS = ("pip ", "python", "sacrebleu", "ray ", "pytest", "ruff", "bash ", "git ", "sha256sum")
ALWAYS = {"--help", "--version"}


def command_options() -> dict[str, set[str]]:
    """Each command's long options, from its parser (as --help shows them)."""
    parser = build_parser()
    options = {}
    for name, command in parser.command_parsers.items():
        parsers = [command]
        if name == "models":
            parsers += command._subparsers._group_actions[0].choices.values()
        options[name] = {option for each in parsers for action in each._actions for option in action.option_strings
                         if option.startswith("--") and option != "--help"}
    return options


def pages() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def sections(text: str) -> list[list[str]]:
    found, current = [], []
    for line in text.splitlines():
        if HEADING.match(line) and current:
            found.append(current)
            current = []
        current.append(line)
    return [*found, current]


def mentions(section: list[str], title: set[str]) -> list[tuple[str, str | None, set[str]]]:
    """(text, its own command or None, the commands its section names) for each code line and span with options."""
    names = title | set(COMMAND.findall("\n".join(section)))
    pieces, fenced = [], False
    for line in section:
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        pieces.extend([line.strip()] if fenced else (span.strip() for span in SPAN.findall(line)))
    found = []
    for text in pieces:
        if text.startswith(OTHER_TOOLS) or not OPTION.search(text):
            continue
        own = COMMAND.match(text)
        found.append((text, own.group(1) if own else None, names))
    return found


def documented() -> list[tuple[Path, str, str, str | None, set[str], set[str]]]:
    """(page, option, text, its own command, its section's commands, the page's commands) for every option named."""
    rows = []
    for page in pages():
        text = page.read_text(encoding="utf-8")
        on_page = set(COMMAND.findall(text))
        title = set(COMMAND.findall(text.splitlines()[0]))
        for section in sections(text):
            for piece, own, named in mentions(section, title):
                rows.extend((page, option, piece, own, named, on_page) for option in OPTION.findall(piece))
    return rows


def test_docs_name_only_options_that_exist():
    options = command_options()
    every = set().union(*options.values())
    wrong = []
    for page, option, text, own, _named, on_page in documented():
        commands = {own} if own else on_page
        allowed = set().union(*(options[c] for c in commands)) if commands else every
        if option not in allowed | ALWAYS:
            wrong.append(f"{page.relative_to(ROOT)}: {option} (in `{text}`) is not an option of "
                         f"{', '.join(sorted(commands))}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("command", list(build_parser().command_parsers))
def test_every_option_of_the_help_is_documented(command):
    covered = {option for _page, option, _text, own, named, _on_page in documented()
               if own == command or (own is None and command in named)}
    missing = sorted(command_options()[command] - covered)
    assert not missing, f"translate {command}: {', '.join(missing)} documented in no section that names the command"


def test_readme_is_short_and_links_every_docs_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode("utf-8")) <= 10 * 1024
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert f"docs/{page.name}" in readme, f"README.md does not link docs/{page.name}"


def test_relative_links_in_the_docs_lead_somewhere():
    broken = []
    for page in pages():
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if not (page.parent / target).exists():
                broken.append(f"{page.relative_to(ROOT)} -> {target}")
    # Pages written by other helpers in parallel (issues 18, 19, 20, 22) are linked before they exist here.
    expected_later = {"docs/checks.md", "docs/review.md", "docs/security.md", "docs/memory.md", "checks.md",
                      "review.md", "security.md", "memory.md"}
    assert [b for b in broken if b.split(" -> ")[1] not in expected_later] == []
