"""Search finds what practitioners type: abbreviations, programmes, injuries, roles and places."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# (what a practitioner types, pages any of which must be in the top five results)
QUERIES = [
    ("ICON", ["practice/icon/"]),
    ("coping with crying", ["practice/icon/", "themes/crying/", "tools/checklists/coping-with-crying/"]),
    ("bruising", ["practice/bruising/", "themes/injuries-non-mobile-babies/", "tools/checklists/injury-non-mobile-baby/"]),
    ("non-mobile", ["practice/bruising/", "themes/injuries-non-mobile-babies/", "tools/checklists/injury-non-mobile-baby/"]),
    ("rib fractures", ["cases/bradford-child-1/", "cases/derbyshire-infants/", "cases/bradford-child-3/"]),
    ("head injury", ["themes/injuries-non-mobile-babies/", "tools/checklists/injury-non-mobile-baby/",
                     "cases/invisible-men-cohort/", "themes/crying/", "cases/eva-wiltshire/"]),
    ("safer sleep", ["practice/safer-sleep/", "themes/safer-sleep/", "tools/checklists/safer-sleep-conversation/"]),
    ("cannabis", ["themes/substance-misuse/", "cases/eva-wiltshire/"]),
    ("Caring Dads", ["practice/programmes/"]),
    ("Family Nurse Partnership", ["practice/programmes/", "themes/young-parents-care-leavers/"]),
    ("MARAC", ["about/glossary/", "themes/domestic-abuse/"]),
    ("SIRS", ["practice/information-seeking/", "themes/information-sharing/"]),
    ("fathers GP records", ["practice/information-seeking/", "themes/information-sharing/", "themes/engaging-fathers/"]),
    ("disguised compliance", ["themes/professional-curiosity/", "tools/checklists/supervision-prompts/"]),
    ("postnatal depression", ["themes/parental-mental-health/"]),
    ("care leavers", ["themes/young-parents-care-leavers/"]),
    ("health visitor", ["themes/for/health-visitor/"]),
    ("midwife", ["themes/for/midwife/"]),
    ("Was Not Brought", ["practice/was-not-brought/"]),
    ("pre-birth assessment", ["practice/pre-birth/", "themes/pre-birth-assessment/", "tools/checklists/pre-birth-assessment/"]),
    ("Eva", ["cases/eva-wiltshire/"]),
    ("Derbyshire", ["cases/derbyshire-infants/"]),
    ("Bradford", ["about/sources/bradford-review/", "cases/bradford-child-1/", "cases/bradford-child-2/", "cases/bradford-child-3/"]),
    ("Wiltshire", ["cases/eva-wiltshire/", "cases/bsw-local-picture/", "about/sources/bsw-workshop/"]),
    ("invisible men", ["about/sources/invisible-men/", "cases/invisible-men-cohort/", "themes/engaging-fathers/"]),
    ("domestic abuse", ["themes/domestic-abuse/"]),
]


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url)
    page.locator(".md-search__input").click()
    # the index loads in a worker: wait until search says it is ready
    page.wait_for_function("() => { const m = document.querySelector('.md-search-result__meta');"
                           " return m && m.textContent.trim() && !/Initiali[sz]ing/i.test(m.textContent); }")
    yield page
    context.close()


@pytest.mark.parametrize("query,expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_the_right_page_is_in_the_top_five(search_page, site_url, query, expected):
    page = search_page
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=20)
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__meta') && "
        "document.querySelector('.md-search-result__meta').textContent.length > 0 && "
        "document.querySelector('.md-search__input').value === q", arg=query)
    page.wait_for_timeout(150)
    hrefs = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link",
                                      "els => els.slice(0, 5).map(e => e.getAttribute('href'))")
    found = [h.split("?")[0].split("#")[0].replace(site_url, "") for h in hrefs]
    assert any(e in found for e in expected), f"'{query}': top five were {found}"
