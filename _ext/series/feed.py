"""The series as an Atom feed (RFC 4287), for feed readers and aggregators: ``feed.atom`` at the site's root.

One entry per publication, newest first, from the publication model: its page's address as its
id, its title, one author per person credited, its date as published and updated, its abstract
as the summary (none when it has none), keywords as categories, and links to its page and its
PDF. Every page of the site names the feed in its head, so browsers and readers find it from any
page (``html-page-context``); ``build-finished`` writes it, with feedgen.

Only the site's own build has it (``meta.is_site``: the EPUB has no address to subscribe to), and
only a series with a publication: the feed's date is its newest publication's, not the build's,
so two builds of the same sources give the same file. A translated build's feed (editions.py)
lists its editions alone. A publication corrected after it was
published is updated on its newest correction's date; one with a DOI links its DOI's address
(``rel="related"``); a license is the entry's ``rights``, and the series' license the feed's.
"""

from __future__ import annotations

import datetime
import html
from pathlib import Path

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from . import editions
from .collect import publications
from .licenses import LICENSES, License
from .meta import absolute, citable, description, is_site, write_if_changed
from .model import Publication, Series

FEED = "feed.atom"
FEED_TYPE = "application/atom+xml"


class Entry(FeedEntry):
    """feedgen 1.0.0 writes an entry's links with their address alone (lkiesow/python-feedgen#135):
    the PDF would be one more alternate, of no type. Each written link gets back the attributes it
    was given, which is a no-op once feedgen writes them itself."""

    def atom_entry(self, extensions=True):
        element = super().atom_entry(extensions)
        for written, given in zip(element.findall("link"), self.link(), strict=True):
            written.attrib.update(given)
        return element


def listed(app) -> dict[str, Publication]:
    """The publications the feed lists: all; in a translated build (editions.py), the editions in its
    language, as the other pages there are the original's text, which the original's feed lists."""
    found = publications(app.env)
    if editions.is_translation(app.config):
        return {docname: p for docname, p in found.items() if editions.is_edition(app.env, docname)}
    return found


def has_feed(app) -> bool:
    return is_site(app) and bool(listed(app))


def timestamp(day: datetime.date) -> datetime.datetime:
    """Atom dates are instants; a publication has a day: its midnight, UTC."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)


def subtitle(app) -> str:
    """What the series is: the description conf.py gives the EPUB, else the landing page's own."""
    if app.config.epub_description != app.config.values["epub_description"].default:
        return app.config.epub_description
    return description(app, None, None)


def landing_page(app) -> str:
    return absolute(app, app.builder.get_target_uri(app.config.root_doc))


def rights(terms: License) -> str:
    """Atom's rights, as text: the license's name, its short form and the address of its text."""
    return f"{terms.name} ({terms.short}): {terms.url}"


def add_entry(app, feed: FeedGenerator, publication: Publication) -> None:
    about = citable(app, publication)
    entry = feed.add_entry(Entry(), order="append")
    entry.id(about.url)  # the page's address: stable as long as the page is
    entry.title(publication.title)
    for person in publication.authors:
        entry.author(
            name=person.name, **({"uri": f"https://orcid.org/{person.orcid}"} if person.orcid else {})
        )
    entry.published(timestamp(publication.date))
    entry.updated(timestamp(publication.modified or publication.date))
    # Its series and number, as the title block names them: the title is the author's alone.
    entry.link(
        href=about.url,
        rel="alternate",
        type="text/html",
        hreflang=publication.language,
        title=publication.label,
    )
    # The PDF as an enclosure, not a second alternate: readers (and feedparser) list an entry's
    # enclosures as its files to download, while one that takes the first alternate as the entry's
    # page could open the PDF in its place. The title is the page's link text for it. No length:
    # the Makefile puts the PDFs in the site after this build, which can't know their size.
    entry.link(
        href=about.pdf_url,
        rel="enclosure",
        type="application/pdf",
        hreflang=publication.language,
        title=f"PDF of {publication.label}",
    )
    if publication.doi:
        entry.link(href=publication.doi_url, rel="related", title=f"DOI {publication.doi}")
    if publication.abstract:
        entry.summary(publication.abstract)
    if terms := publication.license_terms:
        entry.rights(rights(terms))
    for keyword in publication.keywords:
        entry.category(term=keyword)
    # The series (Research Reports or Research Bulletins) as a category of the landing page's scheme,
    # where the series are listed, apart from the keywords, for a reader that follows only one.
    entry.category(term=publication.series, scheme=landing_page(app))


def atom(app) -> bytes:
    newest_first = Series(listed(app)).newest_first()
    feed = FeedGenerator()
    feed.id(absolute(app, FEED))
    feed.title(app.config.project)
    if text := subtitle(app):
        feed.subtitle(text)
    feed.link(href=absolute(app, FEED), rel="self", type=FEED_TYPE)
    feed.link(href=landing_page(app), rel="alternate", type="text/html")
    if app.config.series_publisher:
        feed.author(name=app.config.series_publisher)
    feed.language(app.config.language)
    if terms := LICENSES.get(app.config.series_license):
        feed.rights(rights(terms))
    # The newest publication's or correction's day, not the build's: the same sources give the same feed.
    feed.updated(timestamp(max(p.modified or p.date for p in newest_first)))
    for publication in newest_first:
        add_entry(app, feed, publication)
    return feed.atom_str(pretty=True)


def link_feed(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    if has_feed(app):
        link = (
            f'<link rel="alternate" type="{FEED_TYPE}" title="{html.escape(app.config.project)}"'
            f' href="{html.escape(absolute(app, FEED))}">'
        )
        context["metatags"] = context.get("metatags", "") + link + "\n"


def write_feed(app, exception) -> None:
    if exception is None and has_feed(app):
        write_if_changed(Path(app.outdir) / FEED, atom(app))
