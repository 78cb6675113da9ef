"""Learning themes: every theme has a full page of the same shape, and the generated cross-links agree."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from macros.loader import load_site
from macros.pages import front_matter

DATA = load_site(ROOT)
THEMES = [t.id for t in DATA.themes]
SECTIONS = ["What the reviews found", "Why it matters for babies", "What good practice looks like",
            "Reflective questions", "Where this was found", "Related pages"]


def page_source(theme_id: str) -> str:
    return (ROOT / "docs" / "themes" / f"{theme_id}.md").read_text(encoding="utf-8")


def built(site, *parts) -> BeautifulSoup:
    return BeautifulSoup((site.joinpath(*parts) / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_there_are_at_least_the_eighteen_themes_the_issue_names():
    assert len(THEMES) >= 18


@pytest.mark.parametrize("theme_id", THEMES)
def test_theme_page_has_the_standard_sections_in_order(theme_id):
    text = page_source(theme_id)
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings == SECTIONS, f"docs/themes/{theme_id}.md sections are {headings}"
    for macro in ("theme_in_brief", "theme_questions", "theme_sources", "theme_related"):
        assert f"{{{{ {macro}('{theme_id}') }}}}" in text, f"{theme_id} does not call {macro}"


@pytest.mark.parametrize("theme_id", THEMES)
def test_theme_page_is_a_full_page_with_citations(theme_id):
    text = page_source(theme_id)
    prose = re.sub(r"\{\{.*?\}\}", "", text.split("---", 2)[2])
    words = len(re.findall(r"[A-Za-z']+", prose))
    assert 450 <= words <= 1800, f"{theme_id} has {words} words of prose"
    assert text.count("cite(") >= 8, f"{theme_id} has too few citations"
    assert front_matter(ROOT / "docs" / "themes" / f"{theme_id}.md", "x").data["title"] == DATA.theme[theme_id].title


@pytest.mark.parametrize("theme_id", THEMES)
def test_every_reflective_question_has_a_stable_anchor(built_site, theme_id):
    page = built(built_site, "themes", theme_id)
    for q in DATA.theme[theme_id].questions:
        li = page.select_one(f"li#q-{q.id}")
        assert li is not None, f"question {q.id} has no anchor on its theme page"
        assert li.select_one(f'a[href="#q-{q.id}"]') is not None


def test_every_theme_is_cited_from_more_than_one_kind_of_source():
    for t in DATA.themes:
        groups = {DATA.source[f.source].group for f in t.found_in}
        assert len(groups) >= 2, f"{t.id} is only found in {groups}"


def test_matrix_has_a_row_for_every_theme_and_a_link_in_every_raised_cell(built_site):
    page = built(built_site, "themes", "matrix")
    rows = page.select("article table tbody tr")
    assert [r.select_one("td a").get_text() for r in rows] == [t.title for t in DATA.themes]
    for t, row in zip(DATA.themes, rows):
        cells = row.select("td")[1:]
        for s, cell in zip(DATA.sources, cells):
            raised = (t.id, s.id) in DATA.matrix
            link = cell.select_one("a")
            assert bool(link) == raised, f"matrix cell {t.id} x {s.id}"
            if link:
                assert link["href"].endswith(f"{t.id}/#where-this-was-found")


def test_where_found_panels_and_source_pages_agree_with_the_matrix(built_site):
    for s in DATA.sources:
        page = built(built_site, "about", "sources", s.id)
        listed = {a["href"].split("/")[-2] for a in page.select("article ul a[href*='#where-this-was-found']")}
        expected = {t.id for t in DATA.themes if (t.id, s.id) in DATA.matrix}
        assert listed == expected, f"the {s.id} page lists {sorted(listed ^ expected)} differently"
    for t in DATA.themes:
        page = built(built_site, "themes", t.id)
        found = page.find(id="where-this-was-found")
        panel_links = set()
        for el in found.find_all_next(["a", "h2"]):
            if el.name == "h2":
                break
            if "/about/sources/" in el.get("href", ""):
                panel_links.add(el["href"].split("/")[-2])
        assert panel_links == {s for (tid, s) in DATA.matrix if tid == t.id}, t.id


def test_audience_pages_list_exactly_the_themes_tagged_for_them(built_site):
    for a in DATA.audiences:
        page = built(built_site, "themes", "for", a.id)
        listed = [x.get_text() for x in page.select("article li strong a")]
        assert listed == [t.title for t in DATA.themes if a.id in t.audiences], a.id


def test_navigation_lists_every_theme_in_data_order():
    cfg = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    in_nav = re.findall(r"^\s+- themes/([a-z-]+)\.md$", cfg, re.M)
    assert [t for t in in_nav if t not in ("index", "matrix")] == THEMES
