"""Nothing outside the publications' folder reaches the site.

The site is published from the build's output, so one line of Markdown that
reads a file elsewhere (``/etc/passwd``, ``/proc/self/environ`` with the build's
secrets) would publish it. So:

- Every file a document reads, as docutils and Sphinx record it (``{include}``,
  ``{literalinclude}``, a ``{csv-table}`` file, and the same inside
  ``{eval-rst}``), is inside the source folder, after following symbolic links
  (the author guide quotes the publications' own files), or one of the BibTeX
  files of ``bibtex_bibfiles``, which the bibliographies read. A document that read
  one elsewhere is named with the path, and nothing of it is kept: its doctree
  is emptied as it is read, so no page, PDF or search index holds the file.
- No raw HTML or LaTeX: docutils' ``raw_enabled`` is off, so ``{raw}`` (and
  ``.. raw::`` inside ``{eval-rst}``, which stays allowed for reStructuredText's
  other constructs) is refused at its line; conf.py turns MyST's own HTML
  syntax off.
- An image, a figure or a download is a file inside the source folder; one
  elsewhere is named with its line and dropped from the page before Sphinx
  would copy it. A document that is a link to a file elsewhere is not read.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

logger = logging.getLogger(__name__)


def close_the_doors(app) -> None:
    """At builder-inited: the docutils settings every document is read with."""
    app.env.settings["raw_enabled"] = False


def inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def where_read(doctree: nodes.document, path: str) -> nodes.Node | None:
    """The block a file was read into (a literalinclude's, an included text's), for its line."""
    for node in doctree.findall(nodes.literal_block):
        if node.get("source") == path:
            return node
    return None


def check_document(app, docname: str, source: list[str]) -> None:
    """At source-read: a document that is a link to a file outside the source folder is not read."""
    path = Path(app.env.doc2path(docname))
    if not inside(path, Path(app.srcdir)):
        logger.warning(
            "this document is a link to %s, outside the source folder: it is not read; "
            "put the file itself in the folder",
            path.resolve(),
            location=(docname, 1),
            type="series",
            subtype="outside",
        )
        source[0] = ""


def check_files(app, doctree: nodes.document) -> None:
    """At doctree-read, before Sphinx collects them: what the document read, its images and its
    downloads, inside the source folder."""
    srcdir = Path(app.srcdir)
    docname = app.env.docname
    docdir = Path(app.env.doc2path(docname)).parent
    read = set(app.env.dependencies.get(docname, ())) | set(doctree.settings.record_dependencies.list)
    # The BibTeX files a bibliography reads (sphinxcontrib-bibtex notes them) are the project's own.
    bibfiles = {(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles or ()}
    outside = sorted(
        str((srcdir / path).resolve())
        for path in read
        if not inside(srcdir / path, srcdir) and (srcdir / path).resolve() not in bibfiles
    )
    if outside:
        for path in outside:
            logger.warning(
                "this document reads %s, outside the source folder: nothing of the document is kept;"
                " quote only files of the folder",
                path,
                location=where_read(doctree, path) or (docname, None),
                type="series",
                subtype="outside",
            )
        # Nothing kept: the children, and docutils' indexes of them (ids, names, notes), which
        # the doctree's pickle would carry along.
        doctree.__init__(doctree.settings, doctree.reporter, source=doctree["source"])
        return
    for node in list(doctree.findall(lambda n: isinstance(n, (nodes.image, addnodes.download_reference)))):
        target = node["uri"] if isinstance(node, nodes.image) else node.get("reftarget", "")
        if not target or urlsplit(target).scheme or target.startswith("data:"):
            continue  # a web address is a link, no file of this machine
        path = srcdir / target.lstrip("/") if target.startswith("/") else docdir / target
        if inside(path, srcdir):
            continue
        logger.warning(
            "%r is %s, outside the source folder: put the file in the folder and name it from there",
            target,
            path.resolve(),
            location=node,
            type="series",
            subtype="outside",
        )
        node.replace_self(nodes.inline("", node.get("alt", "")))
