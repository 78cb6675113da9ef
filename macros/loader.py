"""The one loader: every YAML file in data/ (and a local copy's folder), validated once.

`load_site(root, local)` returns a `SiteData` or raises `ContentErrors` listing
every problem found, each naming the file, line, entry, field and the fix.
"""
from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pydantic import TypeAdapter, ValidationError

from . import models as m
from .errors import ContentError, ContentErrors
from .yaml_source import YamlDocument, read_yaml

# file name -> the model its contents must match
NATIONAL_FILES: dict[str, Any] = {
    "site": ("site.yml", m.Partnership),
    "sources": ("sources.yml", list[m.Source]),
    "audiences": ("audiences.yml", list[m.Audience]),
    "glossary": ("glossary.yml", list[m.GlossaryEntry]),
    "themes": ("themes.yml", list[m.Theme]),
    "statistics": ("statistics.yml", m.Statistics),
    "cases": ("cases.yml", list[m.Case]),
    "programmes": ("programmes.yml", list[m.Programme]),
    "checklists": ("checklists.yml", list[m.Checklist]),
    "challenges": ("challenges.yml", list[m.ChallengeSet]),
    "father_tiers": ("father_tiers.yml", m.FatherTiers),
}
# what a local copy's folder may hold: partnership.yml replaces site.yml; the rest add to national data
LOCAL_FILES: dict[str, Any] = {
    "site": ("partnership.yml", m.Partnership),
    "sources": ("data/sources.yml", list[m.Source]),
    "cases": ("data/cases.yml", list[m.Case]),
}


@functools.cache
def _adapter(model: Any) -> TypeAdapter:
    return TypeAdapter(model)


def _did_you_mean(value: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(options), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _entry_name(doc: YamlDocument, loc: tuple) -> str | None:
    """The id of the entry a problem sits in ('checklist > item'), or its position."""
    data, names = doc.data, []
    for part in loc:
        if isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
            ident = data.get("id") if isinstance(data, dict) else None
            if isinstance(ident, str):
                names.append(ident)
            elif not names:
                names.append(f"item {part + 1}")
        elif isinstance(data, dict) and part in data:
            data = data[part]
        else:
            break
    return " > ".join(names) or None


def _allowed_fields(model: Any, loc: tuple) -> list[str]:
    """Field names allowed where an unknown key was found (best effort, for the hint)."""
    try:
        target = model
        for part in loc[:-1]:
            origin = getattr(target, "__origin__", None)
            if origin is list:
                target = target.__args__[0]
                continue
            if isinstance(part, int):
                continue
            fld = target.model_fields[part]
            target = fld.annotation
        if getattr(target, "__origin__", None) is list:
            target = target.__args__[0]
        return [f.alias or n for n, f in target.model_fields.items()]
    except (AttributeError, KeyError, IndexError, TypeError):
        return []


def _explain(doc: YamlDocument, model: Any, err: dict) -> ContentError:
    loc = tuple(err["loc"])
    entry = _entry_name(doc, loc)
    fields = [p for p in loc if isinstance(p, str)]
    fld = fields[-1] if fields else None
    line = doc.line_of(loc)
    kind = err["type"]
    if kind == "missing":
        return ContentError(doc.path, f"the required field '{fld}' is missing",
                            f"add '{fld}:' to this entry", entry, fld, line)
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc)
        hint = _did_you_mean(fld or "", allowed)
        return ContentError(doc.path, f"'{fld}' is not a field this file uses{hint}",
                            f"correct the spelling or remove it; the fields allowed here are: {', '.join(allowed)}",
                            entry, fld, line)
    if kind == "string_pattern_mismatch" and fld in ("id", "source", "theme") or (fld and fld.endswith("id")):
        return ContentError(doc.path, f"'{err.get('input')}' is not a valid id",
                            "use lower-case letters, digits and single hyphens, e.g. 'engaging-fathers'",
                            entry, fld, line)
    if kind in ("list_type", "model_type", "model_attributes_type", "dict_type") and not loc:
        return ContentError(doc.path, "the file does not have the expected shape",
                            "compare it with the example in the contributor guide", None, None, line)
    if kind == "string_pattern_mismatch" and fld == "name":
        return ContentError(doc.path, "the name may not contain < > & \" { or }",
                            "write the name as plain words", entry, fld, line)
    if kind == "string_pattern_mismatch" and fld in ("url", "logo") or (kind == "string_pattern_mismatch" and
                                                                      str(err.get("input", "")).startswith("http")):
        return ContentError(doc.path, f"'{err.get('input')}' is not a web address this site can link to",
                            "use a full address starting https:// with no spaces, quotes or brackets",
                            entry, fld, line)
    if kind == "value_error":
        return ContentError(doc.path, err["msg"].removeprefix("Value error, "),
                            "correct the value", entry, fld, line)
    if kind == "string_too_short":
        return ContentError(doc.path, f"'{fld}' is empty", f"fill in '{fld}'", entry, fld, line)
    if kind == "too_short":
        need = err.get("ctx", {}).get("min_length")
        return ContentError(doc.path, f"'{fld}' needs at least {need} item(s)", f"add to the '{fld}' list",
                            entry, fld, line)
    shown = repr(err.get("input"))
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return ContentError(doc.path, f"{err['msg'].rstrip('.')} (found {shown})",
                        "correct the value; see the data reference in the contributor guide", entry, fld, line)


def _parse(file: Path, shown_as: str, model: Any) -> tuple[YamlDocument, Any]:
    doc = read_yaml(file, shown_as)
    if doc.data is None:
        raise ContentError(shown_as, "the file is empty", "add its entries, or restore it from version control")
    try:
        return doc, _adapter(model).validate_python(doc.data)
    except ValidationError as exc:
        raise ContentErrors([_explain(doc, model, e) for e in exc.errors()[:20]])


@dataclass
class SiteData:
    """Everything in data/, validated, with the lookups pages need."""
    root: Path
    site: m.Partnership
    sources: list[m.Source]
    audiences: list[m.Audience]
    glossary: list[m.GlossaryEntry]
    themes: list[m.Theme]
    statistics: m.Statistics
    cases: list[m.Case]
    programmes: list[m.Programme]
    checklists: list[m.Checklist]
    challenges: list[m.ChallengeSet]
    father_tiers: m.FatherTiers
    local_dir: Path | None = None
    origin: dict[str, str] = field(default_factory=dict)  # id -> file it came from, for messages

    # --- indexes (built once, so no per-page work grows with the site) ---
    @functools.cached_property
    def source(self) -> dict[str, m.Source]:
        return {s.id: s for s in self.sources}

    @functools.cached_property
    def theme(self) -> dict[str, m.Theme]:
        return {t.id: t for t in self.themes}

    @functools.cached_property
    def audience(self) -> dict[str, m.Audience]:
        return {a.id: a for a in self.audiences}

    @functools.cached_property
    def figure(self) -> dict[str, m.Figure]:
        return {f.id: f for f in self.statistics.figures}

    @functools.cached_property
    def chart(self) -> dict[str, m.Chart]:
        return {c.id: c for c in self.statistics.charts}

    @functools.cached_property
    def case(self) -> dict[str, m.Case]:
        return {c.id: c for c in self.cases}

    @functools.cached_property
    def checklist(self) -> dict[str, m.Checklist]:
        return {c.id: c for c in self.checklists}

    @functools.cached_property
    def programme(self) -> dict[str, m.Programme]:
        return {p.id: p for p in self.programmes}

    @functools.cached_property
    def cases_by_theme(self) -> dict[str, list[m.Case]]:
        out: dict[str, list[m.Case]] = {t.id: [] for t in self.themes}
        for c in self.cases:
            for t in c.themes:
                out[t].append(c)
        return out

    @functools.cached_property
    def cases_by_source(self) -> dict[str, list[m.Case]]:
        out: dict[str, list[m.Case]] = {}
        for c in self.cases:
            out.setdefault(c.source, []).append(c)
        return out

    @functools.cached_property
    def checklists_by_theme(self) -> dict[str, list[m.Checklist]]:
        out: dict[str, list[m.Checklist]] = {t.id: [] for t in self.themes}
        for cl in self.checklists:
            for t in dict.fromkeys(i.theme for i in cl.items):
                out[t].append(cl)
        return out

    @functools.cached_property
    def programmes_by_theme(self) -> dict[str, list[m.Programme]]:
        out: dict[str, list[m.Programme]] = {t.id: [] for t in self.themes}
        for p in self.programmes:
            for t in p.themes:
                out[t].append(p)
        return out

    @functools.cached_property
    def matrix(self) -> dict[tuple[str, str], list[m.Citation]]:
        """(theme id, source id) -> the places that source raises that theme.

        A source raises a theme through themes.yml (found_in) or through a case
        from that source tagged with the theme (how local reviews join in).
        """
        cells: dict[tuple[str, str], list[m.Citation]] = {}
        for t in self.themes:
            for f in t.found_in:
                cells.setdefault((t.id, f.source), []).append(m.Citation(source=f.source, locator=f.locator))
        for c in self.cases:
            for t in c.themes:
                cell = cells.setdefault((t, c.source), [])
                cell.append(m.Citation(source=c.source, locator=c.locators[0]))
        return cells

    @functools.cached_property
    def themes_by_source(self) -> dict[str, list[m.Theme]]:
        out: dict[str, list[m.Theme]] = {s.id: [] for s in self.sources}
        for t in self.themes:
            for s in self.sources:
                if (t.id, s.id) in self.matrix:
                    out[s.id].append(t)
        return out


def _load_all(root: Path, local: Path | None) -> SiteData:
    errors: list[ContentError] = []
    parsed: dict[str, Any] = {}
    origin: dict[str, str] = {}

    def take(key: str, base: Path, name: str, model: Any, shown_prefix: str) -> None:
        shown = f"{shown_prefix}{name}"
        try:
            doc, value = _parse(base / name, shown, model)
        except ContentErrors as exc:
            errors.extend(exc.errors)
            return
        except ContentError as exc:
            errors.append(exc)
            return
        if isinstance(value, list):
            parsed.setdefault(key, [])
            for i, item in enumerate(value):
                if getattr(item, "replaces", False):  # a local entry standing in for the national one
                    if origin.get(f"{key}:{item.id}", "").startswith("data/"):
                        parsed[key] = [x for x in parsed[key] if x.id != item.id]
                        del origin[f"{key}:{item.id}"]
                    else:
                        errors.append(ContentError(
                            shown, f"there is no national entry '{item.id}' to replace",
                            f"give it the id of the entry in data/{key}.yml it replaces, or remove 'replaces'",
                            item.id, "replaces", doc.line_of((i, "replaces"))))
                        continue
                ident = getattr(item, "id", None)
                if ident is not None:
                    tag = f"{key}:{ident}"
                    if tag in origin:
                        errors.append(ContentError(
                            shown, f"the id '{ident}' is used twice (first in {origin[tag]})",
                            "give each entry its own id; ids are addresses, so keep the older one unchanged",
                            ident, "id", doc.line_of((i, "id"))))
                        continue
                    origin[tag] = shown
                parsed[key].append(item)
        else:
            parsed[key] = value

    for key, (name, model) in NATIONAL_FILES.items():
        if key == "site" and local is not None:
            continue
        take(key, root / "data", name, model, "data/")
    if local is not None:
        prefix = f"{local.relative_to(root).as_posix()}/" if local.is_relative_to(root) else f"{local}/"
        for key, (name, model) in LOCAL_FILES.items():
            if key != "site" and not (local / name).exists():
                continue
            take(key, local, name, model, prefix)
    if errors:
        raise ContentErrors(errors)
    data = SiteData(root=root, local_dir=local, origin=origin, **parsed)
    check_references(data)
    return data


def check_references(data: SiteData) -> None:
    """Every id one file uses must exist in the file that defines it."""
    errors: list[ContentError] = []

    def ref(kind: str, value: str, known: Iterable[str], file: str, entry: str, fld: str, defined_in: str) -> None:
        known = set(known)
        if value not in known:
            errors.append(ContentError(
                file, f"'{value}' is not a known {kind}{_did_you_mean(value, known)}",
                f"use an id defined in {defined_in}, or add '{value}' there first", entry, fld))

    def src(value: str, file: str, entry: str, fld: str = "source") -> None:
        ref("source", value, data.source, file, entry, fld, "data/sources.yml")

    def theme(value: str, file: str, entry: str, fld: str = "themes") -> None:
        ref("theme", value, data.theme, file, entry, fld, "data/themes.yml")

    def where(key: str, ident: str, default: str) -> str:
        return data.origin.get(f"{key}:{ident}", default)

    seen_ids: dict[tuple[str, str], str] = {}

    def unique(ident: str, file: str, entry: str, what: str) -> None:
        """Each kind (question, checklist item, challenge item) has one anchor space across the site."""
        if (what, ident) in seen_ids:
            errors.append(ContentError(file, f"the {what} id '{ident}' is already used in {seen_ids[what, ident]}",
                                       "give it an id of its own; ids become links on printed handouts",
                                       entry, "id"))
        seen_ids[what, ident] = f"{file} ({entry})"

    for t in data.themes:
        f = where("themes", t.id, "data/themes.yml")
        for a in t.audiences:
            ref("audience", a, data.audience, f, t.id, "audiences", "data/audiences.yml")
        for c in t.found_in:
            src(c.source, f, t.id, "found_in")
        for q in t.questions:
            unique(q.id, f, t.id, "question")
    for kind, items in (("figure", data.statistics.figures), ("chart", data.statistics.charts)):
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                errors.append(ContentError("data/statistics.yml", f"the {kind} id '{item.id}' is used twice",
                                           "give each its own id; pages refer to figures and charts by id",
                                           item.id, "id"))
            seen.add(item.id)
    for fig in data.statistics.figures:
        src(fig.source, "data/statistics.yml", fig.id)
    for ch in data.statistics.charts:
        for fid in ch.figures:
            ref("figure", fid, data.figure, "data/statistics.yml", ch.id, "figures", "the figures list")
        units = {data.figure[fid].unit for fid in ch.figures if fid in data.figure}
        if len(units) > 1:
            errors.append(ContentError("data/statistics.yml", f"the chart mixes units ({', '.join(sorted(units))})",
                                       "chart only figures with the same unit", ch.id, "figures"))
    for c in data.cases:
        f = where("cases", c.id, "data/cases.yml")
        src(c.source, f, c.id)
        if not c.themes and f == "data/cases.yml":
            errors.append(ContentError(f, "a national case study needs at least one theme",
                                       "add the ids of the themes it illustrates to 'themes'", c.id, "themes"))
        for t in c.themes:
            theme(t, f, c.id)
        if c.page is None and c.url is None:
            errors.append(ContentError(f, "the case has neither a page nor a url",
                                       "add 'page:' (a page in docs/) or 'url:' (the published review)", c.id, "page"))
    for p in data.programmes:
        for t in p.themes:
            theme(t, "data/programmes.yml", p.id)
        for c in p.citations:
            src(c.source, "data/programmes.yml", p.id, "citations")
    for cl in data.checklists:
        for a in cl.audiences:
            ref("audience", a, data.audience, "data/checklists.yml", cl.id, "audiences", "data/audiences.yml")
        for item in cl.items:
            unique(item.id, "data/checklists.yml", cl.id, "checklist item")
            theme(item.theme, "data/checklists.yml", f"{cl.id} > {item.id}", "theme")
            src(item.source, "data/checklists.yml", f"{cl.id} > {item.id}")
    for cs in data.challenges:
        src(cs.source, "data/challenges.yml", cs.id)
        for g in cs.groups:
            for item in g.items:
                unique(item.id, "data/challenges.yml", cs.id, "challenge item")
                for t in item.themes:
                    theme(t, "data/challenges.yml", f"{cs.id} > {item.id}")
    src(data.father_tiers.source, "data/father_tiers.yml", "father_tiers")
    terms: dict[str, str] = {}
    for g in data.glossary:
        if g.term in terms:
            errors.append(ContentError("data/glossary.yml", f"the term '{g.term}' is defined twice",
                                       f"merge it with entry '{terms[g.term]}'", g.id, "term"))
        terms[g.term] = g.id
    if errors:
        raise ContentErrors(errors)


def _fingerprint(root: Path, local: Path | None) -> tuple:
    """Modification times of every data file, so serve reloads only when something changed."""
    files = sorted((root / "data").glob("**/*.yml"))
    if local is not None:
        files += sorted(local.glob("**/*.yml"))
    return tuple((str(p), p.stat().st_mtime_ns) for p in files)


@functools.lru_cache(maxsize=4)
def _cached(root: Path, local: Path | None, fingerprint: tuple) -> SiteData:
    return _load_all(root, local)


def load_site(root: Path, local: Path | None = None) -> SiteData:
    """Load and validate all data for the national site, or a local copy of it."""
    root = root.resolve()
    local = local.resolve() if local is not None else None
    return _cached(root, local, _fingerprint(root, local))


def project_root() -> Path:
    return Path(__file__).resolve().parent.parent


def each_error(exc: BaseException) -> list[str]:
    """Messages of a ContentError or ContentErrors, for the command line."""
    if isinstance(exc, ContentErrors):
        return [str(e) for e in exc.errors]
    return [str(exc)]

