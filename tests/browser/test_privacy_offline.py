"""Private and offline: no request ever leaves the machine, and the offline copy works from a folder."""
from __future__ import annotations

import zipfile
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, run_build
from .conftest import page_paths

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("offline") / "site-offline"
    result = run_build(ROOT, "--offline", "--site-dir", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_no_page_requests_anything_but_the_local_server(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    hosts: dict[str, str] = {}
    failed: list[str] = []
    page.on("request", lambda r: hosts.setdefault(urlsplit(r.url).netloc, r.url))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    for path in page_paths():
        page.goto(site_url + path, wait_until="networkidle")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("fathers", delay=30)
    page.wait_for_selector(".md-search-result__item")
    context.close()
    local = urlsplit(site_url).netloc
    assert set(hosts) == {local}, f"requests to other hosts: { {h: u for h, u in hosts.items() if h != local} }"
    assert not failed, f"requests that failed: {failed[:10]}"


def test_offline_copy_opens_from_a_folder_and_search_works(browser, offline_site):
    context = browser.new_context()
    page = context.new_page()
    schemes = set()
    page.on("request", lambda r: schemes.add(urlsplit(r.url).scheme))
    page.goto((offline_site / "index.html").as_uri())
    assert "call 999" in page.locator(".kb-safety").inner_text()
    page.locator("nav a[href$='themes/index.html']").first.click()
    assert page.url.endswith("themes/index.html")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("bruising", delay=40)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    first = page.locator(".md-search-result__item a").first.get_attribute("href")
    assert first.startswith("file://") and "bruising" in page.locator(".md-search-result").inner_text().lower()
    context.close()
    assert schemes <= {"file", "data", "blob", "about"}, schemes


def test_offline_copy_is_zipped_with_every_page(offline_site):
    archive = offline_site.with_suffix(".zip")
    assert archive.exists()
    names = set(zipfile.ZipFile(archive).namelist())
    assert {"index.html", "search/search_index.js", "themes/engaging-fathers.html",
            "assets/vendor/iframe-worker/shim.js"} <= names
