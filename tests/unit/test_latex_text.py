"""The Chicago style's shortcut past LaTeX decoding gives what pybtex's decoding gives."""

import pytest
from chicago.style import from_latex
from pybtex.database.input.bibtex import Parser
from pybtex.richtext import Text

from ..conftest import ROOT

TRICKY = [
    "Russia-China Relations in 2020",
    "pages 79--84 and a---dash",
    "``quoted'' and 'single'",
    "Лавров заявил, что миссия {США}",
    r"100\% of \textit{it}",
    "a ~ tie, $x$, a_b, a^b, A & B, #1",
    "Why?` and !`",
    "plain words, commas; colons: and (brackets)",
    "",
]


def every_text_in_references_bib():
    data = Parser("utf-8").parse_file(ROOT / "references.bib")
    for entry in data.entries.values():
        yield from entry.fields.values()
        for person in entry.persons.get("author", []):
            yield from person.first_names + person.middle_names + person.prelast_names + person.last_names


@pytest.mark.parametrize("text", [*TRICKY, *every_text_in_references_bib()])
def test_the_same_rich_text_as_pybtex(text):
    assert from_latex(text) == Text.from_latex(text)
