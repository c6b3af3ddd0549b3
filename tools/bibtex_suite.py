"""`make test-bibtex-suite`: sphinxcontrib-bibtex's own test suite, with and without this project's
citation extension loaded, must give the same result.

The suite's 77 small projects pin down the library's documented behaviour. This downloads the
sdist of the version requirements.txt pins into the build folder, runs the suite once as it
is, then again with ``citations`` appended to the extensions of every test project that loads
sphinxcontrib-bibtex (each keeping its own style settings), and fails on any test whose outcome
differs. ``test_autoapi.py`` is left out: it needs sphinx-autoapi, which the project doesn't use.

Usage: python tools/bibtex_suite.py BUILD_FOLDER
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "sphinxcontrib-bibtex"
LOADS_IT = '"sphinxcontrib.bibtex"'
WITH_CITATIONS = f"""
# Added by {Path(__file__).name}: the project's citation extension, beside the library.
import sys as _sys
_sys.path.insert(0, {str(ROOT / "_ext")!r})
extensions.append("citations")
"""


def unpacked(folder: Path) -> Path:
    """The suite of the installed (pinned) version, downloaded and unpacked once."""
    pinned = version(PACKAGE)
    suite = folder / f"sphinxcontrib_bibtex-{pinned}"
    if not (suite / "test").is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:"]
            + ["--dest", str(folder), f"{PACKAGE}=={pinned}"],
            check=True,
        )
        with tarfile.open(folder / f"sphinxcontrib_bibtex-{pinned}.tar.gz") as archive:
            archive.extractall(folder, filter="data")
    return suite


def with_citations(suite: Path) -> Path:
    """A copy of the suite whose projects that load sphinxcontrib-bibtex load ``citations`` too."""
    copy = suite.with_name(suite.name + "-with-citations")
    subprocess.run(["rm", "-rf", str(copy)], check=True)
    subprocess.run(["cp", "-a", str(suite), str(copy)], check=True)
    for conf in sorted((copy / "test" / "roots").glob("*/conf.py")):
        text = conf.read_text(encoding="utf-8")
        if LOADS_IT in text:
            conf.write_text(text + WITH_CITATIONS, encoding="utf-8")
    return copy


def outcomes(suite: Path) -> dict[str, str]:
    """Each test's outcome; pytest's own report of the run in ``pytest.log`` beside the suite."""
    report, log = suite / "report.xml", suite.with_name(suite.name + ".log")
    with log.open("w") as output:
        subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test"]
            + ["--ignore=test/test_autoapi.py", f"--junitxml={report}"],
            cwd=suite,
            stdout=output,
            stderr=subprocess.STDOUT,
            check=False,
        )
    found = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        name = f"{case.get('classname')}::{case.get('name')}"
        kinds = {child.tag for child in case}
        found[name] = next((kind for kind in ("failure", "error", "skipped") if kind in kinds), "passed")
    return found


def main(argv: list[str]) -> int:
    suite = unpacked((Path(argv[0]) if argv else ROOT / "_build" / "bibtex-suite").resolve())
    alone, together = outcomes(suite), outcomes(with_citations(suite))
    differences = {name: (alone.get(name), together.get(name)) for name in alone.keys() | together.keys()}
    differences = {name: pair for name, pair in differences.items() if pair[0] != pair[1]}
    for name, (before, after) in sorted(differences.items()):
        print(f"{name}: {before} without citations, {after} with it", file=sys.stderr)
    if differences:
        print(f"pytest's reports: {suite}.log, {suite}-with-citations.log", file=sys.stderr)
    print(f"{PACKAGE}'s suite: {len(alone)} tests, {len(differences)} with another outcome with citations")
    return 1 if differences or not alone else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
