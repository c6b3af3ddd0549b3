"""`make bench`: how long `make` takes, cold, with nothing to do, and after editing one publication.

For the real series (a copy of source/) and for synthetic series of 10, 50
and 200 publications (HTML and PDFs, volumes included) and of 1,000 (HTML
alone), generated into a temporary folder from the project's template
(tools/templates/publication.md), each with about 1,500 words of prose and 20
notes citing works of a synthetic references.bib of 5,000 entries.

Every figure is a whole process, `make` and everything it runs, as
/usr/bin/time measures it: wall time, CPU time (user + system, all its
children) and peak resident memory (the largest process); "html s" and
"html MB" are the `make html` part alone. "pages" and "PDFs" count the HTML
pages written and the PDFs typeset by that make. The machine is noisy: the
targets are ratios of figures measured in the same run.

    make bench            # everything (about 15 minutes on 2 cores)
    make bench QUICK=1    # the real series and 10 and 50 publications (a few minutes)

Prints a table and each target's ratio with PASS or FAIL, and writes
_build/bench.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "tools" / "templates" / "publication.md"
REAL_REPORT = "reports/deepening-russia-china-relations.md"
BIB_ENTRIES = 5000
NOTES = 20
PER_FISCAL_YEAR = 50  # publications a year: a volume each
EDIT = "\nA sentence the benchmark added, as an author would.\n"

# -- A synthetic series -------------------------------------------------------

# Prose to draw words from: the real report's own sentences.
PROSE_SOURCE = ROOT / "source" / REAL_REPORT


def vocabulary() -> list[str]:
    text = PROSE_SOURCE.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    prose = [line for line in text.splitlines() if line and not line.startswith(("(", "{", "#", "[", "`"))]
    words = re.findall(r"[A-Za-z][A-Za-z'-]+", " ".join(prose))
    return [w for w in words if w not in ("term", "cite", "note")]


FAMILY = (
    "Ivanov Petrov Sato Suzuki Takahashi Wang Li Zhang Chen Kumakura Smirnov Tanaka Kim Park Novak".split()
)
GIVEN = "Anna Boris Dmitri Elena Hiroshi Jun Ken Li Mei Olga Sergei Taro Wei Yuki".split()
PUBLISHERS = "Nippon.com|TASS|Xinhua|Carnegie Endowment|Valdai Club|Kommersant|The Diplomat".split("|")
JOURNALS = (
    "Foreign Affairs|Chuo Koron|Russia in Global Affairs|Asian Survey|Problems of Post-Communism".split("|")
)


def synthetic_bib(count: int, rng: random.Random, words: list[str]) -> tuple[str, list[str]]:
    """A references.bib of count entries, of the three types the Chicago style knows, and their keys."""
    entries, keys = [], []
    for index in range(count):
        family, given = rng.choice(FAMILY), rng.choice(GIVEN)
        year = rng.randint(2005, 2024)
        title = " ".join(rng.choice(words) for _ in range(rng.randint(5, 12))).capitalize()
        key = f"{family.lower()}-{year}-synthetic-{index}"
        kind = ("article", "incollection", "online")[index % 3]
        fields = {"author": f"{family}, {given}", "title": title, "date": f"{year}-{rng.randint(1, 12):02d}"}
        if kind == "article":
            fields |= {"journal": rng.choice(JOURNALS), "number": str(rng.randint(1, 90))}
            fields["pages"] = f"{(first := rng.randint(1, 200))}--{first + rng.randint(2, 20)}"
        elif kind == "incollection":
            fields |= {"booktitle": f"Report of the Study Group {year}", "publisher": rng.choice(PUBLISHERS)}
            fields["pages"] = f"{(first := rng.randint(1, 200))}--{first + rng.randint(2, 20)}"
        else:
            fields |= {"organization": rng.choice(PUBLISHERS)}
        fields |= {"url": f"https://example.org/{key}", "urldate": "2024-01-27", "langid": "english"}
        body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields.items())
        entries.append(f"@{kind}{{{key},\n{body},\n}}\n")
        keys.append(key)
    header = "% A synthetic bibliography for the benchmark (benchmarks/bench.py).\n\n"
    return header + "\n".join(entries), keys


def paragraph(rng: random.Random, words: list[str], notes: list[str]) -> str:
    sentences = []
    for _ in range(rng.randint(6, 8)):
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(12, 24)))
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
    for index, note in enumerate(notes):  # each note marker after a sentence
        position = min(len(sentences) - 1, 1 + index * 2)
        sentences[position] += f"[^{note}]"
    return " ".join(sentences)


@dataclass
class Entry:
    """One synthetic publication: where it goes and what the template needs."""

    kind: str
    slug: str
    number: str
    date: datetime.date
    label: str
    companions: list[str] = field(default_factory=list)


def plan(count: int) -> list[Entry]:
    """count publications, PER_FISCAL_YEAR a year from FY 2001; every fifth a companion bulletin."""
    planned = []
    for index in range(count):
        year, within = 2001 + index // PER_FISCAL_YEAR, index % PER_FISCAL_YEAR
        date = datetime.date(year, 4, 1) + datetime.timedelta(days=7 * within)
        if within % 5 == 4:  # a companion of the report before it
            report = planned[-1]
            number = f"{report.number}, companion 1"
            planned.append(
                Entry(
                    "bulletin", f"bulletin-{index:04d}", number, date, f"{report.label}-c1", [report.number]
                )
            )
        else:
            seq = within - within // 5 + 1
            planned.append(
                Entry("report", f"report-{index:04d}", f"FY {year}-#{seq}", date, f"fy{year}-{seq}")
            )
    return planned


def publication_text(entry: Entry, rng: random.Random, words: list[str], keys: list[str]) -> str:
    """The template as `make new` fills it in, then its placeholders written out as an author would."""
    title = f"{' '.join(rng.choice(words) for _ in range(6)).title()} ({entry.number})"
    companions = f'  companions: ["{entry.companions[0]}"]\n' if entry.companions else ""
    text = TEMPLATE.read_text(encoding="utf-8").format(
        kind=entry.kind,
        number=entry.number,
        date=entry.date.isoformat(),
        title=title,
        label=entry.label,
        companions=companions,
    )
    text = text.replace("name: Author Name", f"name: {rng.choice(GIVEN)} {rng.choice(FAMILY)}")
    notes = [f"n{index}" for index in range(1, NOTES + 1)]
    groups = [notes[0:3], [], notes[3:6], notes[6:9], notes[9:12], notes[12:15], notes[15:18], notes[18:20]]
    intro = "\n\n".join(paragraph(rng, words, group) for group in groups[:2])
    section = "\n\n".join(paragraph(rng, words, group) for group in groups[2:6])
    conclusion = "\n\n".join(paragraph(rng, words, group) for group in groups[6:])
    text = text.replace(
        "Write the introduction here. A note goes where its marker stands.[^first-note]", intro
    )
    text = text.replace(
        "Sections are numbered in order; the label line above a heading lets any\npublication refer to it",
        section + "\n\nAs the first section shows, any publication can refer to it",
    )
    text = text.replace("Write the conclusion here.", conclusion)
    cited = rng.sample(keys, NOTES + 5)
    definitions = []
    for index, note in enumerate(notes):
        # Some notes cite two works; a work cited again gets its short form.
        again = f"; {{cite:note}}`{cited[index - 3]}`" if index % 4 == 3 else ""
        commentary = " ".join(rng.choice(words) for _ in range(rng.randint(4, 14))).capitalize()
        definitions.append(f"[^{note}]: {commentary}: {{cite:note}}`{cited[index]}`{again}.")
    first_note = next(line for line in text.splitlines() if line.startswith("[^first-note]:"))
    return text.replace(first_note, "\n\n".join(definitions))


INDEX = """# A synthetic series

Generated by the benchmark (benchmarks/bench.py).

## Research Reports

```{publications} report
```

## Research Bulletins

```{publications} bulletin
```

```{toctree}
:caption: Research Reports
:hidden:
:glob:

reports/*
```

```{toctree}
:caption: Research Bulletins
:hidden:
:glob:

bulletins/*
```
"""


def generate_series(folder: Path, count: int, keys: list[str], words: list[str]) -> Path:
    """A source folder of count publications; returns the publication the benchmark edits."""
    rng = random.Random(count)
    for kind in ("reports", "bulletins"):
        (folder / kind).mkdir(parents=True)
    (folder / "index.md").write_text(INDEX, encoding="utf-8")
    entries = plan(count)
    for entry in entries:
        path = folder / f"{entry.kind}s" / f"{entry.slug}.md"
        path.write_text(publication_text(entry, rng, words, keys), encoding="utf-8")
    middle = entries[len(entries) // 2]
    return folder / f"{middle.kind}s" / f"{middle.slug}.md"


def edit(path: Path) -> None:
    """An author's edit of the body: a sentence before the conclusion (the model stays as it was)."""
    text = path.read_text(encoding="utf-8")
    marker = "{.unnumbered}\n## Conclusion"
    assert marker in text, path
    path.write_text(text.replace(marker, EDIT + "\n" + marker, 1), encoding="utf-8")


# -- Measuring ----------------------------------------------------------------


@dataclass
class Run:
    series: str
    publications: int
    step: str  # cold, no-op, edit
    jobs: str  # -j of sphinx-build
    targets: str  # "html pdf" or "html"
    wall: float
    cpu: float
    peak_mb: float
    html_pages_written: int = 0
    pdfs_typeset: int = 0
    html_wall: float = 0.0  # the `make html` part
    html_cpu: float = 0.0
    html_peak_mb: float = 0.0


def timed(command: list[str], env: dict, log: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of a command and all it runs, as /usr/bin/time reports."""
    with log.open("a") as out:
        out.write(f"\n$ {' '.join(command)}\n")
        out.flush()
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed; see {log}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def mtimes(folder: Path, pattern: str) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in folder.glob(pattern)} if folder.is_dir() else {}


def changed(before: dict[str, int], after: dict[str, int]) -> int:
    return sum(1 for path, mtime in after.items() if before.get(path) != mtime)


class Bench:
    def __init__(self, tmp: Path, bib: Path | None, log: Path):
        self.tmp, self.bib, self.log = tmp, bib, log
        self.runs: list[Run] = []

    def make(self, targets: str, source: Path, build: Path, jobs: str, bib: Path | None) -> tuple:
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1644969600"}
        env.pop("MAKEFLAGS", None)
        env.pop("MFLAGS", None)
        if bib is not None:
            env["SERIES_BIBFILE"] = str(bib)
        command = [
            "make",
            "--no-print-directory",
            "-s",
            *targets.split(),
            f"SOURCE={source}",
            f"BUILD={build}",
        ]
        command += [f"SPHINXJOBS={'' if jobs == '1' else jobs}"]
        return timed(command, env, self.log)

    def step(self, name, count, step, source, build, jobs, targets, bib) -> Run:
        work = build / "work"
        html_before = mtimes(work / "html", "**/*.html")
        pdf_before = mtimes(work / "typst", "*.pdf")
        html = self.make("html", source, build, jobs, bib)
        wall, cpu, peak = html
        if "pdf" in targets:
            pdf = self.make("pdf", source, build, jobs, bib)
            wall, cpu, peak = wall + pdf[0], cpu + pdf[1], max(peak, pdf[2])
        run = Run(
            series=name,
            publications=count,
            step=step,
            jobs=jobs,
            targets=targets,
            wall=wall,
            cpu=cpu,
            peak_mb=peak,
            html_pages_written=changed(html_before, mtimes(work / "html", "**/*.html")),
            pdfs_typeset=changed(pdf_before, mtimes(work / "typst", "*.pdf")),
            html_wall=html[0],
            html_cpu=html[1],
            html_peak_mb=html[2],
        )
        self.runs.append(run)
        print(row(run), flush=True)
        return run

    def series(
        self,
        name: str,
        count: int,
        source: Path,
        edited: Path,
        targets: str,
        bib: Path | None,
        jobs_compared: bool = True,
        repeat_cold: int = 1,
    ) -> None:
        """Cold (with -j 1 and -j auto), no-op and edit, each build in its own folder."""
        for attempt in range(repeat_cold):
            build = self.tmp / f"build-{name}-auto-{attempt}"
            self.step(name, count, "cold", source, build, "auto", targets, bib)
        self.step(name, count, "no-op", source, build, "auto", targets, bib)
        # Saved without a change: make starts Sphinx, which reads that file again and finds
        # every output as it was (informational; the targets are no-op and edit).
        os.utime(edited)
        self.step(name, count, "touch", source, build, "auto", targets, bib)
        edit(edited)
        self.step(name, count, "edit", source, build, "auto", targets, bib)
        if jobs_compared:
            build = self.tmp / f"build-{name}-1"
            self.step(name, count, "cold", source, build, "1", targets, bib)
        self.largest_pdf_kb(name, build)
        for attempt in range(repeat_cold):
            shutil.rmtree(self.tmp / f"build-{name}-auto-{attempt}", ignore_errors=True)

    def largest_pdf_kb(self, name: str, build: Path) -> None:
        pdfs = [p for p in (build / "pdf").glob("*.pdf") if not p.name.startswith("volume-")]
        if pdfs:
            self.pdf_kb[name] = max(p.stat().st_size for p in pdfs) / 1024

    pdf_kb: dict[str, float] = {}


def row(run: Run) -> str:
    written = f"{run.html_pages_written:>5} {run.pdfs_typeset:>5}"
    return (
        f"{run.series:<14} {run.publications:>5} {run.targets:<9} {run.step:<6} {run.jobs:>4} "
        f"{run.wall:>8.1f} {run.cpu:>8.1f} {run.peak_mb:>7.0f} "
        f"{run.html_wall:>7.1f} {run.html_peak_mb:>7.0f} {written}"
    )


HEADER = (
    f"{'series':<14} {'pubs':>5} {'make':<9} {'step':<6} {'-j':>4} "
    f"{'wall s':>8} {'CPU s':>8} {'peak MB':>7} {'html s':>7} {'html MB':>7} {'pages':>5} {'PDFs':>5}"
)


# -- Targets ------------------------------------------------------------------


def find(runs: list[Run], series: str, step: str, jobs: str = "auto") -> list[Run]:
    return [r for r in runs if r.series == series and r.step == step and r.jobs == jobs]


def best(runs: list[Run], series: str, step: str, jobs: str = "auto") -> Run | None:
    found = find(runs, series, step, jobs)
    return min(found, key=lambda r: r.wall) if found else None


def targets(runs: list[Run], quick: bool) -> list[dict]:
    results = []

    def check(name: str, value: float | None, limit: float, detail: str, unit: str = "") -> None:
        if value is None:
            return
        passed = value <= limit
        results.append(
            {"target": name, "value": round(value, 3), "limit": limit, "pass": passed, "detail": detail}
        )
        print(f"{'PASS' if passed else 'FAIL'}  {name}: {value:.3f}{unit} (at most {limit}{unit}); {detail}")

    names = sorted(
        {r.series for r in runs if r.series != "real+5000bib"}, key=lambda s: (s != "real", len(s), s)
    )
    for name in names:
        cold, noop = best(runs, name, "cold"), best(runs, name, "no-op")
        if cold and noop:
            check(
                f"no-op / cold, {name}", noop.wall / cold.wall, 0.10, f"{noop.wall:.2f} s / {cold.wall:.2f} s"
            )
    edit_series = "synthetic-50" if quick else "synthetic-200"
    for name in names:
        cold, edited = best(runs, name, "cold"), best(runs, name, "edit")
        if not (cold and edited):
            continue
        detail = (
            f"{edited.wall:.2f} s / {cold.wall:.2f} s; {edited.html_pages_written} pages written, "
            f"{edited.pdfs_typeset} PDFs typeset"
        )
        if name == edit_series:
            check(f"edit one / cold, {name}", edited.wall / cold.wall, 0.10, detail)
        else:
            print(f"info  edit one / cold, {name}: {edited.wall / cold.wall:.3f}; {detail}")

    def per_pub(series: str, html_only: bool = False) -> tuple[float, float] | None:
        run = best(runs, series, "cold")
        if run is None:
            return None
        wall = run.html_wall if html_only else run.wall
        peak = run.html_peak_mb if html_only else run.peak_mb
        return wall / run.publications, peak / run.publications

    large, small = ("synthetic-200", "synthetic-10") if not quick else ("synthetic-50", "synthetic-10")
    a, b = per_pub(large), per_pub(small)
    if a and b:
        check(f"cold time per publication, {large} / {small}", a[0] / b[0], 1.3, "linear growth")
        check(f"peak memory per publication, {large} / {small}", a[1] / b[1], 1.3, "")
    a, b = per_pub("synthetic-1000", html_only=True), per_pub("synthetic-50", html_only=True)
    if a and b:
        check(
            "cold HTML time per publication, synthetic-1000 / synthetic-50", a[0] / b[0], 1.3, "linear growth"
        )
        check("peak HTML memory per publication, synthetic-1000 / synthetic-50", a[1] / b[1], 1.3, "")
    plain, big = best(runs, "real", "cold"), best(runs, "real+5000bib", "cold")
    if plain and big:
        check(
            "5,000-entry references.bib: added cold seconds",
            big.wall - plain.wall,
            1.0,
            f"{big.wall:.2f} s against {plain.wall:.2f} s (best of the cold runs)",
            " s",
        )
    for name in names:
        one, auto = best(runs, name, "cold", "1"), best(runs, name, "cold", "auto")
        if one and auto:
            print(
                f"info  -j auto / -j 1, cold, {name}: {auto.wall / one.wall:.2f} "
                f"({auto.wall:.1f} s against {one.wall:.1f} s)"
            )
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="only the real series and 10 and 50 publications"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "bench.json")
    parser.add_argument("--keep", type=Path, help="keep the generated series and builds in this folder")
    args = parser.parse_args()

    words = vocabulary()
    tmp = Path(tempfile.mkdtemp(prefix="series-bench-")) if args.keep is None else args.keep
    tmp.mkdir(parents=True, exist_ok=True)
    log = tmp / "bench.log"
    bib_text, keys = synthetic_bib(BIB_ENTRIES, random.Random(5000), words)
    bib = tmp / "references-5000.bib"
    # The real works too, so the real series builds against it.
    bib.write_text((ROOT / "references.bib").read_text(encoding="utf-8") + "\n" + bib_text, encoding="utf-8")

    bench = Bench(tmp, bib, log)
    print(f"Whole-process timings of make on {os.cpu_count()} cores; log in {log}", flush=True)
    print(HEADER)
    started = time.perf_counter()
    try:
        real = tmp / "real"
        shutil.copytree(ROOT / "source", real)
        bench.series("real", 3, real, real / REAL_REPORT, "html pdf", None, repeat_cold=3)
        real_big = tmp / "real-big"
        shutil.copytree(ROOT / "source", real_big)
        for attempt in range(3):
            bench.step(
                "real+5000bib",
                3,
                "cold",
                real_big,
                tmp / f"build-real-big-{attempt}",
                "auto",
                "html pdf",
                bib,
            )
            shutil.rmtree(tmp / f"build-real-big-{attempt}")
        sizes = [(10, "html pdf"), (50, "html pdf")]
        if not args.quick:
            sizes += [(200, "html pdf"), (1000, "html")]
        for count, targets_ in sizes:
            source = tmp / f"synthetic-{count}"
            edited = generate_series(source, count, keys, words)
            bench.series(
                f"synthetic-{count}", count, source, edited, targets_, bib, jobs_compared=count <= 200
            )
    finally:
        elapsed = time.perf_counter() - started
    print(f"\n({elapsed / 60:.1f} minutes)\n")
    results = targets(bench.runs, args.quick)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "cores": os.cpu_count(),
        "quick": args.quick,
        "runs": [asdict(r) for r in bench.runs],
        "largest_publication_pdf_kb": {k: round(v, 1) for k, v in bench.pdf_kb.items()},
        "targets": results,
        "minutes": round(elapsed / 60, 1),
    }
    args.out.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(f"Largest publication PDF: {', '.join(f'{k} {v:.0f} KB' for k, v in bench.pdf_kb.items())}")
    print(f"Wrote {args.out}")
    if args.keep is None:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if all(r["pass"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
