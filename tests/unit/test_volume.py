"""The annual volume's arithmetic and sources on their own: no PDF, no XeLaTeX, milliseconds."""

import datetime

import pytest
from series.model import Person, Publication
from series.volume import (
    by_fiscal_year,
    front_matter_source,
    latex_escape,
    numbers_source,
    page_ranges,
    volume_json,
    volume_title,
)


def make(date="2022-02-16", **changes):
    data = {
        "kind": "report",
        "series": "Research Reports",
        "group": "Research Group",
        "number": "FY 2021-#6",
        "title": "A Title",
        "authors": (Person(name="Jun Kumakura"),),
        "docname": "reports/a-title",
    }
    return Publication(**{**data, **changes}, date=datetime.date.fromisoformat(date))


@pytest.mark.parametrize(
    ("front_pages", "page_counts", "expected"),
    [
        # title page, its back, one page of contents: the first starts on 5
        (3, [4, 3], [(5, 8), (9, 11)]),
        # an odd last page leaves the next left-hand page blank
        (3, [3, 1, 2], [(5, 7), (9, 9), (11, 12)]),
        (4, [2], [(5, 6)]),
        (5, [2], [(7, 8)]),
        (3, [], []),
    ],
)
def test_each_publication_starts_on_the_next_odd_page(front_pages, page_counts, expected):
    assert page_ranges(front_pages, page_counts) == expected


def test_volumes_by_fiscal_year_in_date_then_number_order():
    late = make(number="FY 2021-#10", date="2022-03-01", docname="reports/late")
    same_day_9 = make(number="FY 2021-#9", date="2022-02-16", docname="reports/nine")
    same_day_10 = make(number="FY 2021-#10", date="2022-02-16", docname="reports/ten")
    companion = make(number="FY 2021-#9, companion 1", date="2022-02-16", docname="reports/nine-companion")
    next_year = make(number="FY 2022-#1", date="2022-04-05", docname="reports/next")
    earlier_year = make(number="FY 2020-#3", date="2021-03-30", docname="reports/earlier")

    years = by_fiscal_year([next_year, late, same_day_10, companion, same_day_9, earlier_year])

    assert list(years) == [2020, 2021, 2022]
    assert [p.docname for p in years[2021]] == [
        "reports/nine",
        "reports/nine-companion",
        "reports/ten",
        "reports/late",
    ]


def test_volume_json_records_each_publication_and_its_pages():
    publication = make()
    assert volume_json(2021, [publication], [(5, 8)]) == {
        "fiscal_year": 2021,
        "title": "Research Reports and Research Bulletins, FY 2021",
        "publications": [
            {
                "docname": "reports/a-title",
                "number": "FY 2021-#6",
                "label": "Research Report FY 2021-#6",
                "title": "A Title",
                "first_page": 5,
                "last_page": 8,
            }
        ],
    }


def test_volume_title_names_every_kind():
    assert volume_title(2021) == "Research Reports and Research Bulletins, FY 2021"


def test_latex_escape_prints_every_special_character_literally():
    assert latex_escape(r"\ { } $ & # ^ _ % ~") == (
        r"\textbackslash{} \{ \} \$ \& \# \textasciicircum{} \_ \% \textasciitilde{}"
    )
    assert latex_escape("Лавров – “Russia’s” 100") == "Лавров – “Russia’s” 100"


HOSTILE = r"\input{/etc/passwd} 100% & $x_1^2$ #1 ~"


def test_front_matter_escapes_every_model_value():
    publication = make(title=HOSTILE, group=HOSTILE, authors=(Person(name=HOSTILE),))
    source = front_matter_source(2021, [publication], [(5, 8)])
    escaped = (
        r"\textbackslash{}input\{/etc/passwd\} 100\% \& \$x\_1\textasciicircum{}2\$ \#1 \textasciitilde{}"
    )
    assert HOSTILE not in source
    assert source.count(escaped) == 3  # the group, the title, the credit
    assert r"\volumeentry{Research Report FY 2021-\#6}" in source
    assert "{5}" in source


def test_numbers_document_has_the_asked_number_of_pages():
    assert r"\pagesleft=12" in numbers_source(12)
