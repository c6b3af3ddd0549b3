"""XeLaTeX over the publications whose LaTeX changed, several at once, each in one pass when one will do.

    PYTHONPATH=_ext python -m series.typeset LATEX_DIR [-j JOBS]

reads ``LATEX_DIR/publications.json`` (written by ``pdf.py``) and typesets
``<slug>.tex`` into ``<slug>.pdf`` for each publication whose ``.tex``, or
the style files beside it (``*.sty``, ``*.cls``), changed since its PDF was
made: ``LATEX_DIR/typeset.json`` records the digests each PDF was made from.
Sphinx's LaTeX builder leaves a ``.tex`` untouched when its text is the same,
so after editing one publication, one is typeset. No Sphinx import.

One XeLaTeX pass makes a whole publication: its links go to named
destinations, its notes stand at the foot of their pages, and the
``bookmark`` package (``series.sty``) makes the PDF's bookmarks in the same
pass. A second pass is run only when the log asks for one that matters: a
rerun hyperref or another package asks for, or LaTeX's "Label(s) may have
changed" in a document that prints what a label holds (``\\ref``,
``\\pageref``, a table of contents). The first pass always says the labels
changed, having none from before; a publication that reads none back loses
nothing by not running again.

This replaces latexmk, which ran XeLaTeX twice on every new publication, ran
makeindex for an index no publication prints, and was started once for every
publication on every build just to find it had nothing to do.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .volume import PUBLICATIONS_JSON, XELATEX_ENV, XeLaTeXError, run_xelatex

TYPESET_JSON = "typeset.json"
RUNS = "runs"  # LATEX_DIR/runs/<name>/: where XeLaTeX runs for each publication
MAX_PASSES = 3

# Commands whose output depends on what an earlier pass wrote to the .aux or .toc.
READS_LABELS = re.compile(
    r"\\(?:ref|pageref|autopageref|nameref|autoref|eqref|tableofcontents|listoffigures|listoftables)\b"
)
LABELS_CHANGED = "Label(s) may have changed. Rerun to"
# LaTeX's, hyperref's, rerunfilecheck's, longtable's requests (not rerunfilecheck's own banner line).
RERUN = re.compile(r"Rerun (?:to|LaTeX)")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def support_digest(latex_dir: Path) -> str:
    """The style files every publication loads: a change to one typesets them all again."""
    files = sorted(p for pattern in ("*.sty", "*.cls") for p in latex_dir.glob(pattern))
    whole = hashlib.sha256()
    for path in files:
        whole.update(f"{path.name}\0{digest(path.read_bytes())}\0".encode())
    return whole.hexdigest()


def asks_for_another_pass(log: str, tex: str) -> bool:
    # TeX breaks its log at 79 characters, inside words too: read it as one line.
    joined = log.replace("\n", "")
    reruns = len(RERUN.findall(joined))
    label_reruns = joined.count(LABELS_CHANGED)
    return reruns > label_reruns or (label_reruns > 0 and READS_LABELS.search(tex) is not None)


class TypesetError(Exception):
    pass


def typeset(latex_dir: Path, name: str) -> int:
    """XeLaTeX on ``name.tex`` until its PDF is complete; the number of passes it took.

    Each publication runs in a folder of its own, finding its .tex and the
    style files beside it through TEXINPUTS: pdfx writes every document's XMP
    packet to ./pdfa.xmpi and reads it back at the end of the run, so two runs
    in one folder would swap their metadata.
    """
    tex = (latex_dir / f"{name}.tex").read_text("utf-8")
    workdir = latex_dir / RUNS / name
    workdir.mkdir(parents=True, exist_ok=True)
    env = {**XELATEX_ENV, "TEXINPUTS": f"{latex_dir.resolve()}:"}  # the trailing colon: and TeX's own
    passes = 0
    while passes < MAX_PASSES:
        passes += 1
        try:
            log = run_xelatex(name, workdir, env)
        except XeLaTeXError as error:
            raise TypesetError(str(error)) from None
        if not asks_for_another_pass(log, tex):
            break
    os.replace(workdir / f"{name}.pdf", latex_dir / f"{name}.pdf")
    return passes


def build(latex_dir: Path, jobs: int) -> list[str]:
    """Typeset what changed; the names typeset. Raises TypesetError naming every publication that failed."""
    data = json.loads((latex_dir / PUBLICATIONS_JSON).read_text("utf-8"))
    names = sorted({p["docname"].rsplit("/", 1)[-1] for p in data["publications"]})
    record_path = latex_dir / TYPESET_JSON
    try:
        record = json.loads(record_path.read_text("utf-8"))
    except (OSError, ValueError):
        record = {}
    support = support_digest(latex_dir)
    wanted = {}
    for name in names:
        # The .tex, and what pdfx reads beside it: the XMP metadata and the date (pdfa.py).
        own = [latex_dir / f"{name}{suffix}" for suffix in (".tex", ".xmpdata", ".pdfdate")]
        made_from = {"tex": digest(b"".join(p.read_bytes() for p in own if p.is_file())), "support": support}
        if record.get(name) != made_from or not (latex_dir / f"{name}.pdf").is_file():
            wanted[name] = made_from
    failures = []
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {name: pool.submit(typeset, latex_dir, name) for name in wanted}
        passes = {}
        for name, future in futures.items():
            try:
                passes[name] = future.result()
                record[name] = wanted[name]
            except TypesetError as error:
                failures.append(str(error))
                record.pop(name, None)
    record = {name: made for name, made in record.items() if name in names}
    record_path.write_text(json.dumps(record, indent=1, sort_keys=True), "utf-8")
    if failures:
        raise TypesetError("\n".join(failures))
    if wanted:
        twice = sorted(name for name, n in passes.items() if n > 1)
        print(
            f"series.typeset: {len(wanted)} of {len(names)} publications typeset in "
            f"{time.perf_counter() - started:.1f} s"
            + (f"; more than one pass: {', '.join(twice)}" if twice else "")
        )
    return sorted(wanted)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m series.typeset", description=__doc__.splitlines()[0])
    parser.add_argument("latex_dir", type=Path)
    parser.add_argument(
        "-j", "--jobs", default="1", help="how many at once: a number, or auto for every core"
    )
    args = parser.parse_args(argv)
    jobs = (os.cpu_count() or 1) if args.jobs == "auto" else int(args.jobs)
    try:
        build(args.latex_dir, jobs)
    except TypesetError as error:
        print(f"series.typeset: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
