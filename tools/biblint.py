"""`make lint`'s look at references.bib, on its own: each problem with its line and what to do.

On top of what stops the build (_ext/citations/bibcheck.py: duplicate keys, raw
%, braces, syntax, control characters): keys follow the convention stated in
the file's header, each entry has the fields its type needs, URLs are web
addresses, dates are ISO, and every entry is cited somewhere in source/.

Usage: python tools/biblint.py [references.bib] [source/]
"""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "_ext"))

from citations.bibcheck import Problem, entries, problems  # noqa: E402  (after the path is set)

KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*-\d{4}(-[a-z0-9]+)+$")
REQUIRED = {
    "incollection": ("author", "title", "booktitle", "publisher", "date", "pages"),
    "article": ("author", "title", "journal", "date"),
    "online": ("author", "title", "date", "url"),
}
FIELD = re.compile(r"^\s*(\w+)\s*=\s*[{\"]?(.*?)[}\"]?\s*,?\s*$")
CITED = re.compile(r"\{(?:cite|footcite)(?::[\w-]+)?\}`([^`]+)`")


def fields(text: str) -> dict[str, tuple[int, str]]:
    """Each field's line offset in the entry and its value, for one-line fields as this file writes them."""
    found = {}
    for offset, line in enumerate(text.split("\n")[1:], start=1):
        if match := FIELD.match(line):
            found[match[1].lower()] = (offset, match[2])
    return found


def iso_date(value: str) -> bool:
    for pattern in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            datetime.datetime.strptime(value, pattern)
            return True
        except ValueError:
            continue
    return False


def cited_keys(source: Path) -> set[str]:
    keys = set()
    for path in source.rglob("*.md"):
        for match in CITED.finditer(path.read_text(encoding="utf-8")):
            keys.update(key.strip() for key in match[1].split(","))
    return keys


def lint(text: str, cited: set[str]) -> list[Problem]:
    found = list(problems(text))
    for entry in entries(text):
        given = fields(entry.text)
        if not KEY.match(entry.key):
            found.append(
                Problem(
                    entry.line,
                    f"key {entry.key!r} breaks the convention <author>-<year>-<title words>, "
                    "lowercase ASCII and hyphens (see the file's header)",
                )
            )
        for name in REQUIRED.get(entry.type, ()):
            if name not in given:
                found.append(Problem(entry.line, f"@{entry.type} {entry.key!r} needs a {name} field"))
        if entry.type not in REQUIRED:
            found.append(
                Problem(
                    entry.line,
                    f"@{entry.type} is not a type the Chicago style formats; use one of "
                    + ", ".join(f"@{t}" for t in REQUIRED),
                )
            )
        if "url" in given:
            offset, url = given["url"]
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                found.append(
                    Problem(entry.line + offset, f"url {url!r} is not a web address (http:// or https://)")
                )
        for name in ("date", "urldate"):
            if name in given and not iso_date(given[name][1]):
                offset, value = given[name]
                found.append(
                    Problem(
                        entry.line + offset,
                        f"{name} {value!r} is not an ISO date: write 2021-08-25, 2021-08 or 2021",
                    )
                )
        if entry.key not in cited:
            found.append(
                Problem(entry.line, f"{entry.key!r} is cited nowhere in source/: cite it or delete it")
            )
    return sorted(found, key=lambda p: p.line)


def main(argv: list[str]) -> int:
    bib = Path(argv[0]) if argv else ROOT / "references.bib"
    source = Path(argv[1]) if len(argv) > 1 else ROOT / "source"
    found = lint(bib.read_text(encoding="utf-8"), cited_keys(source))
    for problem in found:
        print(f"{bib}:{problem.line}: {problem.message}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
