"""The report's page: its text is the manuscript's, its notes and bibliography Chicago's."""

from __future__ import annotations

import re
from pathlib import Path

import pybtex.database
import pytest
from bs4 import BeautifulSoup

from . import manuscript

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "source" / "reports" / "deepening-russia-china-relations.md"
PAGE = "reports/deepening-russia-china-relations.html"


def parse_article(site):
    return BeautifulSoup((site.html / PAGE).read_text(encoding="utf-8"), "lxml").find("article")


@pytest.fixture(scope="module")
def article(site):
    return parse_article(site)


def cited_keys() -> list[str]:
    return re.findall(r"\{cite:note\}`([^`]+)`", SOURCE.read_text(encoding="utf-8"))


def test_every_sentence_of_the_manuscript_is_on_the_page(site):
    body = parse_article(site).find("section")
    for note in body.select("aside.footnote, a.footnote-reference"):
        note.decompose()
    page = manuscript.normalize(body.get_text())
    for paragraph in manuscript.body_paragraphs():
        assert manuscript.normalize(paragraph) in page, paragraph[:80]


def test_sections_are_numbered_as_the_manuscript_numbers_them(article):
    headings = [h.get_text(" ", strip=True).rstrip(" ¶#") for h in article.find_all("h2")]
    assert headings == [
        "Introduction",
        "1. Afghanistan issue and Russia-China relations",
        "2. The Kazakhstan problem and Russia-China relations",
        "Conclusion",
        "Notes",
        "Bibliography",
    ]


def test_eight_notes_numbered_in_order_where_the_manuscript_puts_them(article):
    references = article.select("a.footnote-reference")
    assert [r.get_text(strip=True).strip("[]") for r in references] == [str(n) for n in range(1, 9)]
    for reference, anchor in zip(references, manuscript.note_anchors(), strict=True):
        before = ""
        for text in reference.find_all_previous(string=True):
            before = text + before
            if len(manuscript.normalize(before)) > 40:
                break
        assert manuscript.normalize(before).endswith(manuscript.normalize(anchor)[-30:]), anchor


def test_notes_keep_their_commentary_and_cite_every_work(article):
    notes = article.select("aside.footnote")
    assert len(notes) == 8
    text = [note.get_text(" ", strip=True) for note in notes]
    assert "(All quotes in this article last viewed on January 27)" in text[0]
    assert "see my paper below." in text[1]
    for title in (
        "China’s Deepening Involvement",
        "East Turkistan Islamic Movement",
        "China Seeks Engagement",
    ):
        assert title in text[1]
    assert "Лавров заявил, что миссия США в Афганистане провалилась" in text[4]


def test_each_note_has_a_back_link(article):
    for note in article.select("aside.footnote"):
        backlink = note.select_one("a[role=doc-backlink]")
        assert backlink is not None
        assert article.select_one(f"[id='{backlink['href'][1:]}']") is not None


def test_note_form_is_chicago(article):
    first = article.select("aside.footnote")[0].find("p").get_text()
    assert first == (
        "Jun Kumakura, “Russia-China Relations in 2020: The ‘Belt and Road Initiative’ and the Border"
        " Conflict between China and India,” in Report of the Study Group on “Russia in the Era of Great"
        " Power Competition” (Japan Institute of International Affairs, 2021), 79–84,"
        " https://www.jiia.or.jp/pdf/research/R02_Russia/08-kumakura.pdf."
        " (All quotes in this article last viewed on January 27)"
    )


def test_each_reference_in_a_note_links_to_its_bibliography_entry(article):
    links = [
        a
        for note in article.select("aside.footnote")
        for a in note.select("span.bibtex-citation > a.internal")
    ]
    assert len(links) == len(cited_keys()) == 10
    entries = {div["id"]: div for div in article.select("div.citation")}
    for link in links:
        entry = entries[link["href"].lstrip("#")]
        title = link.find(string=re.compile("“")).split("“")[1].rstrip(",”")
        assert title[:30] in entry.get_text()


def test_bibliography_holds_exactly_the_cited_works_sorted_by_author(article):
    bib = pybtex.database.parse_file(ROOT / "references.bib")
    entries = [div.get_text(" ", strip=True) for div in article.select("div.citation")]
    titles = {bib.entries[key].fields["title"].replace("{", "").replace("}", "") for key in cited_keys()}
    assert len(entries) == len(titles)
    for title in titles:  # the style sets an English title's case (CMOS 17 8.159)
        assert sum(title.casefold() in entry.casefold() for entry in entries) == 1, title
    # Sorted by author; the 3-em dash repeats the author of the entry before (CMOS 17 14.67).
    authors = []
    for entry in entries:
        author = entry.split(" ] ", 1)[-1].split(".")[0]
        authors.append(authors[-1] if author == "\N{EM DASH}" * 3 else author)
    assert authors == sorted(authors, key=str.casefold)
    assert len(set(authors)) < len(authors)  # Kumakura and the Ministry come more than once


def test_title_block(article, site):
    header = article.select_one(".publication-header").get_text(" ", strip=True)
    for part in (
        "Research Reports",
        "Research Group on ‘Russia in an Era of Great Power Competition’",
        "FY 2021-#6",
        "February 16, 2022",
        "Jun Kumakura",
        "Associate Professor, Faculty of Law, Hosei University",
        "“Research Reports” are compiled by participants in research groups",
    ):
        assert part in header
    assert article.find("h1").get_text(strip=True).rstrip("¶#") == (
        "Deepening Russia-China Relations – Russia’s Growing Presence"
    )
    pdf = article.select_one(".publication-pdf a")["href"]
    assert (site.html / "reports" / pdf).resolve().is_file()


def test_footer_names_the_copyright_holder(site):
    soup = BeautifulSoup((site.html / PAGE).read_text(encoding="utf-8"), "lxml")
    assert "2022, The Japan Institute of International Affairs" in soup.select_one(".copyright").get_text()
