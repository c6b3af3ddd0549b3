"""`make new`: a publication from the template builds with no warning and joins the listing;
mistakes are refused and nothing is overwritten."""

from __future__ import annotations

import datetime
import re

import new
import pytest
from bs4 import BeautifulSoup

from ..builds import sphinx_build
from ..conftest import ROOT


def build_html(source, out) -> None:
    """The site of ``source`` with the project's conf.py and flags; it must build without a warning."""
    build = sphinx_build("html", source, out, "-c", str(ROOT), "-q")
    assert build.returncode == 0, build.stderr


def test_next_number_follows_the_numbers_taken(new_source):
    assert new.next_number("report", 2021) == "FY 2021-#7"
    assert new.next_number("bulletin", 2021) == "FY 2021-#1"  # companions are not numbered in the sequence


@pytest.mark.parametrize("kind", ["report", "bulletin"])
def test_the_template_builds_without_warning_and_is_listed(new_source, tmp_path, kind):
    target = new.new(kind, "a-new-one", "A New One", datetime.date(2027, 5, 1))
    assert target == new_source / f"{kind}s" / "a-new-one.md"
    out = tmp_path / "html"
    build_html(new_source, out)
    listing = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "lxml")
    titles = [a.get_text() for a in listing.select(".publication-listing-title a")]
    assert "A New One" in titles
    assert "FY 2027-#1 · May 1, 2027" in listing.get_text()


def test_a_companion_bulletin_takes_its_reports_next_companion_number(new_source, tmp_path):
    target = new.new(
        "bulletin", "a-companion", "A Companion", datetime.date(2027, 5, 1), companion="FY 2021-#6"
    )
    text = target.read_text(encoding="utf-8")
    assert 'number: "FY 2021-#6, companion 3"' in text
    assert 'companions: ["Research Report FY 2021-#6"]' in text
    assert "(fy2021-6-companion-3)=" in text
    build_html(new_source, tmp_path / "html")
    report = BeautifulSoup(
        (tmp_path / "html" / "reports" / "deepening-russia-china-relations.html").read_text(), "lxml"
    )
    assert "A Companion" in report.select_one(".publication-companions").get_text()


def test_a_companion_of_no_report_is_refused(new_source):
    with pytest.raises(SystemExit, match="no report is numbered 'FY 2021-#9'"):
        new.new("bulletin", "a-companion", "A Companion", datetime.date(2027, 5, 1), companion="FY 2021-#9")
    assert not (new_source / "bulletins" / "a-companion.md").exists()


@pytest.mark.parametrize(
    ("kind", "slug", "title", "message"),
    [
        ("memo", "x", "X", "KIND must be one of report, bulletin, not 'memo'"),
        ("report", "Bad Slug", "X", "SLUG must be lowercase words joined by hyphens"),
        ("report", "x", " ", 'give the publication a TITLE="..."'),
        ("report", "key-terms", "X", "source/bulletins/key-terms.md already exists; choose another SLUG"),
    ],
)
def test_mistakes_are_refused_and_nothing_is_written(new_source, kind, slug, title, message):
    before = sorted(new_source.rglob("*"))
    contents = (new_source / "bulletins" / "key-terms.md").read_bytes()
    with pytest.raises(SystemExit, match=re.escape(message)):
        new.new(kind, slug, title, datetime.date(2027, 5, 1))
    assert sorted(new_source.rglob("*")) == before
    assert (new_source / "bulletins" / "key-terms.md").read_bytes() == contents
