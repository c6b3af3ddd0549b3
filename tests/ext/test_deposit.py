"""`make crossref`: a Crossref deposit for each publication with a DOI, holding every element Crossref
requires of a report-paper, and what the series knows of it, from the model."""

import datetime
from pathlib import Path

import pytest
import xmlschema
from lxml import etree
from series.deposit import ACCESS_INDICATORS, CROSSREF, SCHEMA_VERSION, deposit
from series.licenses import LICENSES
from series.model import Publication

CR = {"cr": CROSSREF, "ai": ACCESS_INDICATORS}
SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "crossref-5.5.0"
# The two imports that name addresses on the web, mapped to the copies beside the schema.
WEB_IMPORTS = {
    "http://www.w3.org/Math/XMLSchema/mathml3/mathml3.xsd": SCHEMAS / "standard-modules/mathml3/mathml3.xsd",
    "http://www.w3.org/2009/01/xml.xsd": SCHEMAS / "standard-modules/xml.xsd",
}


@pytest.fixture(scope="module")
def crossref_schema():
    """Crossref's deposit schema (XSD 1.1), read once: it takes seconds."""
    schema = xmlschema.XMLSchema11(
        str(SCHEMAS / f"crossref{SCHEMA_VERSION}.xsd"),
        uri_mapper=lambda uri: str(WEB_IMPORTS.get(uri, uri)),
    )
    assert schema.target_namespace == CROSSREF  # the schema of the version the deposits name
    return schema


def schema_errors(schema, path) -> list[str]:
    return [f"line {error.sourceline}: {error.reason}" for error in schema.iter_errors(str(path))]


CORRECTED = "reports/corrected"

# The order of report-paper_metadata's children in the schema's sequence (crossref5.5.0.xsd), of the
# elements a deposit of the series can hold.
SEQUENCE = [
    "series_metadata",
    "contributors",
    "titles",
    "publication_date",
    "publisher",
    "institution",
    "publisher_item",
    f"{{{ACCESS_INDICATORS}}}program",
    "doi_data",
]


def texts(root, path):
    return [element.text for element in root.xpath(path, namespaces=CR)]


def read(app, slug):
    return etree.parse(app.outdir / f"{slug}.xml").getroot()


@pytest.mark.sphinx("crossref", testroot="identifiers")
def test_a_deposit_for_each_publication_with_a_doi(app, warning):
    app.build()
    assert warning.getvalue() == ""
    with_doi = {p.slug for p in app.env.series_publications.values() if p.doi}
    assert {path.stem for path in app.outdir.glob("*.xml")} == with_doi == {"corrected"}


@pytest.mark.sphinx("crossref", testroot="identifiers")
def test_the_deposit_holds_what_crossref_requires_and_what_the_model_says(app, warning):
    app.build()
    publication = app.env.series_publications[CORRECTED]
    root = read(app, "corrected")
    assert root.tag == f"{{{CROSSREF}}}doi_batch" and root.get("version") == SCHEMA_VERSION
    # The head: each element Crossref requires.
    (batch_id,) = texts(root, "cr:head/cr:doi_batch_id")
    (timestamp,) = texts(root, "cr:head/cr:timestamp")
    assert batch_id and timestamp.isdigit()
    assert texts(root, "cr:head/cr:depositor/cr:depositor_name") == [app.config.series_crossref_depositor]
    assert texts(root, "cr:head/cr:depositor/cr:email_address") == [app.config.series_crossref_email]
    assert texts(root, "cr:head/cr:registrant") == [app.config.series_publisher]
    (paper,) = root.xpath("cr:body/cr:report-paper/cr:report-paper_series_metadata", namespaces=CR)
    assert paper.get("language") == publication.language
    tags = [child.tag.removeprefix(f"{{{CROSSREF}}}") for child in paper]
    assert tags == [tag for tag in SEQUENCE if tag in tags]  # in the schema's order
    # The series, with the ISSN series_metadata requires.
    assert texts(paper, "cr:series_metadata/cr:titles/cr:title") == [publication.series]
    assert texts(paper, "cr:series_metadata/cr:issn") == [app.config.series_issn["report"]]
    # The people: names in order, ORCID and the affiliation's ROR.
    people = paper.xpath("cr:contributors/cr:person_name", namespaces=CR)
    assert [p.get("sequence") for p in people] == ["first"] + ["additional"] * (len(people) - 1)
    assert [p.findtext(f"{{{CROSSREF}}}surname") for p in people] == [
        a.name.split()[-1] for a in publication.authors
    ]
    ada = publication.authors[0]
    assert texts(people[0], "cr:ORCID") == [f"https://orcid.org/{ada.orcid}"]
    assert texts(people[0], "cr:affiliations/cr:institution/cr:institution_name") == [ada.affiliation]
    assert texts(people[0], "cr:affiliations/cr:institution/cr:institution_id[@type='ror']") == [ada.ror]
    assert texts(paper, "cr:titles/cr:title") == [publication.title]
    date = publication.date
    assert texts(paper, "cr:publication_date[@media_type='online']/*") == [
        f"{date.month:02}",
        f"{date.day:02}",
        str(date.year),
    ]
    assert texts(paper, "cr:publisher/cr:publisher_name") == [app.config.series_publisher]
    assert texts(paper, "cr:institution/cr:institution_id[@type='ror']") == [app.config.series_publisher_ror]
    assert texts(paper, "cr:publisher_item/cr:identifier[@id_type='report-number']") == [publication.number]
    assert texts(paper, "ai:program/ai:license_ref") == [LICENSES[publication.license].url]
    assert texts(paper, "cr:doi_data/cr:doi") == [publication.doi]
    assert texts(paper, "cr:doi_data/cr:resource") == ["https://example.org/series/reports/corrected.html"]


@pytest.mark.sphinx("crossref", testroot="identifiers", srcdir="no-issn", confoverrides={"series_issn": {}})
def test_a_series_without_an_issn_deposits_the_report_alone(app, warning):
    app.build()
    root = read(app, "corrected")
    assert root.xpath("//cr:report-paper/cr:report-paper_metadata", namespaces=CR)
    assert not root.xpath("//cr:series_metadata", namespaces=CR)


@pytest.mark.sphinx(
    "crossref", testroot="identifiers", srcdir="no-depositor", confoverrides={"series_crossref_email": ""}
)
def test_without_a_depositor_the_build_says_what_to_set(app, warning):
    app.build()
    assert "conf.py: set series_crossref_depositor and series_crossref_email" in warning.getvalue()
    assert list(app.outdir.glob("*.xml")) == []


@pytest.mark.sphinx("crossref", testroot="identifiers", srcdir="valid")
def test_the_deposits_are_valid_against_crossrefs_schema(app, crossref_schema):
    app.build()
    assert schema_errors(crossref_schema, app.outdir / "corrected.xml") == []


@pytest.mark.sphinx(
    "crossref", testroot="identifiers", srcdir="valid-no-issn", confoverrides={"series_issn": {}}
)
def test_a_deposit_without_a_series_is_valid_too(app, crossref_schema):
    app.build()
    assert schema_errors(crossref_schema, app.outdir / "corrected.xml") == []


def test_the_schema_refuses_what_crossref_refuses(crossref_schema, tmp_path):
    """The check can fail: a deposit valid as made is refused with its institution after its report number."""
    valid = tmp_path / "valid.xml"
    valid.write_bytes(_valid_deposit())
    assert schema_errors(crossref_schema, valid) == []
    deposit = etree.fromstring(valid.read_bytes())
    (paper,) = deposit.xpath("//cr:report-paper_series_metadata", namespaces=CR)
    institution = paper.find(f"{{{CROSSREF}}}institution")
    paper.remove(institution)
    paper.find(f"{{{CROSSREF}}}publisher_item").addnext(institution)
    path = tmp_path / "misordered.xml"
    path.write_bytes(etree.tostring(deposit))
    assert any("institution" in error for error in schema_errors(crossref_schema, path))


def _valid_deposit() -> bytes:
    publication = Publication.from_front_matter(
        {
            "kind": "report",
            "number": "FY 2031-#2",
            "date": "2031-06-01",
            "authors": [{"name": "Ada Author"}],
            "doi": "10.5555/12345678",
        },
        title="T",
        docname="reports/t",
        group="G",
    )
    return deposit(
        publication,
        url="https://example.org/reports/t.html",
        publisher="The Institute",
        publisher_ror="",
        issn="2049-3630",
        depositor="D",
        email="d@example.org",
        timestamp=datetime.datetime(2031, 6, 1, tzinfo=datetime.UTC),
    )
