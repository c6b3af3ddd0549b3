"""The author guide: its pages are in the navigation, its live examples rendered as it says,
and what it quotes (headings, companions, error messages, make targets) is what the project does."""

from __future__ import annotations

import datetime
import re
import subprocess

import new
import pytest
import yaml
from bs4 import BeautifulSoup
from series import licenses, model
from series.model import ModelError, Publication

from ..conftest import ROOT

GUIDE = [
    "index",
    "new-publication",
    "sections",
    "notes-and-citations",
    "figures-and-tables",
    "links",
    "identifiers",
    "translating",
    "building",
]
REPORT = "reports/deepening-russia-china-relations"
TERMS = "bulletins/key-terms"
CHRONOLOGY = "bulletins/chronology-june-2021-january-2022"


def soup(site, docname):
    return BeautifulSoup((site.html / f"{docname}.html").read_text(encoding="utf-8"), "lxml")


def article(site, docname):
    return soup(site, docname).find("article")


def result(site, page, name):
    """The box headed "Result" that shows what an example renders."""
    box = article(site, f"guide/{page}").select_one(f"div.admonition.guide-result-{name}")
    assert box is not None, name
    assert box.select_one(".admonition-title").get_text(strip=True) == "Result"
    return box


def notes_of(box, page_article):
    """The text of the notes whose markers stand in the box, in order."""
    notes = []
    for marker in box.select("a.footnote-reference"):
        note = page_article.select_one(f"aside.footnote[id='{marker['href'][1:]}']")
        notes.append(" ".join(note.find("p").get_text().split()))
    return notes


def code_blocks(page_article):
    return [pre.get_text() for pre in page_article.select("div.highlight pre")]


def test_guide_pages_exist_and_are_in_the_navigation(site):
    for page in GUIDE:
        assert (site.html / "guide" / f"{page}.html").is_file(), page
    sidebar = soup(site, "index").select_one(".sidebar-tree")
    caption = sidebar.find("span", class_="caption-text", string="Author guide")
    assert caption is not None
    links = caption.find_parent("p").find_next_sibling("ul").select("a")
    assert [a["href"] for a in links] == [f"guide/{page}.html" for page in GUIDE]
    assert links[0].get_text(strip=True) == "Overview"


def test_landing_page_intro_links_to_the_guide(site):
    intro = article(site, "index").find("p")
    assert intro.find("a", string="author guide")["href"] == "guide/index.html"


def test_note_example_gives_the_full_chicago_note_with_the_commentary(site):
    page = article(site, "guide/notes-and-citations")
    [note] = notes_of(result(site, "notes-and-citations", "note"), page)
    assert note == (
        "Jun Kumakura, “Russia-China Relations in 2020: The ‘Belt and Road Initiative’ and the Border Conflict "
        "between China and India,” in Report of the Study Group on “Russia in the Era of Great Power Competition” "
        "(Japan Institute of International Affairs, 2021), 79–84, "
        "https://www.jiia.or.jp/pdf/research/R02_Russia/08-kumakura.pdf. "
        "(All quotes in this article last viewed on January 27)"
    )


def test_note_citations_link_to_this_pages_bibliography(site):
    page = article(site, "guide/notes-and-citations")
    links = page.select("aside.footnote .bibtex-citation a.internal")
    assert links
    for link in links:
        assert link["href"].startswith("#")
        assert page.select_one(f"div.citation[id='{link['href'][1:]}']") is not None


def test_several_works_example_keeps_the_commentary_and_joins_the_works_with_semicolons(site):
    page = article(site, "guide/notes-and-citations")
    [note] = notes_of(result(site, "notes-and-citations", "works"), page)
    commentary, works = note.split(" see my paper below. ")
    assert commentary.startswith("For China’s concerns about the Afghanistan issue")
    titles = [re.search(r"“([^:”]+)", work)[1] for work in works.split("; ")]
    assert titles == [
        "China’s Deepening Involvement in Afghanistan",
        # CMOS 17 8.159 (headline style, as the CSL style sets an English title): a verb is capitalized.
        "What Is the East Turkistan Islamic Movement? – China’s ‘Counterterrorism’ Logic and Xinjiang Policy,",
        "China Seeks Engagement with Taliban Regime",
    ]


def test_a_later_citation_gives_the_short_form_with_the_period_inside_the_quotes(site):
    page = article(site, "guide/notes-and-citations")
    [note] = notes_of(result(site, "notes-and-citations", "short"), page)
    assert note == "Kumakura, “Russia-China Relations in 2020.”"


def test_a_citation_in_the_next_note_gives_the_author_alone(site):
    page = article(site, "guide/notes-and-citations")
    first, second = notes_of(result(site, "notes-and-citations", "again"), page)
    title = "Ministry of Foreign Affairs of China, “Wang Yi Speaks with Russian Foreign Minister Sergey Lavrov on the Phone"
    assert first.startswith(f"{title},” January 11, 2022, https://www.fmprc.gov.cn/")
    assert second == "Ministry of Foreign Affairs of China."


def series_text(site) -> str:
    """The text of the report and the bulletins, without note markers."""
    texts = []
    for docname in (REPORT, CHRONOLOGY, TERMS):
        page = article(site, docname)
        for marker in page.select("a.footnote-reference"):
            marker.decompose()
        texts.append(page.get_text())
    return " ".join(" ".join(texts).split())


@pytest.mark.parametrize("name", ["note", "works", "short", "again"])
def test_the_note_examples_quote_the_series_and_invent_nothing(site, name):
    box = result(site, "notes-and-citations", name)
    box.select_one(".admonition-title").decompose()
    for marker in box.select("a.footnote-reference"):
        marker.decompose()
    text = series_text(site)
    for paragraph in box.find_all("p"):
        quoted = " ".join(paragraph.get_text().replace("…", "").split())
        assert quoted in text, quoted


def test_pubref_example_reads_as_a_reader_cites_and_links_to_the_report(site):
    links = result(site, "links", "pubref").select("a")
    assert [a.get_text() for a in links] == [
        "Research Report FY 2021-#6, section 1",
        "Research Report FY 2021-#6, Introduction",
        "Research Report FY 2021-#6",
    ]
    report = article(site, REPORT)
    for link, label in zip(links, ["fy2021-6-afghanistan", "fy2021-6-introduction", "fy2021-6"], strict=True):
        assert link["href"] == f"../{REPORT}.html#{label}"
        assert report.select_one(f"[id='{label}']") is not None, label
    section = report.select_one("section[id='fy2021-6-afghanistan'] > h2").get_text(" ", strip=True)
    assert section.startswith("1. Afghanistan issue")


def test_term_example_links_to_the_glossary(site):
    links = result(site, "links", "term").select("a")
    assert [a.get_text() for a in links] == ["Three Evils", "color revolutions", "EAEU"]
    glossary = article(site, TERMS)
    for link, term in zip(links, ["Three Evils", "color revolution", "EAEU"], strict=True):
        page, anchor = link["href"].split("#")
        assert page == f"../{TERMS}.html"
        assert glossary.select_one(f"dl.glossary dt[id='{anchor}']").get_text(strip=True).rstrip("¶#") == term


def test_the_headings_the_guide_shows_are_the_reports(site):
    shown = [
        li.get_text(" ", strip=True)
        for li in article(site, "guide/sections").select("ul.guide-report-headings li")
    ]
    report = [h.get_text(" ", strip=True).rstrip(" ¶#") for h in article(site, REPORT).find_all("h2")]
    assert shown == report


def test_the_companion_lines_the_guide_shows_are_on_the_pages(site):
    guide = article(site, "guide/links")
    for css_class, docname in [("report", REPORT), ("bulletin", CHRONOLOGY), ("bulletin", TERMS)]:
        shown = guide.select_one(f"blockquote.guide-companions-{css_class}").get_text()
        on_page = article(site, docname).select_one(".publication-companions").get_text()
        assert " ".join(shown.split()) == " ".join(on_page.split()), docname


def test_the_guide_figure_and_table_are_numbered_and_referred_to(site):
    figure = result(site, "figures-and-tables", "figure")
    source = (ROOT / "source" / "guide" / "figures-and-tables.md").read_text(encoding="utf-8")
    alt = re.search(r"^```\{figure\} figures/build\.png\n(?::.+\n)*?:alt: (.+)$", source, re.MULTILINE)[1]
    assert figure.select_one("figure img")["alt"] == alt
    assert figure.select_one("figcaption .caption-number").get_text(strip=True) == "Figure 1"
    table = result(site, "figures-and-tables", "table")
    assert table.select_one("table caption .caption-number").get_text(strip=True) == "Table 1"
    references = result(site, "figures-and-tables", "numref").select("a.reference.internal")
    assert [(a["href"], a.get_text(strip=True)) for a in references] == [
        ("#guide-figure-build", "Figure 1"),
        ("#guide-table-labels", "Table 1"),
    ]


def test_the_labels_the_guide_table_lists_are_the_reports(site):
    rows = result(site, "figures-and-tables", "table").select("tbody tr")
    report = article(site, REPORT)
    for row in rows:
        heading, label = (cell.get_text(strip=True) for cell in row.find_all("td"))
        section = report.find(id=label)
        assert section is not None, label
        assert section.find(["h2", "h3"]).get_text(" ", strip=True).rstrip(" ¶#") == heading


def make_targets_of_help() -> list[str]:
    output = subprocess.run(
        ["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return [line.split()[1] for line in output.stdout.splitlines() if line.strip().startswith("make ")]


def test_the_make_targets_in_the_guide_are_those_of_make_help(site):
    table = article(site, "guide/building").select_one("table.guide-make-targets")
    listed = []
    for row in table.select("tbody tr"):
        for code in row.find("td").select("code"):
            words = code.get_text().split()
            assert words[0] == "make"
            listed.append(words[1] if len(words) > 1 else "all")  # plain `make` is the default target, all
    listed.remove("all")  # `make` or `make all`: one row
    help_targets = make_targets_of_help()
    assert len(help_targets) >= 10
    assert listed == help_targets


def test_the_entries_the_guide_shows_are_those_of_references_bib(site):
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    entries = [
        pre.get_text()
        for pre in article(site, "guide/notes-and-citations").select("div.highlight-bibtex pre")
    ]
    assert [entry.split("{", 1)[0] for entry in entries] == ["@incollection", "@article", "@online"]
    for entry in entries:
        assert entry in bib, entry.splitlines()[0]


def quoted_lines(site, page) -> set[str]:
    return {
        line.strip() for block in code_blocks(article(site, f"guide/{page}")) for line in block.splitlines()
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date", "2nd January"),
        ("number", "2021-6"),
        ("kind", "paper"),
        ("authors", None),
        ("role", "writer"),
        ("orcid", 1234),
        ("language", "English"),
        ("langauge", "en"),
    ],
)
def test_front_matter_messages_in_the_guide_are_the_models(site, field, value):
    data = {
        "kind": "report",
        "number": "FY 2021-#6",
        "date": "2022-02-16",
        "language": "en",
        "authors": [{"name": "Jun Kumakura"}],
    }
    if field in ("role", "orcid"):
        data["authors"][0][field] = value
    elif value is None:
        del data[field]
    else:
        data[field] = value
    with pytest.raises(ModelError) as error:
        Publication.from_front_matter(data, title="T", docname="reports/t", group="G")
    message = str(error.value)
    lines = quoted_lines(site, "new-publication")
    assert message in lines or any(
        line.endswith(f"WARNING: {message} (in the front matter) [series.front_matter]") for line in lines
    ), message


def test_make_new_messages_in_the_guide_are_the_tools(site, new_source, capsys):
    lines = quoted_lines(site, "new-publication")
    new.main(["--kind", "report", "--slug", "arctic-policy", "--title", "Russia's Arctic Policy"])
    assert capsys.readouterr().out.strip() in lines
    day = datetime.date(2022, 2, 16)  # in FY 2021, where the guide says the next report is FY 2021-#7
    assert 'number: "FY 2021-#7"' in new.new("report", "arctic-policy-2", "X", day).read_text(
        encoding="utf-8"
    )
    for kind, slug, title in [
        ("memo", "x", "X"),
        ("report", "Arctic_Policy", "X"),
        ("report", "x", " "),
        ("report", "arctic-policy", "X"),
    ]:
        with pytest.raises(SystemExit) as refusal:
            new.new(kind, slug, title, day)
        assert str(refusal.value.code) in lines


@pytest.mark.parametrize(
    ("page", "kind"),
    [("new-publication", Publication), ("new-publication", model.Person), ("identifiers", model.Correction)],
)
def test_the_guide_lists_the_fields_the_model_declares(site, page, kind):
    declared = model.front_matter_fields(kind)
    lists = article(site, f"guide/{page}").select("dl.publication-fields")
    shown = [[dt.get_text(" ", strip=True) for dt in dl.find_all("dt", recursive=False)] for dl in lists]
    expected = [f"{f.name} (required)" if model.is_required(f) else f.name for f in declared]
    assert expected in shown
    dl = lists[shown.index(expected)]
    for declaration, dd in zip(declared, dl.find_all("dd", recursive=False), strict=True):
        # The help text is Markdown: its words up to the first quote, apostrophe or link (which the
        # page typesets), without the backticks.
        plain = re.split(r"[\"'\[]", declaration.metadata["help"].replace("`", ""))[0].split()
        assert " ".join(dd.get_text().split()).startswith(" ".join(plain)), declaration.name


def test_the_guide_licenses_are_the_table(site):
    rows = article(site, "guide/identifiers").select("table.series-licenses tbody tr")
    assert [row.find("td").get_text(strip=True) for row in rows] == list(licenses.LICENSES)
    for row, terms in zip(rows, licenses.LICENSES.values(), strict=True):
        assert row.find("a")["href"] == terms.url and row.find("a").get_text() == terms.name


def test_the_identifiers_example_is_valid_and_its_messages_are_the_models(site):
    blocks = code_blocks(article(site, "guide/identifiers"))
    example = yaml.safe_load(next(block for block in blocks if block.startswith("publication:")))
    publication = Publication.from_front_matter(
        example["publication"], title="T", docname="reports/t", group="G"
    )
    assert (
        publication.doi
        and publication.license_terms
        and publication.corrections
        and publication.authors[0].ror
    )
    lines = quoted_lines(site, "identifiers")
    mistakes = [
        {"doi": "5555/12345678"},
        {"license": "CC-BY"},
        {"authors": [{"name": "Ada Author", "ror": "https://ror.org/03yrm5c27"}]},
        {"corrections": [{"date": "2031-05-01", "note": "X."}]},
    ]
    for mistake in mistakes:
        with pytest.raises(ModelError) as error:
            Publication.from_front_matter(
                {**example["publication"], **mistake}, title="T", docname="reports/t", group="G"
            )
        assert str(error.value) in lines
