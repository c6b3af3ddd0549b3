"""A failed build keeps the last good site, and fails again until the mistake is mended."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from ..conftest import ROOT


def make_html(source, build, env=None):
    return subprocess.run(
        ["make", "--no-print-directory", "html", f"SOURCE={source}", f"BUILD={build}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
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


def fake_cp(tmp_path, action: str) -> dict:
    """An environment whose cp does ``action`` when it copies into a site's temporary name."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    (bin_ / "cp").write_text(f'#!/bin/sh\ncase "$*" in *html.new*) {action} ;; esac\nexec /bin/cp "$@"\n')
    (bin_ / "cp").chmod(0o755)
    return {**os.environ, "PATH": f"{bin_}:{os.environ['PATH']}"}


def edited_copy(tmp_path):
    source, build = tmp_path / "source", tmp_path / "build"
    shutil.copytree(ROOT / "source", source)
    assert make_html(source, build).returncode == 0
    report = source / "reports" / "deepening-russia-china-relations.md"
    report.write_text(report.read_text(encoding="utf-8") + "\nA sentence added.\n", encoding="utf-8")
    return source, build


@pytest.mark.parametrize(
    "action",
    ["echo 'cp: error writing: No space left on device' >&2; exit 1", "kill -9 $PPID; sleep 5"],
    ids=["disk-full", "killed"],
)
def test_a_publish_that_fails_leaves_the_last_good_site_and_the_next_make_completes(tmp_path, action):
    source, build = edited_copy(tmp_path)
    good = snapshot(build / "html")
    failed = make_html(source, build, env=fake_cp(tmp_path, action))
    assert failed.returncode != 0
    assert snapshot(build / "html") == good
    again = make_html(source, build)
    assert again.returncode == 0, again.stderr
    assert "html is up to date" not in again.stdout
    assert (
        "A sentence added."
        in (build / "html" / "reports" / "deepening-russia-china-relations.html").read_text()
    )


def test_an_older_copy_of_a_source_is_built(tmp_path):
    """Up to date means the same content: a source put back as an older copy (cp -p) is read again."""
    source, build = tmp_path / "source", tmp_path / "build"
    shutil.copytree(ROOT / "source", source)
    report = source / "reports" / "deepening-russia-china-relations.md"
    older = tmp_path / "older.md"
    shutil.copy2(report, older)  # the text and its time, before the edit
    report.write_text(report.read_text(encoding="utf-8") + "\nA sentence added.\n", encoding="utf-8")
    assert make_html(source, build).returncode == 0
    subprocess.run(["cp", "-p", str(older), str(report)], check=True)
    result = make_html(source, build)
    assert result.returncode == 0 and "html is up to date" not in result.stdout
    page = (build / "html" / "reports" / "deepening-russia-china-relations.html").read_text(encoding="utf-8")
    assert "A sentence added." not in page


def test_two_makes_at_once_in_one_folder(tmp_path):
    source, build = tmp_path / "source", tmp_path / "build"
    shutil.copytree(ROOT / "source", source)
    command = ["make", "--no-print-directory", "html", f"SOURCE={source}", f"BUILD={build}"]
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)]
    runs.append(
        subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    )
    outputs = [run.communicate() for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert sum("html is up to date" in out for out, _ in outputs) == 1  # the second waited, found it done
