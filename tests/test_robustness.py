"""Hostile and broken input: data never becomes live markup, {{ in prose is text, failed builds change nothing."""
from __future__ import annotations

import hashlib

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import copy_project, run_build

SCRIPT = "<script>alert('kb')</script>"
IMG = '<img src=x onerror="alert(1)">'
LINK = "[click](javascript:alert(1))"
PAYLOAD = f"Safe text {SCRIPT} {IMG} {LINK} {{{{ config }}}} end"


def poison(value):
    """Append the payload to every string in a YAML structure, except ids, references and enums."""
    keep = {"id", "source", "theme", "themes", "audiences", "kind", "group", "unit", "for", "page", "url", "figures",
            "seed_file", "value", "level", "year", "age_months", "age_weeks", "replaces", "primary_colour", "logo",
            "date", "locator", "locators", "phone"}

    def walk(node, key=None):
        if isinstance(node, dict):
            return {k: (v if k in keep else walk(v, k)) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, key) for v in node]
        if isinstance(node, str):
            return (node + " " + PAYLOAD)[:290] if len(node) < 200 else node + " " + PAYLOAD
        return node
    return walk(value)


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("poison") / "p")
    for name in ("sources", "themes", "cases", "programmes", "checklists", "challenges", "glossary", "statistics",
                 "father_tiers", "site"):
        path = project / "data" / f"{name}.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        poisoned = poison(data)
        if name == "site":  # the site name is refused if it holds markup (see the test below)
            poisoned["name"] = data["name"]
        path.write_text(yaml.safe_dump(poisoned, allow_unicode=True, sort_keys=False, width=10_000),
                        encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return project / "site"


def test_payloads_reach_pages_only_as_text(poisoned_site):
    pages = sorted(poisoned_site.rglob("*.html"))
    seen_as_text = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        for script in soup.find_all("script"):
            if script.get("type") == "application/json":  # inert data; '</' is escaped inside it
                assert "</script" not in script.get_text()
                continue
            assert "alert(" not in script.get_text(), f"{page}: a script from data is live"
        for tag in soup.find_all(True):
            assert not any(a.lower().startswith("on") for a in tag.attrs), f"{page}: {tag.name} has an event handler"
            href = tag.get("href") or tag.get("src") or ""
            assert not href.lower().startswith("javascript:"), f"{page}: a javascript: link from data"
        text = soup.get_text(" ")
        seen_as_text += text.count("alert('kb')")
    assert seen_as_text > 100, "the payload should appear, visibly, as text"


def test_markup_in_the_site_name_is_refused(tmp_path):
    from macros.errors import ContentErrors
    from macros.loader import load_site
    project = copy_project(tmp_path / "p")
    p = project / "data" / "site.yml"
    p.write_text(p.read_text(encoding="utf-8").replace("name: Safer babies knowledge base",
                                                       "name: Safer <script>x</script> babies"), encoding="utf-8")
    with pytest.raises(ContentErrors) as info:
        load_site(project)
    assert "data/site.yml" in str(info.value) and "the name may not contain" in str(info.value)


def test_braces_in_data_are_printed_not_run(poisoned_site):
    text = BeautifulSoup((poisoned_site / "themes" / "engaging-fathers" / "index.html").read_text(encoding="utf-8"),
                         "html.parser").get_text(" ")
    assert "{{ config }}" in text


def test_double_braces_in_a_page_without_macros_are_ordinary_text(tmp_path):
    project = copy_project(tmp_path / "p")
    page = project / "docs" / "about" / "quotes.md"
    page.write_text("---\ntitle: Quotes\ndescription: x\nowner: x\nlast_reviewed: 2026-11-22\nreview_due: 2027-11-22\n"
                    "---\n# Quotes\n\nA template looks like {{ name }} or {% if x %}, and a comment {# note #}.\n\n"
                    "```\n{{ cite('invisible-men', '1.1') }}\n```\n", encoding="utf-8")
    cfg = project / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("      - Glossary: about/glossary.md",
                                                           "      - Glossary: about/glossary.md\n      - about/quotes.md"),
                   encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (project / "site" / "about" / "quotes" / "index.html").read_text(encoding="utf-8")
    assert "{{ name }}" in html and "{% if x %}" in html and "{# note #}" in html
    assert "{{ cite(&#39;invisible-men&#39;, &#39;1.1&#39;) }}" in html or "{{ cite('invisible-men', '1.1') }}" in html


def test_a_page_with_macros_keeps_quoted_braces_inside_raw(tmp_path):
    """The documented rule: on a page with render_macros, wrap literal braces in {% raw %}, and show a
    macro call as code (the build's leaked-macro check ignores code)."""
    project = copy_project(tmp_path / "p")
    page = project / "docs" / "about" / "glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{% raw %}Write `{{ cite(...) }}` after a claim; quote {{ name }} as written.{% endraw %}\n",
                    encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (project / "site" / "about" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "Write <code>{{ cite(...) }}</code> after a claim; quote {{ name }} as written." in html


def _digest(folder):
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode() + p.read_bytes())
    return h.hexdigest()


@pytest.mark.parametrize("breakage", ["data", "page", "macro"])
def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path, breakage):
    project = copy_project(tmp_path / "p")
    assert run_build(project).returncode == 0
    before = _digest(project / "site")
    if breakage == "data":
        p = project / "data" / "themes.yml"
        p.write_text(p.read_text(encoding="utf-8").replace("  summary:", "  summary: [oops", 1), encoding="utf-8")
    elif breakage == "page":
        p = project / "docs" / "index.md"
        p.write_text(p.read_text(encoding="utf-8") + "\n[broken](nowhere.md)\n", encoding="utf-8")
    else:
        p = project / "docs" / "themes" / "crying.md"
        p.write_text(p.read_text(encoding="utf-8").replace("theme_sources('crying')", "theme_sources('crying'"),
                     encoding="utf-8")
    result = run_build(project)
    assert result.returncode != 0
    assert "site/ was not changed" in result.stderr or "Aborted" in result.stdout + result.stderr
    assert _digest(project / "site") == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site")], "a temporary build folder was left behind"
