"""How the tests build, where a fixture can't: sphinx-build in a process of its own, with the flags
the Makefile gives it; and a citations-only test project made a publication of a series, which the
Typst builder makes into a PDF."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

WARNINGS_ARE_ERRORS = ("-n", "-W", "--keep-going")  # the Makefile's SPHINXOPTS


def sphinx_build(
    builder: str, source: Path, out: Path, *options: str, env=None
) -> subprocess.CompletedProcess:
    """``python -m sphinx -b builder -n -W --keep-going [options] source out``, its output captured."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            builder,
            *WARNINGS_ARE_ERRORS,
            *options,
            str(source),
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
    )


# The settings that make a citations-only project (tests/roots/test-csl-notes, -footcite,
# -biblatex-examples) a series, as sphinx.testing's confoverrides.
AS_SERIES = {"extensions": ["myst_parser", "citations", "series"], "html_baseurl": "https://example.org/"}
FRONT_MATTER = """---
publication:
  kind: report
  group: A Group
  number: "FY 2030-#1"
  date: 2030-05-01
  authors:
    - name: Ada Author
---

"""


def make_publication(document: Path) -> None:
    """Give the document the front matter of a publication."""
    document.write_text(FRONT_MATTER + document.read_text(encoding="utf-8"), encoding="utf-8")
