"""Mistakes in a BibTeX file that pybtex would pass over silently, found with their line.

pybtex keeps one of two entries with the same key, reads a raw ``%`` as the
start of a comment, and lets an unbalanced brace swallow the fields that
follow. ``problems(text)`` finds these, and pybtex's own syntax errors, each
with the line and what to do. No Sphinx import: the build (``__init__.py``)
and ``make lint`` (``tools/biblint.py``) share it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pybtex.database import InvalidNameString
from pybtex.database.input.bibtex import DuplicateField, Parser
from pybtex.exceptions import PybtexError
from pybtex.scanner import PybtexSyntaxError

ENTRY_START = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(][ \t]*([^,\s]*)", re.MULTILINE)
UNESCAPED_PERCENT = re.compile(r"(?<!\\)%")
# C0 controls but tab, line feed and carriage return; DEL; C1 controls.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
BRACE = re.compile(r"\\[{}]|[{}]")  # \{ and \} are characters, not braces


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


@dataclass(frozen=True)
class Entry:
    """An entry as written: its type, key, first line and text."""

    type: str
    key: str
    line: int
    text: str
    balanced: bool = True


def entries(text: str) -> list[Entry]:
    """Each entry from its @ to its closing brace (to the next @ when its braces don't balance)."""
    starts = list(ENTRY_START.finditer(text))
    found = []
    line, counted = 1, 0  # lines counted up to each entry from the one before: linear in the file's length
    ends = [match.start() for match in starts[1:]] + [len(text)] * bool(starts)
    for match, end in zip(starts, ends, strict=True):
        chunk = text[match.start() : end]
        close = _closing_brace(chunk)
        entry_text = chunk if close is None else chunk[: close + 1]
        line += text.count("\n", counted, match.start())
        counted = match.start()
        found.append(Entry(match[1].lower(), match[2], line, entry_text, balanced=close is not None))
    return [e for e in found if e.type not in ("comment", "preamble", "string")]


def _closing_brace(chunk: str) -> int | None:
    depth = 0
    for brace in BRACE.finditer(chunk):
        if brace[0] == "{":
            depth += 1
        elif brace[0] == "}":
            depth -= 1
            if depth == 0:
                return brace.start()
    return None


def problems(text: str, syntax: bool = True) -> list[Problem]:
    """Every problem, each with its line; ``syntax=False`` leaves pybtex's own syntax check to the caller."""
    found: list[Problem] = []
    first_line: dict[str, int] = {}
    for entry in entries(text):
        key = entry.key.lower()  # BibTeX keys are case-insensitive
        if key in first_line:
            found.append(
                Problem(
                    entry.line,
                    f"duplicate key {entry.key!r}, first used on line {first_line[key]}; "
                    "give one of the two entries another key",
                )
            )
        first_line.setdefault(key, entry.line)
        # Lines split only where there is something to find (not splitlines: it splits at \x0c too).
        suspect = UNESCAPED_PERCENT.search(entry.text) or CONTROL.search(entry.text)
        lines = entry.text.split("\n") if suspect else []
        for offset, line in enumerate(lines):
            if UNESCAPED_PERCENT.search(line):
                found.append(
                    Problem(
                        entry.line + offset,
                        "a raw % starts a comment and cuts the field short; write \\% instead",
                    )
                )
            if control := CONTROL.search(line):
                found.append(
                    Problem(
                        entry.line + offset,
                        f"control character U+{ord(control.group()):04X}: delete it "
                        "(it is invisible, and forbidden in HTML)",
                    )
                )
        if not entry.balanced:
            found.append(
                Problem(
                    entry.line,
                    f"unbalanced braces in entry {entry.key!r}: "
                    "every { needs its }, and the entry must close before the next @",
                )
            )
    if not found and syntax:
        try:
            Parser().parse_string(text)
        except PybtexSyntaxError as error:
            found.append(syntax_problem(error))
        except PybtexError as error:  # a name or a field pybtex refuses, or a key repeated on one line
            found.append(refused_problem(text, error))
    return sorted(found, key=lambda p: p.line)


def refused_problem(text: str, error: PybtexError) -> Problem:
    """What pybtex refused, at the line of the entry it refused, with the fix."""
    fix = "give each entry a line of its own and its own key"
    if isinstance(error, InvalidNameString):
        fix = "write each name as 'Last, First' or 'Last, Jr., First', and join names with 'and'"
    elif isinstance(error, DuplicateField):
        fix = "keep one of the two"
    for entry in entries(text):
        try:
            Parser().parse_string(entry.text)
        except PybtexError as refused:
            if str(refused) == str(error):
                return Problem(entry.line, f"{error}: {fix}")
    return Problem(1, f"{error}: {fix}")


def syntax_problem(error: PybtexSyntaxError) -> Problem:
    expected = str(error).split(": ", 1)[-1]  # "'}' expected", after pybtex's "syntax error in line N"
    return Problem(error.lineno, f"syntax error, {expected}: is a comma missing after a field?")
