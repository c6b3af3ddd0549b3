"""The annual volume: every publication of a fiscal year typeset as one tagged document.

A volume is ``volume-<fiscal year>.typ``, beside the publications' bodies that
the Typst builder writes (``typst_pdf.py``): a title page and its blank
back, the contents, then each publication's ``<slug>.body.typ`` from a
right-hand page, with its own notes (numbered from 1) and bibliography, the
pages numbered through (``series.typ``'s ``volume``). One document, not
PDFs merged: the structure tree, the bookmarks and the links stay whole, and
a reference from one publication to another in the same volume goes to its
pages. ``volume-<fiscal year>.json`` gives each publication's pages, for
citing it in the volume. No Sphinx import.
"""

from __future__ import annotations

import datetime

from .model import SERIES_NAMES, Publication
from .typst_writer import string_literal

VOLUME_SERIES = " and ".join(SERIES_NAMES.values())  # every kind, whichever a year has

PageRange = tuple[int, int]  # first and last page in a volume


def volume_title(fiscal_year: int) -> str:
    return f"{VOLUME_SERIES}, FY {fiscal_year}"


def reading_order(publication: Publication) -> tuple:
    """By date, then by number (#9 before #10)."""
    return (publication.date, publication.sort_key)


def by_fiscal_year(publications) -> dict[int, list[Publication]]:
    """The publications of each fiscal year in reading order, earliest year first."""
    years: dict[int, list[Publication]] = {}
    for publication in sorted(publications, key=reading_order):
        years.setdefault(publication.fiscal_year, []).append(publication)
    return dict(sorted(years.items()))


def volume_name(fiscal_year: int) -> str:
    return f"volume-{fiscal_year}"


def volume_source(fiscal_year: int, publications: list[Publication]) -> str:
    """The volume's Typst document: its metadata, title page, contents and the publications' bodies."""
    groups = sorted({p.group for p in publications})
    last = max(p.date for p in publications)
    languages = sorted({p.language for p in publications})
    entries = ", ".join(
        f"(slug: {string_literal(p.slug)}, label: {string_literal(p.label)},"
        f" title: {string_literal(p.title)}, credit: {string_literal(p.credit_line)})"
        for p in publications
    )
    bodies = "".join(f'#in-volume(include "{p.slug}.body.typ")\n' for p in publications)
    return (
        '#import "series.typ": volume, volume-title-page, volume-contents, in-volume\n'
        "#show: volume.with(\n"
        f"  title: {string_literal(volume_title(fiscal_year))},\n"
        f"  authors: ({', '.join(map(string_literal, groups))},),\n"
        f"  date: datetime(year: {last.year}, month: {last.month}, day: {last.day}),\n"
        f"  language: {string_literal(languages[0] if len(languages) == 1 else 'en')},\n"
        ")\n"
        f"#volume-title-page(series: {string_literal(VOLUME_SERIES)},"
        f" year: {string_literal(str(fiscal_year))}, groups: ({', '.join(map(string_literal, groups))},))\n"
        f"#volume-contents(({entries},))\n"
        f"{bodies}"
    )


def page_ranges(starts: list[dict], ends: list[dict], publications: list[Publication]) -> list[PageRange]:
    """Each publication's first and last page, from the volume's start and end marks (``series.typ``)."""
    first = {mark["slug"]: mark["page"] for mark in starts}
    last = {mark["slug"]: mark["page"] for mark in ends}
    return [(first[p.slug], last[p.slug]) for p in publications]


def volume_json(fiscal_year: int, publications: list[Publication], ranges: list[PageRange]) -> dict:
    """What later citations of a publication in the volume need: its pages."""
    return {
        "fiscal_year": fiscal_year,
        "title": volume_title(fiscal_year),
        "publications": [
            {
                "docname": p.docname,
                "number": p.number,
                "label": p.label,
                "title": p.title,
                "first_page": first,
                "last_page": last,
            }
            for p, (first, last) in zip(publications, ranges, strict=True)
        ],
    }


def latest(publications: list[Publication]) -> datetime.datetime:
    """The volume's date, as the PDF's: its last publication's, at midnight UTC."""
    day = max(p.date for p in publications)
    return datetime.datetime.combine(day, datetime.time(), datetime.UTC)
