"""The real site builds strictly and every page carries what a reader relies on."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, failed_build, html_pages, rewrite
from macros.loader import load_site


def soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_page_shows_what_to_do_if_a_baby_is_in_danger(built_site):
    pages = html_pages(built_site)
    assert len(pages) > 60
    for page in pages:
        banner = soup(page).select_one(".md-banner .kb-safety")
        assert banner is not None, f"{page} has no safety banner"
        assert "call 999" in banner.get_text(), f"{page}: the banner does not say to call 999"


def test_every_content_page_shows_when_it_was_last_reviewed(built_site):
    for page in html_pages(built_site):
        if page.parent == built_site / "404":
            continue
        review = soup(page).select_one(".kb-review")
        assert review is not None, f"{page} does not show its review dates"
        assert re.search(r"Last reviewed on \d{1,2} \w+ 20\d\d by .+\. Next review due by", review.get_text(" ", strip=True))


def test_no_page_loads_anything_from_another_website(built_site):
    for page in html_pages(built_site):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        for tag in soup(page).select("script[src], link[href], img[src], iframe[src]"):
            ref = tag.get("src") or tag.get("href")
            if tag.name == "link" and tag.get("rel") in (["canonical"], ["alternate"]):
                continue
            assert not re.match(r"(https?:)?//", ref), f"{page} loads {ref}"


def test_glossary_abbreviations_are_tooltips_on_content_pages(built_site):
    page = soup(built_site / "themes" / "engaging-fathers" / "index.html")
    titles = {a.get_text(): a.get("title") for a in page.select("article abbr")}
    assert titles.get("NAI") == "Non-accidental injury", titles
    assert titles.get("NSPCC") == "National Society for the Prevention of Cruelty to Children", titles


def test_glossary_page_lists_every_term_with_an_anchor(built_site):
    data = load_site(ROOT)
    page = soup(built_site / "about" / "glossary" / "index.html")
    for entry in data.glossary:
        dfn = page.select_one(f"dfn#{entry.id}")
        assert dfn is not None and dfn.get_text() == entry.term, entry.id


def test_sources_page_lists_all_five_sources(built_site):
    data = load_site(ROOT)
    page = " ".join(soup(built_site / "about" / "index.html").select_one("article").get_text(" ").split())
    for s in data.sources:
        assert s.short_title in page


def test_citations_link_to_the_source_pages(built_site):
    page = soup(built_site / "themes" / "engaging-fathers" / "index.html")
    cites = page.select("article .kb-cite a")
    assert len(cites) >= 10
    for a in cites:
        assert re.match(r"\.\./\.\./about/sources/[a-z-]+/$", a["href"]), a["href"]
        target = built_site / "about" / "sources" / a["href"].split("/")[-2] / "index.html"
        assert target.exists(), a["href"]


def test_content_notes_appear_above_case_studies(built_site):
    for page in sorted((built_site / "cases").glob("*/index.html")):
        note = soup(page).select_one("article .kb-content-note")
        assert note is not None and "Content note:" in note.get_text(), page


def test_page_without_review_date_fails_the_build_with_a_plain_message(project):
    page = project / "docs" / "about" / "glossary.md"
    rewrite(page, "review_due: 2027-11-22\n", "")
    out = failed_build(project)
    assert "docs/about/glossary.md, line 2 (field 'review_due'): the field is missing" in out
    assert "review_due: YYYY-MM-DD" in out


def test_malformed_review_date_fails_the_build(project):
    page = project / "docs" / "about" / "glossary.md"
    rewrite(page, "last_reviewed: 2026-11-22", "last_reviewed: 22/11/2026")
    out = failed_build(project)
    assert "'22/11/2026' is not a date" in out


def test_a_macro_naming_a_missing_theme_stops_the_build(project):
    page = project / "docs" / "themes" / "crying.md"
    rewrite(page, "theme_questions('crying')", "theme_questions('cryin')")
    out = failed_build(project)
    assert "docs/themes/crying.md" in out and "theme 'cryin', which does not exist (did you mean 'crying'?)" in out


def test_a_broken_link_fails_the_strict_build(project):
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [nowhere](themes/no-such-theme.md).\n", encoding="utf-8")
    out = failed_build(project)
    assert "themes/no-such-theme.md" in out


@pytest.mark.parametrize("page,steps", [("practice/icon", 5), ("practice/bruising", 7)])
def test_sequences_are_drawn_as_flowcharts_that_read_as_lists(built_site, page, steps):
    flow = soup(built_site / page / "index.html").select_one("article .kb-flow ol")
    assert flow is not None and len(flow.find_all("li", recursive=False)) == steps


def test_search_dialog_has_an_accessible_name(built_site):
    dialog = soup(built_site / "index.html").select_one("[role=dialog].md-search")
    assert dialog is not None and dialog.get("aria-label") == "Search"
