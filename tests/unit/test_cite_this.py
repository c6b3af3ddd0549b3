"""A publication's own citation in four formats, each read back by a reader of that format."""

import json
from pathlib import Path

import pybtex.database
import pytest
import rispy
from citations.engine import Engine, to_text
from citations.extension import style_path
from pylatexenc import latex2text
from series.cite_this import Citable, bibtex, citation_key, csl_json, formatted, ris
from series.model import Publication

GROUP = "Research Group on ‘Russia in an Era of Great Power Competition’"
PUBLISHER = "The Japan Institute of International Affairs"
# The series' style, as conf.py names it: the same processor that formats every citation.
ENGINE = Engine(style_path(Path("."), "chicago-notes-bibliography-17th-edition"), "en-US", "en")
HOSTILE = 'A <script>alert("x")</script> {Braces} at 100% & $5_~^ #1 \\end “Quoted” ‘too’'


def citable(title="Deepening Russia-China Relations – Russia’s Growing Presence", **changes):
    data = {
        "kind": "report",
        "group": GROUP,
        "number": "FY 2021-#6",
        "date": "2022-02-16",
        "authors": [{"name": "Jun Kumakura", "affiliation": "Hosei University"}],
        **changes,
    }
    slug = "deepening-russia-china-relations"
    publication = Publication.from_front_matter(data, title=title, docname=f"reports/{slug}")
    return Citable(
        publication,
        PUBLISHER,
        f"https://example.org/reports/{slug}.html",
        f"https://example.org/pdf/{slug}.pdf",
    )


COMPILED = {
    "kind": "bulletin",
    "number": "FY 2021-#6, companion 1",
    "authors": [{"name": "the series editors", "role": "compiler"}],
}


def latex_to_text(value: str) -> str:
    """BibTeX field -> text, by pylatexenc, taught the kernel's text symbols it lacks."""
    context = latex2text.get_default_latex_context_db()
    context.add_context_category(
        "kernel-text-symbols",
        prepend=True,
        macros=[
            latex2text.MacroTextSpec("textbraceleft", "{"),
            latex2text.MacroTextSpec("textbraceright", "}"),
            latex2text.MacroTextSpec("textasciicircum", "^"),
        ],
    )
    return latex2text.LatexNodes2Text(latex_context=context).latex_to_text(value)


def parse_bibtex(text: str):
    (entry,) = pybtex.database.parse_string(text, "bibtex").entries.values()
    return entry


def chicago(citable: Citable) -> str:
    return to_text(formatted(citable, ENGINE))


def test_chicago_report_form():
    """CMOS 17 14.220: a report's title in italics, its kind and number, the publisher, the year."""
    assert chicago(citable()) == (
        "Kumakura, Jun. Deepening Russia-China Relations – Russia’s Growing Presence. Research Report"
        " FY 2021-#6. Research Reports. The Japan Institute of International Affairs, 2022."
        " https://example.org/reports/deepening-russia-china-relations.html."
    )


def test_chicago_two_authors_and_a_question():
    text = chicago(citable("Whither Russia?", authors=[{"name": "Jun Kumakura"}, {"name": "Ada van Author"}]))
    assert text.startswith("Kumakura, Jun, and Ada van Author. Whither Russia? Research Report")


def test_chicago_named_compilers():
    """CMOS 17 14.103: compilers in the author's place, "comp." or "comps." after the names."""
    people = [{"name": "Ada Author", "role": "compiler"}, {"name": "Bo Writer", "role": "compiler"}]
    assert chicago(citable(authors=people)).startswith("Author, Ada, and Bo Writer, comps. Deepening")
    assert chicago(citable(authors=people[:1])).startswith("Author, Ada, comp. Deepening")


def test_key_from_the_number():
    assert citation_key(citable().publication) == "research-report-fy-2021-6"
    assert citation_key(citable(**COMPILED).publication) == "research-bulletin-fy-2021-6-companion-1"


def test_bibtex_reads_back():
    entry = parse_bibtex(bibtex(citable()))
    assert entry.type == "techreport"
    assert entry.key == "research-report-fy-2021-6"
    assert [str(person) for person in entry.persons["author"]] == ["Kumakura, Jun"]
    assert entry.fields["title"] == "{Deepening} {Russia-China} {Relations} – {Russia’s} {Growing} {Presence}"
    fields = {name: latex_to_text(value) for name, value in entry.fields.items()}
    assert fields == {
        "title": "Deepening Russia-China Relations – Russia’s Growing Presence",
        "institution": PUBLISHER,
        "type": "Research Report",
        "number": "FY 2021-#6",
        "date": "2022-02-16",
        "year": "2022",
        "month": "February",  # the macro feb, expanded by pybtex
        "url": "https://example.org/reports/deepening-russia-china-relations.html",
        "langid": "english",
    }


def test_bibtex_compiled_by_a_body():
    entry = parse_bibtex(bibtex(citable(**COMPILED)))
    assert "author" not in entry.persons
    assert [str(person) for person in entry.persons["editor"]] == ["{the series editors}"]
    assert entry.fields["editortype"] == "compiler"


def test_bibtex_language_without_a_babel_name_gets_no_langid():
    assert "langid" not in parse_bibtex(bibtex(citable(language="ko"))).fields


def test_ris_reads_back():
    (record,) = rispy.loads(ris(citable()))
    assert record == {
        "type_of_reference": "RPRT",
        "authors": ["Kumakura, Jun"],
        "title": "Deepening Russia-China Relations – Russia’s Growing Presence",
        "secondary_title": "Research Reports",
        "type_of_work": "Research Report",
        "issn": "FY 2021-#6",  # SN: the report number, for a report
        "publisher": PUBLISHER,
        "year": "2022",
        "date": "2022/02/16",
        "language": "en",
        "urls": ["https://example.org/reports/deepening-russia-china-relations.html"],
        "file_attachments1": "https://example.org/pdf/deepening-russia-china-relations.pdf",
    }


def test_ris_compiler_is_a_secondary_author():
    (record,) = rispy.loads(ris(citable(**COMPILED)))
    assert record["secondary_authors"] == ["the series editors"]
    assert "authors" not in record


def test_csl_json():
    (item,) = json.loads(csl_json(citable()))
    assert (item["id"], item["type"]) == ("research-report-fy-2021-6", "report")
    assert item["title"] == "Deepening Russia-China Relations – Russia’s Growing Presence"
    assert item["author"] == [{"family": "Kumakura", "given": "Jun"}]
    assert item["issued"] == {"date-parts": [[2022, 2, 16]]}
    assert (item["publisher"], item["number"], item["collection-title"]) == (
        PUBLISHER,
        "FY 2021-#6",
        "Research Reports",
    )
    assert (item["URL"], item["language"]) == (
        "https://example.org/reports/deepening-russia-china-relations.html",
        "en",
    )


def test_csl_json_compiled_by_a_body():
    (item,) = json.loads(csl_json(citable(**COMPILED)))
    assert not {"author", "compiler", "editor"} & item.keys()


def test_chicago_compiled_by_a_body_begins_with_the_title():
    assert chicago(citable("Key Terms", **COMPILED)).startswith(
        "Key Terms. Research Bulletin FY 2021-#6, companion 1."
    )


@pytest.mark.parametrize("title", [HOSTILE, "A line break\nER  - ends an RIS record", "Unbalanced { brace"])
def test_a_hostile_title_comes_back_as_written(title):
    written = citable(title)
    entry = parse_bibtex(bibtex(written))
    assert latex_to_text(entry.fields["title"]) == " ".join(title.split())
    assert entry.fields["number"] == r"FY 2021-{\#}6"
    (record,) = rispy.loads(ris(written))
    assert record["title"] == " ".join(title.split())
    assert json.loads(csl_json(written))[0]["title"] == written.publication.title
    # As text, whole: the style sets an English title's case and its inner quotation marks.
    assert as_words(title) in as_words(chicago(written))


def as_words(text: str) -> str:
    return " ".join(text.split()).casefold().translate(str.maketrans("‘’“”'", '"""""'))
