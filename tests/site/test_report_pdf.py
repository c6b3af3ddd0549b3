"""The report's PDF: the manuscript's text, notes at the foot of their pages, one bibliography,
bookmarks, working links, embedded fonts, Cyrillic as text, metadata."""

from __future__ import annotations

import re
import subprocess

import pytest
from pypdf import PdfReader

from .. import pdfua
from . import manuscript

SLUG = "deepening-russia-china-relations"
TASS_TITLE = "Лавров заявил, что миссия США в Афганистане провалилась"


@pytest.fixture(scope="module")
def pdf_path(site):
    return site.pdf / f"{SLUG}.pdf"


@pytest.fixture(scope="module")
def reader(pdf_path):
    return PdfReader(pdf_path)


@pytest.fixture(scope="module")
def pages(pdf_path, reader) -> list[str]:
    """Each page's text, as pdftotext reads it."""
    return [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(pdf_path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, len(reader.pages) + 1)
    ]


NOTE = re.compile(r"^(\d+)(?=[^\d\s.,:;)])")  # "2For China's …": the note's number, then its text


def split_pages(pages: list[str]) -> list[tuple[str, dict[int, str]]]:
    """Each page's body text and its notes by number.

    pdftotext begins each note with its number ("2For China's …"), after the
    body; the page number is on the last line. The notes run on from page to
    page, so a page's notes begin at the line that begins with the next
    note's number.
    """
    split, following = [], 1
    for page in pages:
        lines = page.strip().splitlines()[:-1]
        starts = [i for i, line in enumerate(lines) if (m := NOTE.match(line)) and int(m[1]) == following]
        if not starts:
            split.append(("\n".join(lines), {}))
            continue
        notes: dict[int, list[str]] = {}
        for line in lines[starts[0] :]:
            match = NOTE.match(line)
            if match and int(match[1]) == following:
                notes[following] = [line[match.end() :]]
                following += 1
            else:
                notes[following - 1].append(line)
        split.append(("\n".join(lines[: starts[0]]), {n: " ".join(text) for n, text in notes.items()}))
    return split


def test_the_site_serves_the_same_pdf(site, pdf_path):
    assert (site.html / "pdf" / f"{SLUG}.pdf").read_bytes() == pdf_path.read_bytes()


def test_page_numbers_from_one_at_the_foot_of_every_page(pages):
    assert [page.strip().splitlines()[-1] for page in pages] == [str(n) for n in range(1, len(pages) + 1)]


def test_a4_with_title_and_author_in_metadata(reader):
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert reader.metadata.title == "Deepening Russia-China Relations – Russia’s Growing Presence"
    assert reader.metadata.author == "Jun Kumakura"


def test_title_block_on_the_first_page(pages):
    first = " ".join(pages[0].split())
    for part in (
        "Research Reports",
        "FY 2021-#6",
        "February 16, 2022",
        "Jun Kumakura",
        "(Associate Professor, Faculty of Law, Hosei University)",
        "Research Group on ‘Russia in an Era of Great Power Competition’",
    ):
        assert part in first


def test_every_paragraph_of_the_manuscript(pages):
    body = manuscript.normalize("".join(body for body, _ in split_pages(pages)))
    body = re.sub(r"(?<=\D[.,”\"])[1-8](?!\d)", "", body)  # the note markers
    for paragraph in manuscript.body_paragraphs():
        assert manuscript.normalize(paragraph) in body, paragraph[:80]


def test_notes_at_the_foot_of_the_page_that_calls_them(pages):
    split = split_pages(pages)
    for n, anchor in enumerate(manuscript.note_anchors(), start=1):
        marker = manuscript.normalize(anchor)[-25:] + str(n)
        on_page = [notes for body, notes in split if marker in manuscript.normalize(body)]
        assert len(on_page) == 1, f"the marker of note {n} is not found once"
        assert n in on_page[0], f"note {n} is not at the foot of its marker's page"
    assert "(All quotes in this article last viewed on January 27)" in split[0][1][1]


def test_cyrillic_is_real_text(pages):
    assert TASS_TITLE in " ".join(" ".join(pages).split())


def test_one_bibliography_at_the_end(pages):
    text = "".join(pages)
    assert text.count("Bibliography") == 1
    tail = text[text.index("Bibliography") :]
    assert "Kumakura, Jun. “China’s Deepening Involvement" in " ".join(tail.split())
    assert "ИТАР-ТАСС. “" + TASS_TITLE in " ".join(tail.split())


def test_bookmarks(reader):
    """The title (the one first-level heading), and under it the sections."""
    title, sections = reader.outline
    assert title.title == reader.metadata.title
    assert [item.title for item in sections] == [
        "Introduction",
        "1. Afghanistan issue and Russia-China relations",
        "2. The Kazakhstan problem and Russia-China relations",
        "Conclusion",
        "Bibliography",
    ]


def test_links_to_the_web_and_within_the_document(reader):
    uris, internal = set(), 0
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            action = annotation.get_object().get("/A", {})
            if action.get("/S") == "/URI":
                uris.add(action["/URI"])
            elif action.get("/S") == "/GoTo" or "/Dest" in annotation.get_object():
                internal += 1
    assert "https://tass.ru/politika/11921031" in uris
    assert "https://www.jiia.or.jp/pdf/research/R02_Russia/08-kumakura.pdf" in uris
    # 8 note markers, 10 references to bibliography entries, the notes' back-links
    assert internal >= 18


def test_every_font_embedded(pdf_path):
    fonts = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[-5] == "yes", row  # the "emb" column


def test_tagged_accessible_pdf_with_the_russian_title_marked_russian(pdf_path):
    """PDF/UA-1 and PDF/A-2a (Typst checked as it wrote), and what pikepdf can read of it; the TASS
    title, in the fifth note and in the bibliography, in Russian for a screen reader."""
    assert pdfua.problems(pdf_path) == []
    assert pdfua.language(pdf_path) == "en"
    assert pdfua.content_languages(pdf_path).get("ru") == 2
    assert len(pdfua.notes(pdf_path)) == len(manuscript.note_anchors())
