"""The series extension on a tiny project: title block, section numbers, front-matter errors."""

import pikepdf
import pytest
from bs4 import BeautifulSoup

from .. import pdftext, pdfua


def page(app):
    return BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "lxml")


@pytest.mark.sphinx("html", testroot="publication")
def test_sections_numbered_except_the_unnumbered(app, warning):
    app.build()
    assert warning.getvalue() == ""
    headings = [h.get_text().rstrip("¶") for h in page(app).select("[role=main] h2, [role=main] h3")]
    assert headings == [
        "Introduction",
        "1. First numbered",
        "A subsection",
        "2. Second numbered",
        "Conclusion",
    ]


@pytest.mark.sphinx("html", testroot="publication")
def test_title_block_from_the_model(app, warning):
    app.build()
    assert warning.getvalue() == ""
    header = page(app).select_one(".publication-header")
    assert header.select_one(".publication-number").get_text() == "FY 2030-#1 · January 2, 2031"
    assert header.select_one(".publication-author").get_text() == "Ada Author (An Institute)"
    assert header.select_one(".publication-pdf a")["href"] == "pdf/index.pdf"
    assert (
        header.select_one(".publication-disclaimer").get_text(strip=True) == "The views are the authors’ own."
    )


@pytest.mark.sphinx("typst", testroot="publication")
def test_pdf_title_block_and_headings_from_the_model(app, warning):
    app.build()
    assert warning.getvalue() == ""
    body = (app.outdir / "index.body.typ").read_text(encoding="utf-8")
    assert (
        '#title-block(series: "Research Reports", issn: "", group: "A Research Group", number: "FY 2030-#1",'
        ' date: "January 2, 2031", title: "A Report", people: ((name: "Ada Author", affiliation: "An Institute"),),'
        ' doi: "", license: none, corrections: (), disclaimer: "The views are the authors’ own.")'
    ) in body
    pdf = app.outdir / "index.pdf"
    assert pdfua.headings(pdf) == ["H1", "H2", "H2", "H3", "H2", "H2"]
    first_page = " ".join(pdftext.text(pdf).split())
    for shown in (
        "Research Reports",
        "FY 2030-#1",
        "January 2, 2031",
        "A Report",
        "Ada Author",
        "(An Institute)",
        "The views are the authors’ own.",
        "1. First numbered",
        "2. Second numbered",
    ):
        assert shown in first_page


@pytest.mark.sphinx("html", testroot="publication", srcdir="publication-malformed")
def test_malformed_front_matter_is_a_located_warning(app, warning):
    source = app.srcdir / "index.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("2031-01-02", "2nd January"), encoding="utf-8"
    )
    app.build()
    assert (
        "index.md:1: WARNING: publication.date: expected an ISO date such as 2022-02-16, got '2nd January'"
        " (in the front matter) [series.front_matter]"
    ) in warning.getvalue()


def html(app, docname):
    return BeautifulSoup((app.outdir / f"{docname}.html").read_text(encoding="utf-8"), "lxml")


@pytest.mark.sphinx("html", testroot="series")
def test_listing_newest_first_grouped_by_kind(app, warning):
    app.build()
    assert warning.getvalue() == ""
    lists = html(app, "index").select("ul.publication-listing")
    reports = [item.select_one(".publication-listing-title").get_text() for item in lists[0].select("li")]
    assert reports == ["The Second Report", "The First Report"]
    second = lists[0].select("li")[0]
    assert second.select_one(".publication-number").get_text() == "FY 2030-#2 · September 1, 2030"
    assert second.select_one(".publication-author").get_text() == "Bo Writer"
    assert second.select_one(".publication-abstract").get_text() == "The second report."
    assert second.select_one(".publication-listing-title a")["href"] == "reports/second.html"
    assert second.select_one(".publication-pdf a")["href"] == "pdf/second.pdf"
    assert lists[1].select_one(".publication-author").get_text() == "Compiled by the series editors"


@pytest.mark.sphinx("html", testroot="series")
def test_companions_both_ways(app, warning):
    app.build()
    assert warning.getvalue() == ""
    report = html(app, "reports/first").select_one(".publication-companions")
    assert report.get_text(" ", strip=True) == (
        "Companion bulletins: Research Bulletin FY 2030-#1, companion 1, “Terms of the First Report”"
    )
    assert report.a["href"] == "../bulletins/terms.html"
    bulletin = html(app, "bulletins/terms").select_one(".publication-companions")
    assert bulletin.get_text(" ", strip=True) == "Accompanies: Research Report FY 2030-#1, “The First Report”"
    assert bulletin.a["href"] == "../reports/first.html"
    assert html(app, "reports/second").select_one(".publication-companions") is None


@pytest.mark.sphinx("html", testroot="series")
def test_pubref_reads_as_readers_name_it(app, warning):
    app.build()
    assert warning.getvalue() == ""
    bulletin = [(a.get_text(), a["href"]) for a in html(app, "bulletins/terms").select("a:has(.pubref)")]
    assert bulletin == [
        ("Research Report FY 2030-#1", "../reports/first.html#first"),
        ("Research Report FY 2030-#1, section 1", "../reports/first.html#first-argument"),
        ("Research Report FY 2030-#1, Introduction", "../reports/first.html#first-intro"),
    ]
    report = [a.get_text() for a in html(app, "reports/first").select(".pubref")]
    assert report == ["Introduction"]


@pytest.mark.sphinx("typst", testroot="series")
def test_references_to_other_publications_open_their_pdf(app, warning):
    app.build()
    assert warning.getvalue() == ""
    terms = (app.outdir / "terms.body.typ").read_text(encoding="utf-8")
    assert '#publication-link("first")[#[Research Report FY 2030\\-\\#1\\, section 1]]' in terms
    first = (app.outdir / "first.body.typ").read_text(encoding="utf-8")
    assert '#publication-link("terms")[' in first
    assert '#link(label("first/first-intro"))[' in first  # same PDF: internal
    # In the PDF, a GoToR action: the reader opens first.pdf itself, beside terms.pdf.
    files = {
        str(annotation.A.F.UF)
        for page in pikepdf.open(app.outdir / "terms.pdf").pages
        for annotation in page.get("/Annots", [])
        if annotation.A.S == "/GoToR"
    }
    assert files == {"first.pdf"}


@pytest.mark.sphinx("html", testroot="series", srcdir="series-duplicate")
def test_two_publications_with_one_number(app, warning):
    second = app.srcdir / "reports" / "second.md"
    second.write_text(
        second.read_text(encoding="utf-8").replace("FY 2030-#2", "FY 2030-#1"), encoding="utf-8"
    )
    app.build()
    assert (
        "second.md:1: WARNING: Research Report FY 2030-#1 is also the number of reports/first;"
        " give each publication its own number [series.duplicate_number]"
    ) in warning.getvalue()


@pytest.mark.sphinx("html", testroot="series", srcdir="series-companion")
def test_companion_of_an_unknown_number(app, warning):
    terms = app.srcdir / "bulletins" / "terms.md"
    terms.write_text(
        terms.read_text(encoding="utf-8").replace('["FY 2030-#1"]', '["FY 2030-#9"]'), encoding="utf-8"
    )
    app.build()
    assert (
        "terms.md:1: WARNING: publication.companions: no publication is numbered 'FY 2030-#9'"
        in warning.getvalue()
    )


@pytest.mark.sphinx("html", testroot="series", srcdir="series-pubref")
def test_pubref_to_an_unknown_label(app, warning):
    terms = app.srcdir / "bulletins" / "terms.md"
    terms.write_text(
        terms.read_text(encoding="utf-8").replace("{pubref}`first-argument`", "{pubref}`nowhere`"),
        encoding="utf-8",
    )
    app.build()
    assert "terms.md:15: WARNING: unknown publication or section label 'nowhere'" in warning.getvalue()
    assert warning.getvalue().count("WARNING") == 1


@pytest.mark.sphinx("html", testroot="series", srcdir="series-incremental")
def test_a_changed_title_reaches_the_pages_that_show_it(app, warning):
    app.build()
    terms = app.srcdir / "bulletins" / "terms.md"
    terms.write_text(
        terms.read_text(encoding="utf-8").replace("# Terms of the First Report", "# Renamed"),
        encoding="utf-8",
    )
    app.build()
    assert warning.getvalue() == ""
    assert "“Renamed”" in html(app, "reports/first").select_one(".publication-companions").get_text()
    assert "Renamed" in html(app, "index").select("ul.publication-listing")[1].get_text()


@pytest.mark.sphinx("html", testroot="series", srcdir="series-slug")
def test_two_publications_with_one_pdf_name(app, warning):
    text = (app.srcdir / "reports" / "second.md").read_text(encoding="utf-8")
    (app.srcdir / "bulletins" / "second.md").write_text(
        text.replace("kind: report", "kind: bulletin").replace("# The Second Report", "# Another"),
        encoding="utf-8",
    )
    app.build()
    assert (
        "second.md:1: WARNING: second.pdf would overwrite the PDF of bulletins/second; rename one of the two files"
        " [series.duplicate_slug]"
    ) in warning.getvalue()


@pytest.mark.sphinx("html", testroot="publication", srcdir="publication-yaml")
def test_front_matter_that_is_not_yaml_says_where_and_why(app, warning):
    source = app.srcdir / "index.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("group: A Research Group", "group: Russia: a view"),
        "utf-8",
    )
    app.build()
    assert (
        "index.md:4: WARNING: the front matter is not valid YAML: mapping values are not allowed here;"
        " a value holding ': ' or ' #' needs quotes"
    ) in warning.getvalue()
