"""Browser fixtures: Debian's chromium driven by playwright (never a downloaded browser)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT

CHROMIUM = os.environ.get("KB_CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def page_paths() -> list[str]:
    """Every page's address, from the Markdown sources (so tests are listed before the build)."""
    paths = []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        rel = md.relative_to(ROOT / "docs").with_suffix("").as_posix()
        if rel == "index":
            paths.append("")
        elif rel.endswith("/index"):
            paths.append(rel[: -len("index")])
        else:
            paths.append(rel + "/")
    return paths


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run 'make test' (it installs Debian's chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    pg = context.new_page()
    yield pg
    context.close()


def run_axe(page) -> list[dict]:
    """WCAG 2.0, 2.1 and 2.2 A and AA violations on the current page, from axe-core."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values:
            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}, resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
    }""")
    return result
