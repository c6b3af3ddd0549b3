"""pybtex's BibTeX parser, with a quicker reading of the plain entries that make up references.bib.

pybtex reads a file token by token in Python: about a second for 5,000
entries. ``Parser`` here reads the entries written as references.bib asks
(``@type{key, field = {value}, ...}``, numbers as bare values, ``@comment``)
with a few regular expressions, and makes each into pybtex's ``Entry`` as
pybtex's ``process_entry`` does: the same fields, the same people, the same
errors for a duplicate field or key. It makes it when it is first looked up
(``Entries``): a series cites a few hundred of the thousands of works in its
file, and the rest cost neither time nor memory (nor the garbage collector's
time, which walks every object kept). An entry that pybtex would refuse, a
field given twice or a name with too many commas, is made at once, so the
error comes while the file is read, as pybtex's would. Anything else
(``@string``, ``@preamble``, quoted or concatenated values, macros,
parenthesised entries, a syntax error) makes it read the whole file with
pybtex's parser instead, so what it accepts and how it reports a mistake are
pybtex's. No Sphinx import.
"""

from __future__ import annotations

import re

from pybtex import textutils
from pybtex.bibtex.utils import split_name_list, split_tex_string
from pybtex.database import BibliographyDataError, Entry, Person
from pybtex.database.input import bibtex
from pybtex.utils import OrderedCaseInsensitiveDict

PERSON_FIELDS = {role.lower() for role in Person.valid_roles}
PERSON_PARTS = ("first_names", "middle_names", "prelast_names", "last_names", "lineage_names")

WHITESPACE = re.compile(r"\s*")
BRACES = re.compile(r"[{}]")
NAME = bibtex.LowLevelParser.NAME.match
KEY = bibtex.LowLevelParser.KEY_BRACE.match
NUMBER = bibtex.LowLevelParser.NUMBER.match


# A field whose value is braced text with no braces inside, or a number, followed by its comma.
PLAIN_FIELD = re.compile(
    rf"\s*({bibtex.LowLevelParser.NAME.match.__self__.pattern})\s*=\s*(?:\{{([^{{}}]*)\}}|([0-9]+))\s*,"
).match


class Unusual(Exception):
    """Something the quick reading leaves to pybtex."""


def _skip(text: str, pos: int) -> int:
    return WHITESPACE.match(text, pos).end()


def _closing_brace(text: str, pos: int) -> int:
    """The brace that closes the one at pos, counting every brace as BibTeX does."""
    depth = 0
    for brace in BRACES.finditer(text, pos):
        depth += 1 if brace[0] == "{" else -1
        if depth == 0:
            return brace.start()
    raise Unusual("unbalanced braces")


def entries(text: str):
    """(type, key, fields) for each entry, as pybtex's LowLevelParser yields them; Unusual otherwise."""
    pos = 0
    while (at := text.find("@", pos)) >= 0:
        name = NAME(text, _skip(text, at + 1))
        if name is None:
            raise Unusual("a command without a name")
        pos = _skip(text, name.end())
        if not text.startswith("{", pos):
            raise Unusual("an entry not in braces")
        pos += 1
        command = name[0]
        if command.lower() == "comment":
            continue  # pybtex too skips it from its opening brace on
        if command.lower() in ("string", "preamble"):
            raise Unusual(command)
        key = KEY(text, _skip(text, pos))
        if key is None:
            raise Unusual("an entry without a key")
        pos, fields = key.end(), []
        while True:
            plain = PLAIN_FIELD(text, pos)  # most fields: name = {text without braces},
            if plain is not None:
                fields.append((plain[1], plain[2] if plain[2] is not None else plain[3]))
                pos = plain.end()
                continue
            pos = _skip(text, pos)
            field = NAME(text, pos)
            if field is not None:
                pos = _skip(text, field.end())
                if not text.startswith("=", pos):
                    raise Unusual("a field without =")
                pos = _skip(text, pos + 1)
                if text.startswith("{", pos):
                    end = _closing_brace(text, pos)
                    value, pos = text[pos + 1 : end], end + 1
                elif number := NUMBER(text, pos):
                    value, pos = number[0], number.end()
                else:
                    raise Unusual("a quoted value or a macro")
                pos = _skip(text, pos)
                if text.startswith("#", pos):
                    raise Unusual("a concatenation")
                fields.append((field[0], value))
            pos = _skip(text, pos)
            if not text.startswith(",", pos):
                break
            pos += 1
        pos = _skip(text, pos)
        if not text.startswith("}", pos):
            raise Unusual("an entry not closed where its fields end")
        pos += 1
        yield command, key[0], tuple(fields)


class Unmade(tuple):
    """An entry's (type, fields) as read, to be made into pybtex's ``Entry`` when it is looked up."""

    __slots__ = ()


class Entries(OrderedCaseInsensitiveDict):
    """pybtex's entries by key, each made from what was read the first time it is looked up."""

    def __init__(self, parser: Parser):
        super().__init__()
        self._parser = parser

    def __getitem__(self, key):
        value = super().__getitem__(key)
        if type(value) is Unmade:
            canonical = self._keys[key.lower()]
            value = self._dict[key.lower()] = self._parser.make_entry(*value, key=canonical)
        return value

    def __getstate__(self):
        return {"_dict": self._dict, "_keys": self._keys}

    def __setstate__(self, state):
        self.__dict__.update(state, _parser=Parser())


class Parser(bibtex.Parser):
    """pybtex's Parser, reading plain entries quickly, and each person's name once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._people: dict[str, Person] = {}

    def person(self, name: str) -> Person:
        """``Person(name)``: a copy of the one parsed before when the same name comes again."""
        known = self._people.get(name)
        if known is None:
            known = self._people[name] = Person(name)
        person = Person()
        for part in PERSON_PARTS:
            getattr(person, part).extend(getattr(known, part))
        return person

    def make_entry(self, entry_type, fields, key) -> Entry:
        """pybtex 0.26.1's ``Parser.process_entry`` up to ``add_entry``, with self.person for Person."""
        entry = Entry(entry_type)
        seen_fields = set()
        for field_name, field_value in fields:
            if field_name.lower() in seen_fields:
                self.handle_error(bibtex.DuplicateField(key, field_name))
                continue
            field_value = textutils.normalize_whitespace(field_value)
            if field_name in self.person_fields:
                for name in split_name_list(field_value):
                    entry.add_person(self.person(name), field_name)
            else:
                entry.fields[field_name] = field_value
            seen_fields.add(field_name.lower())
        entry.key = key
        return entry

    def parse_string(self, text):
        try:
            found = list(entries(text))
        except Unusual:
            return super().parse_string(text)
        if not isinstance(self.data.entries, Entries):  # with the entries of files read before, if any
            made = self.data.entries
            self.data.entries = Entries(self)
            self.data.entries.update(made)
        for entry_type, key, fields in found:
            if key in self.data.entries:  # as pybtex's add_entry
                self.handle_error(BibliographyDataError(f"repeated bibliography entry: {key}"))
                continue
            unmade = Unmade((entry_type, fields))
            self.data.entries[key] = self.make_entry(*unmade, key=key) if _refused(fields) else unmade
        return self.data


def _refused(fields) -> bool:
    """Whether pybtex would refuse this entry: a field given twice, or a name with too many commas."""
    names = [name.lower() for name, _ in fields]
    if len(set(names)) < len(names):
        return True
    return any(
        name in PERSON_FIELDS
        and value.count(",") > 2  # most names lists have fewer: the exact count only for the others
        and any(len(split_tex_string(person, ",")) > 3 for person in split_name_list(value))
        for name, (_, value) in zip(names, fields, strict=True)
    )
