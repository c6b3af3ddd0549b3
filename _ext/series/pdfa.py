"""What pdfx reads to make a PDF/A-2b: the XMP metadata and the creation date, from the model.

pdfx (conf.py loads it in place of hyperref) reads a document's XMP fields
from ``<jobname>.xmpdata``, one ``\\Field{value}`` a line, and needs its
creation date before it is loaded, or it asks the shell for the time. Used
by ``pdf.py`` for each publication and by ``volume.py`` for a volume's front
matter; no Sphinx import.
"""

from __future__ import annotations

import datetime

from .model import Publication


def xmp_text(text: str) -> str:
    """Text as pdfx's ``.xmpdata`` reads it literally, into the XMP and the PDF's Info alike.

    pdfx takes every character as itself but ``%``, ``{``, ``}`` and ``\\``, and
    makes ``&``, ``<`` and ``>`` XML entities itself. A blank line would end the
    field, so all whitespace becomes single spaces. A control word swallows the
    spaces after it, so a space after a backslash is written as ``\\ ``.
    """
    out = []
    for char in " ".join(text.split()):
        if char in "%{}":
            out.append("\\" + char)
        elif char == "\\":
            out.append("\\textbackslash ")
        elif char == " " and out and out[-1] == "\\textbackslash ":
            out.append("\\ ")
        else:
            out.append(char)
    return "".join(out)


def pdf_date(date: datetime.date) -> str:
    """A date as a PDF writes it, at midnight UTC: ``D:20220216000000+00'00'``."""
    return f"D:{date:%Y%m%d}000000+00'00'"


def xmpdata(fields: list[tuple[str, str]]) -> str:
    """pdfx's metadata file: one ``\\Field{value}`` a line, repeated for each of several values."""
    return "".join(f"\\{name}{{{xmp_text(value)}}}\n" for name, value in fields if value.strip())


def publication_xmp(publication: Publication, publisher: str) -> list[tuple[str, str]]:
    """The XMP of a publication's PDF, from its model.

    Authors become ``dc:creator``, keywords ``dc:subject``, the abstract
    ``dc:description``, the series ``dc:relation`` (the "is part of series" of
    simple Dublin Core) and the number ``prism:number``.
    """
    return [
        ("Title", publication.title),
        *(("Author", person.name) for person in publication.authors),
        ("Language", publication.language),
        ("Date", publication.date.isoformat()),
        ("Publisher", publisher),
        *(("Keywords", keyword) for keyword in publication.keywords),
        ("Subject", publication.abstract),
        ("Relation", publication.series),
        ("Issue", publication.number),
    ]


def pdfdate_source(date: datetime.date) -> str:
    """What the preamble reads before pdfx: the creation date, which pdfx would otherwise ask the shell."""
    return f"\\edef\\pdfcreationdate{{\\string {pdf_date(date)}}}\n"
