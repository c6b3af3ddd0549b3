"""make lint's checks of references.bib, one per rule, and any input gives problems, never a traceback."""

from __future__ import annotations

import biblint
from hypothesis import given, settings
from hypothesis import strategies as st

GOOD = """@online{agency-2021-statement,
  author  = {{Agency of Examples}},
  title   = {Statement on Examples},
  date    = {2021-08-25},
  url     = {https://example.org/statement},
  urldate = {2022-01-27},
}
"""


def messages(text: str, cited=("agency-2021-statement",)) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in biblint.lint(text, set(cited))]


def test_the_project_bibliography_passes():
    assert biblint.main([]) == 0


def test_a_good_entry_passes():
    assert messages(GOOD) == []


def test_key_convention():
    text = GOOD.replace("agency-2021-statement", "Agency2021")
    assert (
        1,
        "key 'Agency2021' breaks the convention <author>-<year>-<title words>, lowercase ASCII and hyphens"
        " (see the file's header)",
    ) in messages(text, cited=["Agency2021"])


def test_any_type_of_biblatex():
    assert messages(GOOD.replace("@online", "@misc")) == []
    [(line, message)] = messages(GOOD.replace("@online", "@webpage"))
    assert (line, message.split(":")[0]) == (1, "@webpage 'agency-2021-statement'")


def test_url_must_be_a_web_address():
    assert messages(GOOD.replace("https://example.org/statement", "example.org/statement")) == [
        (5, "url 'example.org/statement' is not a web address (http:// or https://)")
    ]


def test_dates_are_iso():
    [(line, message)] = messages(GOOD.replace("2022-01-27", "27/01/2022"))
    assert (line, message.split(";")[0]) == (6, "urldate = {27/01/2022}: not a date")


def test_every_entry_is_cited():
    assert messages(GOOD, cited=[]) == [
        (1, "'agency-2021-statement' is cited nowhere in source/: cite it or delete it")
    ]


def test_problems_that_stop_the_build_are_reported_too():
    assert (
        2,
        "author = {{100% Examples}}: a raw % starts a comment and cuts the field short; write \\%",
    ) in messages(GOOD.replace("Agency of Examples", "100% Examples"))


def test_fields_the_style_never_prints_are_named():
    engine = biblint.project_engine()
    assert biblint.unprinted(GOOD, engine) == []
    text = GOOD.replace("  urldate", "  keywords = {statements},\n  flavour = {mild},\n  urldate")
    assert [(p.line, p.message.split(":")[0]) for p in biblint.unprinted(text, engine)] == [
        (6, "keywords of 'agency-2021-statement'"),
        (7, "flavour of 'agency-2021-statement'"),
    ]
    keywords, flavour = biblint.unprinted(text, engine)
    assert "never prints it (CSL keyword)" in keywords.message
    assert "the entry is the same without it" in flavour.message


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gives_problems_never_a_traceback(text):
    assert isinstance(biblint.lint(text, set()), list)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "@online{",
                "@article{x-2020-y,",
                "title = {",
                "}",
                ",",
                "%",
                "\\",
                "\n",
                "{",
                "url = {javascript:x}",
                "date = {2020-13-45}",
                "\x07",
                "\u0430",
            ]
        ),
        max_size=40,
    )
)
def test_bibtex_like_fragments_give_problems_never_a_traceback(parts):
    assert isinstance(biblint.lint("".join(parts), set()), list)


def test_a_preposition_the_style_would_capitalize():
    title = "Putin's World: Russia against the West; Against All"
    [(line, message)] = messages(GOOD.replace("Statement on Examples", title))
    assert (line, message.split(";")[0]) == (
        3,
        "title: the style capitalizes 'against', which CMOS 17 (8.159) lowercases as a preposition",
    )
    assert messages(GOOD.replace("Statement on Examples", "Russia {against} the West")) == []
    russian = GOOD.replace("Statement on Examples", "Россия against").replace(
        "  urldate", "  langid = {russian},\n  urldate"
    )
    assert messages(russian) == []
