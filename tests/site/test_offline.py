"""The build needs no network: it passes with networking off, and no page loads anything from elsewhere."""

from __future__ import annotations

import shutil
import subprocess
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from ..conftest import ROOT


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs util-linux's unshare")
def test_the_whole_build_passes_with_networking_off(tmp_path):
    probe = subprocess.run(["unshare", "--net", "true"], capture_output=True, text=True)
    assert probe.returncode == 0, f"cannot make a network namespace here: {probe.stderr}"
    build = subprocess.run(
        ["unshare", "--net", "--", "make", "--no-print-directory", "html", "pdf", f"BUILD={tmp_path}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    assert (tmp_path / "pdf" / "volume-2021.pdf").is_file()


def test_no_page_loads_anything_from_another_host(site):
    """Scripts, stylesheets, fonts, icons and images all come with the site (no CDN)."""
    loads = "script[src], link[rel~=stylesheet], link[rel~=preload], link[rel~=icon], img[src], iframe[src]"
    for page in site.html.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        elsewhere = [
            url for tag in soup.select(loads) if urlsplit(url := tag.get("src") or tag.get("href")).netloc
        ]
        assert elsewhere == [], page
