"""Page numbers and the annual volume, assembled from the PDFs XeLaTeX already made.

Publications are typeset without page numbers (``series.sty``). This step,
run after XeLaTeX (typeset.py), stamps them on: each publication's own PDF is numbered
1..n, and each fiscal year's volume (a title page and contents, then every
publication of the year from a right-hand page) is numbered through. Only the
small front matter and one document of numbered empty pages are typeset here,
so editing one publication never typesets a volume again.

    PYTHONPATH=_ext python -m series.volume LATEX_DIR OUT_DIR

reads ``LATEX_DIR/publications.json`` and the ``LATEX_DIR/<slug>.pdf`` that
XeLaTeX made, and writes ``OUT_DIR/<slug>.pdf`` for each publication and
``OUT_DIR/volume-<fiscal year>.pdf`` and ``.json`` (each publication's pages
in the volume, for citing it) for each fiscal year. No Sphinx import.

Every PDF stays PDF/A-2b as XeLaTeX and pdfx made it: a publication's PDF is
its XeLaTeX PDF with the numbers stamped on, and a volume is its front matter's
PDF (typeset PDF/A-2b too, its XMP from the model) with the publications' pages
appended, so each keeps the catalog's XMP metadata and output intent.

Only what changed is made again. ``LATEX_DIR/volume/`` keeps what the last
run made and from what: the digest of each publication's raw PDF and its
page count, each year's front matter (its LaTeX and PDF) and the numbers
document. A publication whose raw PDF is the same keeps its numbered PDF; a
year none of whose publications or contents changed keeps its volume; the
front matter is typeset again only when its text changes, the numbers
document only when a PDF grows longer than it. Files of publications and
years that are gone are removed from OUT_DIR.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import string
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import NameObject

from .model import SERIES_NAMES, Publication
from .pdfa import pdf_date, xmpdata

PUBLICATIONS_JSON = "publications.json"  # written by series/pdf.py
CACHE = "volume"  # in LATEX_DIR: what the last run made, and from what
STATE_JSON = "state.json"

PageRange = tuple[int, int]  # first and last page in a volume

VOLUME_SERIES = " and ".join(SERIES_NAMES.values())  # every kind, whichever a year has

XELATEX = ["xelatex", "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error"]
# TeX may read and write nothing outside the folder it runs in (kpathsea's paranoid mode).
XELATEX_ENV = {**os.environ, "openin_any": "p", "openout_any": "p"}
# One XeLaTeX run takes a second; a run that goes on for minutes will not end (a 10,000-letter
# word it cannot break).
XELATEX_TIME_LIMIT = 300
# What XeTeX logs for a character none of its fonts has: the PDF would show an empty box.
MISSING = re.compile(
    r"^Missing character: There is no (.+?) \(U\+([0-9A-F]+)\) in font ([^/!:]+)", re.MULTILINE
)


class XeLaTeXError(Exception):
    """XeLaTeX stopped, ran out of time, or left characters out: what and where, for the author."""


def run_xelatex(name: str, workdir: Path, env: dict) -> str:
    """XeLaTeX once on ``workdir/<name>.tex``, within the time limit; its log."""
    try:
        run = subprocess.run(
            [*XELATEX, f"{name}.tex"],
            cwd=workdir,
            capture_output=True,
            text=True,
            errors="replace",
            env=env,
            timeout=XELATEX_TIME_LIMIT,
        )
    except subprocess.TimeoutExpired:
        raise XeLaTeXError(
            f"XeLaTeX did not finish {name}.tex in {XELATEX_TIME_LIMIT} s (a very long word it cannot break?)"
        ) from None
    log_path = workdir / f"{name}.log"
    log = log_path.read_text("utf-8", errors="replace") if log_path.is_file() else run.stdout
    if run.returncode != 0:
        lines = log.splitlines()
        # TeX's error line and the next, which shows where in the source it stopped; else what
        # the PDF driver said on the terminal (an image it can't read), which the log lacks.
        error = next((" ".join(lines[i : i + 2]) for i, line in enumerate(lines) if line.startswith("!")), "")
        terminal = (run.stdout + run.stderr).splitlines()
        error = error or " ".join(line for line in terminal if "error" in line.lower())
        raise XeLaTeXError(f"XeLaTeX failed on {name}.tex (see {log_path}): {error}")
    missing = dict.fromkeys(f"{char} (U+{code})" for char, code, _ in MISSING.findall(log))
    if missing:
        raise XeLaTeXError(
            f"{name}: no font of the PDF has {', '.join(missing)}; the PDF would show empty boxes:"
            " write the text without it, or with a character the fonts have"
        )
    return log


# The page as Sphinx sets it up for a howto document (A4, 11pt, two-sided,
# 1in margins, FreeSerif and FreeSans through fontspec), with the footer Sphinx
# gave it before series.sty emptied it: the page number centred, in
# \py@HeaderFamily = \sffamily\bfseries (sphinxlatexstylepage.sty).
PAGE = r"""\documentclass[a4paper,11pt,twoside]{article}
\usepackage{fontspec}
\defaultfontfeatures[\rmfamily,\sffamily]{}
\setmainfont{FreeSerif}[Extension=.otf, UprightFont=*, ItalicFont=*Italic,
  BoldFont=*Bold, BoldItalicFont=*BoldItalic]
\setsansfont{FreeSans}[Extension=.otf, UprightFont=*, ItalicFont=*Oblique,
  BoldFont=*Bold, BoldItalicFont=*BoldOblique]
\usepackage[hmargin=1in,vmargin=1in]{geometry}
\usepackage{fancyhdr}
\fancypagestyle{plain}{\fancyhf{}\fancyfoot[C]{\sffamily\bfseries\thepage}%
  \renewcommand{\headrulewidth}{0pt}\renewcommand{\footrulewidth}{0pt}}
\pagestyle{plain}
"""

NUMBERS = string.Template(r"""\begin{document}
\newcount\pagesleft \pagesleft=$page_count
\loop\null\newpage\advance\pagesleft by -1 \ifnum\pagesleft>0 \repeat
\end{document}
""")

# The front matter is typeset PDF/A-2b as the publications are (conf.py), with its
# XMP from volume-<year>-front.xmpdata (front_matter_xmp); the volume is built on
# its PDF, so it keeps that metadata and the sRGB output intent.
PDFA = string.Template(r"""\edef\pdfcreationdate{\string $date}
\usepackage[a-2b]{pdfx}
""")

# The title page and its blank back, then the contents, which print their own
# page numbers in the look of the stamped ones (PAGE).
FRONT_MATTER = string.Template(r"""\makeatletter
% \volumeentry{label}{title}{credit}{first page}: the title dotted to its page.
\newcommand{\volumeentry}[4]{%
  \noindent{\sffamily\small #1}\par\nopagebreak
  \@dottedtocline{1}{0pt}{0pt}{#2}{#4}\nopagebreak
  \noindent{\itshape #3}\par\bigskip}
\makeatother
\begin{document}
\thispagestyle{empty}
\begin{center}\sffamily
\vspace*{6cm}
{\huge\bfseries $series\par}
\vspace{1.5em}
{\Large FY $fiscal_year\par}
\vspace{3em}
$groups
\end{center}
\clearpage{\pagestyle{empty}\cleardoublepage}
\noindent{\sffamily\LARGE\bfseries Contents\par}
\bigskip
$entries
\end{document}
""")

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "%": r"\%",
    "~": r"\textasciitilde{}",
}


class VolumeError(Exception):
    """A file this step needs is missing or could not be typeset; the message names it."""


def latex_escape(text: str) -> str:
    """Text as LaTeX prints it literally, whatever an author wrote."""
    return "".join(_LATEX_SPECIALS.get(char, char) for char in text)


def volume_title(fiscal_year: int) -> str:
    return f"{VOLUME_SERIES}, FY {fiscal_year}"


def reading_order(publication: Publication) -> tuple:
    """By date, then by number (#9 before #10)."""
    return (publication.date, publication.sort_key)


def by_fiscal_year(publications) -> dict[int, list[Publication]]:
    """The publications of each fiscal year in reading order, earliest year first."""
    years: dict[int, list[Publication]] = {}
    for publication in sorted(publications, key=reading_order):
        years.setdefault(publication.fiscal_year, []).append(publication)
    return dict(sorted(years.items()))


def page_ranges(front_pages: int, page_counts: list[int]) -> list[PageRange]:
    """First and last page of each publication in the volume.

    Each starts on the odd (right-hand) page after the one before, as the
    chapters of a printed book do, so the volume prints two-sided as a book;
    the left-hand page left over stays blank.
    """
    ranges = []
    last = front_pages
    for count in page_counts:
        first = last + 1 + last % 2
        last = first + count - 1
        ranges.append((first, last))
    return ranges


def volume_json(fiscal_year: int, publications: list[Publication], ranges: list[PageRange]) -> dict:
    """What later citations of a publication in the volume need: its pages."""
    return {
        "fiscal_year": fiscal_year,
        "title": volume_title(fiscal_year),
        "publications": [
            {
                "docname": p.docname,
                "number": p.number,
                "label": p.label,
                "title": p.title,
                "first_page": first,
                "last_page": last,
            }
            for p, (first, last) in zip(publications, ranges, strict=True)
        ],
    }


def numbers_source(page_count: int) -> str:
    """A document of empty pages that show only their numbers, 1..page_count."""
    return PAGE + NUMBERS.substitute(page_count=page_count)


def front_matter_xmp(fiscal_year: int, publications: list[Publication], publisher: str) -> list:
    """The volume's XMP: its title, the research groups that compiled it (as its title page
    credits them), the date of its last publication, its publications' languages, the publisher."""
    return [
        ("Title", volume_title(fiscal_year)),
        *(("Author", group) for group in sorted({p.group for p in publications})),
        *(("Language", language) for language in sorted({p.language for p in publications})),
        ("Date", max(p.date for p in publications).isoformat()),
        ("Publisher", publisher),
        ("Relation", VOLUME_SERIES),
        ("Volume", f"FY {fiscal_year}"),
    ]


def front_matter_source(fiscal_year: int, publications: list[Publication], ranges: list[PageRange]) -> str:
    """The volume's title page, its blank back, and the contents, every model value escaped."""
    groups = "\n".join(rf"{{\large {latex_escape(g)}\par}}" for g in sorted({p.group for p in publications}))
    entries = "\n".join(
        rf"\volumeentry{{{latex_escape(p.label)}}}{{{latex_escape(p.title)}}}{{{latex_escape(p.credit_line)}}}"
        rf"{{{first}}}"
        for p, (first, _) in zip(publications, ranges, strict=True)
    )
    pdfa = PDFA.substitute(date=pdf_date(max(p.date for p in publications)))
    return (
        PAGE
        + pdfa
        + FRONT_MATTER.substitute(
            series=latex_escape(VOLUME_SERIES), fiscal_year=fiscal_year, groups=groups, entries=entries
        )
    )


def typeset(source: str, name: str, workdir: Path) -> PdfReader:
    """Run XeLaTeX once on source as ``workdir/<name>.tex``; its PDF, or the error it stopped on."""
    (workdir / f"{name}.tex").write_text(source, "utf-8")
    try:
        run_xelatex(name, workdir, XELATEX_ENV)
    except XeLaTeXError as error:
        raise VolumeError(str(error)) from None
    return PdfReader(workdir / f"{name}.pdf")


def typeset_again_if_changed(source: str, name: str, workdir: Path) -> PdfReader:
    """``typeset``, unless ``workdir`` holds the PDF of this very source from an earlier run.

    What the PDF was made from is noted beside it once the run has succeeded: a run killed
    half-way leaves the new .tex beside the old PDF, which must not pass for its PDF."""
    pdf, made_from = workdir / f"{name}.pdf", workdir / f"{name}.made-from"
    wanted = hashlib.sha256(source.encode()).hexdigest()
    if pdf.is_file() and made_from.is_file() and made_from.read_text("utf-8") == wanted:
        return PdfReader(pdf)
    made_from.unlink(missing_ok=True)
    reader = typeset(source, name, workdir)
    made_from.write_text(wanted, "utf-8")
    return reader


def typeset_front_matter(
    fiscal_year: int,
    publications: list[Publication],
    page_counts: list[int],
    publisher: str,
    workdir: Path,
    front_pages: int = 3,
) -> tuple[PdfReader, list[PageRange]]:
    """The front matter and the publications' pages, which depend on the front matter's length.

    The first guess is a title page, its back and one page of contents (or
    what the last run found); when the contents come out longer or shorter,
    the pages move and it is typeset again.
    """
    fields = front_matter_xmp(fiscal_year, publications, publisher)
    (workdir / f"volume-{fiscal_year}-front.xmpdata").write_text(xmpdata(fields), "utf-8")
    for _ in range(3):
        ranges = page_ranges(front_pages, page_counts)
        source = front_matter_source(fiscal_year, publications, ranges)
        front = typeset_again_if_changed(source, f"volume-{fiscal_year}-front", workdir)
        if len(front.pages) == front_pages:
            return front, ranges
        front_pages = len(front.pages)
    raise VolumeError(f"volume-{fiscal_year}-front.tex: the contents' length does not settle")


def stamp_page_numbers(pages: Iterable[PageObject], numbers: PdfReader, first_number: int) -> None:
    """Print first_number, first_number + 1, ... on pages, from the numbers document."""
    for number, page in enumerate(pages, start=first_number):
        page.merge_page(numbers.pages[number - 1])
        page.compress_content_streams()  # merging leaves the page's text uncompressed


def read_pdf(path: Path) -> PdfReader:
    if not path.is_file():
        raise VolumeError(f"{path}: missing; XeLaTeX makes it (make pdf)")
    return PdfReader(path)


def read_text(path: Path) -> str:
    if not path.is_file():
        raise VolumeError(f"{path}: missing; the LaTeX build writes it (make pdf)")
    return path.read_text("utf-8")


def read_publication(path: Path) -> PdfReader:
    """XeLaTeX's PDF of a publication, its links and bookmarks pointing at pages instead of at names.

    hyperref names its destinations (``Hfootnote.1``, ``section*.2``), and
    every publication of a volume uses the same names for its own pages; a
    page reference survives the merge into the volume.
    """
    pdf = read_pdf(path)
    destinations = pdf.named_destinations

    def to_page(link) -> None:
        action = link.get_object().get("/A", {})
        name = action.get("/D")
        if action.get("/S") == "/GoTo" and isinstance(name, str):
            if name not in destinations:
                raise VolumeError(f"{path}: a link or bookmark goes to {name!r}, which it does not define")
            action[NameObject("/D")] = destinations[name].dest_array

    for page in pdf.pages:
        for annotation in page.get("/Annots", []):
            to_page(annotation)
    bookmarks = [pdf.root_object["/Outlines"]["/First"]] if "/Outlines" in pdf.root_object else []
    while bookmarks:
        bookmark = bookmarks.pop().get_object()
        to_page(bookmark)
        bookmarks += [bookmark[key] for key in ("/First", "/Next") if key in bookmark]
    return pdf


def publication_pdf(raw: PdfReader, numbers: PdfReader) -> PdfWriter:
    """The publication's own PDF: numbered from 1; links, bookmarks and metadata as XeLaTeX made them."""
    pdf = PdfWriter(clone_from=raw)
    pdf.pdf_header = raw.pdf_header  # pypdf would write its own, PDF 1.3
    stamp_page_numbers(pdf.pages, numbers, 1)
    return pdf


def volume_pdf(
    front: PdfReader,
    publications: list[Publication],
    ranges: list[PageRange],
    raw: dict[str, PdfReader],
    numbers: PdfReader,
) -> PdfWriter:
    """Front matter, then each publication (raw, by docname) on its pages, numbered through, bookmarked.

    The volume is the front matter's PDF grown: its metadata, output intent and identifier are the volume's.
    """
    volume = PdfWriter(clone_from=front)
    volume.pdf_header = front.pdf_header  # pypdf would write its own, PDF 1.3
    volume.add_outline_item(title="Contents", page_number=2)  # after the title page and its back
    for publication, (first, last) in zip(publications, ranges, strict=True):
        while len(volume.pages) < first - 1:
            volume.add_blank_page()
        volume.append(raw[publication.docname], outline_item=publication.title)
        stamp_page_numbers(volume.pages[first - 1 : last], numbers, first)
    # Names clash between publications, and every link goes to a page (read_publication).
    volume.root_object.pop(NameObject("/Names"), None)
    volume.page_mode = "/UseOutlines"
    return volume


def write_pdf(pdf: PdfWriter, path: Path) -> None:
    # Through memory: given a path, pypdf writes each token to the file unbuffered.
    buffer = io.BytesIO()
    pdf.write(buffer)
    path.write_bytes(buffer.getvalue())


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build(latex_dir: Path, out_dir: Path) -> None:
    """Every publication's PDF and every fiscal year's volume, from what XeLaTeX made in latex_dir."""
    data = json.loads(read_text(latex_dir / PUBLICATIONS_JSON))
    publisher = data.get("publisher", "")
    years = by_fiscal_year(Publication.from_json(p) for p in data["publications"])
    everyone = [p for ps in years.values() for p in ps]
    paths = {p.docname: latex_dir / f"{p.slug}.pdf" for p in everyone}
    for path in paths.values():
        if not path.is_file():
            raise VolumeError(f"{path}: missing; XeLaTeX makes it (make pdf)")
    out_dir.mkdir(parents=True, exist_ok=True)
    cache = latex_dir / CACHE
    cache.mkdir(exist_ok=True)
    try:
        before = json.loads((cache / STATE_JSON).read_text("utf-8"))
    except (OSError, ValueError):
        before = {}
    made = {p.docname: digest(paths[p.docname].read_bytes()) for p in everyone}
    known_pages = before.get("pages", {})
    pages = {made[d]: known_pages.get(made[d]) or len(read_pdf(paths[d]).pages) for d in paths}
    raw: dict[str, PdfReader] = {}

    def raw_pdf(publication: Publication) -> PdfReader:
        if publication.docname not in raw:
            raw[publication.docname] = read_publication(paths[publication.docname])
        return raw[publication.docname]

    state = {
        "pages": pages,
        "publications": {},
        "volumes": {},
        "front_pages": {},
        "numbers": before.get("numbers", 0),
    }
    wanted = set()
    if everyone:
        volumes = {}
        for year, publications in years.items():
            counts = [pages[made[p.docname]] for p in publications]
            guess = before.get("front_pages", {}).get(str(year), 3)
            volumes[year] = typeset_front_matter(year, publications, counts, publisher, cache, guess)
            state["front_pages"][str(year)] = len(volumes[year][0].pages)
        # One numbers document serves every PDF: as long as the longest of them.
        longest = max([*pages.values(), *(r[-1][1] for _, r in volumes.values())])
        if state["numbers"] < longest or not (cache / "numbers.pdf").is_file():
            state["numbers"] = longest
            typeset(numbers_source(longest), "numbers", cache)
        numbers = PdfReader(cache / "numbers.pdf")
        for year, publications in years.items():
            for p in publications:
                target = out_dir / f"{p.slug}.pdf"
                wanted.add(target.name)
                if before.get("publications", {}).get(p.slug) != made[p.docname] or not target.is_file():
                    write_pdf(publication_pdf(raw_pdf(p), numbers), target)
                state["publications"][p.slug] = made[p.docname]
            front, ranges = volumes[year]
            # The volume is made from the front matter's text and the publications' raw PDFs.
            sources = [(cache / f"volume-{year}-front.tex").read_text("utf-8")]
            sources += [f"{p.docname} {made[p.docname]}" for p in publications]
            key = digest("\n".join(sources).encode())
            target = out_dir / f"volume-{year}.pdf"
            wanted |= {target.name, f"volume-{year}.json"}
            if before.get("volumes", {}).get(str(year)) != key or not target.is_file():
                volume = volume_pdf(
                    front, publications, ranges, {p.docname: raw_pdf(p) for p in publications}, numbers
                )
                write_pdf(volume, target)
            state["volumes"][str(year)] = key
            (out_dir / f"volume-{year}.json").write_text(
                json.dumps(volume_json(year, publications, ranges), indent=1, ensure_ascii=False), "utf-8"
            )
    state["pages"] = {made[d]: pages[made[d]] for d in paths}
    for stale in [*out_dir.glob("*.pdf"), *out_dir.glob("volume-*.json")]:
        if stale.name not in wanted:
            stale.unlink()  # a publication or a year that is no more
    (cache / STATE_JSON).write_text(json.dumps(state, indent=1, sort_keys=True), "utf-8")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m series.volume LATEX_DIR OUT_DIR", file=sys.stderr)
        return 2
    try:
        build(Path(argv[0]), Path(argv[1]))
    except VolumeError as error:
        print(f"series.volume: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
