"""series.volume on tiny publications typeset by XeLaTeX as Sphinx's would be: hyperref links
and bookmarks, a footnote, no page numbers. Checks the stamped PDFs and the volumes as a reader
would: printed numbers, contents, page ranges, links, bookmarks, fonts."""

from __future__ import annotations

import datetime
import json
import re
import subprocess

import pytest
from pypdf import PdfReader
from series.model import Person, Publication
from series.volume import VolumeError, main, typeset

# Both use the same names for their own places ("end", "Hfootnote.1", "section.1"),
# as every Sphinx PDF does: in the volume each link must still reach its own publication.
TINY = r"""\documentclass[a4paper,11pt,twoside]{article}
\usepackage{fontspec}
\setmainfont{FreeSerif}[Extension=.otf, UprightFont=*, ItalicFont=*Italic, BoldFont=*Bold]
\usepackage{hyperref}
\hypersetup{pdftitle={%(title)s}, pdfauthor={%(author)s}}
\pagestyle{empty}
\begin{document}
\section{%(title)s}
The first page of %(slug)s.\footnote{A note of %(slug)s.}
See \href{https://example.org/%(slug)s}{its page on the web} and \hyperlink{end}{its last page}.
%(more)s
\hypertarget{end}{}\section{The end of %(slug)s}
\end{document}
"""

PUBLICATIONS = {
    # slug: (title as LaTeX writes it, number, date, pages)
    "alpha": (r"Alpha \& Omega", "FY 2030-#2", "2031-03-01", 2),
    "beta": ("Beta", "FY 2030-#1", "2030-06-01", 3),
    "gamma": ("Gamma", "FY 2031-#1", "2031-05-01", 1),
}


def publication(slug: str) -> Publication:
    title, number, date, _ = PUBLICATIONS[slug]
    return Publication(
        kind="report",
        series="Research Reports",
        group="Research Group",
        number=number,
        date=datetime.date.fromisoformat(date),
        title=title.replace("\\", ""),
        authors=(Person(name=f"Author of {slug}"),),
        docname=f"reports/{slug}",
    )


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    """What series.volume makes from the tiny publications."""
    latex = tmp_path_factory.mktemp("latex")
    for slug, (title, _, _, pages) in PUBLICATIONS.items():
        # a page per section: the first, one "More of" for each page in between, the end
        more = rf"\section{{More of {slug}}}\newpage" * (pages - 2)
        more = rf"\newpage{more}" if pages > 1 else ""
        source = TINY % {"title": title, "author": f"Author of {slug}", "slug": slug, "more": more}
        for _ in range(2):  # hyperref writes the bookmarks on the second run
            typeset(source, slug, latex)
    data = {"publications": [publication(slug).to_json() for slug in PUBLICATIONS]}
    (latex / "publications.json").write_text(json.dumps(data), "utf-8")
    out = tmp_path_factory.mktemp("pdf")
    assert main([str(latex), str(out)]) == 0
    return out


def texts(path, *options) -> list[str]:
    """Each page's text as pdftotext reads it."""
    run = subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True)
    return run.stdout.split("\f")[:-1]


def page_numbers(path) -> list[str]:
    """The last line of each page as laid out: the printed page number, or what stands there."""
    return [(page.strip().splitlines() or [""])[-1].strip() for page in texts(path, "-layout")]


def links(reader: PdfReader) -> list[tuple[int, str, object]]:
    """(page number, kind, target) of every link: a URI, or the number of the page a GoTo reaches."""
    numbers = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, start=1)}
    found = []
    for n, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots", []):
            action = annotation.get_object()["/A"]
            if action["/S"] == "/URI":
                found.append((n, "URI", action["/URI"]))
            else:
                destination = action["/D"]  # a name (as XeLaTeX writes it) or [page, ...]
                if isinstance(destination, str):
                    destination = reader.named_destinations[destination].dest_array
                target = destination[0]
                found.append((n, "GoTo", numbers.get(target.idnum)))
    return found


def outline(reader: PdfReader, items=None) -> list:
    """The bookmarks as (title, page number), nested in lists."""
    items = reader.outline if items is None else items
    return [
        outline(reader, item)
        if isinstance(item, list)
        else (item.title, reader.get_destination_page_number(item) + 1)
        for item in items
    ]


def test_one_pdf_per_publication_and_one_volume_per_fiscal_year(out):
    assert sorted(p.name for p in out.iterdir()) == [
        "alpha.pdf",
        "beta.pdf",
        "gamma.pdf",
        "volume-2030.json",
        "volume-2030.pdf",
        "volume-2031.json",
        "volume-2031.pdf",
    ]


def test_volume_json_gives_each_publications_pages_in_date_order(out):
    data = json.loads((out / "volume-2030.json").read_text("utf-8"))
    assert data["fiscal_year"] == 2030
    assert data["title"] == "Research Reports and Research Bulletins, FY 2030"
    # title page, its back, contents; beta (3 pages) from 5; a blank left-hand page; alpha from 9
    assert [(p["docname"], p["first_page"], p["last_page"]) for p in data["publications"]] == [
        ("reports/beta", 5, 7),
        ("reports/alpha", 9, 10),
    ]
    assert data["publications"][1] == {
        "docname": "reports/alpha",
        "number": "FY 2030-#2",
        "label": "Research Report FY 2030-#2",
        "title": "Alpha & Omega",
        "first_page": 9,
        "last_page": 10,
    }


def test_each_title_appears_where_the_json_says(out):
    pages = texts(out / "volume-2030.pdf")
    for entry in json.loads((out / "volume-2030.json").read_text("utf-8"))["publications"]:
        on = [n for n, page in enumerate(pages, start=1) if n > 3 and entry["title"] in page]
        assert on == [entry["first_page"]], entry["title"]
        slug = entry["docname"].split("/")[-1]
        end = [n for n, page in enumerate(pages, start=1) if f"The end of {slug}" in page]
        assert end == [entry["last_page"]], entry["title"]


def test_volume_pages_numbered_through_except_title_page_and_blank_backs(out):
    assert len(PdfReader(out / "volume-2030.pdf").pages) == 10
    assert page_numbers(out / "volume-2030.pdf") == [
        "Research Group",
        "",
        "3",
        "",
        "5",
        "6",
        "7",
        "",
        "9",
        "10",
    ]


def test_contents_list_label_title_credit_and_first_page(out):
    contents = texts(out / "volume-2030.pdf", "-layout")[2]
    lines = [" ".join(line.split()) for line in contents.splitlines() if line.strip()]
    expected = [
        "Contents",
        "Research Report FY 2030-#1",
        r"Beta( \.)+ 5",
        "Author of beta",
        "Research Report FY 2030-#2",
        r"Alpha & Omega( \.)+ 9",
        "Author of alpha",
        "3",
    ]
    assert len(lines) == len(expected)
    for line, pattern in zip(lines, expected, strict=True):
        assert re.fullmatch(pattern, line), (line, pattern)


def test_volume_links_reach_the_web_and_their_own_publications_pages(out):
    assert sorted(links(PdfReader(out / "volume-2030.pdf"))) == [
        # beta: note marker, "its last page", web page
        (5, "GoTo", 5),
        (5, "GoTo", 7),
        (5, "URI", "https://example.org/beta"),
        # alpha, with the same destination names
        (9, "GoTo", 9),
        (9, "GoTo", 10),
        (9, "URI", "https://example.org/alpha"),
    ]


def test_volume_bookmarks_nest_each_publications_own(out):
    assert outline(PdfReader(out / "volume-2030.pdf")) == [
        ("Contents", 3),
        ("Beta", 5),
        [("Beta", 5), ("More of beta", 6), ("The end of beta", 7)],
        ("Alpha & Omega", 9),
        [("Alpha & Omega", 9), ("The end of alpha", 10)],
    ]


def test_volume_metadata_and_a_second_year(out):
    title = PdfReader(out / "volume-2030.pdf").metadata.title
    assert title == "Research Reports and Research Bulletins, FY 2030"
    assert page_numbers(out / "volume-2031.pdf") == ["Research Group", "", "3", "", "5"]


def test_publication_pdf_numbered_from_one_links_bookmarks_metadata_kept(out):
    reader = PdfReader(out / "beta.pdf")
    assert page_numbers(out / "beta.pdf") == ["1", "2", "3"]
    assert (reader.metadata.title, reader.metadata.author) == ("Beta", "Author of beta")
    assert sorted(links(reader)) == [(1, "GoTo", 1), (1, "GoTo", 3), (1, "URI", "https://example.org/beta")]
    assert outline(reader) == [("Beta", 1), ("More of beta", 2), ("The end of beta", 3)]


@pytest.mark.parametrize("name", ["alpha.pdf", "volume-2030.pdf", "volume-2031.pdf"])
def test_every_font_embedded(out, name):
    rows = subprocess.run(["pdffonts", str(out / name)], capture_output=True, text=True, check=True).stdout
    rows = rows.splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[-5] == "yes", row  # the "emb" column


def test_a_missing_pdf_is_named(tmp_path, capsys):
    data = {"publications": [publication("beta").to_json()]}
    (tmp_path / "publications.json").write_text(json.dumps(data), "utf-8")
    assert main([str(tmp_path), str(tmp_path / "out")]) == 1
    assert f"{tmp_path / 'beta.pdf'}: missing" in capsys.readouterr().err


def test_a_xelatex_error_names_the_file_and_the_error(tmp_path):
    with pytest.raises(VolumeError, match=r"broken\.tex \(see .*broken\.log\): ! Undefined control sequence"):
        typeset(r"\documentclass{article}\begin{document}\nosuchmacro\end{document}", "broken", tmp_path)


def test_a_run_killed_half_way_is_not_taken_for_done(tmp_path):
    """A kill after the new .tex was written leaves it beside the old PDF: typeset again."""
    from series.volume import typeset_again_if_changed

    first = r"\documentclass{article}\begin{document}First contents.\end{document}"
    second = first.replace("First", "Second")
    typeset_again_if_changed(first, "front", tmp_path)
    (tmp_path / "front.tex").write_text(second, "utf-8")  # as typeset writes it, before XeLaTeX is killed
    reader = typeset_again_if_changed(second, "front", tmp_path)
    assert "Second contents." in reader.pages[0].extract_text()
    again = typeset_again_if_changed(second, "front", tmp_path)
    assert "Second contents." in again.pages[0].extract_text()
