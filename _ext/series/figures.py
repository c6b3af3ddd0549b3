"""Figures and tables: numbered from 1 in each document; images described, in a format the PDF can show.

Numbers. With ``numfig`` on, Sphinx numbers captioned figures, tables and
code blocks across the whole site in the order of its toctrees (unless a
toctree numbers the sections; the series numbers its own, ``sections.py``), so
the second report's first figure would be "Figure 4" on its page and
"Figure 1" in its PDF, where Typst counts again. Each document counts its
own from 1, as its PDF does, so the page, the PDF and every ``{numref}``
agree.

Images. An image without a description (``:alt:``) is nothing to a reader
who can't see it (a screen reader reads out its file name instead), so it is
named with its line. A page shows any image a browser shows; the PDF only
SVG, PDF, PNG, JPEG, GIF and WebP images (a PDF image as an SVG of its first
page: Typst embeds no PDF in a PDF/A). An image of a publication that exists
in no such format (a TIFF alone) is named when the document is read, in the
preview, rather than at ``make pdf``; the fix is a PNG or SVG copy beside it,
and ``figures/map.*`` in the Markdown so that each takes the one it can show.

Ids. furo wraps each table and each display equation in a ``<div>`` that
scrolls sideways, and copies the wrapped element's attributes onto it, ids
included: a labelled table's id stood on two elements, which HTML forbids.
The wrapper keeps its classes; the id stays with the table, where its
caption and every link to it are.
"""

from __future__ import annotations

from collections import Counter

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.images import guess_mimetype
from sphinx.util.nodes import traverse_parent

from . import collect
from .typst_pdf import TypstBuilder

logger = logging.getLogger(__name__)

# What Typst includes in a PDF/A (the builder's supported_image_types).
PDF_IMAGE_TYPES = set(TypstBuilder.supported_image_types)


def number_within_documents(app, env) -> list[str]:
    """At env-get-updated, after Sphinx numbered them across the site: count again in each document.

    A document's own numbers change only when it changed, and then it is read and
    written again anyway: no other document needs writing.
    """
    for numbers_by_type in env.toc_fignumbers.values():
        for numbers in numbers_by_type.values():
            counters: Counter[tuple[int, ...]] = Counter()
            for figure_id in sorted(numbers, key=numbers.get):
                within = numbers[figure_id][:-1]  # the section's number, if a toctree numbers them
                counters[within] += 1
                numbers[figure_id] = (*within, counters[within])
    return []


def check_images(app, doctree: nodes.document) -> None:
    """At doctree-read, after Sphinx found each image's files: each image has a description,
    and a publication's images go into its PDF."""
    docname = app.env.docname
    in_a_pdf = docname in collect.publications(app.env)
    for image in doctree.findall(nodes.image):
        # An image in a paragraph (![...](...)) has no line of its own: its paragraph's.
        where = (docname, next((node.line for node in traverse_parent(image) if node.line), None))
        if not image.get("alt", "").strip():
            logger.warning(
                "the image %s has no description for readers who can't see it: add ':alt: what it"
                " shows' under its {figure} line, or write that between the brackets of ![...](%s)",
                image["uri"],
                image["uri"],
                location=where,
                type="series",
                subtype="image",
            )
        candidates = image.get("candidates", {})
        # "*": the one file of a path without .*, "?": a remote image (confinement.py's).
        types = {guess_mimetype(path) if kind == "*" else kind for kind, path in candidates.items()}
        if in_a_pdf and not ("?" in types or PDF_IMAGE_TYPES & types):
            logger.warning(
                "the PDF can't show %s (SVG, PDF, PNG, JPEG, GIF and WebP images only): save a PNG or SVG"
                " copy beside it and write the path with .* for its extension, so that the page"
                " takes the one and the PDF the other",
                image["uri"],
                location=where,
                type="series",
                subtype="image",
            )


class OneElementPerId(SphinxPostTransform):
    """After furo's WrapTableAndMathInAContainerTransform (furo 2025.12.19, priority 500), which
    gives the wrapper the wrapped node's ids: take them off the wrapper."""

    formats = ("html",)
    default_priority = 501
    WRAPPERS = {"table-wrapper", "math-wrapper"}

    def run(self, **kwargs) -> None:
        for wrapper in self.document.findall(nodes.container):
            if self.WRAPPERS & set(wrapper["classes"]) and wrapper.children:
                wrapped = set(wrapper[0]["ids"])
                wrapper["ids"] = [i for i in wrapper["ids"] if i not in wrapped]
