"""What the processor wrote (pandoc's JSON inlines) as docutils nodes, or as plain text.

Every builder gets the same nodes: italics as emphasis, a work's language as
a ``language-xx`` class (``lang`` in HTML), a web address as a link. Nothing
passes through raw: raw TeX or HTML that pandoc kept from a BibTeX field
prints as its text, and only web and mail addresses become links (never a
``javascript:`` one).
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

import pybtex_docutils
from docutils import nodes
from pybtex.richtext import BaseText

from .engine import text_of, to_text

LINK_SCHEMES = {"http", "https", "ftp", "mailto"}
STYLED = {
    "Emph": nodes.emphasis,
    "Strong": nodes.strong,
    "Superscript": nodes.superscript,
    "Subscript": nodes.subscript,
}


def is_web_address(url: str) -> bool:
    return urlsplit(url).scheme.lower() in LINK_SCHEMES


def to_nodes(inlines: list) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    for inline in inlines:
        result.extend(_nodes(inline))
    return _merged(result)


def _nodes(inline: dict) -> list[nodes.Node]:
    kind, content = inline["t"], inline.get("c")
    if kind in STYLED:
        return [STYLED[kind]("", "", *to_nodes(content))]
    if kind == "SmallCaps":
        return [nodes.inline("", "", *to_nodes(content), classes=["small-caps"])]
    if kind == "Span":
        (_, _, attributes), children = content
        language = dict(attributes).get("lang")
        if language:
            return [nodes.inline("", "", *to_nodes(children), classes=[f"language-{language}"])]
        return to_nodes(children)
    if kind == "Link":
        url = content[2][0]
        if is_web_address(url):
            return [nodes.reference("", "", *to_nodes(content[1]), refuri=url)]
        return to_nodes(content[1])
    if kind == "Note":
        return []
    return [nodes.Text(text_of(inline))]


HTML_TAGS = {"Emph": "em", "Strong": "strong", "Superscript": "sup", "Subscript": "sub"}


def to_html(inlines: list) -> str:
    """For HTML written as text (the "Cite this" box): every character of the text escaped."""
    return "".join(_html(inline) for inline in inlines)


def _html(inline: dict) -> str:
    kind, content = inline["t"], inline.get("c")
    if kind in HTML_TAGS:
        return f"<{HTML_TAGS[kind]}>{to_html(content)}</{HTML_TAGS[kind]}>"
    if kind == "SmallCaps":
        return f'<span class="small-caps">{to_html(content)}</span>'
    if kind == "Span":
        (_, _, attributes), children = content
        language = dict(attributes).get("lang")
        return (
            f'<span lang="{html.escape(language)}">{to_html(children)}</span>'
            if language
            else to_html(children)
        )
    if kind == "Link" and is_web_address(content[2][0]):
        return f'<a href="{html.escape(content[2][0])}">{to_html(content[1])}</a>'
    if kind in ("Link", "Cite"):
        return to_html(content[1])
    if kind == "Note":
        return ""
    return html.escape(text_of(inline))


def _merged(result: list[nodes.Node]) -> list[nodes.Node]:
    """Neighbouring texts as one: "Jun Kumakura," not "Jun", " ", "Kumakura,"."""
    merged: list[nodes.Node] = []
    for node in result:
        if isinstance(node, nodes.Text) and merged and isinstance(merged[-1], nodes.Text):
            merged[-1] = nodes.Text(merged[-1] + node)
        else:
            merged.append(node)
    return merged


class Formatted(BaseText):
    """A bibliography entry the processor wrote, as sphinxcontrib-bibtex's formatted text.

    sphinxcontrib-bibtex renders an entry with pybtex's backends: its docutils
    backend for the page, its plain-text one for a link's tooltip.
    """

    def __init__(self, inlines: list):
        self.inlines = inlines

    def render(self, backend):
        if isinstance(backend, pybtex_docutils.Backend):
            return to_nodes(self.inlines)
        return to_text(self.inlines)

    def __str__(self) -> str:
        return to_text(self.inlines)

    def __eq__(self, other) -> bool:
        return isinstance(other, Formatted) and other.inlines == self.inlines

    def __len__(self) -> int:
        return len(str(self))

    def __contains__(self, item) -> bool:
        return item in str(self)

    def __getitem__(self, key):
        return str(self)[key]
