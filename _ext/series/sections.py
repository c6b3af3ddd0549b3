"""A publication's sections: numbered as the series numbers them, and a section for the notes.

Section numbers: "1.", "2.", with some sections unnumbered.
A publication's top-level sections (its ``##`` headings) are numbered in
order, except those marked ``{.unnumbered}`` (an Introduction, a Conclusion,
the bibliography). The number becomes part of the title, so the page, the
sidebar, the PDF, its bookmarks and every cross-reference show the same
"1. Afghanistan issue ...", and no builder numbers them again.

Notes: MyST leaves footnotes after the document's last section, so on the
page they would follow the bibliography under its heading. They get a
section of their own, "Notes", before the bibliography. (In the PDF the notes
stand at the foot of their pages; the section, left empty, is dropped.)
"""

from __future__ import annotations

from docutils import nodes
from sphinxcontrib.bibtex.nodes import bibliography

UNNUMBERED = "unnumbered"


def number_sections(doctree: nodes.document) -> dict[str, int]:
    """Number the top-level sections; return each numbered section's ids with its number."""
    numbers: dict[str, int] = {}
    top = doctree.next_node(nodes.section)
    if top is None:
        return numbers
    number = 0
    for section in top.children:
        if not isinstance(section, nodes.section) or UNNUMBERED in section["classes"]:
            continue
        number += 1
        section["secnumber"] = number
        title = section[0]
        title.insert(0, nodes.inline("", f"{number}. ", classes=["section-number"]))
        numbers.update(dict.fromkeys(section["ids"], number))
    return numbers


def gather_notes(doctree: nodes.document) -> None:
    top = doctree.next_node(nodes.section)
    footnotes = [node for node in doctree.children if isinstance(node, nodes.footnote)]
    if top is None or not footnotes:
        return
    section = nodes.section(
        "", nodes.title("", "Notes"), ids=["notes"], names=["notes"], classes=[UNNUMBERED]
    )
    for footnote in footnotes:
        doctree.remove(footnote)
        section += footnote
    before = next(
        (
            i
            for i, child in enumerate(top.children)
            if isinstance(child, nodes.section) and child.next_node(bibliography)
        ),
        len(top.children),
    )
    top.insert(before, section)
