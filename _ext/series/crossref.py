"""Cross-references between publications, labelled as readers name them.

``{pubref}`label``` links to a labelled section or publication and reads
"Research Report FY 2021-#6, section 1" (or "section 1" inside the same
publication, or "Research Report FY 2021-#6" for the publication itself).

Each publication's PDF stands alone, so a reference into another publication
(a ``pubref``, a ``{ref}``, a glossary ``{term}``) can't be an internal link
there: Sphinx's LaTeX builder would quietly drop the link. Before references
are resolved, such a reference becomes a link to the other publication's PDF,
which sits beside it (in ``_build/pdf`` and the site's ``pdf/``).
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain
from sphinx.roles import XRefRole
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from .collect import publications, section_numbers

logger = logging.getLogger(__name__)


def label_for(env, fromdocname: str, target: str) -> str:
    """How a reader names the target (a label of the standard domain), relative to where the
    reference stands: "Research Report FY 2021-#6, section 1", "…, Introduction", "section 1",
    or the publication."""
    docname, labelid, title = env.domains.standard_domain.labels[target]
    publication = publications(env).get(docname)
    number = section_numbers(env).get(docname, {}).get(labelid)
    parts = [publication.label] if publication is not None and docname != fromdocname else []
    if number is not None:
        parts.append(f"section {number}")
    elif publication is None or title != publication.title:
        parts.append(title)
    return ", ".join(parts) or title


class PubRefRole(XRefRole):
    """``{pubref}`label```: a reference resolved by the series domain."""

    def result_nodes(self, document, env, node, is_ref):
        node["refdomain"], node["reftype"] = "series", "ref"
        return [node], []


class SeriesDomain(Domain):
    """Resolves ``pubref`` references."""

    name = "series"
    label = "Series"
    roles = {"ref": PubRefRole(innernodeclass=nodes.inline)}
    initial_data: dict = {}

    def merge_domaindata(self, docnames, otherdata) -> None:
        pass  # the data lives with the publication model (collect.py)

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        std = env.domains.standard_domain
        if target not in std.labels:
            logger.warning(
                "unknown publication or section label %r; put (%s)= on the line before its heading",
                target,
                target,
                location=node,
                type="series",
                subtype="ref",
            )
            return contnode  # warned once, here: Sphinx need not warn again
        docname, labelid, _ = std.labels[target]
        text = nodes.inline("", label_for(env, fromdocname, target), classes=["pubref"])
        return make_refnode(builder, fromdocname, docname, labelid, text)

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []


def foreign_docname(env, node: addnodes.pending_xref) -> tuple[str, str] | None:
    """The (docname, label id) a reference points to, where the series can tell."""
    std = env.domains.standard_domain
    target = node["reftarget"]
    if node["refdomain"] in ("series", "std") and node["reftype"] == "ref" and target in std.labels:
        return std.labels[target][:2]
    if node["refdomain"] == "std" and node["reftype"] == "term":
        return std._terms.get(target.lower())
    return None


class LinkOtherPublicationsToTheirPDF(SphinxPostTransform):
    """In a publication's PDF, a reference into another publication opens that publication's PDF."""

    default_priority = 5  # before the references are resolved (10)
    formats = ("typst",)

    def run(self, **kwargs) -> None:
        env = self.env
        for node in list(self.document.findall(addnodes.pending_xref)):
            found = foreign_docname(env, node)
            # The docnames of the PDF being assembled; Sphinx's own resolver reaches the builder so too.
            if found is None or found[0] in env._app.builder.docnames:
                continue
            docname, labelid = found
            publication = publications(env).get(docname)
            if publication is None:
                continue  # not a publication: Sphinx leaves the text, unlinked
            if node["refdomain"] == "series":
                content = nodes.inline("", label_for(env, "", node["reftarget"]), classes=["pubref"])
            elif node["reftype"] == "ref" and not node.get("refexplicit"):
                content = nodes.inline("", env.domains.standard_domain.labels[node["reftarget"]][2])
            else:
                content = node[0].deepcopy() if node.children else nodes.Text(node["reftarget"])
            reference = nodes.reference(
                "",
                "",
                content,
                refuri=f"{publication.slug}.pdf",
                internal=False,
                publication=publication.slug,
            )
            node.replace_self(reference)
