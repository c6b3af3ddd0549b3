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
        (4, "entry with key b-2020-y has a duplicate NOTE field: keep one of the two")
    ]
