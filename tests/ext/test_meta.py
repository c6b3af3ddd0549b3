"""What a tiny series tells indexers and reference managers: head tags, JSON-LD, the Cite this box,
sitemap.xml and robots.txt."""

import json

import pytest
import rispy
from bs4 import BeautifulSoup
from lxml import etree

BASE = "https://example.org/series/"
TITLE = "Russia & China: ‘A </script> Test’"
ABSTRACT = 'What a "report" says, in <em>one</em> sentence.'
PAGES = ["about", "bulletins/terms", "genindex", "index", "reports/hostile"]  # every page but the search page


def soup(app, page):
    return BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "lxml")


def tags(head, prefix):
    return [
        (tag.get("name") or tag.get("property"), tag["content"])
        for tag in head.find_all("meta")
        if (tag.get("name") or tag.get("property") or "").startswith(prefix)
    ]


@pytest.mark.sphinx("html", testroot="meta")
def test_highwire_tags_from_the_model_and_the_cited_works(app, warning):
    app.build()
    assert warning.getvalue() == ""
    assert tags(soup(app, "reports/hostile").head, "citation_") == [
        ("citation_title", TITLE),
        ("citation_author", "Ada Author"),
        ("citation_author_institution", "An Institute & Co."),
        ("citation_author_orcid", "https://orcid.org/0000-0002-1825-0097"),
        ("citation_author", "Bo Writer"),
        ("citation_publication_date", "2030/05/01"),
        ("citation_publisher", "The Institute"),
        ("citation_technical_report_institution", "The Institute"),
        ("citation_technical_report_number", "FY 2030-#1"),
        ("citation_pdf_url", f"{BASE}pdf/hostile.pdf"),
        ("citation_language", "en"),
        ("citation_keywords", "Russia"),
        ("citation_keywords", "China"),
        ("citation_abstract_html_url", f"{BASE}reports/hostile.html"),
        # In the order the report first cites them, each once.
        (
            "citation_reference",
            "citation_title=A Statement; citation_author=Ministry of Examples; citation_publication_date=2030/04/05;"
            " citation_publisher=Examples Online",  # a website, as its publisher
        ),
        (
            "citation_reference",
            "citation_title=A Journal Article; citation_author=Writer, Bo; citation_author=Author, Ada;"
            " citation_publication_date=2030/03; citation_journal_title=The Journal",
        ),
    ]


@pytest.mark.sphinx("html", testroot="meta")
def test_dublin_core_and_opengraph(app, warning):
    app.build()
    assert warning.getvalue() == ""
    head = soup(app, "reports/hostile").head
    assert head.find("link", rel="schema.DC")["href"] == "http://purl.org/dc/elements/1.1/"
    assert tags(head, "DC.") == [
        ("DC.title", TITLE),
        ("DC.creator", "Ada Author"),
        ("DC.creator", "Bo Writer"),
        ("DC.date", "2030-05-01"),
        ("DC.publisher", "The Institute"),
        ("DC.language", "en"),
        ("DC.identifier", f"{BASE}reports/hostile.html"),
        ("DC.type", "Text"),
        ("DC.description", ABSTRACT),
    ]
    assert tags(head, "og:") + tags(head, "article:") == [
        ("og:title", TITLE),
        ("og:type", "article"),
        ("og:url", f"{BASE}reports/hostile.html"),
        ("og:description", ABSTRACT),
        ("og:site_name", "A Series"),
        ("article:published_time", "2030-05-01"),
        ("article:author", "Ada Author"),
        ("article:author", "Bo Writer"),
    ]
    assert tags(soup(app, "bulletins/terms").head, "DC.description") == []  # no abstract


@pytest.mark.sphinx("html", testroot="meta")
def test_json_ld_survives_a_title_that_closes_its_script(app, warning):
    app.build()
    assert warning.getvalue() == ""
    html = (app.outdir / "reports/hostile.html").read_text(encoding="utf-8")
    assert html.count("</script>") == html.count("<script")
    (script,) = soup(app, "reports/hostile").find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert (data["@context"], data["@type"], data["name"]) == ("https://schema.org", "Report", TITLE)
    assert data["author"][0] == {
        "@type": "Person",
        "name": "Ada Author",
        "affiliation": {"@type": "Organization", "name": "An Institute & Co."},
        "sameAs": "https://orcid.org/0000-0002-1825-0097",
    }
    assert (data["datePublished"], data["inLanguage"], data["reportNumber"]) == (
        "2030-05-01",
        "en",
        "FY 2030-#1",
    )
    assert data["publisher"] == {"@type": "Organization", "name": "The Institute"}
    assert data["isPartOf"] == {"@type": "CreativeWorkSeries", "name": "Research Reports"}
    assert data["url"] == f"{BASE}reports/hostile.html"
    assert data["encoding"]["contentUrl"] == f"{BASE}pdf/hostile.pdf"
    assert [work["name"] for work in data["citation"]] == ["A Statement", "A Journal Article"]
    assert data["citation"][0]["author"] == [{"@type": "Organization", "name": "Ministry of Examples"}]
    assert (data["abstract"], data["keywords"]) == (ABSTRACT, ["Russia", "China"])
    compiled = json.loads(soup(app, "bulletins/terms").find("script", type="application/ld+json").string)
    assert compiled["editor"] == [{"@type": "Organization", "name": "the series editors"}]
    assert compiled["citation"] == []


@pytest.mark.sphinx("html", testroot="meta")
def test_every_page_has_a_description_and_a_canonical_link(app, warning):
    app.build()
    assert warning.getvalue() == ""
    descriptions = {}
    for page in [*PAGES, "search"]:
        head = soup(app, page).head
        descriptions[page] = head.find("meta", attrs={"name": "description"})["content"]
        assert head.find("link", rel="canonical")["href"] == f"{BASE}{page}.html"
    opening = descriptions.pop("bulletins/terms")
    assert descriptions == {
        "about": "A Series",  # no paragraph: the project's name
        "genindex": "The reports and bulletins of a series.",  # no doctree: the landing page's
        "index": "The reports and bulletins of a series.",
        "reports/hostile": ABSTRACT,
        "search": "The reports and bulletins of a series.",
    }
    # The opening of the first paragraph, without its note marker, cut at a word.
    assert opening.startswith("This bulletin explains the terms of the first report, one by one,")
    assert opening.endswith(" a short description taken from the report and a link back to the place where…")
    assert len(opening) <= 201


@pytest.mark.sphinx("html", testroot="meta")
def test_cite_this_box_ends_the_title_block(app, warning):
    app.build()
    assert warning.getvalue() == ""
    header = soup(app, "reports/hostile").select_one(".publication-header")
    box = header.find_all(recursive=False)[-1]
    assert box.name == "details" and box.summary.get_text() == "Cite this"
    # The series' style (CMOS 17 14.220): a report's title in italics, its inner quotation marks
    # double, an English title's words capitalized; the hostile text as text.
    assert box.select_one(".cite-this-text").get_text() == (
        "Author, Ada, and Bo Writer. Russia & China: “A </Script> Test”. Research Report FY 2030-#1."
        f" Research Reports. The Institute, 2030. {BASE}reports/hostile.html."
    )
    assert box.select_one(".cite-this-text em").get_text() == "Russia & China: “A </Script> Test”"
    links = {a.get_text(): a["href"] for a in box.select(".cite-this-files a[download]")}
    assert links == {
        "BibTeX": "../cite/hostile.bib",
        "RIS": "../cite/hostile.ris",
        "CSL-JSON": "../cite/hostile.json",
    }
    (record,) = rispy.loads((app.outdir / "reports" / links["RIS"]).read_text(encoding="utf-8"))
    assert record["title"] == TITLE
    (item,) = json.loads((app.outdir / "reports" / links["CSL-JSON"]).read_text(encoding="utf-8"))
    assert item["URL"] == f"{BASE}reports/hostile.html"
    assert "@techreport{research-report-fy-2030-1," in (app.outdir / "reports" / links["BibTeX"]).read_text(
        "utf-8"
    )
    assert (
        soup(app, "bulletins/terms")
        .select_one(".cite-this-text")
        .get_text()
        .startswith("Terms. Research Bulletin")  # compiled by no one by name: the title first (CMOS 14.79)
    )


@pytest.mark.sphinx("html", testroot="meta")
def test_sitemap_and_robots(app, warning):
    app.build()
    assert warning.getvalue() == ""
    sitemap = etree.parse(str(app.outdir / "sitemap.xml"))
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {
        url.findtext("s:loc", namespaces=namespace): url.findtext("s:lastmod", namespaces=namespace)
        for url in sitemap.getroot().findall("s:url", namespace)
    }
    assert urls == {
        f"{BASE}about.html": None,
        f"{BASE}bulletins/terms.html": "2030-06-01",
        f"{BASE}genindex.html": None,
        f"{BASE}index.html": None,
        f"{BASE}reports/hostile.html": "2030-05-01",
    }
    assert all((app.outdir / f"{page}.html").is_file() for page in PAGES)
    assert (app.outdir / "robots.txt").read_text(encoding="utf-8") == (
        f"User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n"
    )


@pytest.mark.sphinx("html", testroot="meta", srcdir="meta-again")
def test_files_beside_the_pages_are_left_as_they_were_when_nothing_changed(app, warning):
    app.build()
    files = [*(app.outdir / "cite").iterdir(), app.outdir / "sitemap.xml", app.outdir / "robots.txt"]
    assert len(files) == 8  # two publications' BibTeX, RIS and CSL-JSON, the sitemap, robots.txt
    written = {path: path.stat().st_mtime_ns for path in files}
    app.build()
    assert warning.getvalue() == ""
    assert {path: path.stat().st_mtime_ns for path in files} == written


@pytest.mark.sphinx("html", testroot="meta", srcdir="meta-no-address", confoverrides={"html_baseurl": ""})
def test_without_an_address_a_warning_and_no_metadata(app, warning):
    app.build()
    assert "WARNING: html_baseurl is not set" in warning.getvalue()
    page = soup(app, "reports/hostile")
    assert page.find("meta", attrs={"name": "citation_title"}) is None
    assert page.select_one(".cite-this") is None
    assert not (app.outdir / "sitemap.xml").exists()


@pytest.mark.sphinx("singlehtml", testroot="meta")
def test_other_html_builders_get_no_box(app, warning):
    app.build()
    assert warning.getvalue() == ""
    page = soup(app, "index")
    assert page.select_one(".publication-header") is not None
    assert page.select_one(".cite-this") is None
    assert page.find("meta", attrs={"name": "citation_title"}) is None
