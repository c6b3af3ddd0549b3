"""The build as a whole: clean, hands off its inputs, every link to a file of the site resolves,
and every link to a place on a page (#fragment) finds that place, on its own page or another."""

import gzip
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from ..conftest import ROOT, inputs_digest


def test_build_printed_no_warning(site):
    assert "WARNING" not in site.output
    assert "ERROR" not in site.output


def test_build_never_writes_into_its_inputs(site):
    assert inputs_digest() == site.inputs_before


def test_one_pdf_per_publication_and_one_volume_per_fiscal_year(site):
    sources = (ROOT / "source").glob("[rb][eu]*/*.md")  # reports/ and bulletins/
    expected = {f"{source.stem}.pdf" for source in sources} | {"volume-2021.pdf"}
    assert len(expected) >= 4
    assert {p.name for p in site.pdf.glob("*.pdf")} == expected


def test_published_site_holds_no_build_state(site):
    assert not (site.html / ".doctrees").exists()


def test_no_page_references_a_missing_file(site):
    missing = set()
    for page in site.html.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for tag in soup.select("[href], [src]"):
            url = urlsplit(tag.get("href") or tag.get("src"))
            if url.scheme or url.netloc or not url.path:
                continue
            if not (page.parent / unquote(url.path)).resolve().exists():
                missing.add(f"{page.relative_to(site.html)} -> {url.path}")
    assert missing == set()


def test_every_fragment_names_a_place_on_its_page(site):
    ids: dict = {}

    def places(page):
        if page not in ids:
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
            ids[page] = {tag["id"] for tag in soup.select("[id]")}
            ids[page] |= {tag["name"] for tag in soup.select("a[name]")}
        return ids[page]

    checked, missing = 0, set()
    for page in site.html.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for tag in soup.select("[href]"):
            url = urlsplit(tag["href"])
            if url.scheme or url.netloc or not url.fragment:
                continue
            target = (page.parent / unquote(url.path)).resolve() if url.path else page
            if target.suffix != ".html":
                continue
            checked += 1
            if not target.is_file() or unquote(url.fragment) not in places(target):
                missing.add(f"{page.relative_to(site.html)} -> {tag['href']}")
    assert checked > 300  # notes, citations, glossary terms, sections, the guide's examples
    assert missing == set()


def test_the_site_has_a_favicon(site):
    soup = BeautifulSoup((site.html / "index.html").read_text(encoding="utf-8"), "lxml")
    assert (site.html / soup.select_one("link[rel~=icon]")["href"]).is_file()


def test_previews_add_less_than_15_kb_gzipped(site):
    added = [site.html / "_static" / name for name in ("previews.js", "previews.css")]
    assert sum(len(gzip.compress(path.read_bytes(), 9)) for path in added) < 15_000
