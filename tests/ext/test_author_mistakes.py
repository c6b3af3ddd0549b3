"""Mistakes in the Markdown stop the build with the file, the line and what to do.

Each test breaks one thing in a copy of a tiny project and builds it.
"""

from __future__ import annotations

import pytest

from ..builds import AS_SERIES, make_publication


def build_with(app, replace: tuple[str, str], file: str = "index.md") -> str:
    source = app.srcdir / file
    text = source.read_text(encoding="utf-8")
    assert replace[0] in text
    source.write_text(text.replace(*replace), encoding="utf-8")
    app.build()
    return app.warning.getvalue()


@pytest.mark.sphinx("html", testroot="csl-notes", srcdir="mistake-key")
def test_unknown_citation_key(app):
    warnings = build_with(app, ("{cite:note}`agency-2021-statement`;", "{cite:note}`agency-2021-statment`;"))
    assert (
        "index.md:7: WARNING: unknown citation key 'agency-2021-statment': did you mean 'agency-2021-statement'?"
        in warnings
    )
    assert warnings.count("WARNING") == 1


@pytest.mark.sphinx("html", testroot="csl-notes", srcdir="mistake-key-far")
def test_unknown_citation_key_with_nothing_near(app):
    warnings = build_with(app, ("{cite:note}`agency-2021-statement`;", "{cite:note}`zzz`;"))
    assert "WARNING: unknown citation key 'zzz': add its entry to refs.bib [citations.key]" in warnings


@pytest.mark.sphinx("html", testroot="series", srcdir="mistake-xref")
def test_unknown_cross_reference_target(app):
    warnings = build_with(app, ("see {pubref}`first-intro`", "see {ref}`first-intra`"), "reports/first.md")
    assert "first.md:23: WARNING: undefined label: 'first-intra' [ref.ref]" in warnings


@pytest.mark.sphinx("html", testroot="series", srcdir="mistake-term")
def test_unknown_glossary_term(app):
    warnings = build_with(app, ("{term}`widget`", "{term}`gadget`"), "reports/first.md")
    assert "first.md:18: WARNING: term not in glossary: 'gadget' [ref.term]" in warnings


@pytest.mark.sphinx("html", testroot="series", srcdir="mistake-image")
def test_missing_image(app):
    warnings = build_with(app, ("Text.\n", "Text.\n\n![A map](maps/missing.png)\n"), "reports/second.md")
    assert (
        "second.md:16: WARNING: image file not readable: reports/maps/missing.png [image.not_readable]"
        in warnings
    )


@pytest.mark.sphinx(
    "typst",
    testroot="footcite",
    confoverrides=AS_SERIES,
)
def test_footcite_with_its_footbibliography_prints_its_note(app):
    make_publication(app.srcdir / "index.md")
    app.build()
    assert app.warning.getvalue() == ""
    assert (app.outdir / "index.body.typ").read_text(encoding="utf-8").count("#footnote[") == 1


@pytest.mark.sphinx("html", testroot="footcite", srcdir="mistake-footcite")
def test_footcite_without_footbibliography(app):
    warnings = build_with(app, ("```{footbibliography}\n```\n", ""))
    assert (
        "index.md:3: WARNING: a {footcite} needs a {footbibliography} after it, or the PDF loses the note:"
        " add one at the end of the document, or cite with {cite:note} inside a footnote [citations.footcite]"
    ) in warnings


@pytest.mark.sphinx("html", testroot="series", srcdir="mistake-control")
def test_control_characters_in_markdown(app):
    warnings = build_with(app, ("Text.\n", "Text \x07 and \x1b[31m.\n"), "reports/second.md")
    assert "second.md:14: WARNING: control character U+0007 in column 6: delete it" in warnings
    assert "second.md:14: WARNING: control character U+001B in column 12: delete it" in warnings


@pytest.mark.sphinx("html", testroot="footcite", srcdir="mistake-footcite-key")
def test_unknown_footcite_key(app):
    """sphinxcontrib-bibtex drops the citation (its warning is left out, as for {cite})."""
    warnings = build_with(app, ("{footcite}`doe-2020-journal`", "{footcite}`doe-2020-jurnal`"))
    assert (
        "index.md:3: WARNING: unknown citation key 'doe-2020-jurnal': did you mean 'doe-2020-journal'?"
        in (warnings)
    )


@pytest.mark.sphinx("html", testroot="series", srcdir="mistake-key-twice")
def test_a_front_matter_key_given_twice(app):
    warnings = build_with(app, ("  kind: report\n", "  kind: report\n  kind: bulletin\n"), "reports/first.md")
    assert (
        "first.md:4: WARNING: the front matter gives a key twice: the key 'kind' is given twice"
        " (also on line 3); keep one [series.front_matter]"
    ) in warnings


@pytest.mark.sphinx("html", testroot="series", srcdir="mistake-no-date")
def test_a_date_that_is_none(app):
    """YAML reads 2030-02-30 as a date and Python refuses it: a message, not a traceback."""
    warnings = build_with(app, ("  date: 2030-05-01", "  date: 2030-02-30"), "reports/first.md")
    assert (
        "first.md:1: WARNING: publication.date: expected an ISO date such as 2022-02-16, got '2030-02-30'"
        in (warnings)
    )
    assert "Traceback" not in warnings
    assert "  date: 2030-02-30\n" in (app.srcdir / "reports" / "first.md").read_text(
        encoding="utf-8"
    )  # untouched


@pytest.mark.sphinx("html", testroot="csl-notes", srcdir="mistake-toctree-loop")
def test_a_toctree_loop_is_named_not_a_traceback(app):
    (app.srcdir / "other.md").write_text("# Other\n\n```{toctree}\nindex\n```\n", encoding="utf-8")
    warnings = build_with(app, ("# Notes\n", "# Notes\n\n```{toctree}\nother\n```\n"))
    assert "other.md: WARNING: the toctree includes index again (index → other → index)" in warnings
    assert "RecursionError" not in warnings and "maximum recursion" not in warnings


@pytest.mark.sphinx("html", testroot="series", srcdir="mistake-note-label")
def test_a_note_marker_and_its_note_with_different_labels(app):
    """Docutils says "Unknown target name" and "Footnote [#] is not referenced": these name the label."""
    warnings = build_with(
        app,
        ("Text.\n", "Text.[^one] More.[^two] Last.[^three]\n\n[^one]: A note.\n\n[^tow]: Another.\n"),
        "reports/second.md",
    )
    assert (
        "second.md:14: WARNING: the note [^two] has no text: did you mean [^tow]? [series.note]" in warnings
    )
    assert (
        "second.md:18: WARNING: the note [^tow] has no marker in the text: put [^tow] where the note belongs,"
        " or delete the note [series.note]"
    ) in warnings
    assert (
        "second.md:14: WARNING: the note [^three] has no text: add a line '[^three]: ...' below the text"
        in warnings
    )
    assert "[^one]" not in warnings


@pytest.mark.sphinx("html", testroot="series", srcdir="note-label-in-code")
def test_notes_shown_as_examples_in_code_are_not_notes(app):
    """Code blocks and inline code are skipped; a directive's Markdown content is not."""
    example = (
        "Text.\n\n```markdown\nA claim.[^a]\n\n[^b]: Its note.\n```\n\nWrite `[^c]` for a marker.\n\n"
        ":::{note}\nA claim in a box.[^d]\n:::\n\n[^d]: Its note.\n"
    )
    assert build_with(app, ("Text.\n", example), "reports/second.md") == ""
