"""Figures and tables: numbered from 1 in each publication, as in its PDF, and named so by {numref};
an image the PDF can't show is named as the page is built."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from .. import pdfua
from ..images import png

FIGURE = """
({label}-figure)=
```{{figure}} {image}
:alt: {alt}

{caption}
```

({label}-table)=
```{{table}} The values
| Name | Value |
| ---- | ----- |
| one  | 1     |
```

As {{numref}}`{label}-figure` and {{numref}}`{label}-table` show.
"""


def add(app, file: str, text: str) -> None:
    source = app.srcdir / "reports" / file
    source.write_text(source.read_text(encoding="utf-8") + text, encoding="utf-8")


def page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / "reports" / f"{name}.html").read_text(encoding="utf-8"), "lxml")


@pytest.mark.sphinx("html", testroot="series", srcdir="figures-numbered")
def test_each_publication_numbers_its_own_figures_and_tables(app):
    (app.srcdir / "reports" / "map.png").write_bytes(png())
    add(app, "first.md", FIGURE.format(label="first", image="map.png", alt="A map.", caption="The region."))
    add(app, "first.md", FIGURE.format(label="first-2", image="map.png", alt="A map.", caption="Again."))
    add(app, "second.md", FIGURE.format(label="second", image="map.png", alt="A map.", caption="Elsewhere."))
    app.build()
    assert app.warning.getvalue() == ""
    numbers = {
        name: [" ".join(span.get_text().split()) for span in page(app, name).select(".caption-number")]
        for name in ("first", "second")
    }
    assert numbers == {
        "first": ["Figure 1", "Table 1", "Figure 2", "Table 2"],
        "second": ["Figure 1", "Table 1"],
    }
    references = [a.get_text() for a in page(app, "second").select("a.reference.internal span.std-numref")]
    assert references == ["Figure 1", "Table 1"]
    assert [a.get_text() for a in page(app, "first").select("span.std-numref")][2:] == ["Figure 2", "Table 2"]


TIFF = b"II*\x00\x08\x00\x00\x00"  # a TIFF's first bytes: a format no browser and no Typst shows
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'


@pytest.mark.sphinx("html", testroot="series", srcdir="figure-tiff")
def test_an_image_the_pdf_cannot_show_is_named(app):
    (app.srcdir / "reports" / "scan.tif").write_bytes(TIFF)
    add(app, "second.md", FIGURE.format(label="second", image="scan.tif", alt="A scan.", caption="Values."))
    app.build()
    assert (
        "second.md:17: WARNING: the PDF can't show reports/scan.tif (SVG, PDF, PNG, JPEG, GIF and WebP images"
        " only): save a PNG or SVG copy beside it and write the path with .* for its extension"
    ) in app.warning.getvalue()


@pytest.mark.sphinx("typst", testroot="series", srcdir="figure-pdf-and-png")
def test_a_chart_saved_as_pdf_and_png_is_vector_in_the_pdf(app):
    """The page shows the PNG; the PDF takes the PDF, as an SVG of its page (Typst embeds no PDF in a
    PDF/A), so the chart stays sharp in print."""
    import typst

    chart = typst.compile(b"#set page(width: 4cm, height: 2cm)\n#rect(width: 3cm, height: 1cm, fill: red)")
    (app.srcdir / "reports" / "chart.pdf").write_bytes(chart)
    (app.srcdir / "reports" / "chart.png").write_bytes(png())
    add(app, "second.md", FIGURE.format(label="second", image="chart.*", alt="A chart.", caption="Values."))
    app.build()
    assert app.warning.getvalue() == ""
    body = (app.outdir / "second.body.typ").read_text("utf-8")
    assert 'image("chart.pdf.svg", alt: "A chart.")' in body
    assert (app.outdir / "chart.pdf.svg").read_text("utf-8").startswith("<?xml")
    assert pdfua.figures(app.outdir / "second.pdf") == []
    # Only publications and volumes are PDFs in the output (make pdf publishes them all).
    assert sorted(p.name for p in app.outdir.glob("*.pdf")) == [
        "first.pdf",
        "second.pdf",
        "terms.pdf",
        "volume-2030.pdf",
    ]


@pytest.mark.sphinx("html", testroot="series", srcdir="figure-pdf-and-png-page")
def test_the_page_shows_the_png_of_a_chart_saved_as_pdf_and_png(app):
    (app.srcdir / "reports" / "chart.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (app.srcdir / "reports" / "chart.png").write_bytes(png())
    add(app, "second.md", FIGURE.format(label="second", image="chart.*", alt="A chart.", caption="Values."))
    app.build()
    assert app.warning.getvalue() == ""
    assert page(app, "second").select_one("figure img")["src"].endswith("chart.png")


@pytest.mark.sphinx("html", testroot="series", srcdir="figure-no-alt")
def test_an_image_without_a_description_is_named(app):
    (app.srcdir / "reports" / "map.png").write_bytes(png())
    add(app, "second.md", "\n![](map.png)\n\n```{figure} map.png\n\nA caption is no description.\n```\n")
    app.build()
    warnings = app.warning.getvalue()
    assert "second.md:16: WARNING: the image reports/map.png has no description" in warnings
    assert "second.md:18: WARNING: the image reports/map.png has no description" in warnings
    assert warnings.count("WARNING") == 2


@pytest.mark.sphinx("html", testroot="series", srcdir="table-ids", confoverrides={"html_theme": "furo"})
def test_a_labelled_table_has_its_id_once(app):
    """furo wraps a table in a div that it gives the table's ids too."""
    add(
        app,
        "second.md",
        "```{table} The values\n:name: second-table\n\n| A | B |\n|---|---|\n| 1 | 2 |\n```\n",
    )
    app.build()
    assert app.warning.getvalue() == ""
    article = page(app, "second")
    ids = [element["id"] for element in article.select("[id]")]
    assert len(ids) == len(set(ids))
    assert article.select_one("div.table-wrapper > table#second-table") is not None
