"""Nothing outside the publications' folder reaches the site.

The site is published from the build's output, so one line of Markdown that
reads a file elsewhere (``/etc/passwd``, ``/proc/self/environ`` with the build's
secrets) would publish it. Authors write prose, so:

- No file is inserted into a page: docutils' ``file_insertion_enabled`` is off,
  which refuses ``{include}``, ``{literalinclude}``, ``{csv-table}`` with a file and
  ``{raw}`` with a file or URL, each with docutils' warning at its line. Paste
  the text into the publication instead.
- No raw HTML or LaTeX: ``raw_enabled`` is off, so ``{raw}`` (and ``.. raw::``
  inside ``{eval-rst}``, which stays allowed for reStructuredText's other
  constructs) is refused too; conf.py turns MyST's own HTML syntax off.
- An image, a figure or a download is a file inside the source folder, after
  following symbolic links; a document that is a link to a file elsewhere is
  not read. Each such file is named with the line that asks for it, and
  dropped from the page before Sphinx would copy it.
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
    app.env.settings["file_insertion_enabled"] = False
    app.env.settings["raw_enabled"] = False


def inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


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
    """At doctree-read, before Sphinx collects them: images and downloads inside the source folder."""
    srcdir = Path(app.srcdir)
    docdir = Path(app.env.doc2path(app.env.docname)).parent
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
