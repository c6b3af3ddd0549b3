"""What a page shows of the rest of the series: the landing page's listing, and companions.

``{publications} report`` (or ``bulletin``) lists that kind of publication
from the model, newest first: number, date, title, credit, abstract, links to
the page and the PDF. A report's title block names its companion bulletins,
a bulletin's names the publication it accompanies. Both are placeholders
filled in once every document is read; when any publication's model changes,
the pages that show them are written again.
"""

from __future__ import annotations

import hashlib
import pickle

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .collect import publications
from .model import KINDS, Publication, Series
from .titlepage import companions, human_date, pdf_uri

logger = logging.getLogger(__name__)


class publication_listing(nodes.General, nodes.Element):
    """Placeholder for the listing of one kind of publication."""


def listing_docs(env) -> set[str]:
    if not hasattr(env, "series_listing_docs"):
        env.series_listing_docs = set()
    return env.series_listing_docs


class PublicationsDirective(SphinxDirective):
    """``{publications} report``: the series' reports (or bulletins), newest first."""

    required_arguments = 1
    option_spec = {"class": directives.class_option}

    def run(self):
        kind = self.arguments[0]
        if kind not in KINDS:
            raise self.error(f"expected one of {', '.join(KINDS)}, got {kind!r}")
        listing_docs(self.env).add(self.env.docname)
        return [publication_listing(kind=kind)]


def _link(builder, fromdocname: str, publication: Publication, text: str) -> nodes.reference:
    if builder.format == "latex":
        uri = f"{publication.slug}.pdf"
    else:
        uri = builder.get_relative_uri(fromdocname, publication.docname)
    return nodes.reference("", text, refuri=uri, internal=builder.format != "latex")


def _listing_item(builder, fromdocname: str, publication: Publication) -> nodes.list_item:
    item = nodes.list_item(classes=["publication-listing-item"])
    item += nodes.paragraph(
        "", f"{publication.number} \N{MIDDLE DOT} {human_date(publication)}", classes=["publication-number"]
    )
    title = nodes.paragraph("", "", classes=["publication-listing-title"])
    title += _link(builder, fromdocname, publication, publication.title)
    item += title
    item += nodes.paragraph("", publication.credit_line, classes=["publication-author"])
    if publication.abstract:
        item += nodes.paragraph("", publication.abstract, classes=["publication-abstract"])
    pdf = nodes.paragraph("", "", classes=["publication-pdf"])
    pdf += nodes.reference("", f"PDF of {publication.label}", refuri=pdf_uri(publication, fromdocname))
    item += pdf
    return item


def fill_placeholders(app, doctree: nodes.document, docname: str) -> None:
    series = Series(publications(app.env))
    builder = app.builder
    for node in list(doctree.findall(publication_listing)):
        chosen = series.newest_first(node["kind"])
        listing = nodes.bullet_list(classes=["publication-listing"])
        listing.extend(_listing_item(builder, docname, p) for p in chosen)
        node.replace_self(
            listing if chosen else nodes.paragraph("", f"No {KINDS[node['kind']].lower()}s yet.")
        )
    for node in list(doctree.findall(companions)):
        publication = series.publications.get(node["docname"])
        related = (
            [("Companion bulletins", series.companions_of(publication))]
            if publication.kind == "report"
            else [("Accompanies", series.accompanied_by(publication))]
        )
        block = nodes.container(classes=["publication-companions"])
        for caption, others in related:
            if not others:
                continue
            paragraph = nodes.paragraph("", f"{caption}: ")
            for index, other in enumerate(others):
                if index:
                    paragraph += nodes.Text("; ")
                paragraph += _link(
                    builder,
                    docname,
                    other,
                    f"{other.label}, “{other.title}”",
                )
            block += paragraph
        node.replace_self(block if block.children else [])


def series_digest(env) -> str:
    return hashlib.sha256(pickle.dumps(sorted(publications(env).items()))).hexdigest()


def pages_showing_the_series(app, env) -> list[str]:
    """When any publication's model changed, the listing and the title blocks are written again."""
    digest = series_digest(env)
    if getattr(env, "series_digest", None) == digest:
        return []
    env.series_digest = digest
    return sorted(listing_docs(env) | set(publications(env)))


def purge(app, env, docname: str) -> None:
    listing_docs(env).discard(docname)


def merge(app, env, docnames, other) -> None:
    listing_docs(env).update(listing_docs(other) & set(docnames))


def check_companions(app, env) -> None:
    for publication, reference, found in Series(publications(env)).unresolved_companions():
        if found:
            names = " and ".join(p.label for p in found)
            message = f"{reference!r} is the number of {names}; write the label, e.g. {found[0].label!r}"
        else:
            message = (
                f"no publication is numbered {reference!r}; give the number of the publication it accompanies"
            )
        logger.warning(
            "publication.companions: %s",
            message,
            location=(publication.docname, 1),
            type="series",
            subtype="companions",
        )
