"""citations.fastbib reads what pybtex reads: the same entries, fields and people, or pybtex's own error."""

import pickle

import pytest
from citations import fastbib
from pybtex.database.input.bibtex import Parser as PybtexParser
from pybtex.exceptions import PybtexError
from pybtex.scanner import PybtexSyntaxError

from ..conftest import ROOT

PLAIN = r"""
% a comment line, then entries as references.bib writes them
@article{kumakura-2021-a,
  author    = {Kumakura, Jun and {Ministry of Foreign Affairs of China}},
  title     = {China’s {Deepening} Involvement: {To} What Extent?},
  journal   = {Chuo Koron},
  number    = 69,
  pages     = {68--75},
}
@comment{anything at all}
@Online{tass-2021,
  author = {{ИТАР-ТАСС}},
  title  = {Лавров заявил, что миссия {США}
            в Афганистане провалилась},
  date   = {2021-07-16}
}
@incollection{x-2020-y, author = {Petrov, Ivan and Sato, Taro and Petrov, Ivan}, title = {}, }
"""

UNUSUAL = [
    '@string{foo = "Foo"}\n@article{a, journal = foo, title = {T}}',
    '@article{a, title = "Quoted"}',
    "@article{a, title = {One} # { two}}",
    "@article{a, month = jan, title = {T}}",
    "@article(a, title = {Parenthesised})",
    "@preamble{ {\\newcommand{\\x}{x}} }\n@article{a, title = {T}}",
]


def read(parser_class, text):
    return read_data(parser_class("utf-8").parse_string(text))


def read_data(data):
    return [
        (
            key,
            entry.type,
            list(entry.fields.items()),
            {r: [vars(p) for p in ps] for r, ps in entry.persons.items()},
        )
        for key, entry in data.entries.items()
    ]


@pytest.mark.parametrize(
    "text", [PLAIN, *UNUSUAL, (ROOT / "references.bib").read_text(encoding="utf-8")], ids=range(8)
)
def test_the_same_entries_as_pybtex(text):
    assert read(fastbib.Parser, text) == read(PybtexParser, text)


def test_plain_entries_are_read_without_pybtex_and_others_with_it():
    assert [key for _, key, _ in fastbib.entries(PLAIN)] == ["kumakura-2021-a", "tass-2021", "x-2020-y"]
    for text in UNUSUAL:
        with pytest.raises(fastbib.Unusual):
            list(fastbib.entries(text))


def test_a_syntax_error_is_pybtexs():
    text = "@article{a,\n  title = {T}\n  author = {B}\n}\n"
    with pytest.raises(PybtexSyntaxError) as expected:
        PybtexParser("utf-8").parse_string(text)
    with pytest.raises(PybtexSyntaxError) as found:
        fastbib.Parser("utf-8").parse_string(text)
    assert (str(found.value), found.value.lineno) == (str(expected.value), expected.value.lineno)


def test_an_entry_is_made_when_first_looked_up_and_once(monkeypatch):
    made = []
    make_entry = fastbib.Parser.make_entry
    monkeypatch.setattr(
        fastbib.Parser, "make_entry", lambda self, *a, **k: made.append(k["key"]) or make_entry(self, *a, **k)
    )
    data = fastbib.Parser("utf-8").parse_string(PLAIN)
    assert "TASS-2021" in data.entries and list(data.entries) == ["kumakura-2021-a", "tass-2021", "x-2020-y"]
    assert made == []
    assert data.entries["TASS-2021"] is data.entries["tass-2021"]
    assert data.entries["tass-2021"].key == "tass-2021"
    assert made == ["tass-2021"]


@pytest.mark.parametrize(
    "text",
    [
        "@article{a,\n  title = {T},\n  Title = {U},\n}\n",  # a field given twice
        "@article{a,\n  author = {Petrov, Ivan and One, Two, Three, Four},\n}\n",  # too many commas
        "@article{a, title = {T}}\n@article{A, title = {U}}\n",  # a key given twice
    ],
)
def test_what_pybtex_refuses_is_refused_while_reading(text):
    with pytest.raises(PybtexError) as expected:
        PybtexParser("utf-8").parse_string(text)
    with pytest.raises(PybtexError) as found:
        fastbib.Parser("utf-8").parse_string(text)
    assert str(found.value) == str(expected.value)


def test_entries_pickle_unmade_and_are_made_after(tmp_path):
    data = fastbib.Parser("utf-8").parse_string(PLAIN)
    data.entries["kumakura-2021-a"]  # one made, two not
    again = pickle.loads(pickle.dumps(data))
    assert read_data(again) == read(PybtexParser, PLAIN)


def test_files_read_one_after_another_keep_every_entry(tmp_path):
    unusual, plain = tmp_path / "unusual.bib", tmp_path / "plain.bib"
    unusual.write_text(UNUSUAL[0], encoding="utf-8")
    plain.write_text(PLAIN, encoding="utf-8")
    parser = fastbib.Parser("utf-8")
    parser.parse_file(unusual)
    data = parser.parse_file(plain)
    assert list(data.entries) == ["a", "kumakura-2021-a", "tass-2021", "x-2020-y"]
    assert data.entries["a"].fields["journal"] == "Foo"
