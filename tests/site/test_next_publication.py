"""The next publication: added with `make new` to a copy of the series, by two authors, each with an
affiliation, citing a book and a Japanese work. Its page and its PDF are checked as the report's are,
from its own model, and what the site says of the series counts it."""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path

import new
import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader
from series.model import Publication

from .. import images, pdftext
from ..builds import sphinx_build
from ..conftest import ROOT
from . import series_model

AUTHORS = [
    {"name": "Ada Author", "affiliation": "Professor, Faculty of Law, First University"},
    {"name": "Bo Writer", "affiliation": "Research Fellow, The Second Institute"},
]
# Works of the next publication, in a BibTeX file of its own (the test's, not the series').
WORKS = r"""
@book{stent-2019-putins-world,
  author    = {Stent, Angela},
  title     = {Putin's World: Russia {against} the West and with the Rest},
  date      = {2019},
  publisher = {Twelve},
  location  = {New York},
  langid    = {english},
}
@book{test-2020-nihon-gaiko,
  author    = {山田, 太郎},
  title     = {日本の外交 [Japan's diplomacy]},
  date      = {2020},
  publisher = {Iwanami Shoten},
  location  = {Tokyo},
  langid    = {japanese},
}
"""
BODY = """
## Introduction

A first claim.[^first] A second claim.[^second] The first again.[^again] {numref}`two-authors-figure`
shows one thing and {numref}`two-authors-table` another.

:::{figure} figures/two-authors.png
:name: two-authors-figure
:alt: A white square.

What the figure shows.
:::

:::{table} What the table shows.
:name: two-authors-table

| Year | Count |
|------|-------|
| 2021 | 1     |
:::

[^first]: {cite:note}`stent-2019-putins-world{12}`.

[^second]: See {cite:note}`test-2020-nihon-gaiko`.

[^again]: {cite:note}`stent-2019-putins-world{15}`.

{.unnumbered}
## Bibliography

```{bibliography}
```
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Publication]:
    folder = tmp_path_factory.mktemp("next")
    source = folder / "source"
    subprocess.run(["cp", "-a", str(ROOT / "source"), str(source)], check=True)
    bib = folder / "references.bib"
    bib.write_text((ROOT / "references.bib").read_text(encoding="utf-8") + WORKS, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(new, "SOURCE", source)
        patch.setattr(new, "ROOT", folder)
        path = new.new("report", "two-authors", "Two Authors on One Question", datetime.date(2022, 3, 1))
    head, _, rest = path.read_text(encoding="utf-8").partition("\n---\n")
    data = yaml.safe_load(head.removeprefix("---\n"))
    data["publication"]["authors"] = AUTHORS
    label_and_title = rest[: rest.index("\n", rest.index("\n# ") + 1)]  # "(fy2021-7)=\n# Title"
    title = label_and_title.split("\n# ", 1)[1]
    front = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n"
    path.write_text(front + label_and_title + "\n" + BODY, encoding="utf-8")
    (path.parent / "figures").mkdir(exist_ok=True)
    (path.parent / "figures" / "two-authors.png").write_bytes(images.png())
    env = {**os.environ, "SERIES_BIBFILE": str(bib), "SOURCE_DATE_EPOCH": "1644969600"}
    for builder in ("html", "typst"):
        doctrees = str(folder / "doctrees" / builder)
        result = sphinx_build(
            builder, source, folder / builder, "-c", str(ROOT), "-q", "-d", doctrees, env=env
        )
        assert result.returncode == 0, result.stderr
    publication = Publication.from_front_matter(
        data["publication"], title=title, docname="reports/two-authors", group="G"
    )
    return folder, publication


def page(folder: Path) -> BeautifulSoup:
    return BeautifulSoup(
        (folder / "html" / "reports" / "two-authors.html").read_text(encoding="utf-8"), "lxml"
    )


def test_the_title_block_names_every_author_with_an_affiliation(built):
    folder, publication = built
    header = page(folder).select_one(".publication-header").get_text(" ", strip=True)
    for person in publication.authors:
        assert person.name in header and person.affiliation in header


def test_the_metadata_names_every_author(built):
    folder, publication = built
    soup = page(folder)
    assert [m["content"] for m in soup.select('meta[name="citation_author"]')] == [
        "Ada Author",
        "Bo Writer",
    ]
    assert soup.select_one(".cite-this-text").get_text().startswith("Author, Ada, and Bo Writer. ")


def test_the_notes_in_the_style(built):
    folder, _ = built
    notes = [" ".join(n.find("p").get_text().split()) for n in page(folder).select("aside.footnote")]
    assert notes == [
        "Angela Stent, Putin’s World: Russia against the West and with the Rest (New York: Twelve, 2019), 12.",
        "See 山田太郎, 日本の外交 [Japan’s diplomacy] (Tokyo: Iwanami Shoten, 2020).",
        "Stent, Putin’s World, 15.",
    ]


def test_the_pdf_has_every_author_with_an_affiliation(built):
    folder, publication = built
    pdf = folder / "typst" / "two-authors.pdf"
    first_page = pdftext.normalized(pdftext.text(pdf).split("\f")[0])
    for person in publication.authors:
        assert pdftext.normalized(person.name) in first_page
        assert pdftext.normalized(person.affiliation) in first_page
    assert PdfReader(pdf).xmp_metadata.dc_creator == [person.name for person in publication.authors]


def test_the_pdf_shows_the_japanese_title(built):
    """In Noto Serif CJK, which Typst falls back to at those characters (FreeSerif has none)."""
    folder, _ = built
    pdf = folder / "typst" / "two-authors.pdf"
    assert "山田太郎. 日本の外交 [Japan’s diplomacy]" in " ".join(pdftext.text(pdf).split())
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "NotoSerifCJK" in fonts


def test_the_figure_and_the_table_are_numbered_in_the_publication(built):
    """Figure 1 and Table 1 of this publication, whatever the series numbered before it; {numref} says
    the same and links to them, on the page and in the PDF."""
    folder, _ = built
    article = page(folder).find("article")
    assert article.select_one("figure .caption-number").get_text(strip=True) == "Figure 1"
    assert article.select_one("table caption .caption-number").get_text(strip=True) == "Table 1"
    references = {a.get_text(): a["href"] for a in article.select("a.reference.internal:has(.std-numref)")}
    assert references == {"Figure 1": "#two-authors-figure", "Table 1": "#two-authors-table"}
    text = " ".join(pdftext.text(folder / "typst" / "two-authors.pdf").split())
    assert "Figure 1 shows one thing and Table 1 another." in text
    assert "Figure 1: What the figure shows." in text and "Table 1: What the table shows." in text


def test_the_landing_page_lists_it_with_the_series(built):
    folder, publication = built
    series = series_model.read_series(folder / "source")
    assert publication.docname in series.publications
    series_model.check_listing(folder / "html", folder / "typst", folder / "source", series)


def test_the_feed_lists_it_with_the_series(built):
    folder, _ = built
    series_model.check_feed(folder / "html", folder / "typst", series_model.read_series(folder / "source"))


def test_every_page_of_the_series_carries_its_citation_tags(built):
    folder, _ = built
    for publication in series_model.read_series(folder / "source").publications.values():
        series_model.check_citation_tags(folder / "html", folder / "typst", publication)
