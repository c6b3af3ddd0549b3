"""The title block of a publication, from its model: on the page and in the PDF.

On the page (HTML), after the title: series (with its ISSN) and research group,
number and date, authors with affiliations, the link to the PDF, the links to its
editions in other languages (``editions.py``), its DOI and license, its
corrections and, for a series that has one, its disclaimer; its companions
(filled in by ``listing.py``) and the "Cite this" box (filled in by ``meta.py``).
In the PDF, the same block from the same model (``typst_pdf.title_block``,
``series.typ``'s ``title-block``), then the companions.
"""

from __future__ import annotations

import datetime
import html
import posixpath

from docutils import nodes
from sphinx import addnodes

from .editions import autonym
from .model import ROLE_CREDITS, Publication


class companions(nodes.General, nodes.Element):
    """Placeholder for a publication's companions, filled in by listing.py once all are read."""


class cite_this_box(nodes.General, nodes.Element):
    """Placeholder for the "Cite this" box, filled in by meta.py: it needs the page's address."""


def day_text(date: datetime.date) -> str:
    """ "February 16, 2022"."""
    return f"{date:%B} {date.day}, {date.year}"


def pdf_path(publication: Publication) -> str:
    """Where the site serves the publication's PDF (the Makefile copies it there)."""
    return f"pdf/{publication.slug}.pdf"


def pdf_uri(publication: Publication, fromdocname: str) -> str:
    """Where the site serves the publication's PDF, relative to the page ``fromdocname``."""
    return posixpath.relpath(pdf_path(publication), posixpath.dirname(fromdocname) or ".")


def _paragraph(css_class: str, *children: nodes.Node) -> nodes.paragraph:
    return nodes.paragraph("", "", *children, classes=[css_class])


def editions_paragraph(other_editions: list[tuple[str, str]]) -> nodes.paragraph:
    """The links to the publication's other editions, each named in its language and marked as
    being in it (``hreflang`` for the link, ``lang`` for its text), which docutils' references can't
    carry."""
    links = " ".join(
        f'<a href="{html.escape(uri)}" hreflang="{lang}" lang="{lang}">{html.escape(autonym(lang))}</a>'
        for lang, uri in other_editions
    )
    return _paragraph("publication-editions", nodes.raw("", links, format="html"))


def html_block(
    publication: Publication, *, disclaimer: str, issn: str, other_editions: list[tuple[str, str]]
) -> nodes.Element:
    block = nodes.container(classes=["publication-header"])
    series = f"{publication.series} (ISSN {issn})" if issn else publication.series
    block += _paragraph("publication-series", nodes.Text(f"{series} \N{MIDDLE DOT} {publication.group}"))
    block += _paragraph(
        "publication-number", nodes.Text(f"{publication.number} \N{MIDDLE DOT} {day_text(publication.date)}")
    )
    for person in publication.authors:
        credit = [nodes.inline("", person.name, classes=["publication-author-name"])]
        if person.role != "author":
            credit.insert(0, nodes.Text(f"{ROLE_CREDITS[person.role]} "))
        if person.affiliation:
            credit.append(nodes.inline("", f" ({person.affiliation})", classes=["publication-affiliation"]))
        block += _paragraph("publication-author", *credit)
    pdf = nodes.reference(
        "", "", nodes.Text(f"PDF of {publication.label}"), refuri=pdf_uri(publication, publication.docname)
    )
    block += _paragraph("publication-pdf", pdf)
    if other_editions:
        block += editions_paragraph(other_editions)
    if publication.doi:
        doi = nodes.reference("", publication.doi_url, refuri=publication.doi_url)
        block += _paragraph("publication-doi", nodes.Text("DOI: "), doi)
    if terms := publication.license_terms:
        name = nodes.reference("", terms.name, refuri=terms.url)
        block += _paragraph(
            "publication-license", nodes.Text("Licensed under "), name, nodes.Text(f" ({terms.short}).")
        )
    block += companions(docname=publication.docname)
    if publication.corrections:
        block += corrections_block(publication)
    if disclaimer:
        block += nodes.container("", nodes.paragraph("", disclaimer), classes=["publication-disclaimer"])
    block += cite_this_box(docname=publication.docname)
    only = addnodes.only(expr="html")
    only += block
    return only


def corrections_block(publication: Publication) -> nodes.Element:
    """The corrections, newest first, each dated."""
    items = nodes.bullet_list()
    for correction in publication.corrections:
        when = nodes.strong("", f"{day_text(correction.date)}:")
        items += nodes.list_item("", nodes.paragraph("", "", when, nodes.Text(f" {correction.note}")))
    heading = nodes.paragraph("", "Corrections", classes=["publication-corrections-title"])
    return nodes.container("", heading, items, classes=["publication-corrections"])


def pdf_block(publication: Publication) -> nodes.Element:
    """What the PDF shows below its title block (the Typst writer's, from the model): the companions."""
    only = addnodes.only(expr="typst")
    only += companions(docname=publication.docname)
    return only


def insert_title_blocks(
    doctree: nodes.document,
    publication: Publication,
    *,
    disclaimer: str,
    issn: str,
    other_editions: list[tuple[str, str]],
) -> None:
    """``disclaimer`` and ``issn`` are the publication's series', ``other_editions`` (language, page
    relative to this one) the publication in other languages."""
    top = doctree.next_node(nodes.section)
    top.insert(1, html_block(publication, disclaimer=disclaimer, issn=issn, other_editions=other_editions))
    top.insert(1, pdf_block(publication))
