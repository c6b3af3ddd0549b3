"""Hostile input is inert: LaTeX, HTML and script in BibTeX fields and Markdown come out as
text in the HTML; a javascript: URL never becomes a link. (The PDF's side: test_typst_pdf.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .. import pdftext

PWNED = [Path("/tmp/hostile-bib"), Path("/tmp/hostile-author"), Path("/tmp/hostile-md")]
PASSWD_LINE = Path("/etc/passwd").read_text().splitlines()[0]  # root:x:0:0:...


@pytest.fixture(autouse=True)
def nothing_written():
    for path in PWNED:
        path.unlink(missing_ok=True)
    yield
    assert not any(path.exists() for path in PWNED)


@pytest.mark.sphinx("html", testroot="hostile")
def test_html_escapes_everything(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "lxml")
    scripts = [s for s in soup.find_all("script") if not s.get("src")]
    assert all("alert" not in (s.string or "") or s.get("type") == "application/ld+json" for s in scripts)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert not soup.select("[onerror], [onmouseover]")
    assert not [a for a in soup.find_all(href=True) if a["href"].strip().lower().startswith("javascript:")]
    text = soup.find("body").get_text()
    for shown in (
        "<script>alert(",
        "<img src=x onerror=alert(1)>",
        "\\input{/etc/passwd}",
        "javascript:alert(1)",
    ):
        assert shown in text
    assert "A" * 500 in text


@pytest.mark.sphinx("typst", testroot="hostile", srcdir="hostile-typst")
def test_pdf_prints_everything_literally_and_reads_nothing(app):
    """Nothing an author or a BibTeX file writes is read as Typst markup or code, nor as LaTeX."""
    (app.srcdir / "index.md").write_text(
        (app.srcdir / "index.md").read_text(encoding="utf-8")
        + '\nTypst too: #read("/etc/passwd") and #eval("1+1") $x^2$ <label> @ref = not a heading'
        " // not a comment /* nor this */ #set page(width: 1cm)\n",
        encoding="utf-8",
    )
    app.build()
    assert app.warning.getvalue() == ""
    [pdf] = app.outdir.glob("index.pdf")
    printed = " ".join(pdftext.text(pdf).split())
    for shown in (
        "\\input{/etc/passwd}",
        "\\write18{touch /tmp/hostile-md}",
        "\\catcode`@=11",  # Markdown reads \\@ as an escaped @
        "<script>alert(“md”)</script>",
        "<img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "#read(“/etc/passwd”) and #eval(“1+1”) $x^2$ <label> @ref = not a heading // not a comment",
        "nor this */ #set page(width: 1cm)",
    ):
        assert shown in printed
    assert PASSWD_LINE not in printed
