"""The macros pages call. Each looks data up and renders one template.

A wrong id in a page (a typo in `cite('invisble-men', ...)`) raises a
ContentError naming the page and the ids that do exist.
"""
from __future__ import annotations

import difflib
import json
import posixpath
from typing import Callable

from markupsafe import Markup

from . import charts
from .errors import ContentError
from .loader import SiteData
from .render import Renderer

RELATED_CASES = 8   # a page lists at most this many cases; the rest are one link away in the case list
GROUP_TITLES = {"national": "National reviews and briefings", "nspcc": "NSPCC Learning", "local": "Local reviews"}
ROLE_ORDER = ["national", "nspcc", "local"]


def capped(cases: list) -> tuple[list, int]:
    """The first RELATED_CASES cases and how many more there are (pages stay the same size as cases grow)."""
    return cases[:RELATED_CASES], max(0, len(cases) - RELATED_CASES)


def json_for_html(value) -> Markup:
    """JSON safe inside a <script type="application/json"> element."""
    return Markup(json.dumps(value, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "<\\!--"))


def macros(data: SiteData, r: Renderer, current_page: Callable[[], str],
           current_page_dest: Callable[[], str] = lambda: "") -> dict[str, Callable]:
    """Build the macros for one build, closed over the loaded data and the renderer."""

    def lookup(kind: str, table: dict, key: str, defined_in: str):
        if key in table:
            return table[key]
        close = difflib.get_close_matches(str(key), list(table), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ContentError(f"docs/{current_page()}", f"the page asks for {kind} '{key}', which does not exist{hint}",
                           f"use an id from {defined_in}", entry=str(key))

    def block(template: str, **ctx) -> str:
        return r.block(template, current_page(), data=data, **ctx)

    def inline(template: str, **ctx) -> str:
        return r.render(template, current_page(), data=data, **ctx)

    def source(key: str):
        return lookup("source", data.source, key, "data/sources.yml")

    def theme(key: str):
        return lookup("theme", data.theme, key, "data/themes.yml")

    # --- citations and figures -------------------------------------------------------
    def cite(source_id: str, locator: str) -> str:
        """An inline reference: (Short title, locator) linking to the source's page."""
        if not str(locator).strip():
            raise ContentError(f"docs/{current_page()}", f"a citation of '{source_id}' has no locator",
                               "add the paragraph, section or slide, e.g. cite('invisible-men', 'paragraph 5.2')")
        return inline("cite.md", source=source(source_id), locator=locator)

    def stat(figure_id: str) -> str:
        fig = lookup("figure", data.figure, figure_id, "data/statistics.yml")
        return inline("stat.md", figure=fig, source=data.source[fig.source])

    def stat_table(group: str) -> str:
        figures = [f for f in data.statistics.figures if f.group == group]
        if not figures:
            lookup("statistics group", {f.group: f for f in data.statistics.figures}, group, "data/statistics.yml")
        return block("stat_table.md", figures=figures)

    def chart(chart_id: str) -> str:
        ch = lookup("chart", data.chart, chart_id, "data/statistics.yml")
        figures = [data.figure[f] for f in ch.figures]
        return block("chart.md", chart=ch, figures=figures, svg=charts.bar_chart(ch, figures))

    # --- themes ------------------------------------------------------------------------
    def theme_in_brief(theme_id: str) -> str:
        return block("theme_in_brief.md", theme=theme(theme_id))

    def theme_questions(theme_id: str) -> str:
        return block("theme_questions.md", theme=theme(theme_id))

    def theme_sources(theme_id: str) -> str:
        t = theme(theme_id)
        groups = {g: [] for g in ROLE_ORDER}
        for s in data.sources:
            places = data.matrix.get((t.id, s.id))
            if places:
                found = [f for f in t.found_in if f.source == s.id]
                cases, more = capped([c for c in data.cases_by_theme[t.id] if c.source == s.id])
                groups[s.group].append({"source": s, "found": found, "cases": cases, "more_cases": more})
        return block("theme_sources.md", theme=t, groups=[(GROUP_TITLES[g], groups[g]) for g in ROLE_ORDER if groups[g]])

    def theme_related(theme_id: str) -> str:
        t = theme(theme_id)
        practice = [p for p in data.programmes_by_theme[t.id] if p.page]
        cases, more = capped(data.cases_by_theme[t.id])
        return block("theme_related.md", theme=t, cases=cases, more_cases=more,
                     checklists=data.checklists_by_theme[t.id], programmes=data.programmes_by_theme[t.id],
                     practice=practice)

    def briefing(theme_id: str) -> str:
        """A printable one-page briefing in the '7-minute briefing' style, from the theme's data alone."""
        t = theme(theme_id)
        # one finding per source, national first, so five sources fit on one printed page
        per_source = {}
        for f in sorted(t.found_in, key=lambda f: ROLE_ORDER.index(data.source[f.source].group)):
            per_source.setdefault(f.source, f)
        return block("briefing.md", theme=t, findings=list(per_source.values()),
                     sources=[s for s in data.sources if (t.id, s.id) in data.matrix])

    def briefing_list() -> str:
        return block("briefing_list.md")

    def theme_list(audience: str | None = None) -> str:
        themes = data.themes
        if audience is not None:
            lookup("audience", data.audience, audience, "data/audiences.yml")
            themes = [t for t in themes if audience in t.audiences]
        return block("theme_list.md", themes=themes)

    def audience_index() -> str:
        counts = {a.id: sum(a.id in t.audiences for t in data.themes) for a in data.audiences}
        return block("audience_index.md", counts=counts)

    def theme_matrix() -> str:
        return block("theme_matrix.md", groups=ROLE_ORDER, group_titles=GROUP_TITLES)

    # --- sources and glossary -------------------------------------------------------------
    def source_page(source_id: str) -> str:
        s = source(source_id)
        cases, more = capped(data.cases_by_source.get(s.id, []))
        return block("source_page.md", source=s, themes=data.themes_by_source[s.id], cases=cases, more_cases=more)

    def sources_list() -> str:
        return block("sources_list.md", group_titles=GROUP_TITLES, groups=ROLE_ORDER)

    def glossary() -> str:
        return block("glossary.md", entries=sorted(data.glossary, key=lambda g: g.term.casefold()))

    # --- cases -------------------------------------------------------------------------
    def case(key: str):
        return lookup("case", data.case, key, "data/cases.yml")

    def case_facts(case_id: str) -> str:
        c = case(case_id)
        return block("case_facts.md", case=c, source=data.source[c.source], themes=[data.theme[t] for t in c.themes])

    def case_list() -> str:
        cases = sorted(data.cases, key=lambda c: (c.year or 0, c.title), reverse=True)
        areas = sorted({c.area for c in cases})
        used = {t for c in cases for t in c.themes}
        # filter and sort keys for kb.js, one per table row in the same order
        rows = [{"themes": c.themes, "area": c.area, "sort": [None, None, c.year or 0, c.age_order]} for c in cases]
        return block("case_list.md", cases=cases, areas=areas, themes=[t for t in data.themes if t.id in used],
                     rows_json=json_for_html(rows))

    # --- programmes and checklists ---------------------------------------------------------
    def programme_table() -> str:
        return block("programme_table.md", programmes=data.programmes)

    def checklist(checklist_id: str) -> str:
        cl = lookup("checklist", data.checklist, checklist_id, "data/checklists.yml")
        return block("checklist.md", checklist=cl)

    def checklist_list() -> str:
        return block("checklist_list.md", checklists=data.checklists)

    # --- partnership self-assessment and trainer indexes ------------------------------
    def self_assessment() -> str:
        return block("self_assessment.md", sets=data.challenges)

    def father_tiers() -> str:
        ft = data.father_tiers
        return block("father_tiers.md", tiers=sorted(ft.tiers, key=lambda t: t.level), model=ft,
                     source=data.source[ft.source])

    def link_index() -> str:
        return block("link_index.md")

    def open_data_files() -> str:
        from . import exports
        here = posixpath.dirname(current_page_dest())
        files = [(f, posixpath.relpath(f"data/{f.name}", here or ".")) for f in exports.catalogue()]
        return block("open_data.md", files=files)

    # --- local settings -------------------------------------------------------------------
    def local_protocol(kind: str) -> str:
        proto = lookup("protocol kind", data.site.protocols, kind,
                       "'protocols' in data/site.yml (or partnership.yml in a local copy); all five kinds are needed")
        return block("local_protocol.md", protocol=proto, site=data.site)

    def contacts() -> str:
        return block("contacts.md", site=data.site)

    def training() -> str:
        return block("training.md", site=data.site)

    return {
        "cite": cite, "stat": stat, "stat_table": stat_table, "chart": chart,
        "theme_in_brief": theme_in_brief, "theme_questions": theme_questions,
        "theme_sources": theme_sources, "theme_related": theme_related, "theme_list": theme_list,
        "briefing": briefing, "briefing_list": briefing_list,
        "audience_index": audience_index, "theme_matrix": theme_matrix,
        "source_page": source_page, "sources_list": sources_list, "glossary": glossary,
        "local_protocol": local_protocol, "contacts": contacts, "training": training,
        "case_facts": case_facts, "case_list": case_list,
        "self_assessment": self_assessment, "father_tiers": father_tiers, "link_index": link_index,
        "open_data_files": open_data_files,
        "programme_table": programme_table, "checklist": checklist, "checklist_list": checklist_list,
    }
