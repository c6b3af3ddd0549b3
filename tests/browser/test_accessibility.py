"""axe-core in Chromium on every page, light and dark; the Nu HTML Checker on the whole site."""

from __future__ import annotations

import subprocess

import pytest
from axe_playwright_python.sync_playwright import Axe

from ..conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def site_pages(site):
    return sorted(str(p.relative_to(site.html)) for p in site.html.rglob("*.html"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_any_page(site, browser, base_url, scheme):
    axe = Axe()
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found = {}
    for path in site_pages(site):
        page.goto(base_url + path)
        violations = axe.run(page).response["violations"]
        if violations:
            found[path] = [(v["id"], [n["html"][:100] for n in v["nodes"]]) for v in violations]
    context.close()
    assert found == {}


def test_nu_html_checker_finds_no_error(site):
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", str(site.html)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
