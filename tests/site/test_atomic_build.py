"""A failed build keeps the last good site, and fails again until the mistake is mended."""

from __future__ import annotations

import shutil
import subprocess

from ..conftest import ROOT


def make_html(source, build):
    return subprocess.run(
        ["make", "--no-print-directory", "html", f"SOURCE={source}", f"BUILD={build}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def snapshot(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failed_build_leaves_the_last_good_site_and_fails_again(tmp_path):
    source, build = tmp_path / "source", tmp_path / "build"
    shutil.copytree(ROOT / "source", source)
    assert make_html(source, build).returncode == 0
    good = snapshot(build / "html")

    report = source / "reports" / "deepening-russia-china-relations.md"
    report.write_text(
        report.read_text(encoding="utf-8").replace("date: 2022-02-16", "date: 16/2/2022"), "utf-8"
    )
    for attempt in (1, 2):
        failed = make_html(source, build)
        assert failed.returncode != 0, f"attempt {attempt} passed"
        assert "publication.date: expected an ISO date" in failed.stderr, f"attempt {attempt}"
        assert snapshot(build / "html") == good
