"""Editions in two languages (series/editions.py) on a tiny series with a hand-made Japanese catalog of one
of its two publications: the message templates, the Japanese page and PDF, the links between the
editions, the lag report, and the sources left as they were; then the Makefile's targets end to end."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import feedparser
import pikepdf
import pytest
from bs4 import BeautifulSoup
from series.feed import FEED

from .. import pdftext, pdfua

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://example.org/series/"
CATALOG = Path("locale/ja/LC_MESSAGES/reports/rivers.po")
ALTERNATES = [("en", f"{BASE}reports/rivers.html"), ("ja", f"{BASE}ja/reports/rivers.html")]


def soup(app, page):
    return BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "lxml")


def alternates(page) -> list[tuple[str, str]]:
    return [
        (link["hreflang"], link["href"])
        for link in page.head.find_all("link", rel="alternate", hreflang=True)
    ]


def files(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not {"__pycache__", "_build"} & set(path.relative_to(folder).parts)
    }


@pytest.mark.sphinx("gettext", testroot="editions", srcdir="editions-gettext")
def test_gettext_writes_a_template_per_document(app):
    app.build()
    assert app.warning.getvalue() == ""
    assert sorted(p.relative_to(app.outdir).as_posix() for p in app.outdir.rglob("*.pot")) == [
        "index.pot",
        "reports/rivers.pot",
        "reports/roads.pot",
    ]
    template = (app.outdir / "reports" / "rivers.pot").read_text(encoding="utf-8")
    assert 'msgid "Rivers and Cities"' in template
    assert 'msgid "Trade needs roads as well as rivers."' in template
    assert "PDF of Research Report" not in template  # the title block is the model's, not the author's text


@pytest.mark.sphinx("html", testroot="editions", srcdir="editions-ja", confoverrides={"language": "ja"})
def test_the_japanese_edition_of_a_page(app):
    before = files(app.srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    assert files(app.srcdir) == before  # the catalogs are compiled in the build's folder
    page = soup(app, "reports/rivers")
    assert page.html["lang"] == "ja"
    assert page.h1.get_text().rstrip("¶") == "川と都市"
    text = page.select_one("[role=main]").get_text()
    assert "古い都市の多くは川のほとりにある。" in text
    assert "交易には川だけでなく道も要る。" in text  # the note, at its marker still
    assert "Most old cities" not in text
    assert alternates(page) == ALTERNATES
    assert page.find("link", rel="canonical")["href"] == f"{BASE}ja/reports/rivers.html"
    original = page.select_one(".publication-editions a")
    assert (original["href"], original["hreflang"], original["lang"], original.get_text()) == (
        "../../reports/rivers.html",
        "en",
        "en",
        "English",
    )
    languages = [tag["content"] for tag in page.head.find_all("meta", attrs={"name": "citation_language"})]
    assert languages == ["ja"]
    # The Japanese site's feed lists its editions only: the other pages there are the English text.
    feed = feedparser.parse((app.outdir / FEED).read_bytes())
    assert [entry.title for entry in feed.entries] == ["川と都市"]
    assert feed.entries[0].link == f"{BASE}ja/reports/rivers.html"
    # The DOI names the English original, which the edition links: the edition claims none.
    assert page.head.find("meta", attrs={"name": "citation_doi"}) is None
    assert page.select(".publication-doi") == []


@pytest.mark.sphinx(
    "html", testroot="editions", srcdir="editions-ja-others", confoverrides={"language": "ja"}
)
def test_a_page_without_translation_in_the_japanese_site_says_it_is_the_original(app):
    app.build()
    assert app.warning.getvalue() == ""
    page = soup(app, "reports/roads")
    assert page.html["lang"] == "en"
    assert page.find("link", rel="canonical")["href"] == f"{BASE}reports/roads.html"
    assert alternates(page) == []
    assert page.select(".publication-editions") == []


@pytest.mark.sphinx("html", testroot="editions", srcdir="editions-en")
def test_the_original_links_to_its_edition(app):
    app.build()
    assert app.warning.getvalue() == ""
    page = soup(app, "reports/rivers")
    assert page.html["lang"] == "en"
    assert alternates(page) == ALTERNATES
    edition = page.select_one(".publication-editions a")
    assert (edition["href"], edition["hreflang"], edition["lang"], edition.get_text()) == (
        "../ja/reports/rivers.html",
        "ja",
        "ja",
        "日本語",
    )
    assert alternates(soup(app, "reports/roads")) == []
    assert not list(app.srcdir.rglob("*.mo"))
    assert page.head.find("meta", attrs={"name": "citation_doi"})["content"] == "10.5555/12345678"


@pytest.mark.sphinx("typst", testroot="editions", srcdir="editions-ja-pdf", confoverrides={"language": "ja"})
def test_the_japanese_edition_has_its_own_pdf_set_in_japanese(app):
    before = files(app.srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    assert files(app.srcdir) == before
    # Only the edition: the other publication, and the year's volume, are the original's build's.
    assert sorted(p.name for p in app.outdir.glob("*.pdf")) == ["rivers.pdf"]
    pdf = app.outdir / "rivers.pdf"
    assert pdfua.problems(pdf) == []
    assert pdfua.language(pdf) == "ja"
    text = "".join(pdftext.text(pdf).split())
    for shown in ("川と都市", "古い都市の多くは川のほとりにある。", "交易には川だけでなく道も要る。"):
        assert shown in text
    with pikepdf.open(pdf) as document:
        assert str(document.open_metadata()["dc:title"]) == "川と都市"
        fonts = {
            str(font.BaseFont).split("+", 1)[-1]
            for page in document.pages
            for font in page.Resources.Font.values()
        }
    assert any(font.startswith("NotoSerifCJKjp-Regular") for font in fonts), fonts  # the text's face
    assert not any(font.startswith("FreeSerif") for font in fonts), fonts  # its Latin too ("Ada Author")


LAGGING = {
    # The source changed after translation: update-po keeps the old translation, marked fuzzy.
    'msgid "Most old cities stand by a river."\nmsgstr': (
        '#, fuzzy\n#| msgid "Most old cities stand by a river."\n'
        'msgid "Most old cities stand by rivers."\nmsgstr'
    ),
    # A message not translated yet.
    'msgstr "交易には川だけでなく道も要る。"': 'msgstr ""',
}


def test_a_lagging_translation_is_reported_with_its_counts(make_app, rootdir, tmp_path):
    # Changed before Sphinx starts, which copies the catalogs as it starts.
    srcdir = tmp_path / "editions"
    shutil.copytree(rootdir / "test-editions", srcdir)
    document = srcdir / "reports" / "rivers.md"
    document.write_text(
        document.read_text(encoding="utf-8").replace("stand by a river.", "stand by rivers."),
        encoding="utf-8",
    )
    catalog = srcdir / CATALOG
    text = catalog.read_text(encoding="utf-8")
    for old, new in LAGGING.items():
        assert old in text
        text = text.replace(old, new)
    catalog.write_text(text, encoding="utf-8")
    app = make_app("html", srcdir=srcdir, confoverrides={"language": "ja"})
    app.build()
    # Reported, not a warning: -W would stop the English corrections from being published.
    assert app.warning.getvalue() == ""
    assert "reports/rivers (ja): 1 fuzzy, 1 untranslated, of 7 messages" in app.status.getvalue()
    page = soup(app, "reports/rivers").select_one("[role=main]").get_text()
    assert "Most old cities stand by rivers." in page  # the source's text where the translation lags
    assert "Trade needs roads as well as rivers." in page
    assert page.count("川は水と食料と交易をもたらす。") == 1  # the rest still translated


@pytest.mark.sphinx("html", testroot="editions", srcdir="editions-complete", confoverrides={"language": "ja"})
def test_a_complete_translation_is_not_reported(app):
    app.build()
    assert "translations behind their source" not in app.status.getvalue()


def make(*targets: str, source: Path, build: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", *targets, f"SOURCE={source}", f"BUILD={build}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SITE_BASE_URL": BASE, "SOURCE_DATE_EPOCH": "1644969600"},
    )


def test_make_builds_and_publishes_every_edition(rootdir, tmp_path):
    source = tmp_path / "source"
    shutil.copytree(rootdir / "test-editions", source, ignore=shutil.ignore_patterns("conf.py"))
    before = files(source)
    result = make("pdf", "html", source=source, build=tmp_path / "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert files(source) == before
    site = tmp_path / "build" / "html"
    assert (site / "reports" / "rivers.html").is_file() and (
        site / "ja" / "reports" / "rivers.html"
    ).is_file()
    assert sorted(p.name for p in (site / "pdf").iterdir()) == ["rivers.pdf", "roads.pdf", "volume-2030.pdf"]
    assert sorted(p.name for p in (site / "ja" / "pdf").iterdir()) == ["rivers.pdf"]
    assert pdfua.language(tmp_path / "build" / "pdf" / "ja" / "rivers.pdf") == "ja"
    again = make("html", "pdf", source=source, build=tmp_path / "build")
    assert "is up to date" in again.stdout and "sphinx-build" not in again.stdout


def test_make_update_po_merges_the_started_catalogs_and_starts_one(rootdir, tmp_path):
    source = tmp_path / "source"
    shutil.copytree(rootdir / "test-editions", source, ignore=shutil.ignore_patterns("conf.py"))
    build = tmp_path / "build"
    result = make("update-po", source=source, build=build)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in (build / "gettext" / "reports").glob("*.pot")) == [
        "rivers.pot",
        "roads.pot",
    ]
    catalogs = source / "locale" / "ja" / "LC_MESSAGES"
    assert sorted(p.relative_to(catalogs).as_posix() for p in catalogs.rglob("*.po")) == ["reports/rivers.po"]
    assert 'msgstr "川と都市"' in (catalogs / "reports" / "rivers.po").read_text(encoding="utf-8")
    result = make("update-po", "EDITION=ja", "DOC=reports/roads", source=source, build=build)
    assert result.returncode == 0, result.stdout + result.stderr
    started = (catalogs / "reports" / "roads.po").read_text(encoding="utf-8")
    assert 'msgid "Roads join cities that no river joins."\nmsgstr ""' in started
