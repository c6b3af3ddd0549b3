"""The series' Atom feed of a tiny series, read back as a feed reader reads it (feedparser) and as
written (lxml, where feedparser normalises): newest first, each entry what the publication model
says, and a link to it in the head of every page of the site, of none of the EPUB."""

import datetime

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree
from series.collect import publications
from series.feed import FEED

BASE = "https://example.org/series/"
# Newest first; the second report and the digest share a day and a number: the order is by file.
NEWEST_FIRST = ["reports/second", "bulletins/digest", "bulletins/terms", "reports/first"]
ATOM = "{http://www.w3.org/2005/Atom}"
ATOM_TYPE = "application/atom+xml"


def parsed(app):
    feed = feedparser.parse((app.outdir / FEED).read_bytes())
    assert (feed.bozo, feed.version) == (False, "atom10"), feed.get("bozo_exception")
    return feed


def written(app):
    return etree.parse(str(app.outdir / FEED)).getroot()


def day(parsed_time) -> datetime.date:
    return datetime.date(*parsed_time[:3])


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def feed_links(page) -> list[dict]:
    return [link.attrs for link in soup(page).head.find_all("link", rel="alternate", type=ATOM_TYPE)]


@pytest.mark.sphinx("html", testroot="feed")
def test_the_feed_names_the_series_and_is_dated_by_its_newest_publication(app, warning):
    app.build()
    assert warning.getvalue() == ""
    feed = parsed(app).feed
    assert feed.id == f"{BASE}{FEED}"
    assert {link.rel: (link.href, link.type) for link in feed.links} == {
        "self": (f"{BASE}{FEED}", ATOM_TYPE),
        "alternate": (f"{BASE}index.html", "text/html"),
    }
    assert feed.title == app.config.project
    # No epub_description in this project: the landing page's own description.
    landing = soup(app.outdir / "index.html").head.find("meta", attrs={"name": "description"})["content"]
    assert feed.subtitle == landing == "The reports & bulletins of a series."
    assert feed.authors == [{"name": app.config.series_publisher}]
    assert feed.language == "en"
    # The newest publication's day, whatever day the build runs.
    assert day(feed.updated_parsed) == max(p.date for p in publications(app.env).values())
    assert written(app).find(f"{ATOM}rights") is None  # the series states no license


@pytest.mark.sphinx("html", testroot="feed", confoverrides={"epub_description": "What the series is & does."})
def test_the_series_description_as_the_subtitle(app, warning):
    app.build()
    assert warning.getvalue() == ""
    assert parsed(app).feed.subtitle == "What the series is & does."


@pytest.mark.sphinx("html", testroot="feed")
def test_entries_newest_first_each_as_the_model_has_it(app, warning):
    app.build()
    assert warning.getvalue() == ""
    model = publications(app.env)
    entries = parsed(app).entries
    raw = written(app).findall(f"{ATOM}entry")
    assert [entry.id for entry in entries] == [f"{BASE}{docname}.html" for docname in NEWEST_FIRST]
    with_abstract = 0
    for entry, element, docname in zip(entries, raw, NEWEST_FIRST, strict=True):
        publication = model[docname]
        page, pdf = f"{BASE}{docname}.html", f"{BASE}pdf/{publication.slug}.pdf"
        assert entry.title == publication.title
        # feedparser folds the authors into one "author"; the list keeps each person.
        assert entry.authors == [
            {"name": person.name, **({"href": f"https://orcid.org/{person.orcid}"} if person.orcid else {})}
            for person in publication.authors
        ]
        assert len(element.findall(f"{ATOM}author")) == len(publication.authors)
        assert day(entry.published_parsed) == day(entry.updated_parsed) == publication.date
        assert element.findtext(f"{ATOM}published") == f"{publication.date.isoformat()}T00:00:00+00:00"
        assert entry.links == [
            {
                "href": page,
                "rel": "alternate",
                "type": "text/html",
                "hreflang": publication.language,
                "title": publication.label,
            },
            {
                "href": pdf,
                "rel": "enclosure",
                "type": "application/pdf",
                "hreflang": publication.language,
                "title": f"PDF of {publication.label}",
            },
        ]
        assert [enclosure.href for enclosure in entry.enclosures] == [pdf]
        assert [(tag.term, tag.scheme) for tag in entry.tags] == [
            *((keyword, None) for keyword in publication.keywords),
            (publication.series, f"{BASE}index.html"),
        ]
        if publication.abstract:
            with_abstract += 1
            assert entry.summary == element.findtext(f"{ATOM}summary") == publication.abstract
            assert element.find(f"{ATOM}summary").get("type") in (None, "text")  # as text, never markup
        else:
            assert "summary" not in entry and "content" not in entry
            assert element.find(f"{ATOM}summary") is None
    assert 0 < with_abstract < len(NEWEST_FIRST)  # both kinds were checked


@pytest.mark.sphinx("html", testroot="feed")
def test_every_page_links_the_feed_in_its_head(app, warning):
    app.build()
    assert warning.getvalue() == ""
    pages = {
        str(path.relative_to(app.outdir).with_suffix(""))
        for path in app.outdir.rglob("*.html")
        if not path.relative_to(app.outdir).parts[0].startswith("_")
    }
    assert {"index", "guide", "search", "genindex", *NEWEST_FIRST} <= pages
    for page in pages:
        assert feed_links(app.outdir / f"{page}.html") == [
            {"rel": ["alternate"], "type": ATOM_TYPE, "title": app.config.project, "href": f"{BASE}{FEED}"}
        ], page


@pytest.mark.sphinx("html", testroot="feed", srcdir="feed-again")
def test_a_rebuild_leaves_the_feed_as_it_was(app, warning):
    app.build()
    path = app.outdir / FEED
    written_at = path.stat().st_mtime_ns
    app.build()
    assert warning.getvalue() == ""
    assert path.stat().st_mtime_ns == written_at


@pytest.mark.sphinx(
    "html",
    testroot="feed",
    srcdir="feed-empty",
    # A site before its first publication: the guide alone (the landing page's globs would find nothing).
    confoverrides={"root_doc": "guide", "exclude_patterns": ["index.md", "reports/*", "bulletins/*"]},
)
def test_no_publication_no_feed(app, warning):
    app.build()
    assert warning.getvalue() == ""
    assert not (app.outdir / FEED).exists()
    assert feed_links(app.outdir / "guide.html") == []


@pytest.mark.sphinx("epub", testroot="feed")
def test_the_epub_has_no_feed(app, warning):
    app.build()
    assert warning.getvalue() == ""
    assert not (app.outdir / FEED).exists()
    pages = list(app.outdir.rglob("*.xhtml"))
    assert len(pages) >= 6
    assert [page for page in pages if feed_links(page)] == []
