"""CONTRIBUTING.md points to the author guide and lists the make targets `make help` lists."""

from __future__ import annotations

import re

from ..conftest import ROOT
from ..site.test_guide import make_targets_of_help

TEXT = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_points_to_the_author_guide():
    links = re.findall(r"\]\(([^)]+)\)", TEXT)
    assert "source/guide/index.md" in links
    for link in links:
        assert (ROOT / link).exists(), link


def test_lists_the_targets_of_make_help_in_its_order():
    table = TEXT.split("## The make targets", 1)[1]
    listed = []
    for row in table.splitlines():
        if row.startswith("| `make"):
            first_cell = row.split(" | ")[0]
            listed += [
                code.split()[1] if " " in code else "all" for code in re.findall(r"`(make[^`]*)`", first_cell)
            ]
    listed.remove("all")  # `make` or `make all`: one row
    assert listed == make_targets_of_help()
