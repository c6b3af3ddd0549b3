"""The publication model on its own: no Sphinx, milliseconds."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from series import model
from series.model import ModelError, Publication, Series, fiscal_year

VALID = {
    "kind": "report",
    "group": "Research Group on ‘Russia in an Era of Great Power Competition’",
    "number": "FY 2021-#6",
    "date": "2022-02-16",
    "authors": [{"name": "Jun Kumakura", "affiliation": "Hosei University"}],
}


def make(title="A Title", docname="reports/a-title", **changes):
    data = {**VALID, **changes}
    return Publication.from_front_matter(
        {k: v for k, v in data.items() if v is not None}, title=title, docname=docname
    )


def test_valid_front_matter():
    publication = make()
    assert publication.series == "Research Reports"
    assert publication.date == datetime.date(2022, 2, 16)
    assert publication.fiscal_year == 2021
    assert publication.slug == "a-title"
    assert publication.label == "Research Report FY 2021-#6"
    assert publication.credit == "Jun Kumakura"
    assert publication.language == "en"


@pytest.mark.parametrize(
    ("changes", "field", "expected"),
    [
        ({"kind": "memo"}, "kind", "expected one of report, bulletin"),
        ({"kind": None}, "kind", "expected one of report, bulletin"),
        ({"number": "6"}, "number", "expected 'FY <year>-#<n>'"),
        ({"number": None}, "number", "missing"),
        ({"date": "16/2/2022"}, "date", "expected an ISO date"),
        ({"group": ""}, "group", "expected non-empty text"),
        ({"authors": []}, "authors", "expected a list of people"),
        ({"authors": ["Jun Kumakura"]}, "authors[0]", "expected a mapping with 'name'"),
        ({"authors": [{"affiliation": "Hosei"}]}, "authors[0].name", "missing"),
        ({"authors": [{"name": "A", "orcid": "123"}]}, "authors[0].orcid", "expected 0000-0000-0000-0000"),
        (
            {"authors": [{"name": "A", "role": "ghost"}]},
            "authors[0].role",
            "expected one of author, compiler, editor",
        ),
        ({"authors": [{"name": "A", "email": "a@b"}]}, "authors[0].email", "unknown field"),
        ({"language": "English"}, "language", "BCP 47"),
        ({"keywords": "Russia, China"}, "keywords", "expected a list of text"),
        ({"colour": "red"}, "colour", "unknown field"),
        ({"number": "FY 2021-#0"}, "number", "numbers count from 1, got 'FY 2021-#0'"),
        ({"number": "FY 2021-#6, companion 0"}, "number", "numbers count from 1"),
        (
            {"date": "2099-02-16"},
            "date",
            "2099-02-16 is outside fiscal year 2021 (April 1, 2021 to March 31, 2022)",
        ),
        ({"date": "2021-03-31"}, "date", "is outside fiscal year 2021"),
        (
            {"number": "FY 2021-#6, companion 1", "kind": "bulletin", "date": "2021-03-31"},
            "date",
            "2021-03-31 comes before fiscal year 2021",
        ),
    ],
)
def test_each_error_names_the_field_and_what_is_expected(changes, field, expected):
    with pytest.raises(ModelError) as error:
        make(**changes)
    assert error.value.field == field
    assert str(error.value).startswith(f"publication.{field}: ")
    assert expected in str(error.value)


def test_a_title_is_required():
    with pytest.raises(ModelError, match="publication.title: the document needs a '# Title' heading"):
        make(title="  ")


def test_front_matter_must_be_a_mapping():
    with pytest.raises(ModelError, match="expected a mapping"):
        Publication.from_front_matter(["kind", "report"], title="T", docname="d")


def test_duplicate_numbers_are_found():
    one, two = make(docname="reports/one"), make(docname="reports/two")
    other = make(docname="reports/three", number="FY 2021-#7")
    series = Series({p.docname: p for p in (one, two, other)})
    assert series.duplicates() == [(one, two)]


def test_json_round_trip():
    publication = make(keywords=["Russia", "China"], companions=["FY 2021-#5"])
    assert Publication.from_json(publication.to_json()) == publication


def test_the_series_group_applies_unless_the_front_matter_names_one():
    data = {k: v for k, v in VALID.items() if k != "group"}
    assert Publication.from_front_matter(data, title="T", docname="d", group="The Group").group == "The Group"
    assert (
        Publication.from_front_matter(VALID, title="T", docname="d", group="The Group").group
        == VALID["group"]
    )
    with pytest.raises(ModelError, match="publication.group: missing"):
        Publication.from_front_matter(data, title="T", docname="d")


def test_pdf_file_names_must_not_clash():
    report, bulletin = make(docname="reports/same"), make(docname="bulletins/same", kind="bulletin")
    series = Series({p.docname: p for p in (report, bulletin)})
    assert series.duplicate_slugs() == [(bulletin, report)]
    assert series.duplicates() == []


def test_companions_by_number_or_by_label_when_a_number_is_shared():
    day = "2026-05-01"
    report = make(docname="reports/r", number="FY 2026-#1", date=day)
    other = make(docname="bulletins/other", kind="bulletin", number="FY 2026-#1", date=day)
    by_label = make(
        docname="bulletins/a",
        kind="bulletin",
        number="FY 2026-#1, companion 1",
        companions=["Research Report FY 2026-#1"],
        date=day,
    )
    ambiguous = make(
        docname="bulletins/b", kind="bulletin", number="FY 2026-#2", companions=["FY 2026-#1"], date=day
    )
    series = Series({p.docname: p for p in (report, other, by_label, ambiguous)})
    assert series.accompanied_by(by_label) == [report]
    assert series.companions_of(report) == [by_label]
    assert series.unresolved_companions() == [(ambiguous, "FY 2026-#1", [report, other])]


def test_numbers_sort_as_numbers():
    ten, nine = make(docname="a", number="FY 2021-#10"), make(docname="b", number="FY 2021-#9")
    companion = make(docname="c", kind="bulletin", number="FY 2021-#9, companion 1")
    assert sorted([ten, companion, nine], key=lambda p: p.sort_key) == [nine, companion, ten]


def test_newest_first_is_one_order_whatever_the_order_read():
    report, bulletin = make(docname="reports/a"), make(docname="bulletins/a", kind="bulletin")
    later = make(docname="reports/b", number="FY 2021-#7", date="2022-03-01")
    orders = [[report, bulletin, later], [later, bulletin, report], [bulletin, later, report]]
    found = {tuple(Series({p.docname: p for p in order}).newest_first()) for order in orders}
    assert found == {(later, report, bulletin)}


# Any front matter gives a publication or a ModelError naming a field: never a traceback.
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text() | st.dates(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
field_values = {
    "kind": st.sampled_from(["report", "bulletin"]) | yaml_values,
    "number": st.sampled_from(["FY 2021-#6", "FY 2021-#6, companion 1"]) | yaml_values,
    "date": st.sampled_from(["2022-02-16"]) | yaml_values,
    "authors": st.lists(
        st.fixed_dictionaries({"name": st.text(min_size=1)}, optional={"role": yaml_values}), max_size=3
    )
    | yaml_values,
}


@settings(max_examples=400, deadline=None)
@given(
    st.fixed_dictionaries(
        {},
        optional={
            **field_values,
            "language": yaml_values,
            "keywords": yaml_values,
            "companions": yaml_values,
            "abstract": yaml_values,
            "extra": yaml_values,
        },
    ),
    st.text(),
)
def test_any_front_matter_gives_a_model_or_a_clear_error(data, title):
    try:
        publication = Publication.from_front_matter(data, title=title, docname="reports/x", group="G")
    except ModelError as error:
        assert str(error).startswith("publication.")
    else:
        assert publication.title == title.strip() and publication.authors


def test_fiscal_year_runs_from_april():
    assert fiscal_year(datetime.date(2022, 2, 16)) == 2021
    assert fiscal_year(datetime.date(2022, 4, 1)) == 2022
    assert make(date="2021-04-01").fiscal_year == make(date="2022-03-31").fiscal_year == 2021


def test_a_companion_may_be_compiled_years_later():
    bulletin = make(kind="bulletin", number="FY 2021-#6, companion 1", date="2026-11-29")
    assert bulletin.date == datetime.date(2026, 11, 29)


def test_companion_mistakes():
    report = make(docname="reports/r")
    itself = make(
        kind="bulletin",
        number="FY 2021-#6, companion 1",
        docname="bulletins/b",
        companions=["Research Bulletin FY 2021-#6, companion 1"],
    )
    early = make(
        kind="bulletin",
        number="FY 2021-#6, companion 2",
        docname="bulletins/c",
        date="2021-05-01",
        companions=["Research Report FY 2021-#6"],
    )
    series = Series({p.docname: p for p in (report, itself, early)})
    assert [(p.docname, message) for p, message in series.companion_mistakes()] == [
        (
            "bulletins/b",
            "Research Bulletin FY 2021-#6, companion 1 names itself; name the publication it accompanies",
        ),
        (
            "bulletins/c",
            "dated 2021-05-01, before Research Report FY 2021-#6 (2022-02-16), which it accompanies",
        ),
    ]


# -- Identifiers, license and corrections ---------------------------------------


@pytest.mark.parametrize(
    "written", ["10.5555/12345678", "https://doi.org/10.5555/12345678", "doi:10.5555/12345678"]
)
def test_a_doi_is_kept_bare_however_it_is_pasted(written):
    publication = make(doi=written)
    assert publication.doi == "10.5555/12345678"
    assert publication.doi_url == "https://doi.org/10.5555/12345678"


@pytest.mark.parametrize(
    "written",
    ["https://ror.org/03yrm5c26", "03yrm5c26", "https://ror.org/00f54p054", "https://ror.org/01AN7Q238"],
)
def test_a_ror_identifier_is_kept_as_its_address(written):
    person = make(authors=[{"name": "A", "affiliation": "B", "ror": written}]).authors[0]
    assert person.ror == "https://ror.org/" + written.lower().removeprefix("https://ror.org/")


def test_an_issn_check_digit_is_checked():
    assert model.read_issn("2049-3630", "x") == "2049-3630"
    assert model.read_issn("1050124x", "x") == "1050-124X"
    with pytest.raises(ModelError, match="expected an ISSN such as 2049-3630, got '2049-3631'"):
        model.read_issn("2049-3631", "series_issn")


def test_licenses_come_from_the_table():
    publication = make(license="CC-BY-4.0")
    assert publication.license_terms.url == "https://creativecommons.org/licenses/by/4.0/"
    assert make(license="cc-by-nc-4.0").license == "CC-BY-NC-4.0"  # SPDX identifiers ignore case
    assert make().license == "" and make().license_terms is None
    series_default = Publication.from_front_matter(VALID, title="T", docname="d", license="CC0-1.0")
    assert series_default.license_terms.short == "CC0 1.0"


def test_corrections_are_kept_newest_first_and_date_the_modification():
    publication = make(
        corrections=[
            {"date": "2022-03-01", "note": "First."},
            {"date": datetime.date(2022, 5, 9), "note": "Second."},
        ]
    )
    assert [c.note for c in publication.corrections] == ["Second.", "First."]
    assert publication.modified == datetime.date(2022, 5, 9)
    assert make().modified is None
    assert Publication.from_json(publication.to_json()) == publication


@pytest.mark.parametrize(
    ("changes", "field", "expected"),
    [
        ({"doi": "12345678"}, "doi", "expected a DOI such as 10.5555/12345678, got '12345678'"),
        ({"doi": "10.12/x"}, "doi", "expected a DOI"),
        ({"doi": "10.5555/has space"}, "doi", "expected a DOI"),
        (
            {"authors": [{"name": "A", "ror": "https://ror.org/03yrm5c27"}]},
            "authors[0].ror",
            "expected a ROR identifier such as https://ror.org/03yrm5c26, got 'https://ror.org/03yrm5c27'",
        ),
        ({"authors": [{"name": "A", "ror": "grid.1234.5"}]}, "authors[0].ror", "expected a ROR identifier"),
        ({"license": "CC-BY"}, "license", "(did you mean CC-BY-4.0?)"),
        ({"license": "MIT"}, "license", "expected the SPDX identifier of one of CC-BY-4.0, "),
        ({"corrections": {"date": "2022-03-01"}}, "corrections", "expected a list of corrections"),
        ({"corrections": [{"date": "2022-03-01"}]}, "corrections[0].note", "missing"),
        ({"corrections": [{"note": "X."}]}, "corrections[0].date", "missing"),
        ({"corrections": [{"date": "soon", "note": "X."}]}, "corrections[0].date", "expected an ISO date"),
        (
            {"corrections": [{"date": "2022-01-01", "note": "X."}]},
            "corrections[0].date",
            "2022-01-01 comes before the publication's date, 2022-02-16",
        ),
        ({"corrections": [{"date": "2022-03-01", "note": "X.", "by": "Y"}]}, "corrections[0].by", "unknown"),
    ],
)
def test_identifier_license_and_correction_errors_name_the_field(changes, field, expected):
    with pytest.raises(ModelError) as error:
        make(**changes)
    assert error.value.field == field
    assert expected in str(error.value)


def test_every_front_matter_field_has_help_text():
    for kind in (Publication, model.Person, model.Correction):
        for declaration in model.front_matter_fields(kind):
            assert declaration.metadata["help"].strip(), declaration.name
