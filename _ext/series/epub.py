"""The EPUB (``make epub``): the site as one book, without what only the site has.

Sphinx's epub builder is an HTML builder (its format is ``html``, so the title
block's ``only: html`` holds for it too). In the book:

- the links to the PDFs go, from the title blocks and the listings: the PDFs
  are beside the site, not in the book; so do the links to a publication's
  editions in other languages, which are other sites (``drop_pdf_links``);
- the "Cite this" box goes (``meta.py``: it is the site's, with the site's
  address);
- the site's own stylesheets are not linked: they style furo's pages (and the
  previews, a script of the site), and the epub theme styles the book
  (``unlink_site_styles``; conf.py keeps the files out of the book);
- EPUB 3 wants a version (``ibooks:version``), which the series has not: the
  book's is the day it was made, as its ``dcterms:modified`` (``set_version``).
"""

from __future__ import annotations

import datetime
import os

from docutils import nodes

SITE_STYLES = ("series.css", "previews.css")


def is_epub(app) -> bool:
    return app.builder.name == "epub"


def set_version(app) -> None:
    """Before Sphinx's epub builder checks its configuration (builder-inited, priority 500)."""
    if is_epub(app) and not app.config.version:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        made = (
            datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
            if epoch
            else datetime.datetime.now(datetime.UTC)
        )
        app.config.version = made.date().isoformat()


def drop_pdf_links(app, doctree: nodes.document, docname: str) -> None:
    """After the listings are filled in (listing.py, doctree-resolved at priority 500)."""
    if is_epub(app):
        for paragraph in list(doctree.findall(nodes.paragraph)):
            if {"publication-pdf", "publication-editions"} & set(paragraph["classes"]):
                paragraph.parent.remove(paragraph)


def unlink_site_styles(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    if is_epub(app) and "css_files" in context:
        context["css_files"] = [
            css for css in context["css_files"] if os.path.basename(css.filename) not in SITE_STYLES
        ]
