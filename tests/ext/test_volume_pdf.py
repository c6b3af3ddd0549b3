"""The annual volume, typeset by the Typst builder from the publications' own bodies: read as a reader
would, in its printed page numbers, its contents, its page ranges, links, bookmarks and tags."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader
from series.volume import volume_title
from sphinx.testing.util import SphinxTestApp

from .. import pdfua

# A first report long enough for two pages, so that the bulletin after it starts on a right-hand page
# with no blank before it, and the second report after the one-page bulletin has one.
LONG = "\n\n".join(f"Paragraph {n} of the first report, which goes on. " * 8 for n in range(1, 14))


@pytest.fixture(scope="module")
def out(tmp_path_factory, rootdir):
    source = tmp_path_factory.mktemp("volume")
    shutil.copytree(rootdir / "test-series", source, dirs_exist_ok=True)
    first = source / "reports" / "first.md"
    first.write_text(first.read_text(encoding="utf-8") + "\n## More\n\n" + LONG + "\n", encoding="utf-8")
    later = source / "reports" / "later.md"
    later.write_text(
        (source / "reports" / "second.md")
        .read_text(encoding="utf-8")
        .replace("FY 2030-#2", "FY 2031-#1")
        .replace("2030-09-01", "2031-05-01")
        .replace("# The Second Report", "# A Later Report"),
        encoding="utf-8",
    )
    app = SphinxTestApp("typst", srcdir=source, builddir=source / "_build")
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == ""
    return app.outdir


def texts(path, *options) -> list[str]:
    """Each page's text as pdftotext reads it."""
    run = subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True)
    return run.stdout.split("\f")[:-1]


def page_numbers(path) -> list[str]:
    """The last line of each page as laid out: the printed page number, or what stands there."""
    return [(page.strip().splitlines() or [""])[-1].strip() for page in texts(path, "-layout")]


def volume(out, year=2030) -> dict:
    return json.loads((out / f"volume-{year}.json").read_text("utf-8"))


def test_one_pdf_per_publication_and_one_volume_per_fiscal_year(out):
    assert sorted(p.name for p in out.glob("*.pdf")) == [
        "first.pdf",
        "later.pdf",
        "second.pdf",
        "terms.pdf",
        "volume-2030.pdf",
        "volume-2031.pdf",
    ]
    assert sorted(p.name for p in out.glob("volume-*.json")) == ["volume-2030.json", "volume-2031.json"]


def test_volume_json_gives_each_publications_pages_in_date_order(out):
    data = volume(out)
    assert (data["fiscal_year"], data["title"]) == (2030, volume_title(2030))
    # title page, its back, contents, a blank; first (2 pages) from 5; terms from 7; a blank; second from 9
    assert [(p["docname"], p["first_page"], p["last_page"]) for p in data["publications"]] == [
        ("reports/first", 5, 6),
        ("bulletins/terms", 7, 7),
        ("reports/second", 9, 9),
    ]
    assert data["publications"][1] == {
        "docname": "bulletins/terms",
        "number": "FY 2030-#1, companion 1",
        "label": "Research Bulletin FY 2030-#1, companion 1",
        "title": "Terms of the First Report",
        "first_page": 7,
        "last_page": 7,
    }


def test_each_title_appears_where_the_json_says(out):
    pages = texts(out / "volume-2030.pdf")
    for entry in volume(out)["publications"]:
        on = [n for n, page in enumerate(pages, start=1) if n > 3 and entry["title"] in page.splitlines()]
        assert on == [entry["first_page"]], entry["title"]


def test_volume_pages_numbered_through_except_title_page_and_blank_backs(out):
    assert len(PdfReader(out / "volume-2030.pdf").pages) == 9
    assert page_numbers(out / "volume-2030.pdf") == ["A Group", "", "3", "", "5", "6", "7", "", "9"]
    assert page_numbers(out / "volume-2031.pdf") == ["A Group", "", "3", "", "5"]


def test_each_publication_in_the_volume_is_its_own_pdf_numbered_on(out):
    pages = texts(out / "volume-2030.pdf", "-layout")
    for entry in volume(out)["publications"]:
        own = texts(out / f"{entry['docname'].split('/')[1]}.pdf", "-layout")
        in_volume = pages[entry["first_page"] - 1 : entry["last_page"]]
        assert [p.strip().splitlines()[:-1] for p in in_volume] == [p.strip().splitlines()[:-1] for p in own]
        assert page_numbers(out / f"{entry['docname'].split('/')[1]}.pdf") == [
            str(n) for n in range(1, len(own) + 1)
        ]


def test_contents_list_label_title_first_page_and_credit(out):
    contents = texts(out / "volume-2030.pdf", "-layout")[2]
    lines = [" ".join(line.split()) for line in contents.splitlines() if line.strip()]
    expected = [
        "Contents",
        "Research Report FY 2030-#1",
        r"The First Report( ?\.)+ ?5",
        "Ada Author",
        "Research Bulletin FY 2030-#1, companion 1",
        r"Terms of the First Report( ?\.)+ ?7",
        "Compiled by the series editors",
        "Research Report FY 2030-#2",
        r"The Second Report( ?\.)+ ?9",
        "Bo Writer",
        "3",
    ]
    assert len(lines) == len(expected), lines
    for line, pattern in zip(lines, expected, strict=True):
        assert re.fullmatch(pattern, line), (line, pattern)


def links(path) -> list[tuple[int, str, object]]:
    """(page, kind, target) of every link: a URI, or the number of the page an internal link reaches."""
    reader = PdfReader(path)
    numbers = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, start=1)}
    found = []
    for n, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            action = annotation.get("/A", {})
            if action.get("/S") == "/URI":
                found.append((n, "URI", str(action["/URI"])))
                continue
            if action.get("/S") == "/GoToR":  # another PDF, by its file name
                found.append((n, "GoToR", str(action["/F"]["/UF"])))
                continue
            destination = annotation.get("/Dest", action.get("/D"))
            if isinstance(destination, str):  # a named destination, as Typst writes them
                destination = reader.named_destinations[destination].dest_array
            found.append((n, "GoTo", numbers.get(destination[0].idnum)))
    return found


def test_references_between_publications_of_the_volume_are_internal(out):
    in_volume = links(out / "volume-2030.pdf")
    assert not [link for link in in_volume if link[1] in ("URI", "GoToR") and link[2].endswith(".pdf")]
    # terms (page 7) refers to the first report three times and to its sections, on pages 5 and 6
    from_terms = sorted({target for page, kind, target in in_volume if page == 7 and kind == "GoTo"})
    assert from_terms and set(from_terms) <= {5, 6, 7}
    # in the bulletin's own PDF, the same references open the report's PDF
    assert {target for _, kind, target in links(out / "terms.pdf") if kind == "GoToR"} == {"first.pdf"}


def test_volume_bookmarks_list_the_contents_and_each_publications_sections(out):
    reader = PdfReader(out / "volume-2030.pdf")

    def outline(items):
        return [
            outline(item)
            if isinstance(item, list)
            else (item.title, reader.get_destination_page_number(item) + 1)
            for item in items
        ]

    assert outline(reader.outline) == [
        ("Contents", 3),
        ("The First Report", 5),
        [("Introduction", 5), ("1. The argument", 5), ("2. More", 5)],
        ("Terms of the First Report", 7),
        ("The Second Report", 9),
    ]


def test_volume_metadata(out):
    reader = PdfReader(out / "volume-2030.pdf")
    assert reader.metadata.title == volume_title(2030)
    xmp = reader.xmp_metadata
    assert xmp.dc_creator == ["A Group"]
    assert [d.date() for d in xmp.dc_date] == [datetime.date(2030, 9, 1)]  # its last publication's
    volumes = xmp.get_element("", "http://prismstandard.org/namespaces/basic/2.2/", "volume")
    assert [node.firstChild.data for node in volumes] == ["FY 2030"]


@pytest.mark.parametrize("name", ["first.pdf", "terms.pdf", "volume-2030.pdf", "volume-2031.pdf"])
def test_every_pdf_is_tagged_accessible_and_embeds_its_fonts(out, name):
    assert pdfua.problems(out / name) == []
    rows = subprocess.run(["pdffonts", str(out / name)], capture_output=True, text=True, check=True).stdout
    rows = rows.splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[-5] == "yes", row  # the "emb" column
