"""The series extension on a tiny project: title block, section numbers, front-matter errors."""

import pytest
from bs4 import BeautifulSoup


def page(app):
    return BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "lxml")


@pytest.mark.sphinx("html", testroot="publication")
def test_sections_numbered_except_the_unnumbered(app, warning):
    app.build()
    assert warning.getvalue() == ""
    headings = [h.get_text().rstrip("¶") for h in page(app).select("[role=main] h2, [role=main] h3")]
    assert headings == ["Introduction", "1. First numbered", "A subsection", "2. Second numbered", "Conclusion"]


@pytest.mark.sphinx("html", testroot="publication")
def test_title_block_from_the_model(app, warning):
    app.build()
    assert warning.getvalue() == ""
    header = page(app).select_one(".publication-header")
    assert header.select_one(".publication-number").get_text() == "FY 2030-#1 · January 2, 2031"
    assert header.select_one(".publication-author").get_text() == "Ada Author (An Institute)"
    assert header.select_one(".publication-pdf a")["href"] == "pdf/index.pdf"
    assert header.select_one(".publication-disclaimer").get_text(strip=True) == "The views are the authors’ own."


@pytest.mark.sphinx("latex", testroot="publication")
def test_latex_title_block_and_one_document_per_publication(app, warning):
    app.build()
    assert warning.getvalue() == ""
    assert app.config.latex_documents == [("index", "index.tex", "A Report", "Ada Author", "howto")]
    tex = (app.outdir / "index.tex").read_text(encoding="utf-8")
    assert r"\seriestitleblock{Research Reports}{A Research Group}{FY 2030\sphinxhyphen{}\#1}" in tex
    assert r"\section{1. First numbered}" in tex


@pytest.mark.sphinx("html", testroot="publication", srcdir="publication-malformed")
def test_malformed_front_matter_is_a_located_warning(app, warning):
    source = app.srcdir / "index.md"
    source.write_text(source.read_text(encoding="utf-8").replace("2031-01-02", "2nd January"), encoding="utf-8")
    app.build()
    assert (
        "index.md:1: WARNING: publication.date: expected an ISO date such as 2022-02-16, got '2nd January'"
        " (in the front matter) [series.front_matter]"
    ) in warning.getvalue()
