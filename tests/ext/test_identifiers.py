"""A publication's DOI, license, ROR identifiers, series ISSN and corrections, in every output that
carries them: the title block, the head's metadata, the Cite this files, the listing, the sitemap,
the footer and the PDF. Expected values come from the publications' model, as the build read it."""

import json
import re
import xml.etree.ElementTree as ET

import feedparser
import pikepdf
import pybtex.database
import pytest
import rispy
from bs4 import BeautifulSoup
from lxml import etree
from series.feed import FEED
from series.licenses import LICENSES
from series.titlepage import day_text
from sphinx.errors import ConfigError

from .. import pdftext, pdfua

CORRECTED, PLAIN = "reports/corrected", "bulletins/plain"


def soup(app, page):
    return BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "lxml")


def model(app, docname):
    return app.env.series_publications[docname]


def meta(head, name):
    return [tag["content"] for tag in head.find_all("meta") if name in (tag.get("name"), tag.get("property"))]


def xmp_fields(xmp: str) -> dict[str, list[str]]:
    """Each XMP property's text values (an rdf:Alt's or a Bag's items, or its own text)."""
    root = etree.fromstring(xmp.encode())
    found: dict[str, list[str]] = {}
    for description in root.iter(f"{{{RDF}}}Description"):
        for prop in description:
            prefix = prop.prefix or ""
            items = prop.findall(f".//{{{RDF}}}li")
            values = [item.text for item in items] if items else [prop.text]
            found.setdefault(f"{prefix}:{etree.QName(prop).localname}", []).extend(values)
    return found


RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def json_ld(head):
    return json.loads(head.find("script", type="application/ld+json").string)


@pytest.mark.sphinx("html", testroot="identifiers")
def test_the_title_block_shows_doi_license_issn_and_corrections(app, warning):
    app.build()
    assert warning.getvalue() == ""
    publication = model(app, CORRECTED)
    header = soup(app, CORRECTED).select_one(".publication-header")
    doi = header.select_one(".publication-doi a")
    assert (
        doi["href"]
        == doi.get_text()
        == f"https://doi.org/{publication.doi}"
        == "https://doi.org/10.5555/12345678"
    )
    license = header.select_one(".publication-license a")
    terms = LICENSES[publication.license]
    assert (license["href"], license.get_text()) == (terms.url, terms.name)
    assert publication.license == "CC-BY-NC-ND-4.0"  # its own, not the series'
    assert f"ISSN {app.config.series_issn['report']}" in header.select_one(".publication-series").get_text()
    shown = [" ".join(li.get_text().split()) for li in header.select(".publication-corrections li")]
    newest_first = sorted(publication.corrections, key=lambda c: c.date, reverse=True)
    assert shown == [f"{day_text(c.date)}: {c.note}" for c in newest_first]
    assert shown[0].startswith("July 15, 2031")
    # A bulletin that names none: the series' license, and no DOI, ISSN or corrections.
    plain = soup(app, PLAIN).select_one(".publication-header")
    assert plain.select_one(".publication-license a")["href"] == LICENSES[app.config.series_license].url
    assert plain.select(".publication-doi, .publication-corrections") == []
    assert "ISSN" not in plain.get_text()


@pytest.mark.sphinx("html", testroot="identifiers")
def test_the_metadata_carries_them(app, warning):
    app.build()
    publication = model(app, CORRECTED)
    head = soup(app, CORRECTED).head
    terms = LICENSES[publication.license]
    assert meta(head, "citation_doi") == [publication.doi]
    assert meta(head, "citation_issn") == ["2049-3630"]
    assert f"https://doi.org/{publication.doi}" in meta(head, "DC.identifier")
    assert meta(head, "DC.rights") == [f"{terms.name} ({terms.url})"]
    assert meta(head, "DCTERMS.modified") == meta(head, "article:modified_time") == ["2031-07-15"]
    assert head.find("link", rel="license")["href"] == terms.url
    data = json_ld(head)
    assert data["identifier"] == {"@type": "PropertyValue", "propertyID": "DOI", "value": publication.doi}
    assert data["license"] == terms.url
    assert data["dateModified"] == "2031-07-15"
    assert data["publisher"]["@id"] == app.config.series_publisher_ror == "https://ror.org/03yrm5c26"
    assert data["author"][0]["affiliation"]["@id"] == publication.authors[0].ror
    assert data["isPartOf"]["issn"] == "2049-3630"
    # Nothing of the kind where the publication has none.
    plain = soup(app, PLAIN).head
    assert not meta(plain, "citation_doi") and not meta(plain, "DCTERMS.modified")
    assert not meta(plain, "citation_issn")  # the bulletins have no ISSN
    assert {"identifier", "dateModified"}.isdisjoint(json_ld(plain))


@pytest.mark.sphinx("html", testroot="identifiers")
def test_the_cite_this_files_and_text_carry_them(app, warning):
    app.build()
    publication = model(app, CORRECTED)
    cite = app.outdir / "cite"
    entry = next(iter(pybtex.database.parse_file(cite / "corrected.bib").entries.values()))
    assert (entry.fields["doi"], entry.fields["issn"]) == (publication.doi, "2049-3630")
    (ris,) = rispy.loads((cite / "corrected.ris").read_text(encoding="utf-8"))
    assert ris["doi"] == publication.doi
    (item,) = json.loads((cite / "corrected.json").read_text(encoding="utf-8"))
    assert (item["DOI"], item["ISSN"], item["license"]) == (
        publication.doi,
        "2049-3630",
        LICENSES[publication.license].url,
    )
    # Chicago ends the citation with the DOI's address.
    text = soup(app, CORRECTED).select_one(".cite-this-text").get_text()
    assert text.rstrip(".").endswith(f"https://doi.org/{publication.doi}")


@pytest.mark.sphinx("html", testroot="identifiers")
def test_listing_sitemap_and_footer(app, warning):
    app.build()
    publication = model(app, CORRECTED)
    items = soup(app, "index").select(".publication-listing-item")
    corrected = next(item for item in items if publication.title in item.get_text())
    assert "corrected July 15, 2031" in corrected.select_one(".publication-number").get_text()
    assert corrected.select_one(".publication-doi a")["href"] == f"https://doi.org/{publication.doi}"
    sitemap = ET.parse(app.outdir / "sitemap.xml").getroot()
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    lastmod = {
        url.find("s:loc", namespace).text: url.find("s:lastmod", namespace).text
        for url in sitemap.findall("s:url", namespace)
        if url.find("s:lastmod", namespace) is not None
    }
    assert lastmod["https://example.org/series/reports/corrected.html"] == "2031-07-15"
    assert lastmod["https://example.org/series/bulletins/plain.html"] == "2031-06-05"
    terms = LICENSES[app.config.series_license]
    for page in ("index", CORRECTED, PLAIN, "search"):
        footer = soup(app, page).select_one("footer .series-license")
        assert footer.find("a", rel="license")["href"] == terms.url, page


@pytest.mark.sphinx("typst", testroot="identifiers")
def test_the_pdf_states_them_and_its_xmp_carries_them(app, warning):
    app.build()
    assert warning.getvalue() == ""
    publication = model(app, CORRECTED)
    pdf = app.outdir / "corrected.pdf"
    assert pdfua.problems(pdf) == []
    text = " ".join(pdftext.text(pdf).split())
    terms = LICENSES[publication.license]
    assert f"DOI: https://doi.org/{publication.doi}" in text
    assert f"Licensed under {terms.name} ({terms.short})." in text
    assert "ISSN 2049-3630" in text
    newest, oldest = (f"{day_text(c.date)}: {c.note}" for c in publication.corrections)
    assert text.index("Corrections") < text.index(newest) < text.index(oldest)
    with pikepdf.open(pdf) as document:
        xmp = document.Root.Metadata.read_bytes().decode()
        info = dict(document.docinfo)
        links = {str(a.A.URI) for page in document.pages for a in page.get("/Annots", []) if "/URI" in a.A}
    fields = xmp_fields(xmp)
    assert fields["dc:identifier"] == [f"https://doi.org/{publication.doi}"]
    assert (fields["prism:doi"], fields["prism:issn"]) == ([publication.doi], ["2049-3630"])
    assert fields["dc:rights"] == [terms.name]
    assert (fields["xmpRights:WebStatement"], fields["xmpRights:Marked"]) == ([terms.url], ["True"])
    # Modified on the newest correction's day, in the XMP and the Info dictionary alike (PDF/A).
    assert fields["xmp:ModifyDate"] == [f"{publication.modified.isoformat()}T00:00:00Z"]
    assert fields["xmp:CreateDate"] == [f"{publication.date.isoformat()}T00:00:00Z"]
    assert str(info["/ModDate"]) == f"D:{publication.modified:%Y%m%d}000000Z"
    assert {f"https://doi.org/{publication.doi}", terms.url} <= links
    plain = " ".join(pdftext.text(app.outdir / "plain.pdf").split())
    assert "DOI" not in plain and "Corrections" not in plain and "ISSN" not in plain


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        (
            "series_issn",
            {"report": "2049-3631"},
            "conf.py: series_issn['report']: expected an ISSN such as 2049-3630, got '2049-3631'",
        ),
        (
            "series_issn",
            {"memo": "2049-3630"},
            "conf.py: series_issn['memo']: expected a kind, one of report, bulletin",
        ),
        ("series_license", "CC-BY-4", "conf.py: series_license: expected the SPDX identifier of one of"),
        (
            "series_publisher_ror",
            "ror.org/03yrm5c26",
            "conf.py: series_publisher_ror: expected a ROR identifier",
        ),
    ],
)
def test_a_wrong_series_setting_stops_the_build_naming_it(
    make_app, sphinx_test_tempdir, rootdir, setting, value, message
):
    with pytest.raises(ConfigError, match=re.escape(message)):
        make_app("html", srcdir=rootdir / "test-identifiers", confoverrides={setting: value})


@pytest.mark.sphinx("html", testroot="identifiers")
def test_the_feed_carries_them(app, warning):
    app.build()
    publication = model(app, CORRECTED)
    feed = feedparser.parse((app.outdir / FEED).read_bytes())
    assert not feed.bozo
    terms, series_terms = LICENSES[publication.license], LICENSES[app.config.series_license]
    assert feed.feed.rights == f"{series_terms.name} ({series_terms.short}): {series_terms.url}"
    assert feed.feed.updated.startswith("2031-07-15")  # the newest correction, after every publication
    (entry,) = [e for e in feed.entries if e.title == publication.title]
    assert entry.updated.startswith(publication.modified.isoformat())
    assert entry.published.startswith(publication.date.isoformat())
    assert entry.rights == f"{terms.name} ({terms.short}): {terms.url}"
    assert [link.href for link in entry.links if link.rel == "related"] == [publication.doi_url]
    (plain,) = [e for e in feed.entries if e.title == model(app, PLAIN).title]
    assert plain.updated == plain.published and not [link for link in plain.links if link.rel == "related"]


@pytest.mark.sphinx("epub", testroot="identifiers", srcdir="identifiers-epub")
def test_the_epub_pages_show_them(app, warning):
    app.build()
    publication = model(app, CORRECTED)
    page = BeautifulSoup((app.outdir / f"{CORRECTED}.xhtml").read_text(encoding="utf-8"), "lxml")
    header = page.select_one(".publication-header")
    assert header.select_one(".publication-doi a")["href"] == publication.doi_url
    assert header.select_one(".publication-license a")["href"] == LICENSES[publication.license].url
    assert len(header.select(".publication-corrections li")) == len(publication.corrections)
