"""Bad data stops the build with a message naming the file, entry, field and fix.

Each case breaks one small fixture file (tests/fixtures/minimal) the way an
editor might, and checks the exact message a person would read.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project, failed_build
from macros.errors import ContentError, ContentErrors
from macros.loader import load_site


@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    shutil.copytree(FIXTURES / "minimal", root)
    return root


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "data" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture {name} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def messages(root: Path) -> list[str]:
    with pytest.raises((ContentError, ContentErrors)) as info:
        load_site(root)
    exc = info.value
    return [str(e) for e in exc.errors] if isinstance(exc, ContentErrors) else [str(exc)]


def test_the_minimal_fixture_is_valid(data_root):
    data = load_site(data_root)
    assert [t.id for t in data.themes] == ["engaging-fathers", "crying"]


def test_yaml_syntax_error_names_file_and_line(data_root):
    edit(data_root, "themes.yml", "  summary: Crying can trigger harm.", "  summary: Crying: can trigger: harm.")
    [msg] = messages(data_root)
    assert msg.startswith("data/themes.yml, line 16: this is not valid YAML")
    assert "How to fix:" in msg and "quotes" in msg


def test_tab_indentation_is_explained(data_root):
    edit(data_root, "glossary.yml", "  term: NAI", "\tterm: NAI")
    [msg] = messages(data_root)
    assert "data/glossary.yml" in msg and "never tabs" in msg


def test_missing_field_names_entry_and_field(data_root):
    edit(data_root, "themes.yml", "  why_it_matters: Crying peaks in the early weeks.\n", "")
    [msg] = messages(data_root)
    assert msg == ("data/themes.yml, line 14 (entry 'crying', field 'why_it_matters'): the required field "
                   "'why_it_matters' is missing. How to fix: add 'why_it_matters:' to this entry")


def test_unknown_field_suggests_the_right_spelling(data_root):
    edit(data_root, "themes.yml", "  summary: Crying", "  sumary: Crying")
    msgs = messages(data_root)
    typo = next(m for m in msgs if "sumary" in m)
    assert "entry 'crying'" in typo and "(did you mean 'summary'?)" in typo
    assert "the fields allowed here are:" in typo


def test_wrong_type_is_reported_with_the_value(data_root):
    edit(data_root, "cases.yml", "  year: 2022", "  year: last spring")
    [msg] = messages(data_root)
    assert "data/cases.yml, line 5 (entry 'child-1', field 'year')" in msg
    assert "'last spring'" in msg


def test_duplicate_id_names_both_places(data_root):
    edit(data_root, "themes.yml", "- id: crying", "- id: engaging-fathers")
    msgs = messages(data_root)
    assert any("data/themes.yml, line 14 (entry 'engaging-fathers', field 'id'): the id 'engaging-fathers' "
               "is used twice (first in data/themes.yml)" in m for m in msgs)


def test_duplicate_key_is_an_error_not_a_silent_overwrite(data_root):
    edit(data_root, "glossary.yml", "  term: NAI\n", "  term: NAI\n  term: AHT\n")
    [msg] = messages(data_root)
    assert "the key 'term' appears twice" in msg and "data/glossary.yml, line 3" in msg and "(lines 2 and 3)" in msg


def test_reference_to_missing_theme_suggests_the_nearest(data_root):
    edit(data_root, "cases.yml", "themes: [engaging-fathers]", "themes: [engaging-father]")
    [msg] = messages(data_root)
    assert msg.startswith("data/cases.yml (entry 'child-1', field 'themes'): 'engaging-father' is not a known "
                          "theme (did you mean 'engaging-fathers'?)")
    assert "data/themes.yml" in msg


def test_reference_to_missing_source(data_root):
    edit(data_root, "themes.yml", "{source: local-review, locator: paragraph 42",
         "{source: bradford, locator: paragraph 42")
    [msg] = messages(data_root)
    assert "'bradford' is not a known source" in msg and "entry 'engaging-fathers'" in msg


def test_citation_without_locator_is_refused(data_root):
    edit(data_root, "themes.yml", "locator: paragraph 42,", "locator: '',")
    [msg] = messages(data_root)
    assert "field 'locator'" in msg and "entry 'engaging-fathers'" in msg


def test_invalid_id_explains_the_format(data_root):
    edit(data_root, "themes.yml", "- id: crying", "- id: Crying Babies")
    msgs = messages(data_root)
    assert any("'Crying Babies' is not a valid id" in m and "lower-case" in m for m in msgs)


def test_yaml_1_1_surprises_stay_text(data_root):
    """`2:1` must not become 121, nor `no` become False: both are errors or text, never silent."""
    edit(data_root, "statistics.yml", "label: boys,", "label: boys, display: 2:1,")
    data = load_site(data_root)
    assert data.figure["cohort-boys"].display == "2:1"


def test_empty_file_is_reported(data_root):
    (data_root / "data" / "programmes.yml").write_text("# nothing yet\n")
    [msg] = messages(data_root)
    assert msg.startswith("data/programmes.yml: the file is empty")


def test_missing_file_is_reported(data_root):
    (data_root / "data" / "checklists.yml").unlink()
    [msg] = messages(data_root)
    assert msg.startswith("data/checklists.yml: the file is missing")


def test_every_problem_is_listed_at_once(data_root):
    edit(data_root, "cases.yml", "themes: [engaging-fathers]", "themes: [nope]")
    edit(data_root, "programmes.yml", "themes: [crying]", "themes: [nada]")
    msgs = messages(data_root)
    assert len(msgs) == 2


def test_bad_data_fails_the_real_build_cleanly_and_writes_nothing(tmp_path):
    project = copy_project(tmp_path / "p")
    themes = project / "data" / "themes.yml"
    themes.write_text(themes.read_text(encoding="utf-8").replace("  summary:", "  sumary:", 1), encoding="utf-8")
    out = failed_build(project)
    assert "data/themes.yml" in out and "(did you mean 'summary'?)" in out
    assert "Traceback" not in out
    assert not (project / "site").exists()


def test_no_published_address_disappears():
    """Trainers print theme, question and checklist-item links: a renamed id needs previous_ids."""
    from macros.published import as_lines, current_ids, read_ledger
    from conftest import ROOT
    gone = sorted(read_ledger() - as_lines(current_ids(load_site(ROOT))))
    assert not gone, ("published ids no longer served (add each to previous_ids of the entry that replaced it): "
                      + ", ".join(gone))
