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


PDF_IMAGE = b"%PDF-1.4\n%%EOF\n"  # enough for its type to be known by its first bytes
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'


@pytest.mark.sphinx("html", testroot="series", srcdir="figure-pdf")
def test_an_image_the_pdf_cannot_show_is_named(app):
    (app.srcdir / "reports" / "chart.pdf").write_bytes(PDF_IMAGE)
    add(app, "second.md", FIGURE.format(label="second", image="chart.pdf", alt="A chart.", caption="Values."))
    app.build()
    assert (
        "second.md:17: WARNING: the PDF can't show reports/chart.pdf (PNG, JPEG, GIF, SVG and WebP images"
        " only): save a PNG or SVG copy beside it and write the path with .* for its extension"
    ) in app.warning.getvalue()


@pytest.mark.sphinx("typst", testroot="series", srcdir="figure-svg-and-pdf")
def test_a_pdf_image_with_an_svg_beside_it_goes_into_the_pdf_as_svg(app):
    (app.srcdir / "reports" / "chart.pdf").write_bytes(PDF_IMAGE)
    (app.srcdir / "reports" / "chart.svg").write_text(SVG, encoding="utf-8")
    add(app, "second.md", FIGURE.format(label="second", image="chart.*", alt="A chart.", caption="Values."))
    app.build()
    assert app.warning.getvalue() == ""
    assert 'image("chart.svg", alt: "A chart.")' in (app.outdir / "second.body.typ").read_text("utf-8")
    assert pdfua.figures(app.outdir / "second.pdf") == []


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
