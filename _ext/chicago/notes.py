"""Chicago note forms, as a referencing style and a role of sphinxcontrib-bibtex.

Authors write ``{cite:note}`key``` inside a MyST footnote, around their own
commentary. The first note that cites a work in a document gives the full
note form; later ones give the short form (author, short title), as Chicago
does for subsequent notes. Either form links to the work's entry in the
document's bibliography; the URL stays a separate link outside it.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docutils import nodes
from pybtex.richtext import Text
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinxcontrib.bibtex.roles import CiteRole
from sphinxcontrib.bibtex.style.referencing import BaseReferenceStyle, BracketStyle, GroupReferenceStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.template import join, node, reference

from .style import Parts, quoted

if TYPE_CHECKING:
    from pybtex.style.template import Node

FULL, SHORT = "note", "note-short"
CLOSE_QUOTE = "\N{RIGHT DOUBLE QUOTATION MARK}"


def note_form(parts: Parts) -> tuple[Text, Text]:
    """Jun Kumakura, “Title,” *Journal*, no. 69 (September 2021): 56–61, URL.

    Returned as (the part linked to the bibliography, the URL part).
    """
    pieces = [parts.author] if parts.author else []
    if parts.type == "incollection":
        publication = Text(" (", Text(", ").join(p for p in (parts.publisher, Text(parts.date)) if p), ")")
        pieces.append(Text(quoted(parts.title, ","), " in ", parts.container, publication))
        pieces.append(parts.pages)
    elif parts.type == "article" and parts.issue:
        pieces.append(quoted(parts.title, ","))
        pieces.append(Text(parts.container, ", ", parts.issue, " (", parts.date, "): ", parts.pages))
    else:
        pieces.append(quoted(parts.title, ","))
        pieces.extend(p for p in (parts.container, Text(parts.date), parts.pages) if p)
    return _join_after_title(pieces), Text(", ", parts.link) if parts.url else Text()


def short_form(parts: Parts) -> Text:
    """Kumakura, “China’s Deepening Involvement”: family name, then the title up to its colon."""
    title = Text(str(parts.title).split(":")[0].strip())
    return Text(parts.short_author, ", ", quoted(title, "")) if parts.short_author else quoted(title, "")


def _join_after_title(pieces: list[Text]) -> Text:
    """Join with commas, but not after a quoted title: its comma sits inside the quotes."""
    result = Text()
    for index, piece in enumerate(pieces):
        closes_quote = str(result).endswith("\N{RIGHT DOUBLE QUOTATION MARK}")
        result = Text(result, "" if index == 0 else (" " if closes_quote else ", "), piece)
    return result


@node
def _note(children, data, form: str):
    parts = Parts.of(data["entry"])
    if form == SHORT:
        return reference[short_form(parts)].format_data(data)
    linked, url = note_form(parts)
    return join[reference[linked], url].format_data(data)


@dataclass
class NoteReferenceStyle(BaseReferenceStyle):
    """The full and the short note form; several works are joined by semicolons."""

    bracket: BracketStyle = field(default_factory=lambda: BracketStyle(left="", right="", sep="; "))

    def role_names(self):
        return [FULL, SHORT]

    def outer(self, role_name: str, children: list) -> Node:
        return self.bracket.outer(children)

    def inner(self, role_name: str) -> Node:
        return _note(form=role_name)


@dataclass
class ChicagoReferenceStyle(GroupReferenceStyle):
    """The note forms, plus sphinxcontrib-bibtex's author-year roles so ``cite:p`` still works."""

    def __post_init__(self):
        self.styles.extend([NoteReferenceStyle(), AuthorYearReferenceStyle()])
        super().__post_init__()


class NoteRole(CiteRole):
    """``{cite:note}``: the full form the first time a document cites a work, the short form after."""

    def result_nodes(self, document, env, node, is_ref):
        refs = env.get_domain("cite").citation_refs
        # The keys this document has cited so far (with any cite role), kept with the document
        # being read rather than sought again among all the project's citations at every note.
        # Its citations are the last ones: the document is read from start to end.
        seen = _cited_so_far.get(document)
        if seen is None:
            start = len(refs)
            while start and refs[start - 1].docname == env.docname:
                start -= 1
            seen = _cited_so_far[document] = [start, set()]
        for ref in refs[seen[0] :]:
            seen[1].update(target.key for target in ref.targets)
        result = super().result_nodes(document, env, node, is_ref)
        node["reftype"] = SHORT if {t.key for t in refs[-1].targets} <= seen[1] else FULL
        seen[0] = len(refs) - 1  # this note's own citation counts from the next note on
        return result


_cited_so_far: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class PunctuationInsideQuotes(SphinxPostTransform):
    """“Short Title.” not “Short Title”.: a period or comma the author types after a
    reference that ends in a closing quote moves inside it, as Chicago (American) style has it."""

    default_priority = 20  # after the references are resolved (10)

    def run(self, **kwargs) -> None:
        for citation in self.document.findall(nodes.inline):
            if "bibtex-citation" not in citation["classes"]:
                continue
            following = citation.next_node(descend=False, siblings=True)
            texts = list(citation.findall(nodes.Text))
            if not texts or not isinstance(following, nodes.Text) or following[:1] not in (".", ","):
                continue
            last = texts[-1]
            if last.endswith(CLOSE_QUOTE):
                last.parent.replace(last, nodes.Text(last[:-1] + following[0] + CLOSE_QUOTE))
                following.parent.replace(following, nodes.Text(following[1:]))
