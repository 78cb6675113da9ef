"""Open data: machine-readable copies of the site's data, written into the built site's data/ folder.

JSON files hold the validated data exactly as the schema models describe it,
each with a JSON Schema generated from the same models; CSV files flatten the
tables people most often reuse (checklist items, questions, figures, cases,
programmes). Everything comes from the one loader, so exports never drift
from the pages.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from pydantic import TypeAdapter

from . import models as m
from .loader import SiteData


@dataclass(frozen=True)
class ExportFile:
    name: str
    description: str
    format: str
    write: Callable[[SiteData], str]


def _json(value: Any, model: Any) -> str:
    return json.dumps(TypeAdapter(model).dump_python(value, mode="json", by_alias=True), ensure_ascii=False, indent=1)


def _schema(model: Any) -> str:
    return json.dumps(TypeAdapter(model).json_schema(by_alias=True, mode="serialization"), indent=1)


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


# name -> (model of the JSON file, how to get the value from SiteData)
JSON_TABLES: dict[str, tuple[Any, Callable[[SiteData], Any], str]] = {
    "sources": (list[m.Source], lambda d: d.sources, "the source documents"),
    "themes": (list[m.Theme], lambda d: d.themes, "learning themes, with findings, actions and reflective questions"),
    "statistics": (m.Statistics, lambda d: d.statistics, "every figure, with its source and locator, and the charts"),
    "cases": (list[m.Case], lambda d: d.cases, "case studies and local reviews"),
    "programmes": (list[m.Programme], lambda d: d.programmes, "programmes and services the sources name"),
    "checklists": (list[m.Checklist], lambda d: d.checklists, "checklists and their items"),
    "challenges": (list[m.ChallengeSet], lambda d: d.challenges, "challenge questions and recommendations"),
    "glossary": (list[m.GlossaryEntry], lambda d: d.glossary, "abbreviations and terms"),
}


def _checklist_items(d: SiteData) -> str:
    return _csv(["checklist_id", "checklist_title", "item_id", "prompt", "theme", "source", "locator"],
                [[c.id, c.title, i.id, i.prompt, i.theme, i.source, i.locator] for c in d.checklists for i in c.items])


def _questions(d: SiteData) -> str:
    return _csv(["theme_id", "theme_title", "question_id", "for", "text"],
                [[t.id, t.title, q.id, q.for_, q.text] for t in d.themes for q in t.questions])


def _figures(d: SiteData) -> str:
    return _csv(["id", "value", "unit", "display", "label", "period", "group", "source", "locator"],
                [[f.id, f.value, f.unit, f.text, f.label, f.period or "", f.group, f.source, f.locator]
                 for f in d.statistics.figures])


def _cases(d: SiteData) -> str:
    return _csv(["id", "title", "area", "year", "baby_age", "themes", "source", "locators"],
                [[c.id, c.title, c.area, c.year or "", c.baby_age, " ".join(c.themes), c.source, "; ".join(c.locators)]
                 for c in d.cases])


def _programmes(d: SiteData) -> str:
    return _csv(["id", "name", "what", "who_for", "where", "evidence", "themes"],
                [[p.id, p.name, p.what, p.who_for, p.where, p.evidence, " ".join(p.themes)] for p in d.programmes])


def catalogue() -> list[ExportFile]:
    files = []
    for name, (model, get, about) in JSON_TABLES.items():
        files.append(ExportFile(f"{name}.json", f"All {about}", "JSON",
                                lambda d, model=model, get=get: _json(get(d), model)))
        files.append(ExportFile(f"{name}.schema.json", f"The JSON Schema {name}.json follows", "JSON Schema",
                                lambda d, model=model: _schema(model)))
    files += [
        ExportFile("checklist-items.csv", "Every checklist item with its theme and source", "CSV", _checklist_items),
        ExportFile("reflective-questions.csv", "Every reflective question with its theme", "CSV", _questions),
        ExportFile("figures.csv", "Every figure with its source and locator", "CSV", _figures),
        ExportFile("cases.csv", "Case studies and local reviews", "CSV", _cases),
        ExportFile("programmes.csv", "Programmes and services, as the sources describe them", "CSV", _programmes),
    ]
    return files


def write_exports(data: SiteData, site_dir: Path) -> list[Path]:
    folder = site_dir / "data"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for f in catalogue():
        path = folder / f.name
        path.write_text(f.write(data), encoding="utf-8")
        written.append(path)
    return written
