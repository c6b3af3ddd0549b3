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


def test_each_publication_stands_on_the_pages_the_json_gives(site):
    data = json.loads((site.pdf / "volume-2021.json").read_text("utf-8"))
    volume = pages(site.pdf / "volume-2021.pdf")
    entries = data["publications"]
    assert [e["docname"] for e in entries] == [
        "reports/deepening-russia-china-relations",
        "bulletins/chronology-june-2021-january-2022",
        "bulletins/key-terms",
    ]
    assert entries[0]["first_page"] == 5  # after the title page, its back, the contents and a blank
    assert len(volume) == entries[-1]["last_page"]
    for entry in entries:
        own = pages(site.pdf / f"{entry['docname'].rsplit('/', 1)[1]}.pdf")
        in_volume = volume[entry["first_page"] - 1 : entry["last_page"]]
        assert entry["first_page"] % 2 == 1  # each starts on a right-hand page
        # the same pages as the publication's own PDF, numbered on through the volume
        assert [page[:-1] for page in in_volume] == [page[:-1] for page in own]
        assert [page[-1] for page in in_volume] == [
            str(n) for n in range(entry["first_page"], entry["last_page"] + 1)
        ]
