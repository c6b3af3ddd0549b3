"""Citations formatted by the processor, in the order a reader meets them, linked to the bibliography.

When a document has been read (``doctree-read``), its citations go to the
processor as one batch, in reading order: a citation inside a note is met
where the note's marker stands. The style decides each one's form from that
order (full note first, short form after, ibid.), so the author always
writes the same ``{cite:note}`key```. Each citation is kept in the doctree
in a ``csl-citation`` wrapper, with what the processor wrote.

Once sphinxcontrib-bibtex has resolved the citation to the works'
bibliography entries (``Splice``, after Sphinx's ``ReferencesResolver``),
the processor's text takes the place of its placeholder: each work's text
links to the work's entry, except its URL or DOI, which stays a link of its
own. The style's closing period gives way to the punctuation the author typed
after the citation, and ``PunctuationInsideQuotes`` puts a period or comma
inside a closing quotation mark, as American usage (the CSL locale's
``punctuation-in-quote``) has it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinxcontrib.bibtex.citation_target import parse_citation_targets

from .engine import Batch, Cite, Cluster, EngineError
from .inlines import to_nodes
from .style import ROLES, Csl, CslReferenceStyle

logger = logging.getLogger(__name__)

WRAPPER = "csl-citation"
CLOSE_QUOTES = "\N{RIGHT DOUBLE QUOTATION MARK}\N{RIGHT SINGLE QUOTATION MARK}"
AUTHOR_PUNCTUATION = tuple(".,;:?!")
BEFORE_ADDRESS = re.compile(r"[,;:]?\s*$")  # ", " between a work's text and its URL


def render_citations(app, doctree: nodes.document) -> None:
    engine, works = Csl.engine, Csl.works
    if not isinstance(app.env.get_domain("cite").reference_style, CslReferenceStyle):
        return
    clusters = []
    for node in doctree.findall(addnodes.pending_xref):
        if node.get("refdomain") != "cite" or node.get("reftype") not in ROLES:
            continue
        known = [(works.get(t.key), t) for t in parse_citation_targets(node["reftarget"])]
        cites = tuple(Cite(work.key, t.pre, t.post) for work, t in known if work is not None)
        if cites:  # an unknown key has its warning (extension.check_citation_keys)
            clusters.append((node, Cluster(cites, ROLES[node["reftype"]])))
    if not clusters:
        return
    clusters = reading_order(doctree, clusters)
    keys = {cite.key for _, cluster in clusters for cite in cluster.cites}
    try:
        rendering = engine.render(Batch(works.source(keys), tuple(cluster for _, cluster in clusters)))
    except EngineError as error:
        logger.warning("the citation processor failed: %s", error, location=clusters[0][0], type="citations")
        return
    for message in rendering.warnings:
        logger.warning("citation processor: %s", message, location=clusters[0][0], type="citations")
    for (node, _), segments in zip(clusters, rendering.clusters, strict=True):
        wrapper = nodes.inline(classes=[WRAPPER])
        wrapper["csl"] = [[segment.key, segment.inlines] for segment in segments]
        node.replace_self(wrapper)
        wrapper += node


def reading_order(doctree: nodes.document, clusters: list) -> list:
    """The clusters as a reader meets them: one in a note where the note's marker stands."""
    position = {id(node): index for index, node in enumerate(doctree.findall())}
    markers: dict[str, nodes.Node] = {}
    for marker in doctree.findall(nodes.footnote_reference):
        markers.setdefault(marker.get("refid", ""), marker)

    def met_at(item) -> tuple[int, int]:
        node = item[0]
        note = node.parent
        while note is not None and not isinstance(note, nodes.footnote):
            note = note.parent
        anchor = node if note is None else markers.get((note["ids"] or [""])[0], note)
        return position[id(anchor)], position[id(node)]

    return sorted(clusters, key=met_at)


class Splice(SphinxPostTransform):
    """The processor's text in place of each resolved citation's placeholder."""

    default_priority = 11  # after Sphinx's ReferencesResolver (10) has resolved the works

    def run(self, **kwargs) -> None:
        for wrapper in list(self.document.findall(nodes.inline)):
            if WRAPPER in wrapper["classes"]:
                citation = self.citation(wrapper)
                wrapper.replace_self(citation)
                citation["classes"].remove(WRAPPER)  # replace_self gave it the wrapper's

    def citation(self, wrapper: nodes.inline) -> nodes.inline:
        links = link_makers(wrapper)
        resolved = wrapper[0]  # sphinxcontrib-bibtex's citation, or the placeholder left unresolved
        citation = nodes.inline(classes=["bibtex-citation"], ids=resolved.get("ids", []))
        segments = wrapper["csl"]
        for index, (key, inlines) in enumerate(segments):
            children = to_nodes(inlines)
            if index == len(segments) - 1 and key is None:
                children = _without_closing_period(children, wrapper.next_node(descend=False, siblings=True))
            citation.extend(_linked(children, links[key]) if key in links else children)
        return citation


def link_makers(wrapper: nodes.inline) -> dict[str, Callable[[list], list]]:
    """For each work sphinxcontrib-bibtex linked, how its link wraps text, as the builder made it.

    Its referencing template links the work's key (``style.ProcessorReferenceStyle``): a
    reference node around it, for the page and the PDF alike.
    """
    makers: dict[str, Callable[[list], list]] = {}
    for placeholder in wrapper.findall(nodes.Text):
        parent = placeholder.parent
        if isinstance(parent, (nodes.reference, nodes.citation_reference)):
            makers[str(placeholder)] = lambda children, link=parent: [_copy_with(link, children)]
    return makers


def _copy_with(element: nodes.Element, children: list) -> nodes.Element:
    copy = element.copy()
    copy.extend(children)
    return copy


def _linked(children: list[nodes.Node], link: Callable[[list], list]) -> list[nodes.Node]:
    """The work's text as links to its entry, around the links of its own (a URL, a DOI)."""
    result: list[nodes.Node] = []
    run: list[nodes.Node] = []

    def close(before_address: bool):
        if not run:
            return
        trailing = ""
        if before_address and isinstance(run[-1], nodes.Text):
            text = str(run[-1])
            cut = BEFORE_ADDRESS.search(text).start()
            run[-1:] = [nodes.Text(text[:cut])] if text[:cut] else []
            trailing = text[cut:]
        if run:
            result.extend(link(list(run)))
        if trailing:
            result.append(nodes.Text(trailing))
        run.clear()

    for child in children:
        if isinstance(child, nodes.reference):
            close(before_address=True)
            result.append(child)
        else:
            run.append(child)
    close(before_address=False)
    return result


def _without_closing_period(children: list[nodes.Node], following) -> list[nodes.Node]:
    """Without the style's closing period when the author typed punctuation after the citation."""
    if not (isinstance(following, nodes.Text) and following.startswith(AUTHOR_PUNCTUATION)):
        return children
    if children and isinstance(children[-1], nodes.Text) and children[-1].endswith("."):
        rest = str(children[-1])[:-1]
        return children[:-1] + ([nodes.Text(rest)] if rest else [])
    return children


class PunctuationInsideQuotes(SphinxPostTransform):
    """“Short Title.” not “Short Title”.: a period or comma the author types after a citation
    that ends in a closing quotation mark moves inside it (the locale's punctuation-in-quote)."""

    default_priority = 20  # after Splice

    def run(self, **kwargs) -> None:
        if Csl.engine is None or not Csl.engine.punctuation_in_quote:
            return
        for citation in self.document.findall(nodes.inline):
            if "bibtex-citation" not in citation["classes"]:
                continue
            following = citation.next_node(descend=False, siblings=True)
            texts = list(citation.findall(nodes.Text))
            if not texts or not isinstance(following, nodes.Text) or following[:1] not in (".", ","):
                continue
            last = texts[-1]
            if last.endswith(tuple(CLOSE_QUOTES)):
                quotes = len(last) - len(last.rstrip(CLOSE_QUOTES))
                moved = last[: len(last) - quotes] + following[0] + last[len(last) - quotes :]
                last.parent.replace(last, nodes.Text(moved))
                following.parent.replace(following, nodes.Text(following[1:]))
