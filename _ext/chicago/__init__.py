"""Chicago notes and bibliography for sphinxcontrib-bibtex, registered as its plugins.

- ``style.py``: the pybtex formatting style ``chicago`` (the bibliography form);
- ``notes.py``: the referencing style ``chicago`` and the role ``cite:note``
  (the note forms, inside a MyST footnote);
- ``bibcheck.py``: mistakes in the BibTeX files that pybtex passes over, which
  stop the build here with their file and line.
"""

import ast
import hashlib
from pathlib import Path

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from sphinx.util import logging
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
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
