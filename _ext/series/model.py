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
import difflib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from .licenses import LICENSES, License

KINDS = {"report": "Research Report", "bulletin": "Research Bulletin"}
SERIES_NAMES = {"report": "Research Reports", "bulletin": "Research Bulletins"}
ROLE_CREDITS = {"compiler": "Compiled by", "editor": "Edited by"}
PERSON_ROLES = ("author", *ROLE_CREDITS)

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
        self.reason = message


# -- Reading a field ------------------------------------------------------------
# Each reader takes a value as the author wrote it and where it stands (the field's dotted name),
# and returns the value the model keeps, or raises ModelError saying what it expected.


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ModelError(where, f"expected non-empty text, got {value!r}")
    return value.strip()


def _texts(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ModelError(where, f"expected a list of text, got {value!r}")
    return tuple(v.strip() for v in value)


def _choice(*choices: str):
    def read(value: Any, where: str) -> str:
        if not isinstance(value, str) or value not in choices:
            raise ModelError(where, f"expected one of {', '.join(choices)}, got {value!r}")
        return value

    read.expects = f"expected one of {', '.join(choices)}"
    return read


def _date(value: Any, where: str) -> datetime.date:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ModelError(where, f"expected an ISO date such as 2022-02-16, got {value!r}") from None


def _shaped(pattern: str, shape: str):
    """A reader of text of one shape; ``shape`` is how the message shows it."""
    compiled = re.compile(pattern)

    def read(value: Any, where: str) -> str:
        if not isinstance(value, str) or not compiled.match(value.strip()):
            raise ModelError(where, f"expected {shape}, got {value!r}")
        return value.strip()

    return read


_orcid = _shaped(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$", "0000-0000-0000-0000")
_number = _shaped(_NUMBER.pattern, "'FY <year>-#<n>' (or '..., companion <n>')")
_language_tag = _shaped(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", "a BCP 47 language tag such as 'en'")

# A DOI is "10.", the registrant's number, "/", then any suffix the registrant chose (the DOI
# Handbook, 2.2); the forms readers paste (https://doi.org/..., doi:...) are taken and kept bare.
_DOI = re.compile(r"^10\.\d{4,9}(\.\d+)*/\S+$")
_DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:")


def read_doi(value: Any, where: str) -> str:
    text = value.strip() if isinstance(value, str) else value
    for prefix in _DOI_PREFIXES:
        if isinstance(text, str) and text.lower().startswith(prefix):
            text = text[len(prefix) :]
    if not isinstance(text, str) or not _DOI.match(text):
        raise ModelError(where, f"expected a DOI such as 10.5555/12345678, got {value!r}")
    return text


# A ROR identifier is "0", six letters or digits of Crockford's base 32, and two check digits
# (ISO 7064 mod 97-10 of the six); https://ror.org/ is its address.
_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
_ROR = re.compile(r"^(https://ror\.org/)?(0[0-9a-hjkmnp-tv-z]{6})(\d{2})$")


def read_ror(value: Any, where: str) -> str:
    match = _ROR.match(value.strip().lower()) if isinstance(value, str) else None
    if match:
        number = 0
        for char in match[2][1:]:
            number = number * 32 + _CROCKFORD.index(char)
        if 98 - number * 100 % 97 == int(match[3]):
            return f"https://ror.org/{match[2]}{match[3]}"
    raise ModelError(where, f"expected a ROR identifier such as https://ror.org/03yrm5c26, got {value!r}")


def read_issn(value: Any, where: str) -> str:
    """An ISSN, its check digit checked (ISO 3297: weights 8 to 2, modulo 11, 10 written X)."""
    match = re.match(r"^(\d{4})-?(\d{3}[\dX])$", value.strip().upper()) if isinstance(value, str) else None
    if match:
        digits = match[1] + match[2]
        check = -sum(int(d) * w for d, w in zip(digits[:7], range(8, 1, -1), strict=True)) % 11
        if digits[7] == "0123456789X"[check]:
            return f"{match[1]}-{match[2]}"
    raise ModelError(where, f"expected an ISSN such as 2049-3630, got {value!r}")


def read_license(value: Any, where: str) -> str:
    """An SPDX identifier of the table, matched without regard to case, as SPDX matches them."""
    by_case = {spdx.lower(): spdx for spdx in LICENSES}
    if isinstance(value, str) and value.strip().lower() in by_case:
        return by_case[value.strip().lower()]
    near = difflib.get_close_matches(str(value), LICENSES, n=1)
    hint = f" (did you mean {near[0]}?)" if near else ""
    raise ModelError(
        where, f"expected the SPDX identifier of one of {', '.join(LICENSES)}{hint}, got {value!r}"
    )


def _mappings(kind: type, what: str):
    """A reader of a list of mappings, each read as a ``kind`` (a person, a correction)."""

    def read(value: Any, where: str) -> tuple:
        if not isinstance(value, list) or not value:
            raise ModelError(where, f"expected a list of {what}")
        return tuple(read_fields(kind, item, f"{where}[{index}]") for index, item in enumerate(value))

    read.expects = f"expected a list of {what}"
    return read


def declared(help: str, read, *, default: Any = dataclasses.MISSING) -> Any:
    """A front-matter field: how it is read and what the author guide says of it (Markdown).
    A field without a default is required."""
    return field(default=default, metadata={"help": help, "read": read})


def front_matter_fields(kind: type) -> list[dataclasses.Field]:
    """The fields an author writes, in the order the guide lists them."""
    return [f for f in dataclasses.fields(kind) if "read" in f.metadata]


def is_required(declaration: dataclasses.Field) -> bool:
    return declaration.default is dataclasses.MISSING


def read_fields(kind: type, data: Any, where: str = ""):
    """A ``kind`` (Person, Correction) from its mapping, every field read by its declaration."""
    return kind(**_read_declared(kind, data, where))


def _read_declared(kind: type, data: Any, where: str) -> dict[str, Any]:
    declarations = {f.name: f for f in front_matter_fields(kind)}
    prefix = f"{where}." if where else ""
    if not isinstance(data, dict):
        names = ", ".join(f"'{name}'" for name, f in declarations.items() if is_required(f))
        raise ModelError(where, f"expected a mapping with {names}, got {data!r}")
    for key in data:
        if key not in declarations:
            raise ModelError(
                f"{prefix}{key}", f"unknown field; known fields are {', '.join(sorted(declarations))}"
            )
    values = {}
    for name, declaration in declarations.items():
        read = declaration.metadata["read"]
        if data.get(name) is not None:
            values[name] = read(data[name], f"{prefix}{name}")
        elif is_required(declaration):
            expects = getattr(read, "expects", "")
            raise ModelError(f"{prefix}{name}", "missing" + (f"; {expects}" if expects else ""))
    return values


# -- The model --------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """An author, or a compiler or editor credited in place of an author."""

    name: str = declared("As it should be printed, e.g. `Jun Kumakura`.", _text)
    affiliation: str = declared(
        "Printed in parentheses after the name, and in italics in the PDF.", _text, default=""
    )
    ror: str = declared(
        "The [ROR](https://ror.org/) identifier of the affiliation's institution, e.g. "
        "`https://ror.org/03yrm5c26`; its check digits are checked. In the page's metadata and the "
        "Crossref deposit, not printed.",
        read_ror,
        default="",
    )
    orcid: str = declared(
        "In the form `0000-0002-1825-0097`. In the page's metadata (citation tags, JSON-LD, the feed) "
        "and the Crossref deposit, not printed.",
        _orcid,
        default="",
    )
    role: str = declared(
        '`author` (the default), `compiler` or `editor`. A compiler is credited as "Compiled by …", an '
        'editor as "Edited by …". The landing page uses the first person\'s role for the whole credit '
        'line, e.g. "Compiled by the series editors".',
        _choice(*PERSON_ROLES),
        default="author",
    )

    @property
    def credited(self) -> str:
        """The name as a title block prints it: "Ada Author", "Compiled by the series editors"."""
        return f"{ROLE_CREDITS[self.role]} {self.name}" if self.role in ROLE_CREDITS else self.name


@dataclass(frozen=True)
class Correction:
    """A dated notice of what was corrected after publication."""

    date: datetime.date = declared("When the correction was made, e.g. `2023-01-05`.", _date)
    note: str = declared("What was corrected, in a sentence.", _text)


@dataclass(frozen=True)
class Publication:
    """One report or bulletin of the series.

    The fields an author writes are declared with their reader and their help text, from which
    the author guide's list is made (``series.fields``); ``title`` and ``docname`` come from the
    document itself."""

    kind: str = declared("`report` or `bulletin`.", _choice(*KINDS))
    number: str = declared(
        '`"FY 2021-#6"`: the fiscal year, then `#` and the number. A companion bulletin adds '
        '`, companion <n>`: `"FY 2021-#6, companion 1"`. Keep the quotes. Two publications of the '
        "same kind may not share a number.",
        _number,
    )
    date: datetime.date = declared(
        'The publication date, in ISO form: `2022-02-16`. The page shows it as "February 16, 2022". '
        "The landing page lists publications newest first by this date.",
        _date,
    )
    authors: tuple[Person, ...] = declared(
        "A list with one entry per person, in the order of the credit. Each entry has the fields "
        "listed under [A person](#a-person).",
        _mappings(Person, "people, each with a 'name'"),
    )
    title: str = ""  # the document's "# " heading
    abstract: str = declared(
        "One or two sentences. They appear under the title in the landing page's list, in the feed and "
        "in the page's and the PDF's description for search engines and catalogues.",
        _text,
        default="",
    )
    keywords: tuple[str, ...] = declared(
        'A list of words or phrases, e.g. `["Russia", "China"]`: in the page\'s metadata, the feed '
        "and the PDF's.",
        _texts,
        default=(),
    )
    language: str = declared(
        "A language tag such as `en` (the default), `ru` or `ja`: the language of the PDF and of the "
        "page's metadata.",
        _language_tag,
        default="en",
    )
    companions: tuple[str, ...] = declared(
        "For a companion bulletin: the numbers of the publications it accompanies, e.g. "
        '`["FY 2021-#6"]`. See [Companion bulletins](links.md#companion-bulletins).',
        _texts,
        default=(),
    )
    doi: str = declared(
        "The publication's DOI, once the institute has registered it, e.g. `10.5555/12345678` (a link "
        "`https://doi.org/…` is taken too). The title block and the Cite this box link it; it goes into "
        "the page's metadata, the citation files, the PDF and the Crossref deposit (`make crossref`). "
        "See [Identifiers, license and corrections](identifiers.md).",
        read_doi,
        default="",
    )
    license: str = declared(
        "The SPDX identifier of the license the publication is published under, e.g. `CC-BY-4.0`. "
        "Defaults to `series_license` in `conf.py` (none for this series). The title block, the PDF and "
        "the metadata state it; see [Identifiers, license and corrections](identifiers.md) for the "
        "licenses the series knows.",
        read_license,
        default="",
    )
    corrections: tuple[Correction, ...] = declared(
        "Dated notices of what was corrected after publication, each with `date` and `note`. The page "
        "and the PDF list them newest first, and the newest is the publication's date of modification "
        "in its metadata. See [Identifiers, license and corrections](identifiers.md).",
        _mappings(Correction, "corrections, each with a 'date' and a 'note'"),
        default=(),
    )
    group: str = declared(
        "The research group printed in the title block. Leave it out: it defaults to `series_group` in "
        "`conf.py`.",
        _text,
        default="",
    )
    series: str = declared(
        'The series name printed in the title block. Leave it out: it defaults to "Research Reports" '
        'or "Research Bulletins" from `kind`.',
        _text,
        default="",
    )
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

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def license_terms(self) -> License | None:
        return LICENSES.get(self.license)

    @property
    def modified(self) -> datetime.date | None:
        """The date of the newest correction, if any (the corrections are kept newest first)."""
        return self.corrections[0].date if self.corrections else None

    def to_json(self) -> dict:
        """The model as plain JSON data, for the tools that run after Sphinx (volume, new)."""
        return json.loads(json.dumps(dataclasses.asdict(self), default=datetime.date.isoformat))

    @classmethod
    def from_json(cls, data: dict) -> Publication:
        return cls(
            **{
                **data,
                "date": datetime.date.fromisoformat(data["date"]),
                "authors": tuple(Person(**person) for person in data["authors"]),
                "keywords": tuple(data["keywords"]),
                "companions": tuple(data["companions"]),
                "corrections": tuple(
                    Correction(datetime.date.fromisoformat(c["date"]), c["note"]) for c in data["corrections"]
                ),
            }
        )

    @classmethod
    def from_front_matter(
        cls, data: Any, *, title: str, docname: str, group: str = "", license: str = ""
    ) -> Publication:
        """``group`` and ``license`` are the series', for publications that don't name their own."""
        if not isinstance(data, dict):
            raise ModelError("", "expected a mapping of fields under 'publication'")
        values = _read_declared(cls, data, "")
        number = values["number"]
        match = _NUMBER.match(number)
        if int(match["seq"]) < 1 or int(match["companion"] or 1) < 1:
            raise ModelError("number", f"numbers count from 1, got {number!r}")
        _check_fiscal_year(
            values["date"], int(match["year"]), number, companion=match["companion"] is not None
        )
        if not title.strip():
            raise ModelError("title", "the document needs a '# Title' heading")
        if not values.setdefault("group", group):
            raise ModelError("group", "missing; name the research group, or set series_group in conf.py")
        values.setdefault("license", license)
        values.setdefault("series", SERIES_NAMES[values["kind"]])
        corrections = sorted(values.get("corrections", ()), key=lambda c: c.date, reverse=True)
        for index, correction in enumerate(values.get("corrections", ())):
            if correction.date < values["date"]:
                published = values["date"].isoformat()
                raise ModelError(
                    f"corrections[{index}].date",
                    f"{correction.date.isoformat()} comes before the publication's date, {published}",
                )
        values["corrections"] = tuple(corrections)
        return cls(**values, title=title.strip(), docname=docname)


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
