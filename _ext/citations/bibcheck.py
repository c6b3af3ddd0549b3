"""Mistakes in a BibTeX file that would pass silently, found with their line.

pybtex keeps one of two entries with the same key, and lets an unbalanced
brace swallow the fields that follow; pandoc's biblatex reader (the citation
processor's) reads a raw ``%`` as the start of a comment, drops a date it
can't read and types an entry it doesn't know as nothing. ``problems(text)``
finds these, and pybtex's own syntax errors, each with the line, the field,
the value and what to do. No Sphinx import: the build (``extension.py``) and
``make lint`` (``tools/biblint.py``) share it.
"""

from __future__ import annotations

import bisect
import calendar
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
FIELD_NAME = re.compile(r"\s*,?\s*([A-Za-z][\w:.+-]*)\s*=\s*")
BARE_VALUE = re.compile(r"[^\s,{}#\"]+")

# Fields biblatex reads verbatim (its data model's ``verbatim`` and ``uri`` fields): a % is a character.
VERBATIM = {"url", "doi", "eprint", "file", "pdf", "urlraw", "verba", "verbb", "verbc"}
# biblatex's date fields (biblatex manual 2.3.8): ISO 8601-2, as biblatex reads it.
DATES = {"date", "urldate", "origdate", "eventdate"}
ONE_DATE = re.compile(
    r"(?P<year>-?\d{4}|\d{2}XX|\d{3}X)(?:-(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX)"
    r"(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?[?~%]?"
)
DATE_FORMS = "write 2021-08-25, 2021-08 or 2021 (a range 2020/2021, a season 2021-21 to 2021-24)"
MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
MONTH_NAMES = {name.lower() for name in calendar.month_name[1:]} | {"sept"}
# Every entry type of biblatex's data model (biblatex manual 2.1), its aliases for BibTeX's
# types (2.1.2), and the types its standard styles treat as @misc (2.1.3).
TYPES = set(
    """article book mvbook inbook bookinbook suppbook booklet collection mvcollection incollection
    suppcollection dataset manual misc online patent periodical suppperiodical proceedings mvproceedings
    inproceedings reference mvreference inreference report set software thesis unpublished xdata
    conference electronic mastersthesis phdthesis techreport www
    artwork audio bibnote commentary image jurisdiction legislation legal letter movie music performance
    review standard video""".split()
)


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


@dataclass(frozen=True)
class Field:
    """A field as written: its name, its value (a braced or quoted text, or a bare word), its line."""

    name: str
    value: str
    line: int
    braced: bool
    span: tuple[int, int]  # where the field stands in the entry's text, from its name to its value's end


@dataclass(frozen=True)
class Entry:
    """An entry as written: its type, key, first line and text."""

    type: str
    key: str
    line: int
    text: str
    balanced: bool = True
    start: int = 0  # where it starts in its file's text


def entries(text: str) -> list[Entry]:
    """Each entry from its @ to its closing brace (to the next @ when its braces don't balance)."""
    starts = list(ENTRY_START.finditer(text))
    found = []
    line, counted = 1, 0  # lines counted up to each entry from the one before: linear in the file's length
    ends = [match.start() for match in starts[1:]] + [len(text)] * bool(starts)
    for match, end in zip(starts, ends, strict=True):
        chunk = text[match.start() : end]
        close = closing_brace(chunk)
        entry_text = chunk if close is None else chunk[: close + 1]
        line += text.count("\n", counted, match.start())
        counted = match.start()
        found.append(Entry(match[1].lower(), match[2], line, entry_text, close is not None, match.start()))
    return [e for e in found if e.type not in ("comment", "preamble", "string")]


def fields(entry: Entry) -> list[Field]:
    """The entry's fields as written, each with its line; what can't be read ends the list
    (pybtex's parse names the syntax error)."""
    text, found = entry.text, []
    position = text.find(",")
    while position >= 0:
        name = FIELD_NAME.match(text, position)
        if name is None:
            break
        line = entry.line + text.count("\n", 0, name.start(1))
        position, parts, braced = name.end(), [], False
        while True:
            if text.startswith("{", position):
                close = closing_brace(text[position:])
                if close is None:
                    return found
                parts.append(text[position + 1 : position + close])
                position, braced = position + close + 1, True
            elif text.startswith('"', position):
                close = _closing_quote(text, position)
                if close is None:
                    return found
                parts.append(text[position + 1 : close])
                position, braced = close + 1, True
            elif bare := BARE_VALUE.match(text, position):
                parts.append(bare[0])
                position = bare.end()
            else:
                return found
            hash_sign = re.compile(r"\s*#\s*").match(text, position)
            if hash_sign is None:
                break
            position = hash_sign.end()
        found.append(Field(name[1].lower(), "".join(parts), line, braced, (name.start(1), position)))
    return found


def _closing_quote(text: str, start: int) -> int | None:
    depth = 0
    for index in range(start + 1, len(text)):
        char = text[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            return index
    return None


def field_problems(entry: Entry, thorough: bool = True) -> list[Problem]:
    """What the processor would read wrongly or not at all: a field's value, a date, the type.

    ``thorough=False`` reads the fields only of an entry that may have such a problem (``suspects``):
    reading every field of 5,000 entries takes a third of a second."""
    found = []
    if entry.type not in TYPES:
        found.append(
            Problem(
                entry.line,
                f"@{entry.type} {entry.key!r}: not an entry type of biblatex, so no style formats it; "
                "use @book, @article, @incollection, @report, @thesis, @online, @misc or another",
            )
        )
    if not thorough:
        return found
    seen: dict[str, int] = {}
    for field in fields(entry):
        if field.name in seen:
            found.append(
                Problem(
                    field.line,
                    f"entry with key {entry.key} has a duplicate {field.name} field "
                    f"(line {seen[field.name]}): keep one of the two",
                )
            )
        seen.setdefault(field.name, field.line)
        where = f"{field.name} = {{{field.value}}}" if field.braced else f"{field.name} = {field.value}"
        if field.name not in VERBATIM and field.braced and UNESCAPED_PERCENT.search(field.value):
            found.append(
                Problem(field.line, f"{where}: a raw % starts a comment and cuts the field short; write \\%")
            )
        if field.name in DATES and (reason := date_problem(field.value)):
            found.append(Problem(field.line, f"{where}: {reason}; {DATE_FORMS}"))
        if field.name == "month" and not _is_month(field.value):
            found.append(
                Problem(
                    field.line, f"{where}: not a month; write jan, feb, ... dec, or 1 to 12, or a date field"
                )
            )
    return found


DATE_VALUES = re.compile(
    r"[,{(]\s*(?:date|urldate|origdate|eventdate)\s*=\s*[{\"]?([^,}\"\n]*)", re.IGNORECASE
)
MONTH_VALUES = re.compile(r"[,{(]\s*month\s*=\s*[{\"]?([^,}\"\n]*)", re.IGNORECASE)


def _marked(marks: list[int], entry: Entry) -> bool:
    """Whether one of these places (``suspects``) is in the entry."""
    index = bisect.bisect_left(marks, entry.start)
    return index < len(marks) and marks[index] < entry.start + len(entry.text)


# The dates most entries have, plainly right (a day up to 28 is in every month): no calendar needed.
PLAIN_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|1\d|2[0-8]))?)?")


def suspects(text: str) -> list[int]:
    """Where in a file a field may be wrong (a raw %, a date or month that is none, a control
    character), found in one pass of each expression over the whole text."""
    found = [m.start() for m in UNESCAPED_PERCENT.finditer(text)]
    found += [
        m.start()
        for m in DATE_VALUES.finditer(text)
        if not PLAIN_DATE.fullmatch(value := m[1].strip()) and date_problem(value)
    ]
    found += [m.start() for m in MONTH_VALUES.finditer(text) if not _is_month(m[1].strip())]
    found += [m.start() for m in CONTROL.finditer(text)]
    return sorted(found)


def _is_month(value: str) -> bool:
    """A BibTeX month macro, a month's name (biblatex and pandoc read both) or its number."""
    value = value.lower().rstrip(".")
    return value in MONTHS or value in MONTH_NAMES or (value.isdigit() and 1 <= int(value) <= 12)


def date_problem(value: str) -> str | None:
    """What is wrong with a biblatex date (a single date or a range), or None."""
    parts = value.split("/")
    if len(parts) > 2 or not value.strip():
        return "not a date"
    for part in parts:
        if part in ("", ".."):
            if len(parts) == 1:
                return "not a date"
            continue
        match = ONE_DATE.fullmatch(part)
        if match is None:
            return "not a date"
        month, day = match["month"], match["day"]
        if month is None or "X" in month:
            continue
        number = int(month)
        if 21 <= number <= 24 and day is None:
            continue  # a season
        if not 1 <= number <= 12:
            return f"there is no month {number}"
        if day is not None and "X" not in day and "X" not in match["year"]:
            last = calendar.monthrange(int(match["year"]), number)[1]
            if not 1 <= int(day) <= last:
                return f"there is no day {int(day)} in {calendar.month_name[number]} {match['year']}"
    return None


def closing_brace(chunk: str) -> int | None:
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
    """Every problem, each with its line; ``syntax=False`` leaves pybtex's own syntax check, and a
    field given twice, which pybtex refuses too, to the caller (quicker: see ``field_problems``)."""
    found: list[Problem] = []
    first_line: dict[str, int] = {}
    marks = suspects(text)
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
        here = _marked(marks, entry)
        found.extend(field_problems(entry, thorough=syntax or here))
        # Lines split only where there is something to find (not splitlines: it splits at \x0c too).
        lines = entry.text.split("\n") if here and CONTROL.search(entry.text) else []
        for offset, line in enumerate(lines):
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
