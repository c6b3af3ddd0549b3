"""Mistakes in references.bib stop the build with the file, the line and what to do."""

import io
import os
import shutil

import pytest
from sphinx.testing.util import _clean_up_global_state

from ..builds import sphinx_build
from ..conftest import ROOT

GOOD = """@online{good-2020-entry,
  author = {{An Agency}},
  title  = {A Good Entry},
  date   = {2020-01-02},
  url    = {https://example.org/good},
}
"""
MISTAKES = {
    "duplicate": (
        "@online{good-2020-entry,\n  title = {Again},\n}\n",
        "refs.bib:7: WARNING: duplicate key 'good-2020-entry', first used on line 1; give one of the two entries another key",
    ),
    "percent": (
        "@online{other-2020-entry,\n  title = {100% of things},\n}\n",
        "refs.bib:8: WARNING: title = {100% of things}: a raw % starts a comment and cuts the field short;"
        " write \\%",
    ),
    "braces": (
        "@online{other-2020-entry,\n  title = {Unbalanced {brace},\n}\n",
        "refs.bib:7: WARNING: unbalanced braces in entry 'other-2020-entry': every { needs its },"
        " and the entry must close before the next @",
    ),
    "name": (
        "@online{other-2020-entry,\n  author = {Petrov, Ivan and One, Two, Three, Four},\n}\n",
        "refs.bib:7: WARNING: Too many commas in 'One, Two, Three, Four': write each name as 'Last, First'"
        " or 'Last, Jr., First', and join names with 'and'",
    ),
    "field": (
        "@online{other-2020-entry,\n  title = {A},\n  Title = {B},\n}\n",
        "refs.bib:9: WARNING: entry with key other-2020-entry has a duplicate title field (line 8):"
        " keep one of the two",
    ),
    "syntax": (
        "@online{other-2020-entry,\n  title = {A}\n  date = {2020},\n}\n",
        "refs.bib:9: WARNING: syntax error, '}' expected: is a comma missing after a field?",
    ),
}


@pytest.mark.sphinx("html", testroot="bad-bibtex")
def test_a_clean_file_builds_without_warning(app, warning):
    app.build()
    assert warning.getvalue() == ""


def project_with(tmp_path, rootdir, name):
    srcdir = tmp_path / name
    shutil.copytree(rootdir / "test-bad-bibtex", srcdir)
    appended, _ = MISTAKES[name]
    (srcdir / "refs.bib").write_text(GOOD + appended, encoding="utf-8")
    return srcdir


@pytest.mark.parametrize("name", MISTAKES)
def test_each_mistake_stops_the_build_with_file_line_and_fix(make_app, rootdir, tmp_path, name):
    srcdir = project_with(tmp_path, rootdir, name)
    warning = io.StringIO()
    with pytest.raises(SystemExit) as stop:
        make_app("html", srcdir=srcdir, warning=warning)
    _clean_up_global_state()  # the app never finished starting, so sphinx.testing can't tidy after it
    assert stop.value.code == 1
    assert f"{srcdir / 'refs.bib'}:" in warning.getvalue()
    assert MISTAKES[name][1] + " [citations.bibtex]" in warning.getvalue()
    assert "ERROR: the build stops here: correct refs.bib first" in warning.getvalue()


def test_sphinx_build_exits_non_zero_with_the_message_and_no_traceback(rootdir, tmp_path):
    """-W turns the warning into a failed build, as for every warning."""
    srcdir = project_with(tmp_path, rootdir, "percent")
    result = sphinx_build(
        "html", srcdir, tmp_path / "out", env={**os.environ, "PYTHONPATH": str(ROOT / "_ext")}
    )
    assert result.returncode == 1
    assert MISTAKES["percent"][1] in result.stderr
    assert "Traceback" not in result.stderr
