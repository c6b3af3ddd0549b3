"""Chicago notes and bibliography for sphinxcontrib-bibtex, registered as its plugins.

- ``style.py``: the pybtex formatting style ``chicago`` (the bibliography form);
- ``notes.py``: the referencing style ``chicago`` and the role ``cite:note``
  (the note forms, inside a MyST footnote);
- ``bibcheck.py``: mistakes in the BibTeX files that pybtex passes over, which
  stop the build here with their file and line.
"""

import ast
import difflib
import hashlib
from pathlib import Path

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging
from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.directives import BibliographyDirective

from . import bibcheck
from .notes import FULL, ChicagoReferenceStyle, NoteRole, PunctuationInsideQuotes
from .style import ChicagoBibliographyStyle, ChicagoLabelStyle, ChicagoSortingStyle

logger = logging.getLogger(__name__)


def check_bibfiles(app) -> None:
    """Stop the build at a mistake in the BibTeX files, each named with its file and line.

    It runs before sphinxcontrib-bibtex reads the files: pybtex would keep one
    of two entries with the same key, cut a field at a raw %, or (on a syntax
    error) raise from inside sphinxcontrib-bibtex, which Sphinx reports as a
    crash with a traceback. Nothing good can be built from such a file, so the
    build stops after the warnings, with exit status 1, as -W would. A file
    once found clean is not read again.
    """
    checked = app.env.__dict__.setdefault("chicago_clean_bibfiles", set())
    for name in app.config.bibtex_bibfiles:
        path = Path(app.confdir, name)
        text = path.read_text(encoding="utf-8")
        digest = hashlib.sha256(text.encode()).hexdigest()
        if digest in checked:
            continue
        problems = bibcheck.problems(text)
        for problem in problems:
            logger.warning(
                problem.message, location=f"{path}:{problem.line}", type="chicago", subtype="bibtex"
            )
        if problems:
            logger.error("the build stops here: correct %s first", path.name)
            raise SystemExit(1)
        checked.add(digest)


def check_citation_keys(app, doctree) -> None:
    """An unknown key, named where it is cited, with the nearest keys there are."""
    domain = app.env.get_domain("cite")
    known = domain.bibdata.data.entries
    for node in doctree.findall(addnodes.pending_xref):
        if node.get("refdomain") != "cite":
            continue
        for target in parse_citation_targets(node["reftarget"]):
            if target.key in known:
                continue
            near = difflib.get_close_matches(target.key, list(known), n=2)
            hint = (
                f"did you mean {' or '.join(map(repr, near))}?" if near else "add its entry to references.bib"
            )
            logger.warning(
                "unknown citation key %r: %s", target.key, hint, location=node, type="chicago", subtype="key"
            )


def check_footcite(app, doctree) -> None:
    """A ``{footcite}`` with no ``{footbibliography}`` after it builds HTML, then crashes the
    LaTeX builder (sphinxcontrib-bibtex #379): say so at the citation instead."""
    if not app.env.temp_data.get("bibtex_foot_new_refs"):
        return
    cited = [
        ref
        for ref in doctree.findall(nodes.footnote_reference)
        if (ref.get("refid") or ref.get("refname", "")).startswith("footcite-")
    ]
    node = cited[-1] if cited else None
    while node is not None and not node.line:  # the reference has no line; its paragraph has
        node = node.parent
    logger.warning(
        "a {footcite} needs a {footbibliography} after it, or the PDF build fails: add one at the end of the "
        "document, or cite with {cite:note} inside a footnote",
        location=(app.env.docname, node.line if node is not None else None),
        type="chicago",
        subtype="footcite",
    )


class PublicationBibliography(BibliographyDirective):
    """``{bibliography}``: by default the works this document cites, as a Chicago bibliography does.

    sphinxcontrib-bibtex's default lists every work cited anywhere in the project.
    """

    def _get_filter(self) -> ast.AST:
        if not {"filter", "all", "notcited", "cited"} & set(self.options):
            return ast.parse("docname in docnames")
        return super()._get_filter()


def setup(app):
    app.setup_extension("sphinxcontrib.bibtex")
    pybtex.plugin.register_plugin("pybtex.style.sorting", "chicago", ChicagoSortingStyle)
    pybtex.plugin.register_plugin("pybtex.style.labels", "chicago", ChicagoLabelStyle)
    pybtex.plugin.register_plugin("pybtex.style.formatting", "chicago", ChicagoBibliographyStyle)
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", "chicago", ChicagoReferenceStyle
    )
    app.add_role_to_domain("cite", FULL, NoteRole())
    app.add_directive("bibliography", PublicationBibliography, override=True)
    app.add_post_transform(PunctuationInsideQuotes)
    app.connect("builder-inited", check_bibfiles, priority=400)
    app.connect("doctree-read", check_citation_keys)
    app.connect("doctree-read", check_footcite)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
