"""Local copies: a partnership's folder layered over the national site, without editing national files."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, failed_build, rewrite, run_build

pytestmark = pytest.mark.slow
PREVIEW = {"KB_ALLOW_PLACEHOLDERS": "1"}
# macros whose output depends on local data; a page using none of them must be identical everywhere
LOCAL_SENSITIVE = ("contacts(", "local_protocol(", "case_list(", "theme_matrix(", "theme_sources(",
                   "theme_related(", "source_page(", "sources_list(", "training(", "case_facts(", "briefing(")


def article(site: Path, page: str) -> str:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    art = soup.select_one("article")
    for el in art.select(".kb-print-footer"):
        el.decompose()
    return str(art)


def national_digest() -> str:
    import hashlib
    h = hashlib.sha256()
    for path in sorted([ROOT / "mkdocs.yml", *(ROOT / "docs").rglob("*"), *(ROOT / "data").rglob("*")]):
        if path.is_file():
            h.update(path.as_posix().encode() + path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    built = {"digest-before": national_digest()}
    for name, args in (("national", []), ("bradford", ["--local", "bradford"]), ("bsw", ["--local", "bsw"])):
        result = run_build(ROOT, *args, "--site-dir", str(out / name), env=PREVIEW)
        assert result.returncode == 0, result.stdout + result.stderr
        built[name] = out / name
    return built


@pytest.mark.parametrize("name,title,area", [("bradford", "Bradford District safer babies guidance", "Bradford District"),
                                             ("bsw", "BSW safer babies guidance", "Bath and North East Somerset")])
def test_example_shows_its_name_contacts_and_reviews(sites, name, title, area):
    site = sites[name]
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.title.get_text().endswith(title)
    assert area in home.select_one(".kb-safety").get_text() or name == "bradford"
    assert "children's social care" in home.select_one(".kb-safety").get_text()
    contacts = BeautifulSoup((site / "local" / "contacts" / "index.html").read_text(encoding="utf-8"),
                             "html.parser").select_one("article").get_text(" ")
    assert "children's social care" in contacts.lower()
    assert (site / "local" / "contacts" / "index.html").exists()


def test_every_national_page_is_in_every_local_copy(sites):
    national = {p.relative_to(sites["national"]) for p in sites["national"].rglob("*.html")}
    for name in ("bradford", "bsw"):
        local = {p.relative_to(sites[name]) for p in sites[name].rglob("*.html")}
        assert national <= local, f"{name} lacks {sorted(national - local)[:5]}"


def test_added_pages_are_in_the_navigation(sites):
    page = BeautifulSoup((sites["bsw"] / "local" / "local-picture" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    labels = [a.get_text(" ", strip=True) for a in page.select("nav.md-nav--primary a")]
    assert "Our local picture" in labels and "Contacts and local protocols" in labels


def test_local_reviews_appear_in_the_case_list_and_matrix(sites):
    cases = (sites["bsw"] / "cases" / "index.html").read_text(encoding="utf-8")
    assert "Baby M (Bath and North East Somerset)" in cases and "Babies with Injuries (Swindon, 2021)" in cases
    matrix = BeautifulSoup((sites["bsw"] / "themes" / "matrix" / "index.html").read_text(encoding="utf-8"), "html.parser")
    headers = [th.get_text(" ", strip=True) for th in matrix.select("article table thead th")]
    assert "B&NES local reviews and audits" in headers
    bradford = BeautifulSoup((sites["bradford"] / "themes" / "matrix" / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
    assert "Alice serious case review (2017)" in [th.get_text(" ", strip=True) for th in bradford.select("thead th")]
    assert (sites["bradford"] / "about" / "sources" / "bradford-scr-alice-2017" / "index.html").exists()


def test_national_content_is_identical_where_nothing_local_applies(sites):
    checked = 0
    for md in sorted((ROOT / "docs").rglob("*.md")):
        if any(m in md.read_text(encoding="utf-8") for m in LOCAL_SENSITIVE):
            continue
        rel = md.relative_to(ROOT / "docs").with_suffix("")
        page = (rel.parent if rel.name == "index" else rel) / "index.html"
        national = article(sites["national"], page)
        assert article(sites["bradford"], page) == national, f"{page} differs in the Bradford copy"
        assert article(sites["bsw"], page) == national, f"{page} differs in the BSW copy"
        checked += 1
    assert checked > 20  # glossary, checklists, practice pages without local boxes, role pages ...


def test_national_files_are_untouched_by_local_builds(sites):
    assert national_digest() == sites["digest-before"]


def test_publishing_build_with_placeholders_fails():
    out = failed_build(ROOT, "--local", "bradford", "--site-dir", "/tmp/kb-should-not-exist")
    assert "local/bradford/partnership.yml (field 'safety.contacts[0].phone'): this still holds placeholder text" in out
    assert "PLACEHOLDERS=1" in out
    assert not Path("/tmp/kb-should-not-exist").exists()


# --- bad local input, on a throwaway copy with a small overlay -----------------------------

@pytest.fixture
def overlay(tmp_path):
    project = copy_project(tmp_path / "p")
    shutil.rmtree(project / "local" / "bsw")
    return project, project / "local" / "bradford"


def build_local(project):
    return run_build(project, "--local", "bradford", env=PREVIEW)


def failed_local(project) -> str:
    return failed_build(project, "--local", "bradford", env=PREVIEW)


def test_replaced_page_is_replaced(overlay):
    project, local = overlay
    (local / "replace" / "practice").mkdir(parents=True)
    text = (project / "docs" / "practice" / "was-not-brought.md").read_text(encoding="utf-8")
    (local / "replace" / "practice" / "was-not-brought.md").write_text(
        text.replace("# Was Not Brought", "# Was Not Brought in Bradford", 1), encoding="utf-8")
    result = build_local(project)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (project / "site-bradford" / "practice" / "was-not-brought" / "index.html").read_text(encoding="utf-8")
    assert "Was Not Brought in Bradford" in html


def test_replacement_that_targets_no_national_page_is_refused(overlay):
    project, local = overlay
    (local / "replace" / "practice").mkdir(parents=True)
    (local / "replace" / "practice" / "was-not-brougth.md").write_text("---\ntitle: x\n---\n# x\n", encoding="utf-8")
    out = failed_local(project)
    assert "local/bradford/replace/practice/was-not-brougth.md: there is no national page" in out
    assert "(did you mean 'practice/was-not-brought.md'?)" in out and "Traceback" not in out


def test_local_review_citing_an_unknown_theme_is_refused(overlay):
    project, local = overlay
    cases = local / "data" / "cases.yml"
    rewrite(cases, "pre-birth-assessment,", "pre-birth,", 1)
    out = failed_local(project)
    assert "local/bradford/data/cases.yml (entry 'bradford-alice', field 'themes'): 'pre-birth' is not a known theme" in out


def test_unknown_key_in_partnership_file_is_refused(overlay):
    project, local = overlay
    p = local / "partnership.yml"
    rewrite(p, "training:", "trainning:")
    out = failed_local(project)
    assert "local/bradford/partnership.yml" in out
    assert "(did you mean 'training'?)" in out


def test_missing_required_field_in_partnership_file_is_refused(overlay):
    project, local = overlay
    p = local / "partnership.yml"
    p.write_text(re.sub(r"^area: .*\n", "", p.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    out = failed_local(project)
    assert "local/bradford/partnership.yml" in out
    assert "the required field 'area' is missing" in out


def test_unreadable_brand_colour_is_refused(overlay):
    project, local = overlay
    p = local / "partnership.yml"
    rewrite(p, 'primary_colour: "#4b2a73"', 'primary_colour: "#ffdd00"')
    out = failed_local(project)
    assert "choose a darker colour" in out


def test_a_page_added_at_a_national_address_is_refused(overlay):
    project, local = overlay
    (local / "docs" / "practice").mkdir(parents=True)
    shutil.copy(project / "docs" / "practice" / "icon.md", local / "docs" / "practice" / "icon.md")
    out = failed_local(project)
    assert "move it to local/bradford/replace/practice/icon.md" in out
