"""Section numbers as the series numbers them: "1.", "2.", with some sections unnumbered.

A publication's top-level sections (its ``##`` headings) are numbered in
order, except those marked ``{.unnumbered}`` (an Introduction, a Conclusion,
the bibliography). The number becomes part of the title, so the page, the
sidebar, the PDF, its bookmarks and every cross-reference show the same
"1. Afghanistan issue ...", and no builder numbers them again.
"""

from __future__ import annotations

from docutils import nodes

UNNUMBERED = "unnumbered"


def number_sections(doctree: nodes.document) -> None:
    top = doctree.next_node(nodes.section)
    if top is None:
        return
    number = 0
    for section in top.children:
        if not isinstance(section, nodes.section) or UNNUMBERED in section["classes"]:
            continue
        number += 1
        section["secnumber"] = number
        title = section[0]
        title.insert(0, nodes.inline("", f"{number}. ", classes=["section-number"]))
