"""Nothing outside the source folder reaches the site (series/confinement.py): each route a line of
Markdown could take to a file elsewhere, or to the build's environment, fails the build, and no
output anywhere holds what is there."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ..builds import sphinx_build
from ..conftest import ROOT
from ..images import png

TOKEN = "CONFINEMENT-TOKEN-7f3a"  # in a file outside the project, and in the build's environment

ROUTES = {
    "literalinclude": "```{literalinclude} ../../outside/token.txt\n```",
    "literalinclude-environ": "```{literalinclude} ENVIRON\n```",  # /proc/self/environ, from the page
    "include-markdown": "```{include} ../../outside/token.md\n```",
    "include-literal": "```{include} ../../outside/token.txt\n:literal:\n```",
    "csv-table": "```{csv-table}\n:file: ../../outside/token.txt\n```",
    "raw-html": f"```{{raw}} html\n<script>{TOKEN}</script>\n```",
    "raw-file": "```{raw} html\n:file: ../../outside/token.txt\n```",
    "eval-rst-raw": f"```{{eval-rst}}\n.. raw:: html\n\n   <img src=x onerror=alert('{TOKEN}')>\n```",
    "eval-rst-include": "```{eval-rst}\n.. include:: ../../outside/token.txt\n```",
    "image": "![a token](../../outside/token.png)",
    "image-absolute": "![a token](/../outside/token.png)",
    "figure": "```{figure} ../../outside/token.png\nA token.\n```",
    "download": "{download}`the token <../../outside/token.txt>`",
    "image-symlink": "![a token](linked.png)",
}


def project(tmp_path: Path, route: str) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "token.txt").write_text(TOKEN + "\n", encoding="utf-8")
    (outside / "token.md").write_text(f"# {TOKEN}\n", encoding="utf-8")
    (outside / "token.png").write_bytes(png(TOKEN))
    source = tmp_path / "src"
    shutil.copytree(Path(__file__).parents[1] / "roots" / "test-series", source)
    (source / "reports" / "linked.png").symlink_to(outside / "token.png")
    with (source / "conf.py").open("a", encoding="utf-8") as conf:  # as the project's conf.py has it
        conf.write("html_copy_source = False  # the Markdown itself is not published\n")
    page = source / "reports" / "first.md"
    line = ROUTES[route].replace("ENVIRON", os.path.relpath("/proc/self/environ", page.parent))
    page.write_text(page.read_text(encoding="utf-8") + "\n\n" + line + "\n", encoding="utf-8")
    return source


def build(source: Path, out: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "_ext"), "CONFINEMENT_SECRET": TOKEN}
    return sphinx_build("html", source, out, "-q", env=environment)


def holding_the_token(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and TOKEN.encode() in p.read_bytes()]


@pytest.mark.parametrize("route", ROUTES)
def test_the_build_fails_and_publishes_nothing_from_outside(tmp_path, route):
    source = project(tmp_path, route)
    result = build(source, tmp_path / "out")
    assert result.returncode != 0, route
    assert "first.md" in result.stderr  # named where it is asked for
    assert holding_the_token(tmp_path / "out") == []


def test_a_document_linked_from_outside_is_not_read(tmp_path):
    source = project(tmp_path, "image")
    (source / "reports" / "first.md").write_text(
        (source / "reports" / "first.md").read_text().rsplit("\n\n", 1)[0]
    )
    (tmp_path / "outside" / "leak.md").write_text(f"# {TOKEN}\n\nText.\n", encoding="utf-8")
    (source / "leak.md").symlink_to(tmp_path / "outside" / "leak.md")
    result = build(source, tmp_path / "out")
    assert result.returncode != 0
    assert "leak.md:1: WARNING: this document is a link to" in result.stderr
    assert holding_the_token(tmp_path / "out") == []


def test_the_series_itself_builds(tmp_path):
    """The control: the same project without a route builds."""
    source = project(tmp_path, "image")
    page = source / "reports" / "first.md"
    page.write_text(page.read_text(encoding="utf-8").replace(ROUTES["image"], ""), encoding="utf-8")
    result = build(source, tmp_path / "out")
    assert result.returncode == 0, result.stderr
