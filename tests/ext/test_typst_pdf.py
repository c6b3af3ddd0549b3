"""The Typst builder: a tagged PDF/UA-1 and PDF/A-2a file per publication, whose text is the author's
to the letter (nothing in it is read as Typst markup or code), and which stops at what it can't show."""

from __future__ import annotations

import shutil

import pytest
from series import typst_pdf
from sphinx.errors import SphinxError

from .. import pdftext, pdfua


@pytest.mark.sphinx("typst", testroot="series", srcdir="series-typst")
def test_each_publication_is_a_tagged_accessible_pdf(app):
    app.build()
    assert app.warning.getvalue() == ""
    pdfs = sorted(app.outdir.glob("*.pdf"))
    assert [pdf.stem for pdf in pdfs] == ["first", "second", "terms", "volume-2030"]
    for pdf in pdfs:
        assert pdfua.problems(pdf) == [], pdf.name
        assert pdfua.language(pdf) == "en"


@pytest.mark.sphinx("typst", testroot="series", srcdir="typst-missing-glyph")
def test_a_character_no_font_has_stops_the_pdf_naming_it(app):
    first = app.srcdir / "reports" / "first.md"
    first.write_text(first.read_text(encoding="utf-8") + "\nA face \N{GRINNING FACE}.\n", encoding="utf-8")
    app.build()
    warnings = app.warning.getvalue()
    assert "first.md: WARNING: the PDF can't be made:" in warnings
    assert "\N{GRINNING FACE}" in warnings
    assert not (app.outdir / "first.pdf").exists()


def test_missing_fonts_are_named_with_their_package(make_app, rootdir, tmp_path, monkeypatch):
    monkeypatch.setitem(typst_pdf.FONTS, "/nonexistent/fonts", "fonts-example")
    shutil.copytree(rootdir / "test-series", tmp_path / "series")
    with pytest.raises(
        SphinxError, match=r"the PDFs' fonts are not installed: .*apt-get install fonts-example$"
    ):
        make_app("typst", srcdir=tmp_path / "series")


@pytest.mark.sphinx("typst", testroot="series", srcdir="typst-admonitions")
def test_notes_warnings_and_admonitions_are_framed_with_their_titles(app):
    second = app.srcdir / "reports" / "second.md"
    second.write_text(
        second.read_text(encoding="utf-8")
        + "\n```{note}\nA note to the reader.\n```\n\n```{admonition} A titled aside\nIts text.\n```\n",
        encoding="utf-8",
    )
    app.build()
    assert app.warning.getvalue() == ""
    text = " ".join(pdftext.text(app.outdir / "second.pdf").split())
    assert "Note A note to the reader." in text
    assert "A titled aside Its text." in text
