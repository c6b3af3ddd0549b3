"""One PDF per publication: ``latex_documents`` computed from the model.

The LaTeX builder reads ``latex_documents`` only when it starts writing, after
every document is read, so the list is set then, from the publications in the
environment: ``<slug>.tex``, titled and credited as the model says.

Sphinx's LaTeX builder writes every document on every build. Here it writes
those the HTML builder would write: the publications read again (edited, or
depending on a file that changed), those that ``env-updated`` names (their
companions changed), and any whose ``.tex`` is missing; all of them when a
setting that reaches the LaTeX output changed. A ``.tex`` whose text came out
the same is not touched (Sphinx compares it), so XeLaTeX has nothing to do for it.

Each PDF is archival, PDF/A-2b, through ``pdfx`` (loaded in place of hyperref,
see conf.py). pdfx reads the document's XMP metadata from ``<slug>.xmpdata``
and the preamble reads its creation date from ``<slug>.pdfdate``; both are
written here from the model, next to the ``.tex``, once the builder has
written those.
"""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from sphinx.builders.latex import LaTeXBuilder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util._serialise import stable_hash
from sphinx.util.texescape import escape

from .collect import publications
from .pdfa import pdfdate_source, publication_xmp, xmpdata

logger = logging.getLogger(__name__)

PUBLICATIONS_JSON = "publications.json"
WRITTEN_JSON = "written.json"  # what the last build wrote, and with which settings


def latex_documents(publications_by_docname) -> list[tuple[str, str, str, str, str]]:
    # Sphinx puts the title and author into the LaTeX source as they are: escape them.
    return [
        (p.docname, f"{p.slug}.tex", escape(p.title), escape(p.credit), "howto")
        for p in sorted(publications_by_docname.values(), key=lambda p: p.docname)
    ]


def set_latex_documents(app, env) -> None:
    app.config.latex_documents = latex_documents(publications(env))


def write_publications_json(app, exception) -> None:
    """Hand the model to the steps that run after XeLaTeX (page numbers, the annual volume)."""
    if exception is None and app.builder.format == "latex":
        data = {
            "publisher": app.config.series_publisher,
            "publications": [p.to_json() for _, p in sorted(publications(app.env).items())],
        }
        (Path(app.outdir) / PUBLICATIONS_JSON).write_text(
            json.dumps(data, indent=1, ensure_ascii=False), "utf-8"
        )


# -- PDF/A ---------------------------------------------------------------------


def write_pdfa_metadata(app, exception) -> None:
    """``<slug>.xmpdata`` and ``<slug>.pdfdate`` for every publication's ``<slug>.tex``."""
    if exception is not None or app.builder.format != "latex":
        return
    for publication in publications(app.env).values():
        fields = publication_xmp(publication, app.config.series_publisher)
        outdir = Path(app.outdir)
        (outdir / f"{publication.slug}.xmpdata").write_text(xmpdata(fields), "utf-8")
        (outdir / f"{publication.slug}.pdfdate").write_text(pdfdate_source(publication.date), "utf-8")


class DropEmptySections(SphinxPostTransform):
    """Drop the heading that Sphinx's LaTeX writer leaves behind a bibliography.

    The writer gathers every bibliography at the end of the document
    (sphinx-doc/sphinx#5893), which leaves the section that held it with a
    heading and nothing under it. ``series.sty`` heads the gathered
    bibliography itself, so such a section goes.
    """

    default_priority = 751  # after Sphinx's BibliographyTransform (750)
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for section in list(self.document.findall(nodes.section)):
            rest = section.children[1:]
            if all(
                isinstance(child, (nodes.container, nodes.target)) and not child.astext() for child in rest
            ):
                section.parent.remove(section)


class IncrementalLaTeXBuilder(LaTeXBuilder):
    """Sphinx's LaTeX builder, writing only the publications whose ``.tex`` may have changed."""

    def settings_digest(self) -> str:
        """The settings that reach a ``.tex`` (``latex_documents`` aside: each entry is its document's)."""
        values = {
            c.name: c.value for c in self.config.filter(frozenset({"", "env"})) if c.name != "latex_documents"
        }
        return stable_hash([values, sorted(self.tags)])

    def written(self) -> dict:
        try:
            return json.loads((Path(self.outdir) / WRITTEN_JSON).read_text("utf-8"))
        except (OSError, ValueError):
            return {}

    def get_outdated_docs(self):
        written = self.written()
        if written.get("settings") != self.settings_digest():
            return "all documents"
        # Documents whose source changed are read again, and written with those (Builder.build).
        documents = written.get("documents", {})
        return [docname for docname, tex in documents.items() if not (self.outdir / tex).is_file()]

    def write_documents(self, docnames) -> None:
        every = self.document_data
        chosen = [e for e in every if e[0] in docnames or not (self.outdir / e[1]).is_file()]
        logger.info("writing %d of %d publications' LaTeX", len(chosen), len(every))
        self.document_data = chosen
        try:
            super().write_documents(docnames)
        finally:
            self.document_data = every
        documents = {entry[0]: entry[1] for entry in every}
        state = {"settings": self.settings_digest(), "documents": documents}
        (Path(self.outdir) / WRITTEN_JSON).write_text(json.dumps(state, indent=1), "utf-8")
