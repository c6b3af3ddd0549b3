"""A publication's own citation, from its model: Chicago, BibTeX, RIS and CSL-JSON.

Pure functions of a ``Citable`` (the publication, its publisher and where the
site serves it), no Sphinx import, so they are tested on their own in
milliseconds; ``meta.py`` puts the Chicago form in the page's "Cite this" box
and writes the three files beside the site.

Who is credited: the model's people, in order, all in one role (the model's
``credit_line`` reads the role off the first). A person's name is split into
given and family names at the last word, as BibTeX splits "First Last" (it
keeps "van", "de" with the family name). A credit that names no one, such as
"the series editors", is written in lower case in the front matter so that the
title block reads "Compiled by the series editors"; it is a body, never split:
left out in CSL, a braced name in BibTeX.

Each format names the role in its own words: an author is an author
everywhere; a compiler or editor is CSL's ``compiler`` or ``editor``, BibTeX's
(biblatex's) ``editor`` with ``editortype = {compiler}`` for a compiler, RIS's
secondary author (``A2``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pybtex.database
from citations.engine import Batch, Engine

from .model import KINDS, Person, Publication

# BibTeX's month macros: unbraced, so every style prints the month in its own language.
BIBTEX_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()

# biblatex's ``langid`` takes babel's language names; a language not listed gets no langid.
BABEL_LANGUAGES = {"en": "english", "ja": "japanese", "ru": "russian"}

# Characters that mean something to BibTeX or LaTeX, each as a brace group: a
# group stays balanced (BibTeX counts even an escaped brace), and a protected
# word that begins with one still begins with a brace, not a command.
BIBTEX_SPECIALS = {
    "\\": r"{\textbackslash}",
    "{": r"{\textbraceleft}",
    "}": r"{\textbraceright}",
    "%": r"{\%}",
    "&": r"{\&}",
    "#": r"{\#}",
    "$": r"{\$}",
    "_": r"{\_}",
    "~": r"{\textasciitilde}",
    "^": r"{\textasciicircum}",
}


@dataclass(frozen=True)
class Citable:
    """A publication as the site publishes it: by whom, and where (absolute URLs)."""

    publication: Publication
    publisher: str
    url: str  # the page
    pdf_url: str
    publisher_ror: str = ""  # https://ror.org/..., when conf.py gives one
    issn: str = ""  # the ISSN of the publication's series, when it has one


def is_body(person: Person) -> bool:
    """A credit that names no one ("the series editors") rather than a person ("Jun Kumakura")."""
    return not person.name[:1].isupper()


def family_and_given(person: Person) -> tuple[str, str]:
    """("Kumakura", "Jun") for "Jun Kumakura", split as BibTeX splits "First Last"."""
    parsed = pybtex.database.Person(person.name)
    family = " ".join(parsed.prelast_names + parsed.last_names)
    return family, " ".join(parsed.first_names + parsed.middle_names)


def citation_key(publication: Publication) -> str:
    """ "research-report-fy-2021-6": from the number, which never changes and is unique within a kind."""
    return re.sub(r"[^a-z0-9]+", "-", publication.label.lower()).strip("-")


def formatted(citable: Citable, engine: Engine) -> list:
    """The publication's bibliography entry in the build's CSL style, as pandoc's inlines: its
    CSL-JSON item (``csl_item``) through the processor that formats every citation of the series."""
    rendering = engine.render(Batch(csl_json(citable), source_format="csljson"))
    return rendering.bibliography[0][1]


def latex_text(text: str) -> str:
    """Text as BibTeX reads it back: every special character as an inert brace group."""
    return "".join(BIBTEX_SPECIALS.get(char, char) for char in text)


def protect_capitals(text: str) -> str:
    """Each word with a capital in braces, so a style that changes case leaves the title as written."""

    def protect(word: re.Match) -> str:
        return f"{{{word[0]}}}" if any(char.isupper() for char in word[0]) else word[0]

    return re.sub(r"\S+", protect, latex_text(text))


def _bibtex_name(person: Person) -> str:
    if is_body(person):
        return f"{{{latex_text(person.name)}}}"
    family, given = family_and_given(person)
    return latex_text(f"{family}, {given}" if given else family)


def bibtex(citable: Citable) -> str:
    """A biblatex ``@techreport`` (BibTeX's name, which biblatex reads as ``@report``)."""
    publication = citable.publication
    date = publication.date
    role = publication.authors[0].role
    people = " and ".join(_bibtex_name(person) for person in publication.authors)
    fields = [("author" if role == "author" else "editor", f"{{{people}}}")]
    if role == "compiler":
        fields.append(("editortype", "{compiler}"))
    fields += [
        ("title", f"{{{protect_capitals(publication.title)}}}"),
        ("institution", f"{{{latex_text(citable.publisher)}}}"),
        ("type", f"{{{latex_text(KINDS[publication.kind])}}}"),
        ("number", f"{{{latex_text(publication.number)}}}"),
        ("date", f"{{{date.isoformat()}}}"),
        ("year", f"{{{date.year}}}"),
        ("month", BIBTEX_MONTHS[date.month - 1]),
        ("url", f"{{{citable.url}}}"),  # biblatex reads a URL verbatim: no escapes
    ]
    if publication.doi:
        fields.append(("doi", f"{{{publication.doi}}}"))  # verbatim too
    if citable.issn:
        fields.append(("issn", f"{{{citable.issn}}}"))
    language = publication.language.split("-")[0]
    if language in BABEL_LANGUAGES:
        fields.append(("langid", f"{{{BABEL_LANGUAGES[language]}}}"))
    width = max(len(name) for name, _ in fields)
    body = "".join(f"  {name.ljust(width)} = {value},\n" for name, value in fields)
    return f"@techreport{{{citation_key(publication)},\n{body}}}\n"


def _ris_line(tag: str, value: str) -> str:
    # RIS is one field a line: no line break may survive in a value.
    return f"{tag}  - {' '.join(value.split())}"


def _ris_name(person: Person) -> str:
    if is_body(person):
        return person.name
    family, given = family_and_given(person)
    return f"{family}, {given}" if given else family


def ris(citable: Citable) -> str:
    """RIS, with the tags Zotero reads for a report (T2 series, SN report number, M3 report type, DO DOI).

    The series' ISSN has no tag of its own: RIS's SN holds the report number."""
    publication = citable.publication
    tag = "AU" if publication.authors[0].role == "author" else "A2"
    lines = [_ris_line("TY", "RPRT")]
    lines += [_ris_line(tag, _ris_name(person)) for person in publication.authors]
    lines += [
        _ris_line("TI", publication.title),
        _ris_line("T2", publication.series),
        _ris_line("M3", KINDS[publication.kind]),
        _ris_line("SN", publication.number),
        _ris_line("PB", citable.publisher),
        _ris_line("PY", str(publication.date.year)),
        _ris_line("DA", f"{publication.date:%Y/%m/%d}"),
        _ris_line("LA", publication.language),
        _ris_line("UR", citable.url),
        _ris_line("L1", citable.pdf_url),
    ]
    if publication.doi:
        lines.append(_ris_line("DO", publication.doi))
    lines.append("ER  - ")
    # The RIS specification ends each line with CR LF.
    return "\r\n".join(lines) + "\r\n"


def _csl_name(person: Person) -> dict[str, str]:
    family, given = family_and_given(person)
    return {"family": family, "given": given} if given else {"family": family}


def csl_item(citable: Citable) -> dict:
    """One CSL-JSON item of type ``report``.

    A credit that names no one ("the series editors") is no name for CSL: the item
    then has none, and its citation begins with the title (CMOS 14.79)."""
    publication = citable.publication
    date = publication.date
    # CSL's name variables are the model's roles: author, compiler, editor.
    names = [_csl_name(person) for person in publication.authors if not is_body(person)]
    return {
        "id": citation_key(publication),
        "type": "report",
        "title": publication.title,
        **({publication.authors[0].role: names} if names else {}),
        "issued": {"date-parts": [[date.year, date.month, date.day]]},
        "publisher": citable.publisher,
        "genre": KINDS[publication.kind],
        "number": publication.number,
        "collection-title": publication.series,
        "URL": citable.url,
        "language": publication.language,
        **({"DOI": publication.doi} if publication.doi else {}),
        **({"ISSN": citable.issn} if citable.issn else {}),
        **({"license": publication.license_terms.url} if publication.license_terms else {}),
    }


def csl_json(citable: Citable) -> str:
    """A CSL-JSON file: a list of items, here one, as reference managers import it."""
    return json.dumps([csl_item(citable)], ensure_ascii=False, indent=2) + "\n"
