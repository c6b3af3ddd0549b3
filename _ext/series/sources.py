"""What authors type, checked before MyST parses it, each mistake with its line and the fix.

- Front matter that is not YAML: MyST says only "Malformed YAML", on line 1.
- A key given twice in the front matter: YAML keeps the last value without a word.
- A source put back as an older copy (``cp -p``, ``tar``, ``rsync -a``): Sphinx compares
  times and would not read it again; the digest of each source's content, noted as it
  is read, is compared too (``env-get-outdated``).
- A note's marker without its note, or a note without its marker: docutils and Sphinx
  name neither ("Too many autonumbered footnote references", "Footnote [#] is not
  referenced"); here each is named with its label and line.
- Control characters: invisible, useless to readers, and forbidden in HTML;
  pasted from word processors and reference managers.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from pathlib import Path

import yaml
from sphinx.util import logging

logger = logging.getLogger(__name__)

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^---[ \t]*$", re.DOTALL | re.MULTILINE)
# C0 controls but tab, line feed and carriage return; DEL; C1 controls.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class KeyTwice(yaml.constructor.ConstructorError):
    pass


class UniqueKeyLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing a mapping that gives a key twice, and noting (not raising on)
    a date that is none, such as 2022-02-30: YAML reads it as a date, and Python refuses it."""

    def __init__(self, stream):
        super().__init__(stream)
        self.no_dates: list[tuple[int, int]] = []  # where each such value stands in the text

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            self.no_dates.append((node.start_mark.index, node.end_mark.index))
            return node.value

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise KeyTwice(
                    None,
                    None,
                    f"the key {key!r} is given twice (also on line {seen[key] + 2}); keep one",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep)


UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", UniqueKeyLoader.construct_yaml_timestamp)


def check_yaml(app, docname: str, source: list[str]) -> None:
    """Warn of what MyST would take silently or crash on; a date that is none is quoted, in the
    text Sphinx reads (never in the file), so that MyST reads it as text and the model names it."""
    text = source[0]
    match = FRONT_MATTER.match(text)
    if match is None:
        return
    loader = UniqueKeyLoader(match[1])
    try:
        loader.get_single_data()
    except KeyTwice as error:
        logger.warning(
            "the front matter gives a key twice: %s",
            error.problem,
            location=(docname, error.problem_mark.line + 2),
            type="series",
            subtype="front_matter",
        )
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for the opening ---, +1 as YAML counts from 0
        problem = getattr(error, "problem", None) or str(error)
        logger.warning(
            "the front matter is not valid YAML: %s; a value holding ': ' or ' #' needs quotes, "
            'e.g. abstract: "Russia: a view"',
            problem,
            location=(docname, line),
            type="series",
            subtype="front_matter",
        )
    finally:
        loader.dispose()
    offset = match.start(1)
    for start, end in reversed(loader.no_dates):
        value = text[offset + start : offset + end]
        source[0] = text = f"{text[: offset + start]}{json.dumps(value)}{text[offset + end :]}"


def check_control_characters(app, docname: str, text: str) -> None:
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines: it splits at \x0c too
        for found in CONTROL.finditer(line):
            logger.warning(
                "control character U+%04X in column %d: delete it (it is invisible, and forbidden in HTML)",
                ord(found.group()),
                found.start() + 1,
                location=(docname, number),
                type="series",
                subtype="control_character",
            )


FENCE = re.compile(r"^(`{3,}|~{3,}|:{3,})\s*(\{([^}\s]+)\})?(.*)$")
NOTE_TEXT = re.compile(r"^\[\^([^\]\s]+)\]:")
NOTE_MARKER = re.compile(r"\[\^([^\]\s]+)\](?!:)")
INLINE_CODE = re.compile(r"(`+).*?\1")
# Directives whose content is not Markdown: a marker there is an example, not a note.
LITERAL_DIRECTIVES = {
    "code",
    "code-block",
    "code-cell",
    "sourcecode",
    "literalinclude",
    "math",
    "raw",
    "eval-rst",
}


def check_notes(app, docname: str, text: str) -> None:
    """Each marker ``[^label]`` has its note ``[^label]: ...``, and each note its marker."""
    markers: dict[str, int] = {}
    notes: dict[str, int] = {}
    fences: list[tuple[str, bool]] = []  # (fence, literal) of each block open around the line
    for number, line in enumerate(text.split("\n"), start=1):
        if fence := FENCE.match(line.strip()):
            closes = fences and fence[1].startswith(fences[-1][0]) and not (fence[2] or fence[4].strip())
            if closes:
                fences.pop()
            elif not (fences and fences[-1][1]):  # a fence inside a code block is its text
                fences.append((fence[1], not fence[2] or fence[3] in LITERAL_DIRECTIVES))
            continue
        if fences and fences[-1][1]:
            continue  # an example in a code block, not a note
        line = INLINE_CODE.sub("", line)
        if note := NOTE_TEXT.match(line):
            notes.setdefault(note[1], number)
            line = line[note.end() :]
        for marker in NOTE_MARKER.finditer(line):
            markers.setdefault(marker[1], number)
    for label, number in markers.items():
        if label not in notes:
            near = difflib.get_close_matches(label, [note for note in notes if note not in markers], n=1)
            fix = f"did you mean [^{near[0]}]?" if near else f"add a line '[^{label}]: ...' below the text"
            logger.warning(
                "the note [^%s] has no text: %s",
                label,
                fix,
                location=(docname, number),
                type="series",
                subtype="note",
            )
    for label, number in notes.items():
        if label not in markers:
            logger.warning(
                "the note [^%s] has no marker in the text: put [^%s] where the note belongs,"
                " or delete the note",
                label,
                label,
                location=(docname, number),
                type="series",
                subtype="note",
            )


def check_source(app, docname: str, source: list[str]) -> None:
    check_yaml(app, docname, source)
    check_notes(app, docname, source[0])
    check_control_characters(app, docname, source[0])


def source_digests(env) -> dict[str, str]:
    """The digest of each document's source file as it was last read."""
    if not hasattr(env, "series_source_digests"):
        env.series_source_digests = {}
    return env.series_source_digests


def file_digest(path) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def note_digest(app, docname: str, source: list[str]) -> None:
    source_digests(app.env)[docname] = file_digest(app.env.doc2path(docname))


def changed_content(app, env, added, changed, removed) -> set[str]:
    """The documents whose source changed in content though not in time."""
    return {
        docname
        for docname, digest in source_digests(env).items()
        if docname not in changed | removed | added
        and docname in env.found_docs
        and file_digest(env.doc2path(docname)) != digest
    }


def purge(app, env, docname: str) -> None:
    source_digests(env).pop(docname, None)


def merge(app, env, docnames, other) -> None:
    source_digests(env).update({d: v for d, v in source_digests(other).items() if d in docnames})
