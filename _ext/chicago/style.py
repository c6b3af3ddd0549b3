"""Chicago notes and bibliography: the pieces of a reference, and the bibliography form.

Each work is broken into ``Parts`` (author, title, container, date, pages, URL)
once; the bibliography form below and the note forms in ``notes.py`` only
arrange and punctuate those parts, so the two can't drift apart. Fields are
used as written in ``references.bib`` (no case changes: Chicago keeps the
title's own capitals), with ``--`` in page ranges turned into an en dash.

Entry types and the fields they use:

- ``@incollection``: author, title, booktitle, publisher, date, pages, url
- ``@article``: author, title, journal, number (journals) or none (magazines),
  date, pages, url
- ``@online``: author (a person or an organisation in braces), title,
  organization (the website, when it is not the author), date, url

Every type may carry ``urldate`` (shown in the bibliography) and ``langid``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from pybtex.richtext import HRef, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle

WEB_SCHEMES = {"http", "https", "ftp"}
MONTHS = ("January February March April May June July August September October November December").split()


def format_date(iso: str) -> str:
    """'2021-08-25' -> 'August 25, 2021'; '2021-10' -> 'October 2021'; '2021' -> '2021'."""
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    day = datetime.date.fromisoformat(iso).day
    return f"{month} {day}, {parts[0]}"


# What LaTeX decoding (latexcodec, then pybtex's brace parser) would change in a field: a
# command, a group, a special character, a dash or quote ligature. Text without any of them
# decodes to itself, and Text.from_latex, a thousandth of a second a field, is skipped.
LATEX_SPECIAL = re.compile(r"[\\{}$~%&#_^`'\"]|--|[!?]`")


def from_latex(text: str) -> Text:
    return Text.from_latex(text) if LATEX_SPECIAL.search(text) else Text(text)


def _field(entry, name: str) -> Text:
    if name not in entry.fields:
        return Text()
    if name == "pages":
        return Text(entry.fields[name].replace("--", "\N{EN DASH}"))
    return from_latex(entry.fields[name])


def names(parts: list[str]) -> list[Text]:
    """Name parts as rich text, as pybtex's ``Person.rich_*_names`` give them."""
    return [from_latex(part) for part in parts]


def person_name(person, inverted: bool) -> Text:
    """A person's name, 'First Last' or 'Last, First'; an organisation (no first name) as is."""
    first = Text(" ").join(names(person.first_names + person.middle_names))
    last = Text(" ").join(names(person.prelast_names + person.last_names))
    if not first:
        return last
    return Text(last, ", ", first) if inverted else Text(first, " ", last)


def _names(entry, inverted_first: bool) -> Text:
    people = entry.persons.get("author", [])
    names = [person_name(p, inverted_first and i == 0) for i, p in enumerate(people)]
    if len(names) <= 1:
        return Text(*names)
    if len(names) == 2 and not inverted_first:
        return Text(names[0], " and ", names[1])
    # "Doe, Jane, and Richard Roe": after an inverted name, Chicago puts a comma before "and" too.
    return Text(Text(", ").join(names[:-1]), ", and ", names[-1])


def quoted(title: Text, punctuation: str) -> Text:
    """“Title,” with the punctuation inside the quotes, none after a ? or !."""
    if str(title)[-1:] in "?!":
        punctuation = ""
    return Text("\N{LEFT DOUBLE QUOTATION MARK}", title, punctuation, "\N{RIGHT DOUBLE QUOTATION MARK}")


@dataclass
class Parts:
    """A work broken into the pieces every Chicago form arranges."""

    author: Text
    author_inverted: Text
    short_author: Text
    title: Text
    container: Text  # italic journal or book title, or a website in roman
    issue: Text  # "no. 69"
    publisher: Text
    date: str
    pages: Text
    url: str
    accessed: str
    type: str

    @classmethod
    def of(cls, entry) -> Parts:
        """The entry's parts, worked out once per build: every bibliography, note, sort and
        citation tag that shows the work asks again, and pybtex's LaTeX decoding is slow."""
        found = _PARTS.get(id(entry))
        if found is None or found[0] is not entry:
            found = _PARTS[id(entry)] = (entry, cls._of(entry), {})
        return found[1]

    @classmethod
    def _of(cls, entry) -> Parts:
        container_field = {"incollection": "booktitle", "article": "journal"}.get(entry.type, "organization")
        container = _field(entry, container_field)
        if container and entry.type in ("incollection", "article"):
            container = Tag("em", container)
        people = entry.persons.get("author", [])
        short = Text(" and ").join(Text(" ").join(names(p.last_names)) for p in people[:2])
        if len(people) > 2:
            short = Text(Text(" ").join(names(people[0].last_names)), " et al.")
        return cls(
            author=_names(entry, inverted_first=False),
            author_inverted=_names(entry, inverted_first=True),
            short_author=short,
            title=_field(entry, "title"),
            container=container,
            issue=Text("no. ", _field(entry, "number")) if "number" in entry.fields else Text(),
            publisher=_field(entry, "publisher"),
            date=format_date(entry.fields["date"]) if "date" in entry.fields else "",
            pages=_field(entry, "pages"),
            url=entry.fields.get("url", ""),
            accessed=format_date(entry.fields["urldate"]) if "urldate" in entry.fields else "",
            type=entry.type,
        )

    @property
    def link(self) -> Text:
        """The URL as a link; as text only, when it is no web address (a javascript: URL never links)."""
        if not self.url:
            return Text()
        return HRef(self.url, self.url) if urlsplit(self.url).scheme in WEB_SCHEMES else Text(self.url)


def bibliography_form(parts: Parts) -> Text:
    """Kumakura, Jun. “Title.” *Journal*, no. 69 (September 2021): 56–61. Accessed …. URL."""
    sentences = [Text(parts.author_inverted, "."), quoted(parts.title, ".")]
    if parts.type == "incollection":
        sentences.append(Text("In ", parts.container, ", ", parts.pages, "."))
        sentences.append(
            Text(parts.publisher, ", ", parts.date, ".") if parts.publisher else Text(parts.date, ".")
        )
    elif parts.type == "article" and parts.issue:
        sentences.append(Text(parts.container, ", ", parts.issue, " (", parts.date, "): ", parts.pages, "."))
    else:
        pieces = [p for p in (parts.container, Text(parts.date), parts.pages) if p]
        sentences.append(Text(Text(", ").join(pieces), "."))
    if parts.accessed:
        sentences.append(Text("Accessed ", parts.accessed, "."))
    if parts.url:
        sentences.append(Text(parts.link, "."))
    return Text(" ").join(s for s in sentences if str(s).strip("."))


class ChicagoSortingStyle(BaseSortingStyle):
    """By author as printed (an organisation's braces ignored), then by title."""

    def sorting_key(self, entry) -> tuple[str, str]:
        parts = Parts.of(entry)
        return str(parts.author_inverted).casefold(), str(parts.title).casefold()


class ChicagoLabelStyle(BaseLabelStyle):
    """A Chicago bibliography prints no labels; each entry's key serves, unique across bibliographies."""

    def format_labels(self, sorted_entries):
        return (entry.key for entry in sorted_entries)


class ChicagoBibliographyStyle(BaseStyle):
    """pybtex formatting style: entries sorted by author, in bibliography form."""

    default_sorting_style = "chicago"
    default_label_style = "chicago"

    def format_entry(self, label, entry, bib_data=None):
        Parts.of(entry)
        forms = _PARTS[id(entry)][2]
        if "bibliography" not in forms:
            forms["bibliography"] = bibliography_form(Parts.of(entry))
        return FormattedEntry(entry.key, forms["bibliography"], label)


# id(entry) -> (entry, its Parts, its forms): the entry is kept, so its id is not reused by another.
# Entries are parsed once per build and not changed after; the parts are pieces of pybtex rich
# text, which the forms combine into new text and never modify.
_PARTS: dict[int, tuple] = {}
