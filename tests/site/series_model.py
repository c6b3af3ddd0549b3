"""The series as its sources declare it, and the checks of a built site that follow from it.

``read_series`` reads every publication under a source folder through the model, from its front
matter and its first heading, as the build does. The checks take what they expect from that model,
so that they hold for a copy of the series with one more publication as for the series itself
(test_next_publication.py runs them on such a copy).
"""

from __future__ import annotations

import datetime
import re
import runpy
from pathlib import Path

import feedparser
import new
from bs4 import BeautifulSoup
from series.feed import FEED
from series.model import Publication, Series

# The build's titles have curly quotes (docutils' smart quotes); the sources may have straight ones.
STRAIGHT = str.maketrans("‘’“”", "''\"\"")


def plain(text: str) -> str:
    return " ".join(text.translate(STRAIGHT).split())


def read_series(source: Path) -> Series:
    conf = runpy.run_path(str(Path(__file__).resolve().parents[2] / "conf.py"))
    found = {}
    for path in sorted(source.glob("*/*.md")):
        data = new.front_matter(path).get("publication")
        if data is None:
            continue
        title = re.search(r"^# (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)[1]
        docname = path.relative_to(source).with_suffix("").as_posix()
        found[docname] = Publication.from_front_matter(
            data, title=title, docname=docname, group=conf["series_group"], license=conf["series_license"]
        )
    return Series(found)


def soup(html: Path, docname: str) -> BeautifulSoup:
    return BeautifulSoup((html / f"{docname}.html").read_text(encoding="utf-8"), "lxml")


def check_listing(html: Path, pdfs: Path, source: Path, series: Series) -> None:
    """The landing page lists each kind its source names, newest first, each item linked to its page
    and its PDF (the site's pdf/ folder, made from ``pdfs``)."""
    kinds = re.findall(
        r"^```\{publications\} (\w+)$", (source / "index.md").read_text(encoding="utf-8"), re.M
    )
    listings = soup(html, "index").select("article ul.publication-listing")
    assert len(listings) == len(kinds)
    for kind, listing in zip(kinds, listings, strict=True):
        expected = series.newest_first(kind)
        items = listing.select("li.publication-listing-item")
        assert [plain(item.select_one(".publication-listing-title a").get_text()) for item in items] == [
            plain(publication.title) for publication in expected
        ]
        numbers = [item.select_one(".publication-number").get_text().split(" · ")[0] for item in items]
        assert numbers == [publication.number for publication in expected]
        for item, publication in zip(items, expected, strict=True):
            page_link = item.select_one(".publication-listing-title a")["href"]
            assert page_link == f"{publication.docname}.html"
            assert (html / page_link).is_file()
            assert item.select_one(".publication-pdf a")["href"] == f"pdf/{publication.slug}.pdf"
            assert (pdfs / f"{publication.slug}.pdf").is_file()


def meta(head, name: str) -> list[str]:
    return [tag["content"] for tag in head.find_all("meta", attrs={"name": name})]


def check_citation_tags(html: Path, pdfs: Path, publication: Publication) -> None:
    """A publication's page carries the model's title, people, date, number and language for
    indexers, and the address of a PDF that is there."""
    head = soup(html, publication.docname).head
    assert [plain(title) for title in meta(head, "citation_title")] == [plain(publication.title)]
    assert meta(head, "citation_author") == [person.name for person in publication.authors]
    assert meta(head, "citation_author_institution") == [
        person.affiliation for person in publication.authors if person.affiliation
    ]
    assert meta(head, "citation_publication_date") == [f"{publication.date:%Y/%m/%d}"]
    assert meta(head, "citation_technical_report_number") == [publication.number]
    assert meta(head, "citation_language") == [publication.language]
    (pdf_url,) = meta(head, "citation_pdf_url")
    assert pdf_url.endswith(f"/pdf/{publication.slug}.pdf")
    assert (pdfs / f"{publication.slug}.pdf").is_file()


def check_feed(html: Path, pdfs: Path, series: Series) -> None:
    """The site's Atom feed, as a feed reader reads it, lists the series newest first, each entry
    with the model's title, people, date and abstract (no summary without one), the page's address
    and that of a PDF that is there; the feed is dated by the newest publication."""
    feed = feedparser.parse((html / FEED).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    base = feed.feed.id.removesuffix(FEED)
    newest_first = series.newest_first()
    assert [entry.id for entry in feed.entries] == [f"{base}{p.docname}.html" for p in newest_first]
    assert datetime.date(*feed.feed.updated_parsed[:3]) == newest_first[0].date
    for entry, publication in zip(feed.entries, newest_first, strict=True):
        assert plain(entry.title) == plain(publication.title)
        assert [author["name"] for author in entry.authors] == [person.name for person in publication.authors]
        assert datetime.date(*entry.published_parsed[:3]) == publication.date
        assert plain(entry.get("summary", "")) == plain(publication.abstract)
        assert entry.link == f"{base}{publication.docname}.html"
        assert (html / f"{publication.docname}.html").is_file()
        assert [enclosure.href for enclosure in entry.enclosures] == [f"{base}pdf/{publication.slug}.pdf"]
        assert (pdfs / f"{publication.slug}.pdf").is_file()
