"""WCAG 2.2 AA: axe-core finds no A or AA violation on any page, in both colour schemes, on a phone
and a desktop; and the site can be used with a keyboard alone."""
from __future__ import annotations

import pytest

from .conftest import DESKTOP, PHONE, page_paths, run_axe

pytestmark = pytest.mark.browser
LAYOUTS = [("light", DESKTOP), ("dark", DESKTOP), ("light", PHONE), ("dark", PHONE)]


@pytest.mark.parametrize("scheme,viewport", LAYOUTS, ids=["light-desktop", "dark-desktop", "light-phone", "dark-phone"])
def test_no_wcag_violations_on_any_page(browser, site_url, scheme, viewport):
    context = browser.new_context(viewport=viewport, color_scheme=scheme, is_mobile=viewport is PHONE)
    page = context.new_page()
    failures = []
    for path in page_paths():
        page.goto(site_url + path)
        expected = "slate" if scheme == "dark" else "default"
        assert page.get_attribute("body", "data-md-color-scheme") == expected
        for v in run_axe(page):
            failures.append(f"/{path}: {v['id']} ({v['impact']}): {v['help']}\n      " + "\n      ".join(v["nodes"]))
    context.close()
    assert not failures, f"{len(failures)} accessibility violation(s):\n" + "\n".join(failures[:40])


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, site_url):
    page.goto(site_url + "themes/engaging-fathers/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => ({text: document.activeElement.textContent.trim(), cls: document.activeElement.className})")
    assert focused["text"] == "Skip to content" and "md-skip" in focused["cls"]
    assert page.locator(".md-skip").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#engaging-fathers-and-male-carers"


def test_focus_is_clearly_visible(page, site_url):
    page.goto(site_url)
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle + ' ' + getComputedStyle(document.activeElement).outlineWidth")
    assert outline.startswith("solid") and not outline.endswith(" 0px"), outline
    page.locator("article a").first.focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineWidth")
    assert outline != "0px"


def test_navigation_works_without_a_mouse(page, site_url):
    page.goto(site_url)
    for _ in range(80):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href') || ''")
        if href.endswith("themes/"):
            break
    else:
        pytest.fail("Tab never reached the learning themes link")
    page.keyboard.press("Enter")
    page.wait_for_url("**/themes/")
    assert page.locator("h1").inner_text().rstrip("¶") == "Learning themes"


def test_search_works_without_a_mouse(page, site_url):
    page.goto(site_url)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("bruising", delay=40)
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.closest('.md-search-result__item') !== null")
    assert focused, "the arrow key did not move into the search results"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "bruising" in page.url or "injuries" in page.url, page.url
