"""Two clean builds give the same bytes; a PDF is dated by its publication, not by the build."""

from __future__ import annotations

import os
import subprocess

from pypdf import PdfReader

from ..conftest import ROOT

A_LATER_DAY = "1893456000"  # 2030-01-01: the builds' clock, which no output may show


def build(folder):
    result = subprocess.run(
        ["make", "--no-print-directory", "html", "pdf", f"BUILD={folder}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": A_LATER_DAY},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for sub in ("html", "pdf")
        for path in sorted((folder / sub).rglob("*"))
        if path.is_file()
    }


def test_two_clean_builds_are_byte_identical_and_pdfs_carry_the_publication_date(tmp_path):
    first, second = build(tmp_path / "first"), build(tmp_path / "second")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    report = PdfReader(tmp_path / "first" / "pdf" / "deepening-russia-china-relations.pdf")
    assert report.metadata["/CreationDate"].startswith("D:20220216")
    assert "2030" not in report.metadata.get("/ModDate", "")
