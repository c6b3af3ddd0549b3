"""The site's HTML as assistive technology reads it; fixes for what axe-core finds in the stock output.

- A bibliography entry is a ``listitem`` of its ``list``: docutils marks it
  ``doc-biblioentry``, a role deprecated in DPUB-ARIA 1.1 and not allowed
  inside ``role="list"`` (axe: aria-required-children, aria-deprecated-role,
  aria-allowed-role).
- A toctree caption has ``role="heading"`` and so needs an ``aria-level``
  (axe: aria-required-attr).
- furo's two ``<aside>`` landmarks carry no name (axe: landmark-unique). The
  tags are not in any block of furo's templates, and search.html and
  genindex.html extend its page.html, so the written pages are patched instead.
- Sphinx's search page has no ``<h1>`` (axe: page-has-heading-one):
  ``_templates/search.html`` gives it one.
"""

from __future__ import annotations

import time
from pathlib import Path

from sphinx import addnodes
from sphinx.writers.html5 import HTML5Translator


class AccessibleHTMLTranslator(HTML5Translator):
    def visit_citation(self, node) -> None:
        if not isinstance(node.previous_sibling(), type(node)):
            self.body.append('<div role="list" class="citation-list">\n')
        self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))

    def visit_title(self, node) -> None:
        if isinstance(node.parent, addnodes.compact_paragraph) and node.parent.get("toctree"):
            # Sphinx's own markup for a toctree caption, with the heading's level.
            self.body.append(
                self.starttag(node, "p", "", CLASS="caption", ROLE="heading", **{"aria-level": "2"})
            )
            self.body.append('<span class="caption-text">')
            self.context.append("</span></p>\n")
            return
        super().visit_title(node)


LANDMARK_NAMES = {
    '<aside class="sidebar-drawer">': '<aside class="sidebar-drawer" aria-label="Site navigation">',
    '<aside class="toc-drawer': '<aside aria-label="On this page" class="toc-drawer',
}


def note_start(app) -> None:
    # Less a second: a file's time is the kernel's coarse clock, which may lag this one.
    app._series_build_started = time.time_ns() - 1_000_000_000


def name_landmarks(app, exception) -> None:
    """Name the landmarks of the pages this build wrote (in this process or in parallel workers)."""
    if exception is not None or app.builder.format != "html":
        return
    started = getattr(app, "_series_build_started", 0)
    for path in Path(app.outdir).rglob("*.html"):
        if path.stat().st_mtime_ns < started:
            continue  # written, and named, by an earlier build
        text = path.read_text(encoding="utf-8")
        named = text
        for tag, named_tag in LANDMARK_NAMES.items():
            named = named.replace(tag, named_tag)
        if named != text:
            path.write_text(named, encoding="utf-8")


def setup_translator(app) -> None:
    for builder in ("html", "dirhtml", "singlehtml"):
        app.set_translator(builder, AccessibleHTMLTranslator, override=True)
