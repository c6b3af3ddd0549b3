"""The Chicago plugins on a tiny project: note forms in footnotes, the bibliography form."""

import re
import subprocess

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import _clean_up_global_state

from .. import pdfua
from ..builds import AS_SERIES, make_publication


def notes(app):
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "lxml")
    return [aside.find("p").get_text() for aside in soup.select("aside.footnote")], soup


@pytest.mark.sphinx("html", testroot="csl-notes")
def test_full_note_first_short_note_after(app, warning):
    app.build()
    assert warning.getvalue() == ""
    texts, _ = notes(app)
    assert texts == [
        "Commentary before. Jane Doe and Richard Roe, “A Study of Things: With a Subtitle,”"
        " Journal of Things, no. 3 (May 2020): 10–20, https://example.org/study. Commentary after.",
        "Agency of Examples, “Statement on Examples,” August 25, 2021, https://example.org/statement;"
        " Doe and Roe, “A Study of Things.”",
        "Agency of Examples, “Statement on Examples.”",
    ]


@pytest.mark.sphinx("html", testroot="csl-notes")
def test_bibliography_form_sorted_by_author_without_labels(app, warning):
    app.build()
    assert warning.getvalue() == ""
    _, soup = notes(app)
    entries = [div.find("p").get_text() for div in soup.select("div.citation")]
    assert entries == [
        "Agency of Examples. “Statement on Examples.” August 25, 2021. https://example.org/statement.",
        # CMOS 17 14.12: no access date where the work has a date of its own.
        "Doe, Jane, and Richard Roe. “A Study of Things: With a Subtitle.” Journal of Things, no. 3"
        " (May 2020): 10–20. https://example.org/study.",
    ]


@pytest.mark.sphinx("html", testroot="csl-notes")
def test_references_link_to_bibliography_and_urls_stay_outside(app, warning):
    app.build()
    _, soup = notes(app)
    ids = {div["id"] for div in soup.select("div.citation")}
    for citation in soup.select("aside.footnote span.bibtex-citation"):
        internal = citation.select("a.internal")
        assert internal and all(a["href"].lstrip("#") in ids for a in internal)
        assert not citation.select("a.internal a")  # no link inside a link


@pytest.mark.sphinx(
    "typst",
    testroot="csl-notes",
    srcdir="csl-notes-pdf",
    confoverrides=AS_SERIES,
)
def test_the_pdf_has_the_notes_at_their_markers_and_one_bibliography(app):
    """As a publication of a series: each note where its marker stands, its works linked to their
    entries in the bibliography, which stands once, where the document puts it."""
    make_publication(app.srcdir / "index.md")
    app.build()
    assert app.warning.getvalue() == ""
    body = (app.outdir / "index.body.typ").read_text(encoding="utf-8")
    assert body.count("#footnote[") == 3
    assert body.count("#bibliography-entry[") == 2
    entries = re.findall(r'#bibliography-entry\[#metadata\(none\)#label\("(index/[^"]+)"\)', body)
    linked = set(re.findall(r'#link\(label\("(index/[^"]+)"\)\)', body))
    assert linked == set(entries)
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(app.outdir / "index.pdf"), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert text.count("Bibliography") == 1
    assert pdfua.problems(app.outdir / "index.pdf") == []


@pytest.mark.sphinx("html", testroot="csl-notes")
def test_bibliography_order_is_sphinxcontrib_bibtexs(app, warning):
    """The indexed order (chicago/domain.py) is the one sphinxcontrib-bibtex's own code gives."""
    from sphinxcontrib.bibtex.domain import BibtexDomain

    app.build()
    assert warning.getvalue() == ""
    domain = app.env.get_domain("cite")
    docnames = sorted(app.env.found_docs)
    for key in domain.bibliographies:
        indexed = [k for k, _ in domain.get_sorted_entries(key, docnames)]
        own = [k for k, _ in BibtexDomain.get_sorted_entries(domain, key, docnames)]
        assert indexed == own == ["doe-2020-journal", "agency-2021-statement"]


@pytest.mark.sphinx("html", testroot="csl-notes", srcdir="other-bibfile")
def test_another_bibtex_file_has_the_citing_documents_read_again(app, warning, make_app):
    app.build()
    assert warning.getvalue() == ""
    other = app.srcdir / "other.bib"
    other.write_text(
        (app.srcdir / "refs.bib").read_text(encoding="utf-8").replace("Journal of Things", "Other Journal"),
        "utf-8",
    )
    _clean_up_global_state()  # the first app's node registrations, as between two tests
    again = make_app("html", srcdir=app.srcdir, confoverrides={"bibtex_bibfiles": ["other.bib"]})
    again.build()
    assert again.warning.getvalue() == ""
    texts, _ = notes(again)
    assert "Other Journal, no. 3" in texts[0]


@pytest.mark.sphinx("html", testroot="footcite")
def test_footcite_gives_the_bibliography_form_in_its_footnote(app, warning):
    app.build()
    assert warning.getvalue() == ""
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "lxml")
    [note] = soup.select("aside.footnote")
    assert note.find("p").get_text() == (
        "Doe, Jane, and Richard Roe. “A Study of Things: With a Subtitle.” Journal of Things, no. 3 (May 2020):"
        " 10–20. https://example.org/study."
    )
