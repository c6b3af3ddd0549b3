"""The author guide's lists of front-matter fields and licenses, made from the model's declarations.

``{publication-fields} publication`` (or ``person``, ``correction``) lists the
fields an author writes, in the model's order, each with "(required)" when it
has no default and its help text, which is Markdown. A field added to the
model appears in the guide with nothing else to edit. ``{licenses}`` is the
table of the licenses a publication may state (``licenses.py``).
"""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from .licenses import LICENSES
from .model import Correction, Person, Publication, front_matter_fields, is_required

DECLARED = {"publication": Publication, "person": Person, "correction": Correction}


class FieldsDirective(SphinxDirective):
    """``{publication-fields} publication``: a definition list of the fields and their help."""

    required_arguments = 1

    def run(self):
        kind = DECLARED.get(self.arguments[0])
        if kind is None:
            raise self.error(f"expected one of {', '.join(DECLARED)}, got {self.arguments[0]!r}")
        listing = nodes.definition_list(classes=["publication-fields"])
        for declaration in front_matter_fields(kind):
            term = nodes.term("", "", nodes.literal("", declaration.name))
            if is_required(declaration):
                term += nodes.Text(" (required)")
            definition = nodes.definition()
            help_text = StringList(
                declaration.metadata["help"].splitlines(), source=self.get_source_info()[0]
            )
            self.state.nested_parse(help_text, self.content_offset, definition)
            listing += nodes.definition_list_item("", term, definition)
        return [listing]


class LicensesDirective(SphinxDirective):
    """``{licenses}``: each license's SPDX identifier, its name linked to its text, its short form."""

    def run(self):
        header = ("SPDX identifier", "License", "Credit line")
        rows = [
            (
                nodes.literal("", terms.spdx),
                nodes.reference("", terms.name, refuri=terms.url),
                nodes.Text(terms.short),
            )
            for terms in LICENSES.values()
        ]
        group = nodes.tgroup(cols=len(header))
        group += [nodes.colspec(colwidth=1) for _ in header]
        group += nodes.thead("", self.row(nodes.Text(text) for text in header))
        group += nodes.tbody("", *(self.row(cells) for cells in rows))
        return [nodes.table("", group, classes=["series-licenses"])]

    @staticmethod
    def row(cells) -> nodes.row:
        return nodes.row("", *(nodes.entry("", nodes.paragraph("", "", cell)) for cell in cells))
