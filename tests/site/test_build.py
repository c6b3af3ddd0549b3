"""The build as a whole: clean, and hands off its inputs."""

from ..conftest import inputs_digest


def test_build_printed_no_warning(site):
    assert "WARNING" not in site.output
    assert "ERROR" not in site.output


def test_build_never_writes_into_its_inputs(site):
    assert inputs_digest() == site.inputs_before


def test_one_pdf_per_publication_and_one_volume_per_fiscal_year(site):
    names = sorted(p.name for p in site.pdf.glob("*.pdf"))
    assert names == ["deepening-russia-china-relations.pdf", "volume-2021.pdf"]


def test_published_site_holds_no_build_state(site):
    assert not (site.html / ".doctrees").exists()
