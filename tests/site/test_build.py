"""The build as a whole: clean, and hands off its inputs."""

from ..conftest import ROOT, inputs_digest


def test_build_printed_no_warning(site):
    assert "WARNING" not in site.output
    assert "ERROR" not in site.output


def test_build_never_writes_into_its_inputs(site):
    assert inputs_digest() == site.inputs_before


def test_one_pdf_per_publication(site):
    sources = (ROOT / "source").glob("[rb][eu]*/*.md")  # reports/ and bulletins/
    expected = {f"{source.stem}.pdf" for source in sources}
    assert len(expected) >= 3
    assert expected <= {p.name for p in site.pdf.glob("*.pdf")}


def test_published_site_holds_no_build_state(site):
    assert not (site.html / ".doctrees").exists()
