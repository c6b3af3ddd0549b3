"""The publication model: what a report or bulletin is, validated.

Plain dataclasses with no Sphinx import, so they are tested on their own in
milliseconds. ``Publication.from_front_matter`` takes the mapping an author
writes under the ``publication`` key of a document's front matter (plus the
document's title) and either returns a publication or raises ``ModelError``
naming the field and what is expected.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass, field
from typing import Any

KINDS = {"report": "Research Report", "bulletin": "Research Bulletin"}
SERIES_NAMES = {"report": "Research Reports", "bulletin": "Research Bulletins"}
ROLE_CREDITS = {"compiler": "Compiled by", "editor": "Edited by"}

_ORCID = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_NUMBER = re.compile(r"^FY (?P<year>\d{4})-#(?P<seq>\d+)(, companion (?P<companion>\d+))?$")


def fiscal_year(day: datetime.date) -> int:
    """The Japanese fiscal year runs from April to March: 2022-02-16 is in FY 2021."""
    return day.year if day.month >= 4 else day.year - 1


class ModelError(ValueError):
    """A front-matter field is missing or malformed.

    ``field`` names it (dotted for nested fields, e.g. ``authors[0].name``),
    the message says what is expected.
    """

    def __init__(self, field: str, message: str):
        super().__init__(f"publication.{field}: {message}")
        self.field = field


@dataclass(frozen=True)
class Person:
    """An author, or a compiler or editor credited in place of an author."""

    name: str
    affiliation: str = ""
    orcid: str = ""
    role: str = "author"  # author, compiler or editor

    @property
    def credited(self) -> str:
        """The name as a title block prints it: "Ada Author", "Compiled by the series editors"."""
        return f"{ROLE_CREDITS[self.role]} {self.name}" if self.role in ROLE_CREDITS else self.name


@dataclass(frozen=True)
class Publication:
    """One report or bulletin of the series."""

    kind: str
    series: str
    group: str
    number: str
    date: datetime.date
    title: str
    authors: tuple[Person, ...]
    language: str = "en"
    abstract: str = ""
    keywords: tuple[str, ...] = ()
    companions: tuple[str, ...] = ()  # numbers of the publications it accompanies
    docname: str = ""

    @property
    def slug(self) -> str:
        """The file name shared by the page and the PDF."""
        return self.docname.rsplit("/", 1)[-1]

    @property
    def label(self) -> str:
        """How a reader names it: "Research Report FY 2021-#6"."""
        return f"{KINDS[self.kind]} {self.number}"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Numbers in numeric order: FY 2021-#9 before FY 2021-#10, a report before its companions."""
        match = _NUMBER.match(self.number)
        return int(match["year"]), int(match["seq"]), int(match["companion"] or 0)

    @property
    def fiscal_year(self) -> int:
        return int(_NUMBER.match(self.number)["year"])

    @property
    def credit(self) -> str:
        """The people credited, in order: "A", "A and B", "A, B and C"."""
        names = [person.name for person in self.authors]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    @property
    def credit_line(self) -> str:
        """The credit as a listing prints it: "Jun Kumakura", "Compiled by the series editors"."""
        role = self.authors[0].role
        return f"{ROLE_CREDITS[role]} {self.credit}" if role in ROLE_CREDITS else self.credit

    def to_json(self) -> dict:
        """The model as plain JSON data, for the tools that run after Sphinx (volume, new)."""
        data = dataclasses.asdict(self)
        data["date"] = self.date.isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict) -> Publication:
        return cls(
            **{
                **data,
                "date": datetime.date.fromisoformat(data["date"]),
                "authors": tuple(Person(**person) for person in data["authors"]),
                "keywords": tuple(data["keywords"]),
                "companions": tuple(data["companions"]),
            }
        )

    @classmethod
    def from_front_matter(cls, data: Any, *, title: str, docname: str, group: str = "") -> Publication:
        """``group`` is the series' research group, for publications that don't name their own."""
        if not isinstance(data, dict):
            raise ModelError("", "expected a mapping of fields under 'publication'")
        known = {f for f in cls.__dataclass_fields__ if f not in ("title", "docname")}
        for key in data:
            if key not in known:
                raise ModelError(key, f"unknown field; known fields are {', '.join(sorted(known))}")
        kind = _choice(data, "kind", KINDS)
        number = _text(data, "number")
        match = _NUMBER.match(number)
        if not match:
            raise ModelError("number", f"expected 'FY <year>-#<n>' (or '..., companion <n>'), got {number!r}")
        if int(match["seq"]) < 1 or int(match["companion"] or 1) < 1:
            raise ModelError("number", f"numbers count from 1, got {number!r}")
        date = _date(data, "date")
        _check_fiscal_year(date, int(match["year"]), number, companion=match["companion"] is not None)
        if not title.strip():
            raise ModelError("title", "the document needs a '# Title' heading")
        return cls(
            kind=kind,
            series=_text(data, "series", default=SERIES_NAMES[kind]),
            group=_text(data, "group", default=group or None),
            number=number,
            date=date,
            title=title.strip(),
            authors=_people(data),
            language=_language(data),
            abstract=_text(data, "abstract", default=""),
            keywords=_texts(data, "keywords"),
            companions=_texts(data, "companions"),
            docname=docname,
        )


def _text(data: dict, name: str, default: str | None = None) -> str:
    value = data.get(name, default)
    if value is None:
        raise ModelError(name, "missing; expected text")
    if not isinstance(value, str) or (default is None and not value.strip()):
        raise ModelError(name, f"expected non-empty text, got {value!r}")
    return value.strip()


def _texts(data: dict, name: str) -> tuple[str, ...]:
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ModelError(name, f"expected a list of text, got {value!r}")
    return tuple(v.strip() for v in value)


def _choice(data: dict, name: str, choices: dict) -> str:
    value = data.get(name)
    if not isinstance(value, str) or value not in choices:
        raise ModelError(name, f"expected one of {', '.join(choices)}, got {value!r}")
    return value


def _date(data: dict, name: str) -> datetime.date:
    value = data.get(name)
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ModelError(name, f"expected an ISO date such as 2022-02-16, got {value!r}") from None


def _check_fiscal_year(date: datetime.date, year: int, number: str, companion: bool) -> None:
    """A publication is dated in its number's fiscal year; a companion, in it or after (it may be
    compiled later than the report it accompanies)."""
    span = f"April 1, {year} to March 31, {year + 1}"
    if companion and fiscal_year(date) < year:
        raise ModelError("date", f"{date.isoformat()} comes before fiscal year {year} ({span}) of {number!r}")
    if not companion and fiscal_year(date) != year:
        raise ModelError(
            "date", f"{date.isoformat()} is outside fiscal year {year} ({span}), the year of {number!r}"
        )


def _language(data: dict) -> str:
    value = _text(data, "language", default="en")
    if not _LANGUAGE.match(value):
        raise ModelError("language", f"expected a BCP 47 language tag such as 'en', got {value!r}")
    return value


def _people(data: dict) -> tuple[Person, ...]:
    value = data.get("authors")
    if not isinstance(value, list) or not value:
        raise ModelError("authors", "expected a list of people, each with a 'name'")
    people = []
    for index, item in enumerate(value):
        where = f"authors[{index}]"
        if not isinstance(item, dict):
            raise ModelError(where, f"expected a mapping with 'name', got {item!r}")
        for key in item:
            if key not in Person.__dataclass_fields__:
                raise ModelError(
                    f"{where}.{key}", "unknown field; known fields are name, affiliation, orcid, role"
                )
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ModelError(f"{where}.name", "missing; expected the person's name")
        orcid = item.get("orcid", "")
        if orcid and not _ORCID.match(str(orcid)):
            raise ModelError(f"{where}.orcid", f"expected 0000-0000-0000-0000, got {orcid!r}")
        role = item.get("role", "author")
        if role not in ("author", "compiler", "editor"):
            raise ModelError(f"{where}.role", f"expected author, compiler or editor, got {role!r}")
        affiliation = item.get("affiliation", "")
        if not isinstance(affiliation, str):
            raise ModelError(f"{where}.affiliation", f"expected text, got {affiliation!r}")
        people.append(Person(name=name.strip(), affiliation=affiliation.strip(), orcid=orcid, role=role))
    return tuple(people)


@dataclass
class Series:
    """All publications of the site, keyed by docname."""

    publications: dict[str, Publication] = field(default_factory=dict)
    _index: dict | None = field(default=None, init=False, repr=False, compare=False)
    _companions: dict | None = field(default=None, init=False, repr=False, compare=False)

    def duplicates(self) -> list[tuple[Publication, Publication]]:
        """Pairs of publications that claim the same kind and number."""
        return self._clashes(lambda p: (p.kind, p.number))

    def duplicate_slugs(self) -> list[tuple[Publication, Publication]]:
        """Pairs of publications whose PDFs would share a file name."""
        return self._clashes(lambda p: p.slug)

    def _clashes(self, key) -> list[tuple[Publication, Publication]]:
        seen: dict = {}
        pairs = []
        for publication in sorted(self.publications.values(), key=lambda p: p.docname):
            first = seen.setdefault(key(publication), publication)
            if first is not publication:
                pairs.append((first, publication))
        return pairs

    def newest_first(self, kind: str | None = None) -> list[Publication]:
        """By date, then number; a report and a bulletin of the same day and number (the feed has
        both kinds) by file, so that the order never depends on the order the build read them in."""
        chosen = [p for p in self.publications.values() if kind in (None, p.kind)]
        return sorted(chosen, key=lambda p: (p.date, p.sort_key, p.docname), reverse=True)

    def find(self, reference: str) -> list[Publication]:
        """The publications a companion reference names: a number ("FY 2021-#6") or a label
        ("Research Report FY 2021-#6", for a number that a report and a bulletin share)."""
        return list(self._by_reference().get(reference, ()))

    def _by_reference(self) -> dict[str, list[Publication]]:
        """Each number and label with the publications it names, built once: a look-up, not a search."""
        if self._index is None:
            self._index = {}
            for p in self.publications.values():
                for reference in dict.fromkeys((p.number, p.label)):
                    self._index.setdefault(reference, []).append(p)
        return self._index

    def accompanied_by(self, publication: Publication) -> list[Publication]:
        """The publications this one accompanies (a bulletin's report)."""
        return [found[0] for reference in publication.companions if len(found := self.find(reference)) == 1]

    def companions_of(self, publication: Publication) -> list[Publication]:
        """The publications that accompany this one (a report's bulletins), in number order."""
        if self._companions is None:
            self._companions = {}
            for p in self.publications.values():
                for other in self.accompanied_by(p):
                    self._companions.setdefault(other.docname, []).append(p)
        found = self._companions.get(publication.docname, [])
        return sorted(found, key=lambda p: p.sort_key)

    def unresolved_companions(self) -> list[tuple[Publication, str, list[Publication]]]:
        """Companion references that name no publication, or more than one."""
        return [
            (p, reference, found)
            for p in self.publications.values()
            for reference in p.companions
            if len(found := self.find(reference)) != 1
        ]

    def companion_mistakes(self) -> list[tuple[Publication, str]]:
        """A publication that names itself as its companion, or is dated before the one it accompanies."""
        mistakes = []
        for p in self.publications.values():
            for other in self.accompanied_by(p):
                if other is p:
                    mistakes.append((p, f"{p.label} names itself; name the publication it accompanies"))
                elif p.date < other.date:
                    when = f"{p.date.isoformat()}, before {other.label} ({other.date.isoformat()})"
                    mistakes.append((p, f"dated {when}, which it accompanies"))
        return mistakes
