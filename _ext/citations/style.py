"""The CSL style as sphinxcontrib-bibtex's plugins, both named ``csl``.

- The pybtex formatting style ``csl`` formats a ``{bibliography}``: its works
  go to the processor in one batch, which orders them as the style sorts and
  writes each entry (a repeated author as the style has it, a 3-em dash in
  Chicago's). Its labels are the works' keys: a CSL bibliography prints none.
- The referencing style ``csl`` gives the roles the processor formats
  (``ROLES``), in a note or in the text as the style has it, and keeps
  sphinxcontrib-bibtex's author-year roles for the rest (``cite:year``, ...).
  Its templates only link each cited work to its bibliography entry
  (``reference[key]``); ``notes.py`` puts the processor's text in its place.

Which CSL style, and where renderings are kept, is set once per build
(``Csl.use``), when the builder starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from pybtex.richtext import Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.labels.number import LabelStyle as NumberLabels
from pybtex.style.names.plain import NameStyle as PlainNames
from pybtex.style.sorting.none import SortingStyle as NoSorting
from sphinxcontrib.bibtex.style.referencing import BaseReferenceStyle, BracketStyle, GroupReferenceStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.template import node, reference

from .engine import Batch, Engine
from .inlines import Formatted
from .works import Works

NAME = "csl"
# sphinxcontrib-bibtex's roles the processor formats, and how: in a note (``cite:note``, and
# every role under a note style), in parentheses, naming the author in the text, the date alone.
ROLES = {"note": "note", "p": "parenthetical", "ps": "parenthetical", "t": "narrative", "ts": "narrative"}
ROLES["yearpar"] = "date"


class Csl:
    """The build's CSL style and the works it formats (set at builder-inited)."""

    engine: ClassVar[Engine | None] = None
    works: ClassVar[Works | None] = None

    @classmethod
    def use(cls, engine: Engine | None, works: Works | None) -> None:
        cls.engine, cls.works = engine, works


class CslStyle(BaseStyle):
    """pybtex formatting style: a bibliography in the CSL style's order and form."""

    # pybtex looks its default name, label and sorting styles up by name among the installed
    # packages' entry points (importlib.metadata) each time a style is made, and sphinxcontrib-bibtex
    # makes one for every bibliography at every build: 5 s for 200 publications. Given as classes,
    # they are taken as they are (pybtex's find_plugin). This style sorts and labels itself.
    default_name_style = PlainNames
    default_label_style = NumberLabels
    default_sorting_style = NoSorting

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries: dict[str, list] = {}
        # pybtex's BaseStyle sets these to its sorting and label styles' methods.
        self.sort, self.format_labels = self.in_style_order, self.keys_as_labels

    def keys_as_labels(self, sorted_entries):
        return (entry.key for entry in sorted_entries)

    def in_style_order(self, entries):
        entries = list(entries)
        self.entries = bibliography(entries)
        order = {key: index for index, key in enumerate(self.entries)}
        return sorted(entries, key=lambda entry: order.get(entry.key.lower(), len(order)))

    def format_entry(self, label, entry, bib_data=None):
        """The entry as its bibliography has it; alone (``{footcite}`` asks without sorting first)."""
        formatted = self.entries.get(entry.key.lower())
        if formatted is None:
            formatted = bibliography([entry]).get(entry.key.lower(), [])
        return FormattedEntry(entry.key, Formatted(formatted), label)


def bibliography(entries: list) -> dict[str, list]:
    """The entries' bibliography, by lowercase key in the style's order, from one batch."""
    if Csl.engine is None or not entries:
        return {}
    rendering = Csl.engine.render(Batch(Csl.works.source(entry.key for entry in entries)))
    return {key.lower(): inlines for key, inlines in rendering.bibliography}


@node
def _key(children, data):
    return Text(data["entry"].key)


@dataclass
class ProcessorReferenceStyle(BaseReferenceStyle):
    """A link to each cited work's entry; the processor's text replaces the key (``notes.py``)."""

    bracket: BracketStyle = field(default_factory=lambda: BracketStyle(left="", right="", sep=" "))

    def role_names(self):
        return list(ROLES)

    def outer(self, role_name: str, children: list):
        return self.bracket.outer(children)

    def inner(self, role_name: str):
        return reference[_key]


@dataclass
class CslReferenceStyle(GroupReferenceStyle):
    """The processor's roles, and sphinxcontrib-bibtex's author-year roles for the others."""

    def __post_init__(self):
        self.styles.extend([AuthorYearReferenceStyle(), ProcessorReferenceStyle()])  # the later wins a role
        super().__post_init__()
