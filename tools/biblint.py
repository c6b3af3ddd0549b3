"""`make lint`'s look at references.bib, on its own: each problem with its line and what to do.

On top of what stops the build (_ext/citations/bibcheck.py: duplicate keys, raw
%, braces, syntax, control characters, dates, months, entry types): keys follow
the convention stated in the file's header, URLs are web addresses, every entry
is cited somewhere in source/, and no field is dropped unseen: a field the
series' CSL style never prints, or that the processor doesn't read at all, is
named with its line.

Usage: python tools/biblint.py [references.bib] [source/]
"""

from __future__ import annotations

import re
import runpy
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "_ext"))

# After the path is set:
from citations.bibcheck import Problem, entries, fields, problems  # noqa: E402
from citations.engine import CSL, Batch, Engine  # noqa: E402
from citations.extension import style_path  # noqa: E402

KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*-\d{4}(-[a-z0-9]+)+$")
CITED = re.compile(r"\{(?:cite|footcite)(?::[\w-]+)?\}`([^`]+)`")
# Fields that are never printed but do their work: the language sets a title's case and marks
# its language in the page; the entry's options and set membership are biblatex's.
AT_WORK = {"langid", "langidopts", "options", "entryset", "ids"}
# Prepositions CMOS 17 (8.159) lowercases in a title, whatever their length, that CSL's title case
# (pandoc's citeproc) capitalizes; left out: words that are often adverbs or conjunctions (after,
# before, since, until, out, off, past, like).
PREPOSITIONS = set(
    """across against along amid among amongst around beneath beside besides between beyond despite
    during except throughout toward towards underneath unlike upon versus via within without""".split()
)
TITLE_FIELDS = ("title", "booktitle", "maintitle", "journaltitle", "journal")
# Elements of a CSL style that print a variable (a <choose> only tests one; a <key> sorts by it).
PRINTING = ("text", "number", "date", "names", "label")


def cited_keys(source: Path) -> set[str]:
    keys = set()
    for path in source.rglob("*.md"):
        for match in CITED.finditer(path.read_text(encoding="utf-8")):
            keys.update(key.strip() for key in match[1].split(","))
    return keys


def lint(text: str, cited: set[str]) -> list[Problem]:
    found = list(problems(text))
    for entry in entries(text):
        if not KEY.match(entry.key):
            found.append(
                Problem(
                    entry.line,
                    f"key {entry.key!r} breaks the convention <author>-<year>-<title words>, "
                    "lowercase ASCII and hyphens (see the file's header)",
                )
            )
        for field in fields(entry):
            parts = urlsplit(field.value)
            if field.name == "url" and (parts.scheme not in ("http", "https") or not parts.netloc):
                found.append(
                    Problem(field.line, f"url {field.value!r} is not a web address (http:// or https://)")
                )
        found.extend(capitalized_prepositions(entry))
        if entry.key not in cited:
            found.append(
                Problem(entry.line, f"{entry.key!r} is cited nowhere in source/: cite it or delete it")
            )
    return sorted(found, key=lambda p: p.line)


def capitalized_prepositions(entry) -> list[Problem]:
    """In an English title, a preposition the style would capitalize, not braced against it."""
    language = next((f.value.lower() for f in fields(entry) if f.name == "langid"), "english")
    if language not in ("english", "american", "british", "canadian", "australian"):
        return []
    found = []
    for field in fields(entry):
        if field.name not in TITLE_FIELDS:
            continue
        unbraced = re.sub(r"\{[^{}]*\}", " ", field.value)  # a braced word keeps its case
        for clause in re.split(r"[:?!.]\s", unbraced):
            for word in clause.split()[1:]:  # the first word of a title or subtitle is capitalized
                if word.strip(",;()“”‘’'\"") in PREPOSITIONS:
                    bare = word.strip(",;()“”‘’'\"")
                    found.append(
                        Problem(
                            field.line,
                            f"{field.name}: the style capitalizes {bare!r}, which CMOS 17 (8.159) lowercases"
                            f" as a preposition; write {{{bare}}} (or capitalize it where it is none)",
                        )
                    )
    return found


def printed_variables(style: Path) -> set[str]:
    """The CSL variables some element of the style prints (a short title too, where a title is
    printed in its short form)."""
    printed = set()
    for element in ET.parse(style).getroot().iter():
        if element.tag.removeprefix(CSL) in PRINTING and element.get("variable"):
            for variable in element.get("variable").split():
                printed.add(variable)
                if element.get("form") == "short":
                    printed.add(f"{variable}-short")
    return printed


def unprinted(text: str, engine: Engine) -> list[Problem]:
    """Each field the style never prints: the processor reads the file once with each field of
    each entry left out in turn, and a field whose absence changes no variable the style prints
    is named (one the processor doesn't read changes nothing at all)."""
    variants, without = [], {}
    for entry in entries(text):
        for field in fields(entry):
            if field.name in AT_WORK:
                continue
            key = f"{entry.key}--without-{len(without)}"
            start, end = field.span
            end += len(re.match(r"\s*,?", entry.text[end:])[0])  # and its comma
            body = entry.text[:start] + entry.text[end:]
            variants.append(re.sub(rf"([{{(]\s*){re.escape(entry.key)}", rf"\g<1>{key}", body, count=1))
            without[key] = (entry, field)
    if not without:
        return []
    works = engine.render(Batch("\n".join([text, *variants]))).works
    printed = printed_variables(engine.style)
    found = []
    for key, (entry, field) in without.items():
        whole, less = works.get(entry.key, {}), works.get(key, {})
        changed = {name for name in whole.keys() | less.keys() if whole.get(name) != less.get(name)} - {"id"}
        if changed & printed:
            continue
        reason = (
            f"the style ({engine.title}) never prints it (CSL {', '.join(sorted(changed))})"
            if changed
            else "the entry is the same without it, as the citation processor reads it (it doesn't read"
            " the field, or makes the same of the other fields), so no style prints it"
        )
        found.append(Problem(field.line, f"{field.name} of {entry.key!r}: {reason}"))
    return found


def project_engine() -> Engine:
    """The series' CSL style, as conf.py names it."""
    settings = runpy.run_path(str(ROOT / "conf.py"))
    return Engine(style_path(ROOT, settings["citations_style"]), "en-US", settings.get("language") or "en")


def main(argv: list[str]) -> int:
    bib = Path(argv[0]) if argv else ROOT / "references.bib"
    source = Path(argv[1]) if len(argv) > 1 else ROOT / "source"
    text = bib.read_text(encoding="utf-8")
    found = lint(text, cited_keys(source))
    if not found:  # a file that stops the build gets its own problems first
        found = unprinted(text, project_engine())
    for problem in found:
        print(f"{bib}:{problem.line}: {problem.message}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
