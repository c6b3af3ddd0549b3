"""The real site as indexers, reference managers and feed readers read it: the report's citation tags,
its Cite this box and files, a description, a canonical link and the feed's link on every page, the
sitemap, the feed."""

from __future__ import annotations

import json
import re
import runpy
from pathlib import Path

import pybtex.database
import pytest
import rispy
from bs4 import BeautifulSoup
from lxml import etree
from series.feed import FEED

from . import series_model

ROOT = Path(__file__).resolve().parents[2]
REPORT = "reports/deepening-russia-china-relations"
TITLE = "Deepening Russia-China Relations – Russia’s Growing Presence"


def soup(site, page: str) -> BeautifulSoup:
    return BeautifulSoup((site.html / page).read_text(encoding="utf-8"), "lxml")


def meta(head, name: str) -> list[str]:
    return [tag["content"] for tag in head.find_all("meta", attrs={"name": name})]


def pages(site) -> list[str]:
    return sorted(
        str(path.relative_to(site.html))
        for path in site.html.rglob("*.html")
        if not path.relative_to(site.html).parts[0].startswith("_")
    )


@pytest.fixture(scope="module")
def report(site):
    return soup(site, f"{REPORT}.html")


@pytest.fixture(scope="module")
def page_url(report):
    return report.head.find("link", rel="canonical")["href"]


@pytest.mark.parametrize("docname", sorted(series_model.read_series(ROOT / "source").publications))
def test_each_publication_carries_its_highwire_tags(site, docname):
    publication = series_model.read_series(ROOT / "source").publications[docname]
    series_model.check_citation_tags(site.html, site.html / "pdf", publication)


def test_report_carries_its_publisher_and_page_address(report, page_url):
    head = report.head
    assert page_url.endswith(f"/{REPORT}.html")
    assert meta(head, "citation_publisher") == ["The Japan Institute of International Affairs"]
    assert meta(head, "citation_abstract_html_url") == [page_url]


def test_pdf_url_is_the_pdf_in_the_site(site, report, page_url):
    (pdf_url,) = meta(report.head, "citation_pdf_url")
    base = page_url.removesuffix(f"{REPORT}.html")
    assert pdf_url == f"{base}pdf/deepening-russia-china-relations.pdf"
    assert (site.html / pdf_url.removeprefix(base)).is_file()


def test_one_citation_reference_per_work_the_report_cites(report):
    source = (ROOT / "source" / f"{REPORT}.md").read_text(encoding="utf-8")
    keys = list(dict.fromkeys(re.findall(r"\{cite:note\}`([^`]+)`", source)))
    bib = pybtex.database.parse_file(ROOT / "references.bib")
    references = meta(report.head, "citation_reference")
    assert len(references) == len(keys) == 10
    for reference, key in zip(references, keys, strict=True):
        title = bib.entries[key].fields["title"].replace("{", "").replace("}", "")
        assert reference.startswith(f"citation_title={title}; citation_author="), key
    assert references[0] == (
        "citation_title=Russia-China Relations in 2020: The ‘Belt and Road Initiative’ and the Border Conflict"
        " between China and India; citation_author=Kumakura, Jun; citation_publication_date=2021;"
        " citation_inbook_title=Report of the Study Group on “Russia in the Era of Great Power Competition”;"
        " citation_publisher=Japan Institute of International Affairs"
    )


def test_json_ld_names_the_report_and_its_citations(report, page_url):
    data = json.loads(report.find("script", type="application/ld+json").string)
    assert (data["@type"], data["name"], data["reportNumber"]) == ("Report", TITLE, "FY 2021-#6")
    assert data["url"] == page_url
    assert len(data["citation"]) == 10


def test_cite_this_box_with_working_downloads(site, report, page_url):
    box = report.select_one(".publication-header details.cite-this")
    assert box.summary.get_text() == "Cite this"
    # The series' CSL style (CMOS 17 14.220): a report's title in italics, its kind and number.
    assert box.select_one(".cite-this-text").get_text() == (
        f"Kumakura, Jun. {TITLE}. Research Report FY 2021-#6. Research Reports."
        f" The Japan Institute of International Affairs, 2022. {page_url}."
    )
    assert box.select_one(".cite-this-text em").get_text() == TITLE
    files = {a.get_text(): site.html / "reports" / a["href"] for a in box.select("a[download]")}
    assert set(files) == {"BibTeX", "RIS", "CSL-JSON"}
    (entry,) = pybtex.database.parse_file(files["BibTeX"]).entries.values()
    assert (entry.type, entry.fields["url"]) == ("techreport", page_url)
    (record,) = rispy.loads(files["RIS"].read_text(encoding="utf-8"))
    assert (record["title"], record["authors"]) == (TITLE, ["Kumakura, Jun"])
    (item,) = json.loads(files["CSL-JSON"].read_text(encoding="utf-8"))
    assert (item["type"], item["title"], item["issued"]) == ("report", TITLE, {"date-parts": [[2022, 2, 16]]})


def test_every_page_has_a_description_and_a_canonical_link(site):
    assert len(pages(site)) >= 6
    for page in pages(site):
        head = soup(site, page).head
        (description,) = meta(head, "description")
        assert description.strip(), page
        assert head.find("link", rel="canonical")["href"].endswith(f"/{page}"), page


def test_every_page_links_the_feed(site, page_url):
    feed_url = page_url.removesuffix(f"{REPORT}.html") + FEED
    assert {"index.html", "guide/index.html", "search.html"} <= set(pages(site))
    for page in pages(site):
        links = soup(site, page).head.find_all("link", rel="alternate", type="application/atom+xml")
        assert [link["href"] for link in links] == [feed_url], page


def test_the_feed_lists_the_series_newest_first_from_the_model(site):
    series_model.check_feed(site.html, site.html / "pdf", series_model.read_series(ROOT / "source"))


def test_sitemap_lists_every_page_but_search_and_robots_points_to_it(site, page_url):
    base = page_url.removesuffix(f"{REPORT}.html")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = etree.parse(str(site.html / "sitemap.xml")).getroot()
    locations = [loc.text for loc in root.findall("s:url/s:loc", namespace)]
    assert sorted(loc.removeprefix(base) for loc in locations) == [
        p for p in pages(site) if p != "search.html"
    ]
    report = root.find(f"s:url[s:loc='{page_url}']", namespace)
    assert report.findtext("s:lastmod", namespaces=namespace) == "2022-02-16"
    assert f"Sitemap: {base}sitemap.xml" in (site.html / "robots.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("docname", sorted(series_model.read_series(ROOT / "source").publications))
def test_identifiers_license_and_corrections_only_where_the_sources_give_them(site, docname):
    """Nothing invented: a DOI, a license, corrections on a page only when its front matter (or
    conf.py, for the license) gives them; the first report's gives none."""
    publication = series_model.read_series(ROOT / "source").publications[docname]
    page = soup(site, f"{docname}.html")
    header = page.select_one(".publication-header")
    doi = header.select_one(".publication-doi a")
    assert (doi["href"] if doi else "") == publication.doi_url
    assert meta(page.head, "citation_doi") == ([publication.doi] if publication.doi else [])
    license = header.select_one(".publication-license a")
    terms = publication.license_terms
    assert (license["href"] if license else None) == (terms.url if terms else None)
    assert (page.head.find("link", rel="license") is None) == (terms is None)
    assert len(header.select(".publication-corrections li")) == len(publication.corrections)
    series_license = runpy.run_path(str(ROOT / "conf.py"))["series_license"]
    assert (page.select_one("footer .series-license") is None) == (not series_license)
