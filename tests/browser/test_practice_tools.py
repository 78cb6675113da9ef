"""Checklists and the self-assessment keep their state in this browser only, and never send it anywhere."""
from __future__ import annotations

import csv
import io
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def watch_requests(page, site_url):
    sent = []
    local = urlsplit(site_url).netloc
    page.on("request", lambda r: sent.append(r) if urlsplit(r.url).netloc not in (local, "") else None)
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method != "GET" else None)
    return sent, posts


def test_checklist_ticks_survive_a_reload_and_can_be_cleared(page, site_url):
    sent, posts = watch_requests(page, site_url)
    page.goto(site_url + "tools/checklists/injury-non-mobile-baby/")
    boxes = page.locator(".kb-checklist__items input[type=checkbox]")
    assert boxes.count() >= 6
    boxes.nth(0).check()
    boxes.nth(2).check()
    page.reload()
    boxes = page.locator(".kb-checklist__items input[type=checkbox]")
    assert boxes.nth(0).is_checked() and boxes.nth(2).is_checked() and not boxes.nth(1).is_checked()
    page.get_by_role("button", name="Clear my ticks").click()
    assert not boxes.nth(0).is_checked()
    page.reload()
    assert not page.locator(".kb-checklist__items input[type=checkbox]").nth(2).is_checked()
    assert not sent and not posts, f"requests left the page: {[r.url for r in sent] + posts}"


def test_self_assessment_ratings_survive_a_reload_and_download_as_csv(page, site_url):
    sent, posts = watch_requests(page, site_url)
    page.goto(site_url + "tools/self-assessment/")
    first = page.locator("fieldset.kb-sa__item").nth(0)
    second = page.locator("fieldset.kb-sa__item").nth(1)
    first.get_by_label("Amber: partly in place").check()
    first.locator("textarea").fill("Audit due in March; owner: designated nurse")
    second.get_by_label("Green: in place").check()
    page.reload()
    first = page.locator("fieldset.kb-sa__item").nth(0)
    assert first.get_by_label("Amber: partly in place").is_checked()
    assert first.locator("textarea").input_value() == "Audit due in March; owner: designated nurse"
    with page.expect_download() as info:
        page.get_by_role("button", name="Download ratings (CSV)").click()
    text = open(info.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["rating"] == "amber" and rows[0]["note"] == "Audit due in March; owner: designated nurse"
    assert rows[1]["rating"] == "green" and rows[2]["rating"] == "not rated"
    assert len(rows) == page.locator("fieldset.kb-sa__item").count()
    assert not sent and not posts, f"requests left the page: {[r.url for r in sent] + posts}"


def test_self_assessment_prints_a_summary_table(page, site_url):
    page.goto(site_url + "tools/self-assessment/")
    page.locator("fieldset.kb-sa__item").nth(0).get_by_label("Red: not in place").check()
    page.evaluate("window.print = () => {}")
    page.get_by_role("button", name="Print summary").click()
    page.emulate_media(media="print")
    assert page.locator(".kb-sa__summary table").is_visible()
    assert not page.locator("fieldset.kb-sa__item").first.is_visible()
    assert "red" in page.locator(".kb-sa__summary tbody tr").first.inner_text()


def test_copy_link_copies_the_full_address(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "tools/question-index/")
    link = page.locator("a.kb-copy").first
    target = link.evaluate("a => a.href")
    link.click()
    assert page.evaluate("navigator.clipboard.readText()") == target
    assert "#q-" in target and page.url.endswith("tools/question-index/")
    context.close()
