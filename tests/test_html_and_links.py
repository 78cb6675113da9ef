"""Every built page is valid HTML (the Nu HTML Checker) and no internal link or anchor is broken."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.mark.skipif(not shutil.which("java") or not VNU.exists(), reason="run 'make test' to install Java and vnu")
def test_every_page_is_valid_html(built_site):
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                             str(built_site)], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{m['url'].split(str(built_site))[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
              if m.get("type") == "error"]
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(errors[:30])


def _targets(site: Path):
    ids: dict[Path, set[str]] = {}
    links = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        ids[page] = {el["id"] for el in soup.find_all(id=True)} | {a["name"] for a in soup.find_all("a", attrs={"name": True})}
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for el in soup.find_all(tag, attrs={attr: True}):
                links.append((page, el[attr]))
    return ids, links


def test_no_internal_link_or_anchor_is_broken(built_site):
    ids, links = _targets(built_site)
    broken = []
    checked = 0
    for page, href in links:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:")):
            continue
        checked += 1
        if parts.path.startswith("/"):  # root-relative (the 404 page): relative to the site root
            target = (built_site / unquote(parts.path).lstrip("/")).resolve()
        else:
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.exists():
            broken.append(f"{page.relative_to(built_site)}: {href} (no such file)")
            continue
        if parts.fragment and target.suffix == ".html" and parts.fragment not in ids.get(target, set()):
            broken.append(f"{page.relative_to(built_site)}: {href} (no such anchor)")
    assert checked > 2000
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(broken[:30])
