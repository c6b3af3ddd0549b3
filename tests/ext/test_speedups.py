"""The speed-ups around sphinxcontrib-bibtex change nothing a reader sees (speedups.py)."""

from __future__ import annotations

import math

import pytest
import sphinxcontrib.bibtex.bibfile
from bs4 import BeautifulSoup
from sphinx.testing.util import _clean_up_global_state


def main_content(app, page: str) -> str:
    soup = BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "lxml")
    return str(soup.select_one("div.body, article") or soup.body)


@pytest.mark.parametrize(
    ("root", "pages"), [("csl-notes", ["index"]), ("meta", ["reports/hostile", "bulletins/terms"])]
)
def test_the_same_pages_with_and_without_the_speedups(make_app, rootdir, tmp_path, root, pages):
    built = {}
    for on in (True, False):
        srcdir = tmp_path / f"{root}-{on}"
        srcdir.mkdir()
        for path in (rootdir / f"test-{root}").rglob("*"):
            target = srcdir / path.relative_to(rootdir / f"test-{root}")
            target.parent.mkdir(parents=True, exist_ok=True)
            if path.is_file():
                target.write_bytes(path.read_bytes())
        app = make_app("html", srcdir=srcdir, confoverrides={"citations_speedups": on})
        app.build()
        assert app.warning.getvalue() == ""
        built[on] = {page: main_content(app, page).replace(f"{root}-{on}", root) for page in pages}
        _clean_up_global_state()
    assert built[True] == built[False]


def test_the_library_still_parses_through_its_module_function(monkeypatch, tmp_path):
    """speedups.py puts bibcache.parse_bibdata in place of sphinxcontrib.bibtex.bibfile.parse_bibdata,
    written against sphinxcontrib-bibtex 2.7.0: this fails if process_bibdata stops calling it."""
    called = []
    monkeypatch.setattr(sphinxcontrib.bibtex.bibfile, "parse_bibdata", lambda *args: called.append(args))
    empty = sphinxcontrib.bibtex.bibfile.BibData(encoding="", bibfiles={}, data=None)
    sphinxcontrib.bibtex.bibfile.process_bibdata(empty, [tmp_path / "refs.bib"], "utf-8")
    assert called == [([tmp_path / "refs.bib"], "utf-8")]
    assert math.isinf(sphinxcontrib.bibtex.bibfile.get_mtime(tmp_path / "refs.bib"))
