"""Hostile input is inert: LaTeX, HTML and script in BibTeX fields and Markdown come out as
text in the HTML and the PDF; TeX reads no file outside the build and runs no command; a
javascript: URL never becomes a link."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from series import typeset

from ..conftest import ROOT

PWNED = [Path("/tmp/hostile-bib"), Path("/tmp/hostile-author"), Path("/tmp/hostile-md")]
PASSWD_LINE = Path("/etc/passwd").read_text().splitlines()[0]  # root:x:0:0:...


@pytest.fixture(autouse=True)
def nothing_written():
    for path in PWNED:
        path.unlink(missing_ok=True)
    yield
    assert not any(path.exists() for path in PWNED)


@pytest.mark.sphinx("html", testroot="hostile")
def test_html_escapes_everything(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "lxml")
    scripts = [s for s in soup.find_all("script") if not s.get("src")]
    assert all("alert" not in (s.string or "") or s.get("type") == "application/ld+json" for s in scripts)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert not soup.select("[onerror], [onmouseover]")
    assert not [a for a in soup.find_all(href=True) if a["href"].strip().lower().startswith("javascript:")]
    text = soup.find("body").get_text()
    for shown in (
        "<script>alert(",
        "<img src=x onerror=alert(1)>",
        "\\input{/etc/passwd}",
        "javascript:alert(1)",
    ):
        assert shown in text
    assert "A" * 500 in text


@pytest.mark.sphinx("latex", testroot="hostile")
def test_pdf_prints_everything_literally_and_reads_nothing(app, tmp_path):
    shutil.copy(ROOT / "_static" / "latex" / "series.sty", app.srcdir)
    app.config.latex_additional_files = ["series.sty"]
    app.build()
    typeset = subprocess.run(
        ["make", "--no-print-directory", "typeset", f"LATEX_DIR={app.outdir}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert typeset.returncode == 0, typeset.stdout + typeset.stderr
    [pdf] = app.outdir.glob("*.pdf")
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split()
    )
    for shown in (
        "\\input{/etc/passwd}",
        "\\write18{touch /tmp/hostile-md}",
        "\\catcode`@=11",  # Markdown reads \\@ as an escaped @
        "<script>alert(“md”)</script>",
        "<img src=x onerror=alert(1)>",
        "javascript:alert(1)",
    ):
        assert shown in text
    assert PASSWD_LINE not in text
    log = next((app.outdir / "runs").rglob("*.log")).read_text(errors="replace")
    assert "runsystem" not in log


@pytest.mark.sphinx("latex", testroot="hostile", srcdir="hostile-paranoid")
def test_tex_itself_may_not_read_outside_the_build(app):
    """Escaping keeps authors' text out of TeX; should anything get through, TeX still can't read /etc.

    The probe opens /etc/hostname with TeX's \\openin, which TeX Live's default settings allow.
    """
    app.build()
    (app.outdir / "probe.tex").write_text(
        "\\documentclass{article}\\newread\\probe\\begin{document}"
        "\\openin\\probe=/etc/hostname \\ifeof\\probe NOTREAD\\else READ\\fi\\end{document}\n",
        encoding="utf-8",
    )
    typeset.typeset(app.outdir, "probe")  # as make pdf runs XeLaTeX on a publication
    text = subprocess.run(
        ["pdftotext", str(app.outdir / "probe.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert text.split()[0] == "NOTREAD"
