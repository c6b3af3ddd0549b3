"""What a page shows of the rest of the series: the landing page's listing, and companions.

``{publications} report`` (or ``bulletin``) lists that kind of publication
from the model, newest first: number, date (and the newest correction's), title,
credit, abstract, links to the page, the PDF and the DOI. A report's title
block names its companion bulletins, a bulletin's names the publication it
accompanies. Both are placeholders
filled in once every document is read; when a publication's model changes
(or one is added or removed), the pages that show it are written again: the
listings, the publication itself, its companions (before and after the
change), and every page that refers to it. The other pages stay as they are.
"""

from __future__ import annotations

import hashlib
import json

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .collect import publications, references
from .model import KINDS, Publication, Series
from .titlepage import companions, day_text, pdf_uri

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
    if builder.format == "typst":
        uri = f"{publication.slug}.pdf"
    else:
        uri = builder.get_relative_uri(fromdocname, publication.docname)
    return nodes.reference(
        "", text, refuri=uri, internal=builder.format != "typst", publication=publication.slug
    )


def _listing_item(builder, fromdocname: str, publication: Publication) -> nodes.list_item:
    item = nodes.list_item(classes=["publication-listing-item"])
    dates = day_text(publication.date)
    if publication.modified:
        dates += f" \N{MIDDLE DOT} corrected {day_text(publication.modified)}"
    item += nodes.paragraph(
        "", f"{publication.number} \N{MIDDLE DOT} {dates}", classes=["publication-number"]
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
    if publication.doi:
        doi = nodes.reference("", publication.doi_url, refuri=publication.doi_url)
        item += nodes.paragraph("", "", nodes.Text("DOI: "), doi, classes=["publication-doi"])
    return item


def current_series(env) -> Series:
    """The series as the environment has it, its look-ups built once per build, not once per page."""
    cached = getattr(env, "_series_cache", None)
    found = publications(env)
    if cached is None or cached[0] is not found or cached[1] != len(found):
        cached = env._series_cache = (found, len(found), Series(found))
    return cached[2]


def fill_placeholders(app, doctree: nodes.document, docname: str) -> None:
    series = current_series(app.env)
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


def digests(env) -> dict[str, str]:
    """Each publication's model as a digest of its values (not of its objects, which pickle differently)."""
    return {
        docname: hashlib.sha256(json.dumps(p.to_json(), sort_keys=True).encode()).hexdigest()
        for docname, p in publications(env).items()
    }


def related(series: Series) -> dict[str, list[str]]:
    """Each publication's companions and the publications it accompanies: both title blocks name the other."""
    return {
        p.docname: sorted({o.docname for o in series.companions_of(p) + series.accompanied_by(p)})
        for p in series.publications.values()
    }


def referring(env, changed: set[str]) -> set[str]:
    """The documents with a reference into a changed publication: its label or number shows in the link."""
    std = env.domains.standard_domain
    found = set()
    for docname, refs in references(env).items():
        for _domain, kind, target in refs:
            if kind == "term":
                entry = std._terms.get(target.lower())
            elif kind == "doc":
                entry = (target,)  # relative targets aside; a publication is linked by label or pubref
            else:
                entry = std.labels.get(target)
            if entry is not None and entry[0] in changed:
                found.add(docname)
                break
    return found


def pages_showing_the_series(app, env) -> list[str]:
    """When a publication's model changed, the pages that show it are written again."""
    env._series_cache = None  # the models may have changed; current_series builds it anew for writing
    before, now = getattr(env, "series_digests", {}), digests(env)
    if before == now:
        return []
    changed = {d for d in before.keys() | now.keys() if before.get(d) != now.get(d)}
    old_related = getattr(env, "series_related", {})
    new_related = related(Series(publications(env)))
    env.series_digests, env.series_related = now, new_related
    affected = set(changed)
    for docname in changed:
        affected.update(old_related.get(docname, ()), new_related.get(docname, ()))
    affected |= referring(env, changed) | listing_docs(env)
    return sorted(affected & env.found_docs)


def purge(app, env, docname: str) -> None:
    listing_docs(env).discard(docname)


def merge(app, env, docnames, other) -> None:
    listing_docs(env).update(listing_docs(other) & set(docnames))


def check_companions(app, env) -> None:
    for publication, reference, found in current_series(env).unresolved_companions():
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
    for publication, message in current_series(env).companion_mistakes():
        logger.warning(
            "publication.companions: %s",
            message,
            location=(publication.docname, 1),
            type="series",
            subtype="companions",
        )
