"""Print: pages print as clean handouts (no navigation), with the content and the page address."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from conftest import ROOT
from macros.loader import load_site

pytestmark = pytest.mark.browser

# page, the most printed A4 pages it may take, text that must be on the printout
BRIEFINGS = [(f"tools/briefings/{t.id}/", 1, "Questions to reflect on") for t in load_site(ROOT).themes]
HANDOUTS = BRIEFINGS + [
    ("tools/checklists/injury-non-mobile-baby/", 2, "Bruising or injury in a non-mobile baby"),
    ("tools/checklists/safer-sleep-conversation/", 2, "Safer sleep conversation"),
    ("themes/engaging-fathers/", 8, "What good practice looks like"),
    ("practice/bruising/", 6, "What to do"),
    ("cases/eva-wiltshire/", 5, "Content note"),
]


def printed(page, url: str) -> tuple[int, str]:
    page.goto(url)
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", margin={"top": "15mm", "bottom": "15mm", "left": "15mm",
                                                              "right": "15mm"}, print_background=True)))
    return len(pdf.pages), " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)


@pytest.mark.parametrize("path,max_pages,must_have", HANDOUTS, ids=[h[0] for h in HANDOUTS])
def test_handout_prints_cleanly(page, site_url, path, max_pages, must_have):
    pages, text = printed(page, site_url + path)
    assert pages <= max_pages, f"{path} prints on {pages} pages (at most {max_pages})"
    assert must_have.lower() in text.lower()
    assert "call 999" in text, "the printout lost the immediate-danger line"
    assert (site_url + path) in text.replace(" ", ""), "the printout does not show its address"
    for chrome in ("Table of contents", "Skip to content", "Switch to dark colours"):
        assert chrome not in text, f"{path}: '{chrome}' appears in print"


def test_navigation_and_header_are_hidden_in_print(page, site_url):
    page.goto(site_url + "themes/engaging-fathers/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-banner"):
        assert not page.locator(selector).first.is_visible(), f"{selector} is visible in print"
    assert page.locator(".kb-print-footer").is_visible()
