"""Open data: exports validate against their own schemas, round-trip to the same content, and follow the YAML."""
from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest
from pydantic import TypeAdapter

from conftest import ROOT, copy_project, run_build
from macros.exports import JSON_TABLES
from macros.loader import load_site

DATA = load_site(ROOT)


@pytest.mark.parametrize("name", list(JSON_TABLES))
def test_json_export_validates_against_its_schema_and_round_trips(built_site, name):
    model, get, _ = JSON_TABLES[name]
    exported = json.loads((built_site / "data" / f"{name}.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "data" / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(exported, schema)
    assert TypeAdapter(model).validate_python(exported) == get(DATA), f"{name}.json does not round-trip"


def test_checklist_items_csv_matches_the_data(built_site):
    rows = list(csv.DictReader(io.StringIO((built_site / "data" / "checklist-items.csv").read_text(encoding="utf-8"))))
    expected = [(c.id, i.id, i.prompt, i.theme, i.source, i.locator) for c in DATA.checklists for i in c.items]
    assert [(r["checklist_id"], r["item_id"], r["prompt"], r["theme"], r["source"], r["locator"]) for r in rows] == expected


def test_figures_csv_matches_the_data(built_site):
    rows = list(csv.DictReader(io.StringIO((built_site / "data" / "figures.csv").read_text(encoding="utf-8"))))
    assert [(r["id"], float(r["value"]), r["display"]) for r in rows] == [
        (f.id, f.value, f.text) for f in DATA.statistics.figures]


def test_open_data_page_links_every_file(built_site):
    html = (built_site / "tools" / "open-data" / "index.html").read_text(encoding="utf-8")
    for f in (built_site / "data").iterdir():
        assert f'href="../../data/{f.name}"' in html, f.name


def test_changing_an_item_in_yaml_changes_page_and_exports(tmp_path):
    project = copy_project(tmp_path / "p")
    item = DATA.checklists[0].items[0]
    new_prompt = "Ask both parents who else looks after the baby, including overnight."
    path = project / "data" / "checklists.yml"
    text = path.read_text(encoding="utf-8")
    import yaml
    raw = yaml.safe_load(text)
    assert raw[0]["items"][0]["prompt"] == item.prompt
    raw[0]["items"][0]["prompt"] = new_prompt
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    page = (site / "tools" / "checklists" / DATA.checklists[0].id / "index.html").read_text(encoding="utf-8")
    assert new_prompt in page and item.prompt not in page
    assert new_prompt in (site / "data" / "checklist-items.csv").read_text(encoding="utf-8")
    assert new_prompt in (site / "data" / "checklists.json").read_text(encoding="utf-8")
    assert new_prompt in (site / "tools" / "question-index" / "index.html").read_text(encoding="utf-8")
