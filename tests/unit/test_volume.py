"""The annual volume's order, page ranges and Typst source on their own: no PDF, milliseconds."""

import datetime

from series.model import Person, Publication
from series.volume import by_fiscal_year, page_ranges, volume_json, volume_source, volume_title


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


def test_page_ranges_from_the_marks_typst_placed():
    first, second = make(docname="reports/one"), make(docname="reports/two", number="FY 2021-#7")
    starts = [{"slug": "two", "page": 9}, {"slug": "one", "page": 5}]
    ends = [{"slug": "one", "page": 7}, {"slug": "two", "page": 9}]
    assert page_ranges(starts, ends, [first, second]) == [(5, 7), (9, 9)]


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


HOSTILE = '\\input{/etc/passwd} ") #read("/etc/passwd") // #eval("1") $x$ \\'


def test_the_volume_source_holds_every_model_value_as_a_string():
    publication = make(title=HOSTILE, group=HOSTILE, authors=(Person(name=HOSTILE),))
    source = volume_source(2021, [publication])
    literal = '"\\\\input{/etc/passwd} \\") #read(\\"/etc/passwd\\") // #eval(\\"1\\") $x$ \\\\"'
    assert HOSTILE not in source
    assert source.count(literal) == 4  # the group, twice (metadata and title page), the title, the credit
    assert '#in-volume(include "a-title.body.typ")' in source
