"""The FY 2021 volume of the real site: the report on the pages its JSON gives, served by the site."""

from __future__ import annotations

import json
import subprocess


def test_the_site_serves_the_volume(site):
    assert (site.html / "pdf" / "volume-2021.pdf").read_bytes() == (site.pdf / "volume-2021.pdf").read_bytes()


def pages(path) -> list[list[str]]:
    """Each page's lines as pdftotext lays them out."""
    run = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    text = run.stdout
    return [[line.strip() for line in page.strip().splitlines()] for page in text.split("\f")[:-1]]


def test_the_report_stands_on_the_pages_the_json_gives(site):
    data = json.loads((site.pdf / "volume-2021.json").read_text("utf-8"))
    [entry] = data["publications"]
    assert (entry["docname"], entry["first_page"], entry["last_page"]) == (
        "reports/deepening-russia-china-relations", 5, 8,
    )
    volume = pages(site.pdf / "volume-2021.pdf")
    report = pages(site.pdf / "deepening-russia-china-relations.pdf")
    assert len(volume) == entry["last_page"]
    in_volume = volume[entry["first_page"] - 1 :]
    # the same pages as the report's own PDF, numbered on
    assert [page[:-1] for page in in_volume] == [page[:-1] for page in report]
    assert [page[-1] for page in in_volume] == ["5", "6", "7", "8"]
