"""A parallel build (sphinx-build -j 2) makes the same site and the same PDFs as a serial one; the
sidebar worked out once (series/navigation.py) is the one furo works out for each page."""

from __future__ import annotations

import os

import pytest

from ..builds import sphinx_build
from ..conftest import ROOT


def build(builder: str, jobs: int, out, *options: str):
    result = sphinx_build(
        builder,
        ROOT / "source",
        out / builder,
        *("-c", str(ROOT), "-q", "-j", str(jobs), "-d", str(out / "doctrees"), *options),
        env={**os.environ, "SOURCE_DATE_EPOCH": "1644969600"},
    )
    assert result.returncode == 0, result.stderr
    return out / builder


def files(folder) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize("builder", ["html", "typst"])
def test_two_processes_build_what_one_builds(builder, tmp_path):
    serial = files(build(builder, 1, tmp_path / "j1"))
    parallel = files(build(builder, 2, tmp_path / "j2"))
    assert sorted(parallel) == sorted(serial)
    # Nothing is left out of the comparison: every file, byte for byte.
    assert [name for name in serial if parallel[name] != serial[name]] == []


def test_the_sidebar_worked_out_once_is_the_sidebar_worked_out_for_each_page(tmp_path):
    """series/navigation.py borrows one page's sidebar for the others: the same pages as without it."""
    borrowed = files(build("html", 1, tmp_path / "borrowed"))
    each = files(build("html", 1, tmp_path / "each", "-D", "series_navigation_cache=0"))
    assert sorted(borrowed) == sorted(each)
    # Only Sphinx's record of the settings differs: the setting itself.
    assert [name for name in each if borrowed[name] != each[name]] == [".buildinfo"]
