"""`make epub`: one EPUB of the site that epubcheck passes, with the series' metadata, and with
the notes, bibliographies and glossary of the publications but nothing that only the site has."""

from __future__ import annotations

import json
import os
import subprocess
import zipfile

import pytest
from bs4 import BeautifulSoup

from ..conftest import ROOT

EPUBCHECK = "/usr/share/java/epubcheck.jar"  # Debian's epubcheck (Makefile TEST_PACKAGES)
NAME = "russia-great-power-competition.epub"
REPORT = "reports/deepening-russia-china-relations.xhtml"


@pytest.fixture(scope="module")
def epub(tmp_path_factory):
    build = tmp_path_factory.mktemp("build")
    result = subprocess.run(
        ["make", "--no-print-directory", "epub", f"BUILD={build}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1644969600"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    return build / "epub" / NAME


@pytest.fixture(scope="module")
def book(epub):
    with zipfile.ZipFile(epub) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def page(book, name) -> BeautifulSoup:
    return BeautifulSoup(book[name].decode("utf-8"), "lxml")


def test_epubcheck_finds_nothing(epub, tmp_path):
    report = tmp_path / "epubcheck.json"
    run = subprocess.run(
        ["java", "-jar", EPUBCHECK, str(epub), "--json", str(report)], capture_output=True, text=True
    )
    checked = json.loads(report.read_text("utf-8"))
    messages = [(m["severity"], m["ID"], m["message"]) for m in checked["messages"]]
    assert (checked["checker"]["nFatal"], checked["checker"]["nError"]) == (0, 0), messages
    assert checked["checker"]["nWarning"] == 0, messages
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_series_metadata(book):
    opf = BeautifulSoup(book["content.opf"].decode("utf-8"), "xml")
    metadata = {tag.name: tag.get_text() for tag in opf.find("metadata").find_all(recursive=False)}
    assert metadata["title"] == "Russia in an Era of Great Power Competition"
    assert metadata["creator"] == metadata["publisher"] == "The Japan Institute of International Affairs"
    assert metadata["contributor"] == "Research Group on ‘Russia in an Era of Great Power Competition’"
    assert metadata["language"] == "en"
    assert metadata["rights"] == "2022, The Japan Institute of International Affairs"
    assert metadata["identifier"] == opf.find("package")["unique-identifier"]
    assert metadata["date"] == "2022-02-16T00:00:00Z"  # SOURCE_DATE_EPOCH
    assert opf.find("meta", property="ibooks:version").get_text() == "2022-02-16"


def test_every_publication_and_guide_page_in_the_spine(book):
    opf = BeautifulSoup(book["content.opf"].decode("utf-8"), "xml")
    items = {item["id"]: item["href"] for item in opf.find_all("item")}
    spine = [items[ref["idref"]] for ref in opf.find("spine").find_all("itemref")]
    sources = sorted((ROOT / "source").rglob("*.md"))
    assert sorted(spine) == sorted(str(p.relative_to(ROOT / "source").with_suffix(".xhtml")) for p in sources)


def test_notes_bibliography_and_glossary_survive(book):
    report = page(book, REPORT)
    assert len(report.select("aside.footnote")) == 8
    assert len(report.select("div.citation")) == 10
    for marker in report.select("a.footnote-reference"):
        assert report.find(id=marker["href"][1:]) is not None
    terms = page(book, "bulletins/key-terms.xhtml").select("dl.glossary dt")
    assert len(terms) >= 5
    link = report.find("a", href=lambda href: href and "key-terms.xhtml#term-" in href)
    anchor = link["href"].split("#")[1]
    assert page(book, "bulletins/key-terms.xhtml").find(id=anchor) is not None


def test_title_block_without_what_only_the_site_has(book):
    report = page(book, REPORT)
    header = report.select_one(".publication-header")
    assert header.select_one(".publication-number").get_text() == "FY 2021-#6 · February 16, 2022"
    assert header.select_one(".publication-pdf") is None
    assert report.select_one(".cite-this") is None
    for name in book:
        if name.endswith(".xhtml"):
            soup = page(book, name)
            assert soup.find("script") is None, name
            assert soup.find("link", type="application/atom+xml") is None, name  # the feed is the site's
            assert not soup.find("a", href=lambda h: h and h.endswith(".pdf") and "://" not in h), name
            styles = [link["href"].rsplit("/", 1)[-1] for link in soup.select("link[rel=stylesheet]")]
            assert "series.css" not in styles and "previews.css" not in styles, name
    assert not [name for name in book if name.endswith((".js", ".sty"))]
