"""The processor on the BibTeX an author's reference manager writes (no Sphinx): each case in one
batch, its full note, short note and bibliography entry as the series' style gives them."""

from __future__ import annotations

from pathlib import Path

import pytest
from citations import engine
from citations.bibcheck import entries
from citations.engine import Batch, Cite, Cluster, Engine, to_text
from citations.extension import style_path
from citations.inlines import to_html

ENGINE = Engine(style_path(Path("."), "chicago-notes-bibliography-17th-edition"), "en-US", "en")

BIB = r"""
@string{fa = {Foreign Affairs}}
@book{yamada-2020, author = {山田, 太郎}, title = {日本の外交 [Japan's diplomacy]}, date = {2020},
  publisher = {Iwanami Shoten}, location = {Tokyo}, langid = {japanese}}
@online{tass-2021, author = {{ИТАР-ТАСС}}, title = {Лавров заявил, что миссия {США} в Афганистане провалилась},
  date = {2021-07-16}, url = {https://tass.ru/politika/11921031}, langid = {russian}}
@article{many-2019, author = {Doe, Jane and Roe, Richard and others}, title = {Many Hands}, journaltitle = fa,
  volume = {98}, number = {2}, year = {2019}, month = mar, pages = {10--20}, doi = {10.1000/xyz}}
@book{king-1963, author = {King, Jr., Martin Luther}, title = {Strength to Love}, date = {1963},
  publisher = {Harper \& Row}, location = {New York}}
@book{gennep-1909, author = {van Gennep, Arnold}, title = {Les rites de passage}, date = {1909},
  publisher = {Nourry}, location = {Paris}, langid = {french}}
@collection{whole-2001, editor = {Gaonkar, Dilip}, title = {Alternative Modernities}, date = {2001},
  publisher = {Duke University Press}, location = {Durham}}
@incollection{part-2001, author = {Lee, Benjamin}, title = {Modernity in Parts}, pages = {1--23},
  crossref = {whole-2001}}
@article{news-2021, title = {Summit Ends}, journaltitle = {Asahi Shimbun}, entrysubtype = {newspaper},
  date = {2021-07-16}}
@article{season-2021, author = {Park, Ji}, title = {A Season}, journaltitle = {Quarterly}, volume = {3},
  date = {2021-22}}
@misc{range-2020, author = {Kim, Min}, title = {Over Two Years}, date = {2020/2021}}
@misc{latex-2020, author = {Knuth, Donald E.}, title = {On \emph{Typesetting} with \TeX{} \input{/etc/passwd}},
  date = {2020}}
@online{question-2022, author = {Ito, Ken}, title = {Whither Russia?}, date = {2022-01-02}, url = {https://example.org/q}}
"""
KEYS = [entry.key for entry in entries(BIB)]


@pytest.fixture(scope="module")
def forms() -> dict[str, tuple[str, str, str]]:
    clusters = tuple(Cluster((Cite(key),)) for key in KEYS + KEYS)
    rendering = ENGINE.render(Batch(BIB, clusters))
    text = ["".join(to_text(s.inlines) for s in cluster) for cluster in rendering.clusters]
    bibliography = {key: to_text(entry) for key, entry in rendering.bibliography}
    return {key: (text[n], text[n + len(KEYS)], bibliography[key]) for n, key in enumerate(KEYS)}


def test_every_case_has_its_three_forms(forms):
    assert sorted(forms) == sorted(KEYS)


def test_cjk_names_family_first_without_a_comma_and_text_as_written(forms):
    assert forms["yamada-2020"][0].startswith(
        "山田太郎, 日本の外交 [Japan’s diplomacy] (Tokyo: Iwanami Shoten, 2020)"
    )
    assert forms["yamada-2020"][1].startswith("山田, 日本の外交")
    assert forms["yamada-2020"][2].startswith("山田太郎. 日本の外交")


def test_a_russian_title_keeps_its_case(forms):
    assert "“Лавров заявил, что миссия США в Афганистане провалилась,”" in forms["tass-2021"][0]


def test_and_others_a_string_macro_a_month_macro_and_a_doi(forms):
    full, short, entry = forms["many-2019"]
    # "and others": the names given, then "et al." for those not given.
    assert full.startswith(
        "Jane Doe, Richard Roe, et al., “Many Hands,” Foreign Affairs 98, no. 2 (March 2019):"
    )
    assert full.endswith("10–20, https://doi.org/10.1000/xyz.")
    assert "et al." in short and "others" not in short + entry


def test_a_suffix_and_a_particle(forms):
    assert forms["king-1963"][0].startswith("Martin Luther King Jr., Strength to Love")
    assert forms["king-1963"][2].startswith("King, Martin Luther, Jr. Strength to Love.")
    assert forms["gennep-1909"][0].startswith("Arnold van Gennep, Les rites de passage")
    assert forms["gennep-1909"][2].startswith("Gennep, Arnold van. Les rites de passage.")


def test_a_crossref_lends_the_book(forms):
    assert forms["part-2001"][0].startswith(
        "Benjamin Lee, “Modernity in Parts,” in Alternative Modernities, ed. Dilip Gaonkar (Durham: Duke"
    )


def test_a_newspaper_article(forms):
    assert forms["news-2021"][0].startswith("“Summit Ends,” Asahi Shimbun, July 16, 2021")


def test_a_season_and_a_range(forms):
    assert "Summer 2021" in forms["season-2021"][0]
    assert "2020–2021" in forms["range-2020"][0]


def test_latex_commands_are_formatting_or_text_never_files(forms):
    full, _, entry = forms["latex-2020"]
    assert "TeX" in full and "\\TeX" not in full
    assert "root:" not in full + entry  # the file is never read


def test_a_title_ending_in_a_question_mark_gets_no_period(forms):
    assert "“Whither Russia?”" in forms["question-2022"][0]
    assert "?." not in "".join(forms["question-2022"])


def test_emphasis_and_language_in_html():
    rendering = ENGINE.render(Batch(BIB, (Cluster((Cite("latex-2020"),)), Cluster((Cite("tass-2021"),)))))
    latex, tass = (to_html([i for s in cluster for i in s.inlines]) for cluster in rendering.clusters)
    assert "<em>Typesetting</em>" in latex
    assert '<span lang="ru">Лавров заявил' in tass


def test_the_compacted_style_formats_as_the_style_itself():
    """Engine(compact=True), a speed-up: the style without comments and indentation, the same output."""
    style = ENGINE.style
    batch = Batch(BIB, tuple(Cluster((Cite(key),)) for key in KEYS + KEYS))
    compacted = Engine(style, "en-US", "en", compact=True)
    original = Engine(style, "en-US", "en", compact=False)
    assert compacted.style_read != original.style_read == style
    assert compacted.style_read.stat().st_size < style.stat().st_size * 0.7
    assert compacted.render(batch) == original.render(batch)


def test_a_pandoc_run_that_does_not_end_is_stopped(monkeypatch):
    monkeypatch.setattr(engine, "PANDOC_TIME_LIMIT", 0.001)
    with pytest.raises(engine.EngineError, match=r"pandoc did not finish in 0.001 s and was stopped"):
        Engine(ENGINE.style, "en-US", "en")._run(Batch(BIB, (Cluster((Cite(KEYS[0]),)),)))
