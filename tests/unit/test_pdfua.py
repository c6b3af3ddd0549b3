"""The checks of tests/pdfua.py on small PDFs from Typst: each passes a good one and fails one that breaks it.

A few faults Typst refuses to make, or always makes right (a missing /Lang, a link without text, a note
out of place), are made by editing the good PDF with pikepdf."""

from __future__ import annotations

from pathlib import Path

import pytest

typst = pytest.importorskip("typst")
pikepdf = pytest.importorskip("pikepdf")

from .. import pdfua  # noqa: E402
from ..images import png  # noqa: E402

UA = ["a-2a", "ua-1"]

GOOD = """
#set document(title: [A Title])
#set text(lang: "en")

= A Title

== Introduction <intro>

Some text.#footnote[A note with #link("https://example.org/")[a link].] See #link(<intro>)[the introduction].

- one
- two

#figure(image("w.png", alt: "A white square"), caption: [A square.])

#table(columns: 2, table.header([Year], [Count]), [2021], [1])
"""


def build(tmp_path: Path, source: str, name: str = "doc.pdf", pdf_standards=UA, **options) -> Path:
    """The PDF that Typst makes of the source, with the white square at hand as w.png."""
    (tmp_path / "w.png").write_bytes(png())
    out = tmp_path / name
    typst.compile(
        source.encode(),
        output=str(out),
        root=str(tmp_path),
        ignore_system_fonts=True,
        timestamp=1644969600,
        pdf_standards=pdf_standards,
        **options,
    )
    return out


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("good"), GOOD)


def edited(good: Path, tmp_path: Path, edit) -> Path:
    """A copy of the good PDF after edit(pdf, tree) has broken it."""
    out = tmp_path / "edited.pdf"
    with pikepdf.open(good) as pdf:
        edit(pdf, pdfua._Tree(pdf))
        pdf.save(out)
    return out


def test_good_pdf_passes_every_check(good):
    assert pdfua.problems(good) == []
    assert pdfua.language(good) == "en"
    assert pdfua.headings(good) == ["H1", "H2"]
    assert pdfua.notes(good) == ["Note 1"]
    types = pdfua.structure_types(good)
    assert types[0] == "Document"
    assert {"P", "Lbl", "Note", "Link", "L", "LI", "LBody", "Figure", "Caption", "Table", "TH", "TD"} <= set(
        types
    )
    assert types.index("Lbl") < types.index("Note")  # the footnote's mark, then the note


def test_untagged_pdf_fails(tmp_path):
    untagged = build(tmp_path, GOOD, pdf_standards=[], pdf_tags=False)
    assert pdfua.tagged(untagged) == [
        "the catalog has no /StructTreeRoot: the PDF is not tagged",
        "the catalog's /MarkInfo does not say /Marked true",
    ]
    assert pdfua.structure_types(untagged) == []
    assert (
        "the link on page 1 ('https://example.org/') has no /StructParent: it is not tagged"
        in pdfua.links(untagged)
    )


def test_pdf_without_the_standards_lacks_their_identification(tmp_path):
    plain = build(tmp_path, GOOD, pdf_standards=[])
    assert pdfua.tagged(plain) == []
    assert pdfua.identified(plain) == [
        "the XMP metadata does not declare pdfuaid:part 1",
        "the XMP metadata does not declare pdfaid:part 2",
        "the XMP metadata does not declare pdfaid:conformance A",
    ]


def test_title_must_be_set_and_shown(tmp_path):
    # Without the standards Typst leaves /DisplayDocTitle out, title or not.
    assert pdfua.titled(build(tmp_path, GOOD, "titled.pdf", pdf_standards=[])) == [
        "/ViewerPreferences does not say /DisplayDocTitle true"
    ]
    untitled = build(tmp_path, GOOD.replace("#set document(title: [A Title])", ""), pdf_standards=[])
    assert pdfua.titled(untitled) == [
        "/ViewerPreferences does not say /DisplayDocTitle true",
        "the XMP metadata has no dc:title",
    ]


def test_language_must_be_set(good, tmp_path):
    def drop_lang(pdf, tree):
        del pdf.Root.Lang

    no_lang = edited(good, tmp_path, drop_lang)
    assert pdfua.language(no_lang) is None
    assert pdfua.lang(no_lang) == ["the catalog has no /Lang: the document's language is not set"]


def test_figure_needs_alt_text(tmp_path):
    # Typst refuses a figure without alt text under PDF/UA-1, so it is made without the standards.
    no_alt = build(tmp_path, GOOD.replace(', alt: "A white square"', ""), pdf_standards=[])
    assert pdfua.figures(no_alt) == ["figure 1 has no /Alt (alternative text)"]


@pytest.mark.parametrize(
    ("marks", "problems"),
    [
        ("= = == === == = ==", []),  # up one level at a time, down any number
        ("= ===", ["heading 2 is H3 after H1: a level is skipped"]),
        ("== =", ["the first heading is H2, not H1"]),
    ],
)
def test_heading_levels(tmp_path, marks, problems):
    # Typst refuses both faults under PDF/UA-1, so these are made without the standards.
    source = "\n\n".join(f"{mark} Heading {i}" for i, mark in enumerate(marks.split()))
    assert pdfua.heading_levels(build(tmp_path, source, pdf_standards=[])) == problems


def test_links_need_their_tags_and_text(good, tmp_path):
    def break_links(pdf, tree):
        footnote_mark, footnote_link, url, internal = tree.of_type("Link")
        footnote_mark.K = pikepdf.Array(
            [kid for kid in footnote_mark.K if isinstance(kid, pikepdf.Dictionary) and "/Obj" in kid]
        )
        url.S = pikepdf.Name.Span
        internal.K = pikepdf.Array([kid for kid in internal.K if isinstance(kid, int)])  # its OBJR gone
        for page in pdf.pages:
            for annot in page.Annots:
                if annot.get("/Contents") == "https://example.org/":
                    del annot.Contents

    assert pdfua.links(edited(good, tmp_path, break_links)) == [
        "the link on page 1 ('Footnote 1'): its Link element has no text (marked content, /Alt or /ActualText)",
        "the link on page 1 ('Section, page 1'): its Link element has no OBJR back to it",
        "the link on page 1 ('https://example.org/') has no /Contents (alternate description)",
        "the link on page 1 ('https://example.org/') belongs to a Span element, not a Link",
    ]


def test_notes_follow_their_mark_and_have_ids(good, tmp_path):
    def break_notes(pdf, tree):
        (note,) = tree.of_type("Note")
        paragraph = note.P
        paragraph.K = pikepdf.Array(
            [
                kid
                for kid in paragraph.K
                if not (isinstance(kid, pikepdf.Dictionary) and kid.get("/S") == "/Lbl")
            ]
        )
        del note.ID

    assert pdfua.notes_placed(edited(good, tmp_path, break_notes)) == [
        "note 1 has no /ID",
        "note 1 follows no Lbl or Reference in its parent",
    ]


def test_notes_need_unique_ids(tmp_path):
    two = build(tmp_path, GOOD.replace("See", "Again.#footnote[Another note.] See"))
    assert pdfua.notes(two) == ["Note 1", "Note 2"]

    def same_id(pdf, tree):
        for note in tree.of_type("Note"):
            note.ID = pikepdf.String("Note 1")

    assert pdfua.notes_placed(edited(two, tmp_path, same_id)) == ["2 notes have the /ID 'Note 1'"]
