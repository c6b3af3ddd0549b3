"""PDF/A through pdfx: what series.pdfa writes, typeset by XeLaTeX and read back from the XMP, for
a publication whose every field holds what LaTeX, XML and pdfx's own markup treat specially."""

from __future__ import annotations

import datetime
import subprocess

import pytest
from pypdf import PdfReader
from series.model import Person, Publication
from series.pdfa import pdf_date, pdfdate_source, publication_xmp, xmp_text, xmpdata

PRISM = "http://prismstandard.org/namespaces/basic/2.2/"

HOSTILE = r"50% {braces} \input{/etc/passwd} \ spaced & <script> #1 ~t ^^41 $d _u \relax 'a' Ютф"

# As Sphinx's LaTeX writer would load it (conf.py), on a one-line document.
DOCUMENT = r"""\documentclass{article}
\usepackage{fontspec}
\setmainfont{FreeSerif}[Extension=.otf, UprightFont=*]
\input{\jobname.pdfdate}
\usepackage[a-2b]{pdfx}
\begin{document}Text.\end{document}
"""


@pytest.fixture(scope="module")
def publication() -> Publication:
    return Publication(
        kind="report",
        series="Research Reports & <Notes>",
        group="Research Group",
        number="FY 2030-#1",
        date=datetime.date(2031, 1, 2),
        title=HOSTILE,
        authors=(Person(name="Smith, John"), Person(name="Ада {Author}")),
        language="ru",
        abstract="An abstract\n\nover two paragraphs, 100% of it.",
        keywords=("Russia, China", "Цех", "a}b"),
        docname="reports/hostile",
    )


@pytest.fixture(scope="module")
def reader(publication, tmp_path_factory) -> PdfReader:
    tmp = tmp_path_factory.mktemp("pdfa")
    (tmp / "hostile.xmpdata").write_text(xmpdata(publication_xmp(publication, "The Institute")), "utf-8")
    (tmp / "hostile.pdfdate").write_text(pdfdate_source(publication.date), "utf-8")
    (tmp / "hostile.tex").write_text(DOCUMENT, "utf-8")
    run = subprocess.run(
        ["xelatex", "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", "hostile.tex"],
        cwd=tmp,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-2000:]
    return PdfReader(tmp / "hostile.pdf")


def test_xmp_text_escapes_only_what_pdfx_reads_as_markup():
    assert xmp_text("100% {x}") == r"100\% \{x\}"
    assert xmp_text("a\\b") == r"a\textbackslash b"
    assert xmp_text("a\\ b") == r"a\textbackslash \ b"
    assert xmp_text("one\n\n  two") == "one two"
    assert xmp_text("& < > # ~ ^ $ _") == "& < > # ~ ^ $ _"


def test_pdf_date_at_midnight_utc():
    assert pdf_date(datetime.date(2022, 2, 16)) == "D:20220216000000+00'00'"


def test_several_authors_and_keywords_one_field_each(publication):
    lines = xmpdata(publication_xmp(publication, "The Institute")).splitlines()
    assert [line for line in lines if line.startswith(("\\Author", "\\Keywords"))] == [
        r"\Author{Smith, John}",
        r"\Author{Ада \{Author\}}",
        r"\Keywords{Russia, China}",
        r"\Keywords{Цех}",
        r"\Keywords{a\}b}",
    ]


def test_pdf_a_2b_identified(reader):
    xmp = reader.xmp_metadata
    assert (xmp.pdfaid_part, xmp.pdfaid_conformance) == ("2", "B")


def test_every_field_read_back_as_the_model_has_it(reader, publication):
    xmp = reader.xmp_metadata
    assert xmp.dc_title == {"x-default": HOSTILE}
    assert xmp.dc_creator == ["Smith, John", "Ада {Author}"]
    assert xmp.dc_language == ["ru"]
    assert xmp.dc_subject == ["Russia, China", "Цех", "a}b"]
    assert xmp.dc_description == {"x-default": "An abstract over two paragraphs, 100% of it."}
    assert xmp.dc_publisher == ["The Institute"]
    assert xmp.dc_relation == ["Research Reports & <Notes>"]
    assert [node.firstChild.data for node in xmp.get_element("", PRISM, "number")] == ["FY 2030-#1"]
    assert [d.date() for d in xmp.dc_date] == [publication.date]


def test_creation_date_is_the_publications_in_xmp_and_info(reader):
    assert reader.xmp_metadata.xmp_create_date == datetime.datetime(2031, 1, 2)
    assert reader.metadata["/CreationDate"] == reader.metadata["/ModDate"] == "D:20310102000000+00'00'"
    assert reader.metadata.title == HOSTILE


def test_srgb_output_intent(reader):
    [intent] = reader.trailer["/Root"]["/OutputIntents"]
    intent = intent.get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    assert intent["/DestOutputProfile"].get_object()["/N"] == 3  # RGB
