"""The real series: the landing page, companions both ways, glossary links, and the bulletins'
faithfulness to the report's manuscript."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from . import manuscript, series_model

ROOT = Path(__file__).resolve().parents[2]
REPORT = "reports/deepening-russia-china-relations"
CHRONOLOGY = "bulletins/chronology-june-2021-january-2022"
TERMS = "bulletins/key-terms"
BULLETINS = (CHRONOLOGY, TERMS)


def page(site, docname):
    return BeautifulSoup((site.html / f"{docname}.html").read_text(encoding="utf-8"), "lxml").find("article")


def test_landing_page_lists_the_series_by_kind_newest_first(site):
    article = page(site, "index")
    headings = [h.get_text(strip=True).rstrip("¶#") for h in article.find_all("h2")]
    assert headings == ["Research Reports", "Research Bulletins"]
    source = ROOT / "source"
    series_model.check_listing(site.html, site.html / "pdf", source, series_model.read_series(source))


def test_report_lists_its_companions_and_each_bulletin_names_the_report(site):
    companions = page(site, REPORT).select_one(".publication-companions")
    assert [a["href"] for a in companions.select("a")] == [f"../{CHRONOLOGY}.html", f"../{TERMS}.html"]
    for bulletin in BULLETINS:
        accompanies = page(site, bulletin).select_one(".publication-companions")
        assert accompanies.get_text(" ", strip=True).startswith("Accompanies: Research Report FY 2021-#6")
        assert accompanies.a["href"] == f"../{REPORT}.html"


@pytest.mark.parametrize("bulletin", BULLETINS)
def test_bulletins_say_they_are_compiled_from_the_report_and_credit_no_author(site, bulletin):
    article = page(site, bulletin)
    assert (
        article.select_one(".publication-author").get_text(" ", strip=True)
        == "Compiled by the series editors"
    )
    opening = article.find("section").find("p", recursive=False).get_text(" ", strip=True)
    assert opening.startswith("This bulletin is compiled from Research Report FY 2021-#6 by Jun Kumakura.")


def test_every_chronology_entry_links_to_a_report_section(site):
    entries = page(site, CHRONOLOGY).select("dl > dd")
    assert len(entries) == 9
    for entry in entries:
        link = entry.select("a:has(.pubref)")[-1]
        assert re.fullmatch(r"Research Report FY 2021-#6, section [12]", link.get_text())
        assert link["href"].startswith(f"../{REPORT}.html#")


@pytest.mark.parametrize("bulletin", BULLETINS)
def test_bulletins_quote_and_date_only_what_the_manuscript_has(site, bulletin):
    article = page(site, bulletin)
    for aside in article.select("aside.footnote, div.citation, .publication-header, .publication-companions"):
        aside.decompose()
    text = article.get_text(" ", strip=True)
    source = manuscript.normalize(manuscript.text())
    quotations = re.findall(r"“([^”]+)”", text)
    assert quotations
    for quotation in quotations:
        assert manuscript.normalize(quotation.rstrip(",")) in source, quotation
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    for day in re.findall(rf"(?:{months}) \d{{1,2}}\b", text):
        assert manuscript.normalize(day) in source, day


def test_glossary_defines_the_terms_and_the_report_links_its_first_mentions(site):
    terms = [dt.get_text(strip=True).rstrip("¶#") for dt in page(site, TERMS).select("dl.glossary dt")]
    assert terms == [
        "Belt and Road Initiative",
        "Silk Road Economic Belt",
        "EAEU",
        "Eurasian Economic Union",
        "SCO",
        "Shanghai Cooperation Organization",
        "Zapad/Interaction-2021",
        "CSTO",
        "Collective Security Treaty Organization",
        "color revolution",
        "Three Evils",
    ]
    report = page(site, REPORT)
    links = {a.get_text(): a["href"] for a in report.select("a:has(.std-term)")}
    for term in (
        "Belt and Road Initiative",
        "Silk Road Economic Belt",
        "Eurasian Economic Union",
        "Shanghai Cooperation Organization",
        "Zapad/Interaction-2021",
        "color revolution",
        "Collective Security Treaty Organization",
        "Three Evils",
    ):
        assert links[term].startswith(f"../{TERMS}.html#term-"), term
        first_mention = report.find(string=re.compile(re.escape(term)))
        assert first_mention.find_parent("a") is not None, f"the first mention of {term} is not the link"


def test_a_source_cited_again_in_the_next_note_gets_the_author_alone(site):
    """The report cited this work first; the bulletin counts its own citations: the full form at its
    first, and in the very next note, the author alone, the style's shortened form in place of ibid.
    (CMOS 17 14.34)."""
    notes = [n.find("p").get_text() for n in page(site, TERMS).select("aside.footnote")]
    assert notes[3].startswith(
        "Ministry of Foreign Affairs of China, “Wang Yi Speaks with Russian Foreign Minister Sergey Lavrov on the"
        " Phone,” January 11, 2022, https://www.fmprc.gov.cn/"
    )
    assert notes[4] == "Ministry of Foreign Affairs of China."


def pdf_links(path: Path) -> list[dict]:
    return [
        annotation.get_object().get("/A", {})
        for pdf_page in PdfReader(path).pages
        for annotation in pdf_page.get("/Annots", [])
    ]


def sibling_pdfs(path: Path) -> list[str]:
    """The links that open another PDF beside this one (GoToR), by its file name."""
    return [str(a["/F"]["/UF"]) for a in pdf_links(path) if a.get("/S") == "/GoToR"]


@pytest.mark.parametrize("bulletin", BULLETINS)
def test_bulletin_pdfs_link_to_the_report_pdf_with_readable_labels(site, bulletin):
    path = site.pdf / f"{Path(bulletin).name}.pdf"
    files = set(sibling_pdfs(path))
    assert files == {"deepening-russia-china-relations.pdf"}
    assert all((site.pdf / name).is_file() for name in files)
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Accompanies: Research Report FY 2021-#6" in text
    assert (
        "(Research Report FY 2021-#6, section 1)" in text
        or "(Research Report FY 2021-#6, Introduction)" in text
    )
    assert "??" not in text


def test_report_pdf_links_its_terms_to_the_glossary_pdf(site):
    files = sibling_pdfs(site.pdf / "deepening-russia-china-relations.pdf")
    assert set(files) == {"key-terms.pdf", "chronology-june-2021-january-2022.pdf"}
    assert files.count("key-terms.pdf") >= 8  # a link broken across lines has one area a line


@pytest.mark.parametrize(("docname", "works"), [(REPORT, 10), (CHRONOLOGY, 9), (TERMS, 4)])
def test_each_bibliography_lists_the_works_its_publication_cites(site, docname, works):
    article = page(site, docname)
    cited = {a["href"].split("#")[1] for a in article.select("aside.footnote .bibtex-citation a.internal")}
    entries = {div["id"] for div in article.select("div.citation")}
    assert entries == cited
    assert len(entries) == works
