"""The BibTeX checks on their own (no Sphinx)."""

from citations.bibcheck import entries, problems


def test_the_project_bibliography_is_clean():
    from pathlib import Path

    assert problems((Path(__file__).parents[2] / "references.bib").read_text(encoding="utf-8")) == []


def test_comments_between_entries_and_escaped_characters_are_fine():
    text = "% a comment, 100% fine\n@online{a-2020-x,\n  title = {100\\% of \\{things\\}},\n}\n% another\n@online{b-2020-y,\n  title = {B},\n}\n"
    assert problems(text) == []
    assert [(e.key, e.line) for e in entries(text)] == [("a-2020-x", 2), ("b-2020-y", 6)]


def test_keys_clash_whatever_their_case():
    found = problems("@online{Key-2020-a,\n title={A},\n}\n@online{key-2020-A,\n title={B},\n}\n")
    assert [(p.line, p.message.split(",")[0]) for p in found] == [(4, "duplicate key 'key-2020-A'")]


def test_each_problem_has_its_own_line():
    found = problems("@online{a-2020-x,\n title = {50% off},\n note = {10% more},\n}\n")
    assert [p.line for p in found] == [2, 3]


def test_control_characters_are_named_with_their_line():
    found = problems("@online{a-2020-x,\n title = {A},\n note = {bell \x07 and feed \x0c},\n}\n")
    assert [(p.line, p.message) for p in found] == [
        (3, "control character U+0007: delete it (it is invisible, and forbidden in HTML)")
    ]


def test_two_entries_on_one_line_with_one_key():
    found = problems("@article{x-2020-y,}@article{x-2020-y,}\n")
    assert [p.message for p in found] == [
        "repeated bibliography entry: x-2020-y: give each entry a line of its own and its own key"
    ]


def test_what_pybtex_refuses_is_named_at_its_entry():
    good = "@online{a-2020-x,\n title = {A},\n}\n"
    found = problems(good + "@online{b-2020-y,\n author = {Li, Wei and A, B, C, D},\n}\n")
    assert [(p.line, p.message.split(":")[0]) for p in found] == [(4, "Too many commas in 'A, B, C, D'")]
    found = problems(good + "@online{b-2020-y,\n note = {A},\n NOTE = {B},\n}\n")
    assert [(p.line, p.message) for p in found] == [
        (6, "entry with key b-2020-y has a duplicate note field (line 5): keep one of the two")
    ]


def test_a_percent_in_a_verbatim_field_is_a_character():
    text = "@online{a-2020-x,\n  title = {A},\n  url = {https://example.org/a%20b},\n  doi = {10.1/a%b},\n}\n"
    assert problems(text) == []


def test_dates_biblatex_reads_are_fine():
    for date in (
        "2021",
        "2021-08",
        "2021-08-25",
        "2015-04-22T11:10:00",
        "1928-24",
        "2020/2021",
        "2020/",
        "199X",
    ):
        assert problems(f"@online{{a-2020-x,\n  title = {{A}},\n  date = {{{date}}},\n}}\n") == [], date


def test_a_date_biblatex_cannot_read_is_named_with_its_field_and_value():
    found = problems("@online{a-2020-x,\n  title = {A},\n  urldate = {2020-02-30},\n  date = {2020-13},\n}\n")
    assert [(p.line, p.message.split(";")[0]) for p in found] == [
        (3, "urldate = {2020-02-30}: there is no day 30 in February 2020"),
        (4, "date = {2020-13}: there is no month 13"),
    ]
    [problem] = problems("@online{a-2020-x,\n  date = {next week},\n}\n")
    assert problem.message.startswith("date = {next week}: not a date; write 2021-08-25, 2021-08 or 2021")


def test_a_month_that_is_none():
    [problem] = problems("@article{a-2020-x,\n  title = {A},\n  month = foo,\n  year = 2020,\n}\n")
    assert (problem.line, problem.message.split(";")[0]) == (3, "month = foo: not a month")
    assert problems("@article{a-2020-x,\n  month = feb,\n  year = 2020,\n}\n") == []


def test_an_entry_type_biblatex_does_not_have():
    [problem] = problems("@webpage{a-2020-x,\n  title = {A},\n}\n")
    assert problem.line == 1
    assert problem.message.startswith("@webpage 'a-2020-x': not an entry type of biblatex")


def test_fields_with_quotes_concatenation_and_macros_are_read():
    text = '@article{a-2020-x,\n  title = "A " # jt # { b},\n  date = "2020-13",\n}\n'
    [problem] = problems(text, syntax=False)
    assert (problem.line, problem.message.split(":")[0]) == (3, "date = {2020-13}")
