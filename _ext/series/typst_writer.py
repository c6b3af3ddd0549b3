"""A publication's doctree as Typst markup, for a tagged PDF (PDF/UA-1 and PDF/A-2a).

Each node becomes the Typst element that carries its meaning, so that Typst
tags it: a section's title a ``heading`` (the publication's title, in the
title block, is the only level-1 heading), a paragraph a paragraph, a note
a ``footnote`` where its marker stands, a list a ``list``/``enum``/``terms``,
a table a ``table`` with its header row, a figure a ``figure`` whose image
has its ``alt``, a link a ``link``. The look is the template's
(``_static/typst/series.typ``), which the document imports; this module
writes no style.

Text is escaped character by character (every ASCII punctuation mark gets a
backslash), so nothing an author or a BibTeX file writes is read as markup
or code: ``#read("/etc/passwd")`` prints as those characters. A link to a
label goes to the element that carries the label; a node's ids become
labels, and a link to an id that this document does not hold (a footnote's,
an index entry's) keeps its text without the link.
"""

from __future__ import annotations

import re
import string

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxTranslator

logger = logging.getLogger(__name__)

PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
WHITESPACE = re.compile(r"\s+")


def escape(text: str) -> str:
    """Text as Typst markup that prints exactly it."""
    return PUNCTUATION.sub(r"\\\1", WHITESPACE.sub(" ", text))


def string_literal(text: str) -> str:
    """Text as a Typst string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "")
    return f'"{escaped}"'


def image_file(name: str) -> str:
    """The file Typst reads for an image Sphinx names: the image, or the SVG made of a PDF image."""
    return f"{name}.svg" if name.lower().endswith(".pdf") else name


class LinkTo:
    """The start of a link to a label, decided when the whole document is written: a link only if
    the document holds that label."""

    def __init__(self, identifier: str):
        self.identifier = identifier


# Nodes written as an opening, their children and a closing; their ids as labels inside the opening's
# brackets, or before it when it opens a call's arguments (a list's items). Keyed by node name.
WRAPPED = {
    "document": ("", ""),
    "paragraph": ("", "\n\n"),
    "compact_paragraph": ("", "\n\n"),
    "container": ("", ""),
    "glossary": ("", ""),
    "definition": ("", ""),
    "only": ("", ""),  # Sphinx keeps only the builder's
    "pending_xref": ("", ""),  # unresolved: its text, as Sphinx's other writers leave it
    "emphasis": ("#emph[", "]"),
    "strong": ("#strong[", "]"),
    "rubric": ("\n#strong[", "]\n\n"),
    "block_quote": ("#quote(block: true)[", "]\n\n"),
    "bullet_list": ("#list(", ")\n\n"),
    "list_item": ("[", "], "),
    "definition_list": ("#terms(", ")\n\n"),
    "citation": ("#bibliography-entry[", "]\n\n"),
}


class TypstTranslator(SphinxTranslator):
    """Writes ``self.body``; ``astext()`` joins it once every label is known."""

    def __init__(self, document: nodes.document, builder) -> None:
        super().__init__(document, builder)
        self.body: list[str | LinkTo] = []
        self.labels: set[str] = set()
        # Set by the builder: the publication's slug, which begins every label so that labels stay
        # unique in a volume of many publications, and its title block (the publication's title).
        self.slug = ""
        self.title_block = ""
        self.section_level = 0
        self.footnotes = {i: note for note in document.findall(nodes.footnote) for i in note["ids"]}
        self.context: list[str] = []

    def astext(self) -> str:
        return "".join(
            (f"#link({self.label(part.identifier)[1:]})[" if part.identifier in self.labels else "#[")
            if isinstance(part, LinkTo)
            else part
            for part in self.body
        )

    def label(self, identifier: str) -> str:
        return f"#label({string_literal(f'{self.slug}/{identifier}')})"

    def attach(self, ids: list[str]) -> str:
        """Labels for an element just written: the first its own, the others on empty elements after it."""
        ids = [i for i in ids if i not in self.labels]
        self.labels.update(ids)
        return (self.label(ids[0]) if ids else "") + "".join(
            f"#metadata(none){self.label(i)}" for i in ids[1:]
        )

    # -- Labels -------------------------------------------------------------------------------

    def anchors(self, node: nodes.Element) -> None:
        """An empty, locatable element for each of the node's ids, for links to land on."""
        for identifier in node.get("ids", []):
            if identifier not in self.labels:
                self.labels.add(identifier)
                self.body.append(f"#metadata(none){self.label(identifier)}")

    def dispatch_visit(self, node: nodes.Node) -> None:
        if node.tagname not in WRAPPED:
            return super().dispatch_visit(node)
        opening = WRAPPED[node.tagname][0]
        if opening.endswith("("):
            self.anchors(node)
        if opening:
            self.body.append(opening)
        if not opening.endswith("("):
            self.anchors(node)

    def dispatch_departure(self, node: nodes.Node) -> None:
        if node.tagname not in WRAPPED:
            return super().dispatch_departure(node)
        closing = WRAPPED[node.tagname][1]
        if closing[:1] in ("]", ")"):
            self.strip_paragraph_break()
        if closing:  # nothing to add: a paragraph break before it stays last, for its block to strip
            self.body.append(closing)

    def unknown_visit(self, node: nodes.Node) -> None:
        logger.warning(
            "the PDF can't show a %s: write it otherwise",
            node.__class__.__name__,
            location=node,
            type="series",
            subtype="typst",
        )
        raise nodes.SkipNode

    # -- Text ---------------------------------------------------------------------------------

    def visit_Text(self, node: nodes.Text) -> None:
        self.body.append(escape(node.astext()))

    def depart_Text(self, node: nodes.Text) -> None:
        pass

    def visit_literal(self, node) -> None:
        self.body.append(f"#raw({string_literal(node.astext())})")
        raise nodes.SkipNode

    def visit_enumerated_list(self, node) -> None:
        self.anchors(node)
        self.body.append(f"#enum(start: {node.get('start', 1)}, ")

    def depart_enumerated_list(self, node) -> None:
        self.body.append(")\n\n")

    def visit_inline(self, node: nodes.inline) -> None:
        self.anchors(node)
        languages = [c.removeprefix("language-") for c in node["classes"] if c.startswith("language-")]
        self.body.append(f"#text(lang: {string_literal(languages[0])})[" if languages else "#[")

    def depart_inline(self, node) -> None:
        self.body.append("]")

    visit_abbreviation, depart_abbreviation = visit_inline, depart_inline

    # -- Blocks -------------------------------------------------------------------------------

    def visit_section(self, node: nodes.section) -> None:
        if all(isinstance(child, (nodes.title, nodes.footnote)) for child in node.children):
            raise nodes.SkipNode  # the notes' own section (sections.py): each note is at its marker
        self.section_level += 1

    def depart_section(self, node) -> None:
        self.section_level -= 1

    def visit_title(self, node: nodes.title) -> None:
        parent = node.parent
        if isinstance(parent, nodes.section):
            if self.section_level == 1:  # the publication's title, in its title block
                self.body.append(self.title_block)
                self.anchors(parent)
                self.body.append("\n\n")
                raise nodes.SkipNode
            self.body.append(f"\n#heading(level: {self.section_level})[")
            self.context.append("]" + self.attach(parent["ids"]) + "\n\n")
        elif isinstance(parent, (nodes.table, nodes.figure)):
            raise nodes.SkipNode  # the caption, written with its table or figure
        else:
            self.body.append("#strong[")
            self.context.append("]\n\n")

    def depart_title(self, node) -> None:
        self.body.append(self.context.pop())

    def visit_literal_block(self, node) -> None:
        self.anchors(node)
        language = node.get("language", "")
        lang = f", lang: {string_literal(language)}" if language and language != "default" else ""
        self.body.append(f"#raw(block: true{lang}, {string_literal(node.astext())})\n\n")
        raise nodes.SkipNode

    def visit_admonition(self, node: nodes.Element) -> None:
        """A note, a warning, an admonition with its own title: a framed block, its title bold."""
        self.anchors(node)
        self.body.append("#admonition[")
        if not isinstance(node, nodes.admonition):  # {note}, {warning}…: the kind is the title
            title = "See also" if node.tagname == "seealso" else node.tagname.title()
            self.body.append(f"#strong[{escape(title)}]\n\n")

    def depart_admonition(self, node) -> None:
        self.strip_paragraph_break()
        self.body.append("]\n\n")

    visit_attention = visit_caution = visit_danger = visit_error = visit_hint = visit_admonition
    visit_important = visit_note = visit_tip = visit_warning = visit_seealso = visit_admonition
    depart_attention = depart_caution = depart_danger = depart_error = depart_hint = depart_admonition
    depart_important = depart_note = depart_tip = depart_warning = depart_seealso = depart_admonition

    def visit_transition(self, node) -> None:
        self.body.append("#line(length: 100%)\n\n")
        raise nodes.SkipNode

    # -- Lists --------------------------------------------------------------------------------

    def visit_definition_list_item(self, node: nodes.definition_list_item) -> None:
        # One item, however many terms share its definition (a glossary's "EAEU, Eurasian Economic Union").
        self.body.append("terms.item([")
        terms = [child for child in node.children if isinstance(child, nodes.term)]
        for number, term in enumerate(terms):
            if number:
                self.body.append(", ")
            self.anchors(term)
            for child in term.children:
                child.walkabout(self)
        self.body.append("], [")
        for child in node.children:
            if not isinstance(child, nodes.term):
                child.walkabout(self)
        self.strip_paragraph_break()
        self.body.append("]), ")
        raise nodes.SkipNode

    def visit_classifier(self, node) -> None:
        raise nodes.SkipNode  # written with its term

    def strip_paragraph_break(self) -> None:
        """A block's last paragraph break, before the bracket that closes the block."""
        while self.body and self.body[-1] == "\n\n":
            self.body.pop()

    # -- Notes and the bibliography -----------------------------------------------------------

    def visit_footnote_reference(self, node: nodes.footnote_reference) -> None:
        note = self.footnotes.get(node.get("refid", ""))
        if note is None:
            raise nodes.SkipNode
        self.body.append("#footnote[")
        for child in note.children:
            if not isinstance(child, nodes.label):
                child.walkabout(self)
        self.strip_paragraph_break()
        self.body.append("]")
        raise nodes.SkipNode

    def visit_footnote(self, node) -> None:
        raise nodes.SkipNode  # written where its marker stands

    def visit_label(self, node) -> None:
        raise nodes.SkipNode

    # -- Links --------------------------------------------------------------------------------

    def visit_reference(self, node: nodes.reference) -> None:
        self.anchors(node)
        uri = node.get("refuri", "")
        if "refid" in node:
            self.body.append(LinkTo(node["refid"]))
        elif uri.startswith("#"):
            self.body.append(LinkTo(uri[1:]))
        elif "publication" in node:
            # Another publication (crossref.py, listing.py): its PDF, or its pages in a volume (series.typ).
            self.body.append(f"#publication-link({string_literal(node['publication'])})[")
        elif uri:
            self.body.append(f"#link({string_literal(uri)})[")
        else:
            self.body.append("#[")

    def depart_reference(self, node) -> None:
        self.body.append("]")

    def visit_target(self, node: nodes.target) -> None:
        self.anchors(node)
        raise nodes.SkipNode

    # -- Figures and tables -------------------------------------------------------------------

    def visit_figure(self, node: nodes.figure) -> None:
        image = node.next_node(nodes.image)
        caption = node.next_node(nodes.caption)
        self.body.append("#figure(" + self.image_call(image))
        self.caption(caption)
        self.body.append(")")
        self.body.append(self.attach(node["ids"]) + "\n\n")
        raise nodes.SkipNode

    def caption(self, caption: nodes.Element | None) -> None:
        """A figure's caption argument, from a figure's caption or a table's title."""
        if caption is not None:
            self.body.append(", caption: [")
            for child in caption.children:
                child.walkabout(self)
            self.body.append("]")

    def image_call(self, image: nodes.image) -> str:
        path = image_file(self.builder.images.get(image["uri"], image["uri"]))
        return f"image({string_literal(path)}, alt: {string_literal(image.get('alt', ''))})"

    def visit_image(self, node: nodes.image) -> None:
        self.anchors(node)
        self.body.append(f"#box({self.image_call(node)})")
        raise nodes.SkipNode

    def visit_table(self, node: nodes.table) -> None:
        title = node.next_node(nodes.title)
        group = node.next_node(nodes.tgroup)
        head = group.next_node(nodes.thead)
        body = group.next_node(nodes.tbody)
        columns = group["cols"]
        self.body.append("#figure(kind: table, table(columns: " + str(columns))
        if head is not None:
            self.body.append(", table.header(")
            self.rows(head)
            self.body.append(")")
        if body is not None:
            self.body.append(", ")
            self.rows(body)
        self.body.append(")")
        self.caption(title)  # above the table: series.typ places a table's caption on top
        self.body.append(")")
        self.body.append(self.attach(node["ids"]) + "\n\n")
        raise nodes.SkipNode

    def rows(self, part: nodes.Element) -> None:
        for row in part.findall(nodes.row):
            for entry in row.children:
                self.body.append("[")
                for child in entry.children:
                    child.walkabout(self)
                self.strip_paragraph_break()
                self.body.append("], ")

    # -- Nothing in the PDF -------------------------------------------------------------------

    def skip(self, node: nodes.Node) -> None:
        raise nodes.SkipNode

    visit_comment = visit_index = visit_meta = visit_raw = visit_substitution_definition = skip
    visit_system_message = visit_toctree = visit_problematic = skip
