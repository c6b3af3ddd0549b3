"""Every PDF of the series, as published in _build/pdf, is PDF/A-2a and PDF/UA-1: identified so in
its XMP, whose fields are the publication model's, tagged, with an sRGB output intent, an
identifier, fonts embedded, printable links and Info that agrees.

No PDF/A or PDF/UA validator (veraPDF) installs here from Debian or PyPI. Typst checks both
standards as it writes; these are the structural rules that the steps after it (the XMP fields
added with pikepdf, the copies into the site) could break, and tests/pdfua.py's checks."""

from __future__ import annotations

import json
import subprocess

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream
from series.model import Publication
from series.volume import volume_title

from .. import pdfua

PRISM = "http://prismstandard.org/namespaces/basic/2.2/"


def model(site) -> dict[str, Publication]:
    """The publications as the Typst builder had them, by slug."""
    data = json.loads((site.build / "work" / "typst" / "publications.json").read_text("utf-8"))
    return {p.slug: p for p in map(Publication.from_json, data["publications"])}


def pdfs(site):
    return sorted(site.pdf.glob("*.pdf"))


@pytest.fixture(scope="module")
def readers(site) -> dict[str, PdfReader]:
    return {path.stem: PdfReader(path) for path in pdfs(site)}


def prism(reader, name) -> list[str]:
    return [node.firstChild.data for node in reader.xmp_metadata.get_element("", PRISM, name)]


def test_every_pdf_is_pdf_a_2a_and_pdf_ua_1_and_tagged(site, readers):
    assert len(readers) >= 4
    for name, reader in readers.items():
        xmp = reader.xmp_metadata
        assert xmp is not None, name
        assert (xmp.pdfaid_part, xmp.pdfaid_conformance) == ("2", "A"), name
        assert reader.pdf_header in ("%PDF-1.4", "%PDF-1.5", "%PDF-1.6", "%PDF-1.7"), name
        assert pdfua.problems(site.pdf / f"{name}.pdf") == [], name


def test_every_pdf_has_an_srgb_output_intent(readers):
    for name, reader in readers.items():
        [intent] = reader.trailer["/Root"]["/OutputIntents"]
        intent = intent.get_object()
        assert intent["/S"] == "/GTS_PDFA1", name
        assert "sRGB" in intent["/OutputCondition"], name  # Typst: identifier "Custom", its sRGB v4 profile
        assert intent["/DestOutputProfile"].get_object()["/N"] == 3, name


def test_publication_xmp_is_the_models(site, readers):
    publications = model(site)
    assert set(publications) <= set(readers)
    for slug, publication in publications.items():
        xmp = readers[slug].xmp_metadata
        assert xmp.dc_title == {"x-default": publication.title}
        assert xmp.dc_creator == [person.name for person in publication.authors]
        assert [d.date() for d in xmp.dc_date] == [publication.date]
        assert xmp.dc_language == [publication.language]
        assert xmp.dc_subject == list(publication.keywords)
        assert xmp.dc_relation == [publication.series]
        assert prism(readers[slug], "number") == [publication.number]
        assert xmp.dc_publisher == ["The Japan Institute of International Affairs"]
        assert xmp.xmp_create_date.date() == publication.date  # not the day of the build


def test_volume_xmp(site, readers):
    publications = [p for p in model(site).values() if p.fiscal_year == 2021]
    xmp = readers["volume-2021"].xmp_metadata
    assert xmp.dc_title == {"x-default": volume_title(2021)}
    assert xmp.dc_creator == sorted({p.group for p in publications})
    assert [d.date() for d in xmp.dc_date] == [max(p.date for p in publications)]
    assert prism(readers["volume-2021"], "volume") == ["FY 2021"]


def test_info_agrees_with_the_xmp(readers):
    for name, reader in readers.items():
        info, xmp = reader.metadata, reader.xmp_metadata
        assert info.title == xmp.dc_title["x-default"], name
        assert info.producer == xmp.pdf_producer, name
        assert info.creator == xmp.xmp_creator_tool, name
        assert info.creation_date.replace(tzinfo=None) == xmp.xmp_create_date, name
        assert info.modification_date.replace(tzinfo=None) == xmp.xmp_modify_date, name
        assert info.author == ", ".join(xmp.dc_creator), name


def test_metadata_unfiltered_file_identified_not_encrypted(readers):
    for name, reader in readers.items():
        assert "/Filter" not in reader.trailer["/Root"]["/Metadata"].get_object(), name
        assert len(reader.trailer["/ID"]) == 2, name
        assert not reader.is_encrypted, name


def test_every_link_prints_and_runs_no_script(readers):
    for name, reader in readers.items():
        for page in reader.pages:
            for annotation in page.get("/Annots", []):
                annotation = annotation.get_object()
                assert int(annotation["/F"]) & 4, name  # the Print flag
                assert annotation.get("/A", {}).get("/S") in (None, "/GoTo", "/GoToR", "/URI"), name


def test_no_cmyk_which_an_srgb_output_intent_does_not_cover(readers):
    """DeviceGray and DeviceRGB are covered by the sRGB output intent; DeviceCMYK would need a CMYK one."""
    for name, reader in readers.items():
        for page in reader.pages:
            operators = {op for _, op in ContentStream(page.get_contents(), reader).operations}
            assert not operators & {b"k", b"K"}, name
            resources = page["/Resources"]
            spaces = list(resources.get("/ColorSpace", {}).values())
            spaces += [x.get_object().get("/ColorSpace") for x in resources.get("/XObject", {}).values()]
            assert "/DeviceCMYK" not in spaces, name


def test_every_font_of_every_pdf_embedded(site):
    for path in pdfs(site):
        rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
        for row in rows.stdout.splitlines()[2:]:
            assert row.split()[-5] == "yes", (path.name, row)  # the "emb" column
