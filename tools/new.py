"""`make new KIND=report|bulletin SLUG=<slug> TITLE="<title>" [COMPANION=<report number>]`: start a
publication from the template.

Writes source/<kind>s/<slug>.md with the next free number of that kind in the
current fiscal year (April to March) and today's date, or, for a bulletin that
accompanies a report, the report's next companion number; refuses a wrong kind, a
malformed slug or one already taken (the page and the PDF share the slug), and
never overwrites a file.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "_ext"))

from series.model import KINDS, fiscal_year  # noqa: E402  (after the path is set)

SOURCE = ROOT / "source"
TEMPLATE = Path(__file__).parent / "templates" / "publication.md"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    return yaml.safe_load(text.split("---\n", 2)[1]) or {}


def numbers(kind: str) -> list[str]:
    """The numbers the sources give publications of this kind."""
    found = []
    for path in SOURCE.glob("*/*.md"):
        publication = front_matter(path).get("publication") or {}
        if publication.get("kind") == kind:
            found.append(str(publication.get("number", "")))
    return found


def next_number(kind: str, year: int) -> str:
    taken = [int(m[1]) for n in numbers(kind) if (m := re.fullmatch(rf"FY {year}-#(\d+)", n))]
    return f"FY {year}-#{max(taken, default=0) + 1}"


def next_companion_number(report: str) -> str:
    taken = [
        int(m[1])
        for n in numbers("bulletin")
        if (m := re.fullmatch(rf"{re.escape(report)}, companion (\d+)", n))
    ]
    return f"{report}, companion {max(taken, default=0) + 1}"


# Characters with a meaning in MyST Markdown (emphasis, code and roles, links, HTML, headings,
# tables, entities, footnotes, math): each is written with a backslash, so the title is text.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>{}#|~&$!^])")


def markdown_text(text: str) -> str:
    """Text as Markdown that renders as exactly that text."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def new(kind: str, slug: str, title: str, today: datetime.date, companion: str = "") -> Path:
    """``companion``: the number of the report a bulletin accompanies ("FY 2021-#6")."""
    if kind not in KINDS:
        raise SystemExit(f"make new: KIND must be one of {', '.join(KINDS)}, not {kind!r}.")
    if not SLUG.match(slug):
        raise SystemExit(
            f"make new: SLUG must be lowercase words joined by hyphens (e.g. arctic-policy), not {slug!r}."
        )
    if not title.strip():
        raise SystemExit('make new: give the publication a TITLE="..."')
    taken = sorted(SOURCE.glob(f"*/{slug}.md"))
    if taken:
        raise SystemExit(
            f"make new: {taken[0].relative_to(ROOT)} already exists; choose another SLUG."
            " Nothing was written."
        )
    if companion and (kind != "bulletin" or companion not in numbers("report")):
        raise SystemExit(
            f"make new: COMPANION must be the number of a report (e.g. FY 2021-#6), and KIND=bulletin;"
            f" no report is numbered {companion!r}."
        )
    if companion:
        number = next_companion_number(companion)
        year, sequence = re.fullmatch(r"FY (\d+)-#(\d+)", companion).groups()
        label = f"fy{year}-{sequence}-companion-{number.rsplit(' ', 1)[1]}"
        companions = f'  companions: ["{KINDS["report"]} {companion}"]\n'
    else:
        year = fiscal_year(today)
        number = next_number(kind, year)
        label = f"fy{year}-{number.rsplit('#', 1)[1]}" + ("" if kind == "report" else "-bulletin")
        companions = ""
    text = TEMPLATE.read_text(encoding="utf-8").format(
        kind=kind,
        number=number,
        date=today.isoformat(),
        title=markdown_text(title),
        label=label,
        companions=companions,
    )
    target = SOURCE / f"{kind}s" / f"{slug}.md"
    target.parent.mkdir(exist_ok=True)
    with target.open("x", encoding="utf-8") as file:  # "x": never overwrite
        file.write(text)
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", required=True)
    parser.add_argument("--slug", required=True)
    parser.add_argument("--title", required=True)
    parser.add_argument("--companion", default="")
    args = parser.parse_args(argv)
    target = new(args.kind, args.slug, args.title, datetime.date.today(), args.companion)
    print(f"Wrote {target.relative_to(ROOT)}. Edit it, then `make html` (or `make live`) to see it.")


if __name__ == "__main__":
    main()
