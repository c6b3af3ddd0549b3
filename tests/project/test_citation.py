"""CITATION.cff cites the series as conf.py names it, and `make test` validates it with cffconvert."""

from __future__ import annotations

import runpy
import subprocess

import yaml

from ..conftest import ROOT
from .test_make import dry_run

CONF = runpy.run_path(str(ROOT / "conf.py"))


def citation() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_the_series_by_the_institute_with_its_research_group():
    cff = citation()
    assert cff["cff-version"] == "1.2.0"
    assert cff["type"] == "dataset"  # the series' texts; CFF's other kind is software
    assert cff["title"].startswith(CONF["project"])
    assert cff["authors"] == [{"name": CONF["institute"]}]
    preferred = cff["preferred-citation"]
    assert preferred["type"] == "report"
    assert preferred["authors"] == [{"name": CONF["series_group"]}]
    assert preferred["publisher"] == {"name": CONF["series_publisher"]}
    assert str(preferred["year"]) == CONF["copyright"].split(",")[0]


def test_no_address_or_identifier_made_up():
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    for key in ("doi", "url", "repository-code", "identifiers"):
        assert f"\n{key}:" not in text and f"  {key}:" not in text, key


def test_valid_and_validated_by_make_test():
    run = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "cffconvert"), "--validate", "-i", str(ROOT / "CITATION.cff")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert any("cffconvert --validate -i CITATION.cff" in " ".join(words) for words in dry_run("test"))
