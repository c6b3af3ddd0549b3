"""Shared fixtures: the tiny projects under tests/roots, the real site built once per run, and a copy
of source/ for tools/new.py to write into. The project's modules (_ext/) and tools (tools/) are importable."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "_ext"), str(ROOT / "tools")]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds the tiny projects (tests/roots/test-*)."""
    return ROOT / "tests" / "roots"


def inputs_digest() -> dict[str, str]:
    """A digest of every file the build reads and must never write: source/ and references.bib."""
    files = [ROOT / "references.bib", *sorted(p for p in (ROOT / "source").rglob("*") if p.is_file())]
    return {str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


@dataclass
class Site:
    """The real site and PDFs, built by the Makefile into a temporary folder."""

    build: Path
    output: str
    inputs_before: dict[str, str]

    @property
    def html(self) -> Path:
        return self.build / "html"

    @property
    def pdf(self) -> Path:
        return self.build / "pdf"


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    build = tmp_path_factory.mktemp("build")
    inputs_before = inputs_digest()
    result = subprocess.run(
        ["make", "--no-print-directory", "html", "pdf", f"BUILD={build}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1644969600"},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    return Site(build=build, output=output, inputs_before=inputs_before)


@pytest.fixture
def new_source(tmp_path, monkeypatch) -> Path:
    """A copy of source/, where tools/new.py (``make new``) writes its publications."""
    import new

    copy = tmp_path / "source"
    shutil.copytree(ROOT / "source", copy)
    monkeypatch.setattr(new, "SOURCE", copy)
    monkeypatch.setattr(new, "ROOT", tmp_path)
    return copy
