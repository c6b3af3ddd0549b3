"""A real third-party bibliography: biblatex's own examples (Debian's texlive-bibtex-extra).

Every work of the file is cited twice, in notes of its own, all first citations before all
second ones: each note has the full form, then the short form, and the bibliography has every
work. Nothing warns; no form has empty quotation marks or stray punctuation. For a dozen
kinds of work, the three forms are written out below by hand as CMOS 17 (chapter 14) gives
them for that work's data, and compared with the page and with the PDF.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from citations.bibcheck import entries
from sphinx.testing.util import SphinxTestApp

from .. import pdftext
from ..builds import AS_SERIES, make_publication

# Where Debian's texlive-bibtex-extra puts it (make install-test installs the package).
EXAMPLES = Path("/usr/share/texlive/texmf-dist/bibtex/bib/biblatex/biblatex/biblatex-examples.bib")
# @set groups other entries and @xdata lends them fields: neither is a work one cites.
NOT_WORKS = {"set", "xdata"}

# key: (full note, short note, bibliography entry), italics between asterisks.
CMOS = {
    # A book (14.100); a short title from its shorttitle field (14.32).
    "augustine": (
        "Robert L. Augustine, *Heterogeneous Catalysis for the Synthetic Chemist* (New York: Marcel Dekker, 1995).",
        "Augustine, *Heterogeneous Catalysis*.",
        "Augustine, Robert L. *Heterogeneous Catalysis for the Synthetic Chemist*. New York: Marcel Dekker, 1995.",
    ),
    # A title and subtitle; the short title without its article (14.32).
    "worman": (
        "Nancy Worman, *The Cast of Character: Style in Greek Literature* (Austin: University of Texas Press,"
        " 2002).",
        "Worman, *Cast of Character*.",
        "Worman, Nancy. *The Cast of Character: Style in Greek Literature*. Austin: University of Texas Press,"
        " 2002.",
    ),
    # A translated book (14.104).
    "maron": (
        "Monika Maron, *Animal Triste*, trans. Brigitte Goldstein (Lincoln: University of Nebraska Press, 2000).",
        "Maron, *Animal Triste*.",
        "Maron, Monika. *Animal Triste*. Translated by Brigitte Goldstein. Lincoln: University of Nebraska"
        " Press, 2000.",
    ),
    # An edition (14.113), as the file spells the publisher.
    "massa": (
        "Werner Massa, *Crystal Structure Determination*, 2nd ed. (Berlin: Spinger, 2004).",
        "Massa, *Crystal Structure Determination*.",
        "Massa, Werner. *Crystal Structure Determination*. 2nd ed. Berlin: Spinger, 2004.",
    ),
    # Four or more authors: the first and "et al." in notes, all in the bibliography (14.76).
    "cotton": (
        "Frank Albert Cotton et al., *Advanced Inorganic Chemistry*, 6th ed. (Chichester: Wiley, 1999).",
        "Cotton et al., *Advanced Inorganic Chemistry*.",
        "Cotton, Frank Albert, Geoffrey Wilkinson, Carlos A. Murillio, and Manfred Bochmann. *Advanced"
        " Inorganic Chemistry*. 6th ed. Chichester: Wiley, 1999.",
    ),
    # A chapter in an edited book (14.107).
    "pines": (
        "Shlomo Pines, “The Limitations of Human Knowledge According to Al-Farabi, ibn Bajja, and Maimonides,”"
        " in *Studies in Medieval Jewish History and Literature*, ed. Isadore Twersky (Cambridge, Mass.: Harvard"
        " University Press, 1979), 82–109.",
        "Pines, “Limitations of Human Knowledge.”",
        "Pines, Shlomo. “The Limitations of Human Knowledge According to Al-Farabi, ibn Bajja, and Maimonides.”"
        " In *Studies in Medieval Jewish History and Literature*, edited by Isadore Twersky, 82–109. Cambridge,"
        " Mass.: Harvard University Press, 1979.",
    ),
    # A paper in published proceedings (14.217).
    "salam": (
        "Abdus Salam, “Weak and Electromagnetic Interactions,” in *Elementary Particle Theory: Relativistic"
        " Groups and Analyticity. Proceedings of the Eighth Nobel Symposium*, ed. Nils Svartholm (Stockholm:"
        " Almquist & Wiksell, 1968), 367–77.",
        "Salam, “Weak and Electromagnetic Interactions.”",
        "Salam, Abdus. “Weak and Electromagnetic Interactions.” In *Elementary Particle Theory: Relativistic"
        " Groups and Analyticity. Proceedings of the Eighth Nobel Symposium*, edited by Nils Svartholm, 367–77."
        " Stockholm: Almquist & Wiksell, 1968.",
    ),
    # A chapter in German, in a volume of a series: a German title keeps its case (11.24); "von"
    # follows the given name and leaves the short form (8.5).
    "brandt": (
        "Ahasver von Brandt and Erich Hoffmann, “Die nordischen Länder von der Mitte des 11. Jahrhunderts bis"
        " 1448,” in *Europa im Hoch- und Spätmittelalter*, ed. Ferdinand Seibt, Handbuch der europäischen"
        " Geschichte 2 (Stuttgart: Klett-Cotta, 1987), 884–917.",
        "Brandt and Hoffmann, “Die nordischen Länder.”",
        "Brandt, Ahasver von, and Erich Hoffmann. “Die nordischen Länder von der Mitte des 11. Jahrhunderts bis"
        " 1448.” In *Europa im Hoch- und Spätmittelalter*, edited by Ferdinand Seibt, 884–917. Handbuch der"
        " europäischen Geschichte 2. Stuttgart: Klett-Cotta, 1987.",
    ),
    # A journal article with volume and issue (14.175), the journal as the file abbreviates it.
    "bertram": (
        "Aaron Bertram and Richard Wentworth, “Gromov Invariants for Holomorphic Maps on Riemann Surfaces,”"
        " *J. Amer. Math. Soc.* 9, no. 2 (1996): 529–71.",
        "Bertram and Wentworth, “Gromov Invariants.”",
        "Bertram, Aaron, and Richard Wentworth. “Gromov Invariants for Holomorphic Maps on Riemann Surfaces.”"
        " *J. Amer. Math. Soc.* 9, no. 2 (1996): 529–71.",
    ),
    # A journal article with a volume only (14.171).
    "springer": (
        "Otto Springer, “Mediaeval Pilgrim Routes from Scandinavia to Rome,” *Mediaeval Studies* 12 (1950):"
        " 92–122.",
        "Springer, “Mediaeval Pilgrim Routes.”",
        "Springer, Otto. “Mediaeval Pilgrim Routes from Scandinavia to Rome.” *Mediaeval Studies* 12 (1950):"
        " 92–122.",
    ),
    # A document on the web, with its version and date (14.206).
    "markey": (
        "Nicolas Markey, “Tame the BeaST: The B to X of BibTeX,” version 1.3, October 16, 2005,"
        " http://mirror.ctan.org/info/bibtex/tamethebeast/ttb_en.pdf.",
        "Markey, “Tame the BeaST.”",
        "Markey, Nicolas. “Tame the BeaST: The B to X of BibTeX.” Version 1.3. October 16, 2005."
        " http://mirror.ctan.org/info/bibtex/tamethebeast/ttb_en.pdf.",
    ),
    # A website with no author: the title leads (14.206, 14.79).
    "ctan": (
        "“CTAN: The Comprehensive TeX Archive Network,” 2006, http://www.ctan.org.",
        "“CTAN.”",
        "“CTAN: The Comprehensive TeX Archive Network.” 2006. http://www.ctan.org.",
    ),
    # A book with no author, in an edition (14.79, 14.113).
    "cms": (
        "*The Chicago Manual of Style: The Essential Guide for Writers, Editors, and Publishers*, 15th ed."
        " (Chicago, Ill.: University of Chicago Press, 2003).",
        "*Chicago Manual of Style*.",
        "*The Chicago Manual of Style: The Essential Guide for Writers, Editors, and Publishers*. 15th ed."
        " Chicago, Ill.: University of Chicago Press, 2003.",
    ),
}
# A journal article with a DOI, as a URL (14.175): the full note and the bibliography entry.
DOI = (
    "sigfridsson",
    "Emma Sigfridsson and Ulf Ryde, “Comparison of Methods for Deriving Atomic Charges from the Electrostatic"
    " Potential and Moments,” *Journal of Computational Chemistry* 19, no. 4 (1998): 377–95,"
    " https://doi.org/10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P.",
    "Sigfridsson, Emma, and Ulf Ryde. “Comparison of Methods for Deriving Atomic Charges from the Electrostatic"
    " Potential and Moments.” *Journal of Computational Chemistry* 19, no. 4 (1998): 377–95."
    " https://doi.org/10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P.",
)
# What no form should have: an empty pair of quotation marks or brackets, doubled or stranded
# punctuation (an abbreviation's period may stand before a comma: "ed.,", "Conn.;"), TeX left over.
STRAY = re.compile(r"“”|‘’|\(\)|\[\]|[,;:]\s*[,;:.]|\.\.(?!\.)|\s[,;:.)]|\s{2}|\{|\}|\\")


def works() -> list[str]:
    assert EXAMPLES.is_file(), f"{EXAMPLES} is missing: make install-test installs texlive-bibtex-extra"
    return [e.key for e in entries(EXAMPLES.read_text(encoding="utf-8")) if e.type not in NOT_WORKS]


@pytest.fixture(scope="module")
def project(tmp_path_factory, rootdir) -> Path:
    source = tmp_path_factory.mktemp("biblatex-examples")
    shutil.copytree(rootdir / "test-biblatex-examples", source, dirs_exist_ok=True)
    shutil.copyfile(EXAMPLES, source / "refs.bib")
    keys = works()
    text = ["# biblatex's examples", ""]
    text += [f"Work {n}.[^first-{n}]" for n in range(len(keys))]
    text += [f"Again {n}.[^again-{n}]" for n in range(len(keys))]
    text += [f"[^first-{n}]: {{cite:note}}`{key}`." for n, key in enumerate(keys)]
    text += [f"[^again-{n}]: {{cite:note}}`{key}`." for n, key in enumerate(keys)]
    text += ["", "## Bibliography", "", "```{bibliography}", "```", ""]
    (source / "index.md").write_text("\n\n".join(text), encoding="utf-8")
    return source


def build(project: Path, builder: str, **confoverrides) -> SphinxTestApp:
    app = SphinxTestApp(
        builder, srcdir=project, builddir=project / "_build" / builder, confoverrides=confoverrides
    )
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == ""
    return app


def marked(element) -> str:
    """An element's text with its italics between asterisks, its spaces as one."""
    for emphasis in element.find_all("em"):
        emphasis.replace_with(f"*{emphasis.get_text()}*")
    return " ".join(element.get_text().split())


@pytest.fixture(scope="module")
def page(project):
    app = build(project, "html")
    return BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "lxml")


@pytest.fixture(scope="module")
def forms(page) -> dict[str, tuple[str, str, str]]:
    """Each work's full note, short note and bibliography entry, as the page has them."""
    keys = works()
    notes = [marked(note.find("p")) for note in page.select("aside.footnote")]
    assert len(notes) == 2 * len(keys)
    entries_by_id = {div["id"]: marked(div.find("p")) for div in page.select("div.citation")}
    bibliography = {}
    for note, key in zip(page.select("aside.footnote"), keys, strict=False):
        link = note.select_one("span.bibtex-citation a.internal")
        bibliography[key] = entries_by_id[link["href"].lstrip("#")]
    return {key: (notes[n], notes[n + len(keys)], bibliography[key]) for n, key in enumerate(keys)}


def test_every_work_has_its_notes_and_an_entry(page, forms):
    assert len(page.select("div.citation")) == len(forms)
    for key, (full, short, entry) in forms.items():
        assert full and short and entry, key
        assert len(short) <= len(full), key


def test_no_form_has_stray_punctuation_or_empty_quotation_marks(forms):
    for key, texts in forms.items():
        for text in texts:
            assert not STRAY.search(re.sub(r"https?://\S+", "URL", text)), (key, text)


@pytest.mark.parametrize("key", CMOS)
def test_cmos_forms(forms, key):
    assert forms[key] == CMOS[key]


def test_a_doi_is_a_link(forms, page):
    key, full, entry = DOI
    assert (forms[key][0], forms[key][2]) == (full, entry)
    doi = full.rsplit(" ", 1)[1].rstrip(".")
    assert len(page.select(f'a.reference.external[href="{doi}"]')) == 2  # in the note and the bibliography


def test_a_title_in_another_language_is_marked_as_such(page):
    titles = [" ".join(span.get_text().split()) for span in page.select('aside.footnote span[lang="de"]')]
    assert "Die nordischen Länder von der Mitte des 11. Jahrhunderts bis 1448" in titles


def test_the_pdf_has_the_same_forms(project, tmp_path):
    publication = tmp_path / "publication"
    shutil.copytree(project, publication, ignore=shutil.ignore_patterns("_build"))
    make_publication(publication / "index.md")  # as a publication of a series, for the Typst builder
    app = build(publication, "typst", **AS_SERIES)
    text = pdftext.normalized(pdftext.text(app.outdir / "index.pdf"))
    for full, short, entry in CMOS.values():
        for form in (full, short, entry):
            assert pdftext.normalized(form.replace("*", "")) in text, form
