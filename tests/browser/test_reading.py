"""A reader in Chromium: notes and back, references to the bibliography, cross-references into
another publication, previews on hover, focus and touch; at 1280x500 and 390x844."""

from __future__ import annotations

import re

from playwright.sync_api import expect

REPORT = "reports/deepening-russia-china-relations.html"
CHRONOLOGY = "bulletins/chronology-june-2021-january-2022.html"


def test_follow_each_note_and_back(page, base_url):
    page.goto(base_url + REPORT)
    markers = page.locator("article a.footnote-reference")
    expect(markers).to_have_count(8)
    for index in range(8):
        page.keyboard.press("Escape")
        marker = markers.nth(index)
        target = marker.get_attribute("href")
        marker.click()
        expect(page).to_have_url(re.compile(re.escape(target) + "$"))
        note = page.locator(f"aside.footnote[id='{target[1:]}']")
        expect(note).to_be_in_viewport()
        expect(note).to_contain_text(
            [
                "Kumakura",
                "Kumakura",
                "Ministry of National Defense",
                "China News Service",
                "ИТАР-ТАСС",
                "Ministry of Foreign Affairs",
                "Ministry of Foreign Affairs",
                "Ministry of Foreign Affairs",
            ][index]
        )
        note.locator("a[role=doc-backlink]").click()
        expect(marker).to_be_in_viewport()


def test_a_reference_in_a_note_leads_to_its_bibliography_entry(page, base_url):
    page.goto(base_url + REPORT)
    reference = page.locator("aside.footnote .bibtex-citation a.internal", has_text="ИТАР-ТАСС")
    reference.click()
    entry = page.locator("div.citation:target")
    expect(entry).to_be_in_viewport()
    expect(entry).to_contain_text("ИТАР-ТАСС. “Лавров заявил, что миссия США в Афганистане провалилась.”")


def test_a_cross_reference_opens_the_other_publication_at_the_section(page, base_url):
    page.goto(base_url + CHRONOLOGY)
    link = page.locator("a:has(.pubref)", has_text="section 2").first
    link.click()
    expect(page).to_have_url(
        re.compile(r"reports/deepening-russia-china-relations\.html#fy2021-6-kazakhstan$")
    )
    expect(page.locator("h2", has_text="2. The Kazakhstan problem")).to_be_in_viewport()


def test_preview_on_keyboard_focus_closes_with_escape(page, base_url):
    page.goto(base_url + REPORT)
    marker = page.locator("article a.footnote-reference").first
    marker.focus()
    preview = page.locator("#series-preview")
    expect(preview).to_be_visible()
    expect(preview).to_contain_text("(All quotes in this article last viewed on January 27)")
    expect(marker).to_have_attribute("aria-describedby", "series-preview")
    page.keyboard.press("Escape")
    expect(preview).to_be_hidden()


def test_preview_on_hover_of_a_term_shows_its_definition(page, base_url):
    if page.viewport_size["width"] < 500:
        return  # no hover on a phone; the touch test covers it
    page.goto(base_url + REPORT)
    page.locator("a:has(.std-term)", has_text="Three Evils").hover()
    preview = page.locator("#series-preview")
    expect(preview).to_be_visible()
    expect(preview).to_contain_text(
        "An expression used by China to refer to terrorism, separatism, and religious extremism"
    )
    page.mouse.move(0, 0)
    expect(preview).to_be_hidden()


def test_on_touch_the_first_tap_previews_and_the_second_follows(page, base_url):
    if not page.context.browser or page.viewport_size["width"] > 500:
        return  # touch is tested on the phone-sized page
    page.goto(base_url + CHRONOLOGY)
    link = page.locator("a:has(.pubref)", has_text="section 1").first
    link.scroll_into_view_if_needed()
    link.tap()
    preview = page.locator("#series-preview")
    expect(preview).to_be_visible()
    expect(preview).to_contain_text("1. Afghanistan issue and Russia-China relations")
    expect(page).to_have_url(re.compile(re.escape(CHRONOLOGY) + "$"))
    link.tap()
    expect(page).to_have_url(re.compile(r"#fy2021-6-afghanistan$"))


def test_printing_gives_the_article_alone_with_link_targets(page, base_url):
    page.goto(base_url + "guide/index.html")
    page.emulate_media(media="print")
    for chrome in (".sidebar-drawer", ".toc-drawer", ".related-pages"):
        expect(page.locator(chrome)).to_be_hidden()
    expect(page.locator("article h1")).to_be_visible()
    external = page.locator("article a.reference.external[href^='http']").first
    after = external.evaluate("a => getComputedStyle(a, '::after').content")
    assert external.get_attribute("href") in after
    page.goto(base_url + REPORT)
    page.emulate_media(media="print")
    url_as_text = page.locator("aside.footnote a.reference.external").first
    assert url_as_text.evaluate("a => getComputedStyle(a, '::after').content") == "none"
