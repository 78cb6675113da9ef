"""Checks run on a freshly built site before it is swapped into place.

These catch what a strict MkDocs build cannot: template syntax that leaked
into a page (a page that forgot `render_macros: true`), and any page that
would load something from another website.
"""
from __future__ import annotations

import re
from pathlib import Path

LEAKED_MACRO = re.compile(r"\{\{\s*(cite|stat|chart|theme_|case_|checklist|programme_|local_protocol|glossary|source_)")
UNCONVERTED_LINK = re.compile(r"\]\((?:\.\./|[a-z0-9-]+/|[a-z0-9-]+\.md)[^)\s]*\)")
THIRD_PARTY = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)=["'](?:https?:)?//""", re.I)


def check_built_site(site: Path) -> list[str]:
    """Problems found, one line per kind of problem (repeats are counted, not listed)."""
    grouped: dict[str, list[str]] = {}
    for problem in _problems(site):
        page, _, what = problem.partition(": ")
        grouped.setdefault(what, []).append(page)
    return [f"{pages[0]}: {what}" if len(pages) == 1 else
            f"{pages[0]} and {len(pages) - 1} other page(s): {what}" for what, pages in grouped.items()]


def _problems(site: Path) -> list[str]:
    problems: list[str] = []
    pages = sorted(site.rglob("*.html"))
    if not (site / "index.html").exists():
        problems.append("the site has no home page (index.html)")
    for page in pages:
        html = page.read_text(encoding="utf-8")
        rel = page.relative_to(site).as_posix()
        text = re.sub(r"<(script|style|pre|code)\b.*?</\1>", "", html, flags=re.S)
        if LEAKED_MACRO.search(text):
            problems.append(f"{rel}: a macro was printed instead of run; add 'render_macros: true' to the "
                            "page's front matter")
        leaked = UNCONVERTED_LINK.search(text)
        if leaked:
            problems.append(f"{rel}: Markdown that was never converted ({leaked.group(0)[:60]}); Markdown inside "
                            "an HTML block needs the block to carry the 'markdown' attribute")
        for match in THIRD_PARTY.finditer(html):
            problems.append(f"{rel}: loads a resource from another website ({match.group(0)[:60]}); "
                            "serve it from docs/assets instead")
    return problems
