"""The works the processor is given: each entry as written, with what it takes fields from."""

from pathlib import Path

from citations.works import Works

BIB = """% a comment
@string{jt = {Journal}}
@book{Whole-2001, title = {Whole}}
@incollection{part-2001, title = {Part}, crossref = {whole-2001}}
@article{other-2002, title = {Other}, journal = jt}
"""


def test_an_empty_file_or_one_without_entries():
    assert Works({Path("a.bib"): ""}).by_key == {}
    assert Works({Path("a.bib"): "% only a comment\n"}).by_key == {}


def test_a_work_with_its_parent_and_the_strings_in_the_files_order():
    works = Works({Path("refs.bib"): BIB})
    assert "WHOLE-2001" in works and works.get("whole-2001").key == "Whole-2001"
    source = works.source(["part-2001"])
    assert (
        source.index("@string{jt")
        < source.index("@book{Whole-2001")
        < source.index("@incollection{part-2001")
    )
    assert "other-2002" not in source
    assert works.source(["part-2001"]) == works.source(["PART-2001", "part-2001"])
