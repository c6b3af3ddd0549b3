"""What a reader downloads: the report's page with what it loads, and each publication's PDF."""

from __future__ import annotations

import gzip
import re
import subprocess
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

REPORT = "reports/deepening-russia-china-relations.html"
FONT = re.compile(r"\.(woff2?|ttf|otf|eot)$")


def local(base, url: str):
    """The file a relative URL of the site names, or None for another site's."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return (base / unquote(parts.path)).resolve()


def what_the_page_loads(site) -> set:
    """The page, its style sheets and scripts, and the fonts those style sheets load."""
    page = site.html / REPORT
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    files = {page}
    for tag in soup.select("link[rel~=stylesheet][href], script[src]"):
        path = local(page.parent, tag.get("href") or tag.get("src"))
        if path is not None:
            files.add(path)
    for css in [f for f in files if f.suffix == ".css"]:
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            path = local(css.parent, url)
            if path is not None and FONT.search(path.name):
                files.add(path)
    return files


def test_the_report_page_with_its_css_js_and_fonts_is_at_most_40_kb_gzipped(site):
    files = what_the_page_loads(site)
    assert all(f.is_file() for f in files), sorted(str(f) for f in files if not f.is_file())
    sizes = {f.relative_to(site.html).as_posix(): len(gzip.compress(f.read_bytes(), 9)) for f in files}
    assert any(name.endswith(".css") for name in sizes) and any(name.endswith(".js") for name in sizes)
    assert sum(sizes.values()) <= 40_000, sizes


def publication_pdfs(site) -> list:
    pdfs = [p for p in site.pdf.glob("*.pdf") if not p.name.startswith("volume-")]
    assert len(pdfs) >= 3
    return pdfs


def test_each_publication_pdf_is_at_most_250_kb(site):
    sizes = {p.name: p.stat().st_size for p in publication_pdfs(site)}
    assert max(sizes.values()) <= 250_000, sizes


def test_each_publication_pdf_embeds_only_subsets_of_its_fonts(site):
    for pdf in publication_pdfs(site):
        listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        fonts = listing.splitlines()[2:]
        assert fonts, pdf.name
        # The columns: name, type (one or two words), encoding, emb, sub, uni, object ID.
        assert all(re.search(r"\byes\s+yes\s+(yes|no)\s+\d+\s+\d+$", font) for font in fonts), listing
