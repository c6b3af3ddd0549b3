"""The works of the BibTeX files, as written, for the processor.

The processor reads BibTeX itself (pandoc's biblatex reader: biblatex's
types and fields, ``crossref``, ``@string``, dates). It is given only the
works a batch needs: their entries, the entries they take fields from
(``crossref``, ``xref``, ``xdata``), and every ``@string``; a 5,000-entry file
costs one scan of its text, not a conversion of 5,000 entries. No Sphinx import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import bibcheck

# Fields naming other entries whose fields an entry takes (biblatex §2.4.1, §3.13).
PARENT_FIELD = re.compile(r"\b(?:crossref|xref|xdata)\s*=\s*[{\"]([^}\"]*)[}\"]", re.IGNORECASE)
STRING = re.compile(r"^[ \t]*@[ \t]*string[ \t]*[{(]", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Work:
    """An entry's key as written, its file, and its text from its @ to the next entry's."""

    key: str
    path: Path
    text: str


class Works:
    """Each key's entry as written, in its file, and the files' ``@string`` definitions.

    Read at every build, by each builder: one pass of a regular expression over each file (an
    entry runs to the next one; the text between is a comment to the processor, as to BibTeX),
    not bibcheck's entry by entry, brace by brace (a tenth of a second for 5,000 entries)."""

    def __init__(self, texts: dict[Path, str]):
        self.by_key: dict[str, Work] = {}
        strings: list[str] = []
        for path, text in texts.items():
            starts = list(bibcheck.ENTRY_START.finditer(text))
            ends = [m.start() for m in starts[1:]] + [len(text)] * bool(starts)
            for start, end in zip(starts, ends, strict=True):
                if start[1].lower() not in ("comment", "preamble", "string"):
                    self.by_key.setdefault(start[2].lower(), Work(start[2], path, text[start.start() : end]))
            strings.extend(_strings(text))
        self.strings = "\n".join(strings)
        self._order = {key: index for index, key in enumerate(self.by_key)}

    def __contains__(self, key: str) -> bool:
        return key.lower() in self.by_key

    def get(self, key: str) -> Work | None:
        return self.by_key.get(key.lower())

    def source(self, keys) -> str:
        """The text the processor needs for these works: the same for the same set of keys."""
        needed: set[str] = set()
        pending = [key.lower() for key in keys]
        while pending:
            key = pending.pop()
            if key in needed or key not in self.by_key:
                continue
            needed.add(key)
            text = self.by_key[key].text
            for match in PARENT_FIELD.finditer(text):
                pending.extend(part.strip().lower() for part in match[1].split(","))
        chosen = sorted(needed, key=self._order.__getitem__)
        return "\n\n".join([self.strings, *(self.by_key[key].text for key in chosen)])


def _strings(text: str) -> list[str]:
    """Each ``@string{...}`` definition, whole."""
    found = []
    for match in STRING.finditer(text):
        close = bibcheck.closing_brace(text[match.end() - 1 :])
        if close is not None:
            found.append(text[match.start() : match.end() + close])
    return found
