"""Write a synthetic but realistic copy of the site at a given scale, for the benchmarks.

    .venv/bin/python benchmarks/generate.py --scale 1000 --out /tmp/kb-1000            # the project (a)
    .venv/bin/python benchmarks/generate.py --plain --src /tmp/kb-1000 --out /tmp/plain # plain Material (b)

The project copy is the repository's mkdocs.yml, macros/, overrides/, data/, docs/ (everything but tools,
tests, built sites and version control), plus
N synthetic local case reviews: N entries appended to data/cases.yml and N pages
docs/cases/synthetic/<id>.md that call {{ case_facts('<id>') }} and {{ cite(...) }} like the real
case studies, with about 600 words of their own (generated plain English, no real case facts),
themes, citations and links to checklists in the proportions of the nine real case studies. The
synthetic pages are kept out of the nav with a `not_in_nav` pattern; the case list page lists
them all, and theme and source pages list the cases tagged with them, as they would for real ones.

Case `synthetic-00042` is the same at every scale (its text depends only on the seed and its number),
so a page can be compared across scales.

The plain copy (--plain) has the same Markdown pages with every macro call replaced by the static
Markdown that macro renders (rendered here, once, with the project's own macros and templates), no
macros plugin, no data/, no overrides: Material with the same features (navigation.prune included),
the same Markdown extensions and the same nav.
"""
from __future__ import annotations

import argparse
import json
import posixpath
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# Copied from the repository: everything the build may read (mkdocs.yml, macros/, overrides/, data/,
# docs/, ...), but not tools, tests, built sites or version control.
NOT_COPIED = {".git", ".venv", "venv", "node_modules", "benchmarks", "tests", ".ci", ".pytest_cache", ".hypothesis",
              "__pycache__", "local"}
SYNTHETIC_DIR = "cases/synthetic"
SEED = 20261122

# --- word pools for the generated text (plain English about practice, no real case facts) ---------
AREA_HEADS = ["Ash", "Brook", "Castle", "Dun", "Elm", "Fair", "Glen", "Hol", "Ivy", "Kings", "Lang", "Mill",
              "North", "Oak", "Pen", "Queens", "Red", "Stan", "Thorn", "Upper", "West", "Wood"]
AREA_TAILS = ["bridge", "field", "ford", "ham", "ley", "mere", "moor", "shire", "ton", "wick"]
PSEUDONYMS = ["Baby A", "Baby B", "Baby C", "Baby D", "Baby E", "Baby F", "Baby G", "Baby H", "Baby J",
              "Baby K", "Baby L", "Baby M", "Baby N", "Baby P", "Baby R", "Baby S", "Baby T", "Baby W",
              "Child 1", "Child 2", "Child 3", "Child 4", "Child 5", "Child 6", "Child X", "Child Y",
              "Rowan", "Ellis", "Jude", "Robin", "Sky", "Remy", "Ari", "Noor", "Frankie", "Blake"]
INJURIES = ["a fractured skull", "rib fractures of different ages", "a fractured femur", "bruising to the face",
            "bruising to the ear", "a torn frenulum", "bleeding on the brain", "metaphyseal fractures",
            "a burn to the hand", "bruising to the chest", "a fractured arm", "retinal haemorrhages",
            "abusive head trauma", "a spiral fracture of the leg", "bruising to the back"]
SERVICES = ["midwifery", "health visiting", "GP", "children's social care", "police", "early help",
            "adult mental health services", "substance misuse services", "housing", "emergency department",
            "neonatal unit", "probation", "family hub", "perinatal mental health team", "school nursing",
            "paediatrics", "domestic abuse service", "leaving care team"]
ROLES = ["the midwife", "the health visitor", "the GP", "the social worker", "a police officer",
         "the family support worker", "the paediatrician", "the housing officer", "the early help worker",
         "the substance misuse worker", "the mental health nurse", "the practice nurse", "the team manager",
         "the safeguarding lead", "the probation officer", "the nursery nurse", "the ward sister",
         "the duty social worker", "the personal adviser", "the school nurse"]
ACTIONS = ["recorded", "noticed", "discussed", "asked about", "shared", "did not follow up", "reviewed",
           "wrote down", "talked through", "checked", "made a note of", "raised", "questioned", "accepted",
           "explained", "passed on", "asked the family about", "did not ask about", "looked again at",
           "escalated"]
OBJECTS = ["the baby's weight gain", "a small mark on the baby's arm", "the father's shift pattern",
           "the mother's low mood", "the family's housing", "feeding during the night", "safe sleep advice",
           "a missed appointment", "the new partner in the household", "the older sibling's school",
           "money worries", "the grandparents' support", "the baby's crying in the evenings",
           "the parents' own childhood", "cannabis use in the home", "an argument reported by a neighbour",
           "the plan agreed at the last meeting", "how the parents coped with tiredness",
           "who else looked after the baby", "the referral from the hospital", "the baby's sleeping place",
           "the health records from another area", "a call to the out-of-hours service",
           "the father's previous relationships", "the couple's arguments about money"]
TIMES = ["At the booking appointment", "During the new birth visit", "Two weeks later",
         "Before the baby was born", "At the six-week check", "Over the following month", "Soon after the birth",
         "In the third trimester", "After a missed visit", "At a strategy discussion", "During a home visit",
         "Late in the pregnancy", "When the baby was eight weeks old", "At the discharge meeting",
         "In supervision", "At a core group meeting"]
OPENERS = ["The review found that", "With hindsight,", "The panel noted that", "It was not clear whether",
           "Practitioners told the review that", "The records show that", "Nobody checked whether",
           "The family said that", "It appears that", "The chronology suggests that"]
CLAUSES = ["the picture was more worrying than it looked", "information sat in different places",
           "the father was rarely seen or spoken to", "the baby's own experience was hard to see",
           "each contact was treated on its own", "the plan drifted without anyone noticing",
           "the family's account was accepted without question", "the risk grew over several weeks",
           "the visit focused on the adults' needs", "a referral was not followed through",
           "nobody pulled the concerns together", "the concerns were not written down clearly",
           "the mother did not feel able to say what was happening", "support was offered but not taken up",
           "the baby's crying was described as normal", "the bruise was not explained",
           "the escalation route was not used", "the meeting ended without a clear owner for the plan"]
LEADS = ["Concerns were seen one at a time.", "The father was not assessed.",
         "Information was not brought together.", "Bruising was not treated as a warning sign.",
         "The plan lost its focus.", "Supervision did not test the thinking.",
         "Safe sleep advice did not reach both parents.", "Adult services did not think about the baby.",
         "Missed appointments were not followed up.", "The baby's day was not explored."]
ACTIONS_AFTER = ["The partnership ran briefings for frontline staff on {theme}.",
                 "Health visiting changed its templates so that every adult in the household is recorded.",
                 "The hospital added a prompt to its discharge checklist about {theme}.",
                 "Police and health agreed a faster route for sharing incidents involving babies.",
                 "Managers were asked to review every open case with a baby under one.",
                 "A short film about {theme} was shared with practitioners across the area.",
                 "The multi-agency training programme now includes a session on {theme}.",
                 "The partnership audited a sample of cases to check the learning had been taken up."]


def sentence(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return f"{rng.choice(TIMES)}, {rng.choice(ROLES)} {rng.choice(ACTIONS)} {rng.choice(OBJECTS)}."
    if kind == 1:
        return f"{rng.choice(OPENERS)} {rng.choice(CLAUSES)}."
    if kind == 2:
        role = rng.choice(ROLES)
        return (f"{role[0].upper()}{role[1:]} {rng.choice(ACTIONS)} {rng.choice(OBJECTS)}, "
                f"but {rng.choice(CLAUSES)}.")
    return f"{rng.choice(OPENERS)} {rng.choice(ROLES)} {rng.choice(ACTIONS)} {rng.choice(OBJECTS)}."


def sentences(rng: random.Random, n: int) -> str:
    return " ".join(sentence(rng) for _ in range(n))


# --- the data the generator reads from the copied project -------------------------------------------

class Project:
    """Ids the synthetic cases can use: themes, sources and which checklists cover which theme."""

    def __init__(self, data: Path) -> None:
        themes = yaml.safe_load((data / "themes.yml").read_text(encoding="utf-8"))
        self.themes = {t["id"]: (t["title"], f"themes/{t['id']}.md") for t in themes}
        sources = yaml.safe_load((data / "sources.yml").read_text(encoding="utf-8"))
        self.sources = {s["id"]: s for s in sources}
        checklists = yaml.safe_load((data / "checklists.yml").read_text(encoding="utf-8"))
        self.checklists = {c["id"]: c["title"] for c in checklists}
        self.checklists_by_theme: dict[str, list[str]] = {}
        for c in checklists:
            for t in dict.fromkeys(i["theme"] for i in c["items"]):
                self.checklists_by_theme.setdefault(t, []).append(c["id"])


# Sources local reviews are drawn from, weighted as in data/cases.yml (most cases come from local reviews).
SOURCE_WEIGHTS = {"bradford-review": 5, "foundations-briefing": 2, "invisible-men": 1, "bsw-workshop": 1}
OTHER_CITED = ["invisible-men", "nspcc-infants", "foundations-briefing"]


def locator(rng: random.Random, source: dict) -> str:
    kind = source["kind"]
    if kind in ("national-review", "local-review"):
        return f"paragraph {rng.randint(1, 16)}.{rng.randint(1, 30)}" if kind == "national-review" \
            else f"paragraph {rng.randint(5, 140)}"
    if kind == "local-workshop":
        return f"slide “{rng.choice(['Local Picture', 'Themes', 'Learning', 'What next'])}”"
    return f"section “{rng.choice(['Key learning themes', 'The evidence base', 'Case studies', 'Learning points', 'Assessing families with infants', 'Understanding the daily life of infants'])}”"


def make_case(project: Project, i: int) -> tuple[dict, str]:
    """Case number i (1-based): its data entry and its page. Depends only on SEED and i."""
    rng = random.Random(f"{SEED}-{i}")
    cid = f"synthetic-{i:05d}"
    area = rng.choice(AREA_HEADS) + rng.choice(AREA_TAILS)
    pseudonym = rng.choice(PSEUDONYMS)
    title = f"{pseudonym}, {area}"
    theme_ids = rng.sample(sorted(project.themes), rng.randint(3, 8))  # real cases: 6 to 8, mean 6.5
    source = rng.choices(list(SOURCE_WEIGHTS), weights=list(SOURCE_WEIGHTS.values()))[0]
    src = project.sources[source]
    if rng.random() < 0.5:
        age_weeks, age_months, baby_age = rng.randint(2, 20), None, None
        baby_age = f"{age_weeks} weeks"
    else:
        age_weeks, age_months = None, rng.randint(1, 11)
        baby_age = f"{age_months} month{'s' if age_months > 1 else ''}"
    year = rng.randint(2017, 2025)
    locators = [locator(rng, src) for _ in range(rng.randint(1, 2))]
    summary = (f"A baby of {baby_age} in {area} who suffered {rng.choice(INJURIES)}; "
               f"{rng.choice(CLAUSES)}, and {rng.choice(CLAUSES)}.")
    entry = {
        "id": cid,
        "title": title,
        "pseudonym": pseudonym,
        "area": area,
        "year": year,
        **({"year_note": f"The local review was published in {year + 1}."} if rng.random() < 0.6 else {}),
        "baby_age": baby_age,
        "age_months": age_months,
        **({"age_weeks": age_weeks} if age_weeks is not None else {}),
        "injuries": rng.sample(INJURIES, rng.randint(0, 4)),
        "services": rng.sample(SERVICES, rng.randint(2, 6)),
        "themes": theme_ids,
        "source": source,
        "locators": locators,
        "summary": summary,
        "page": f"{SYNTHETIC_DIR}/{cid}.md",
    }

    def cite(main: float = 0.7) -> str:
        s = source if rng.random() < main else rng.choice(OTHER_CITED)
        loc = locators[0] if s == source and rng.random() < 0.5 else locator(rng, project.sources[s])
        return "{{ cite('%s', '%s') }}" % (s, loc)

    def theme_link(t: str) -> str:
        title_, page = project.themes[t]
        return f"[{title_[0].lower() + title_[1:]}](../../{page})"

    checklists = list(dict.fromkeys(c for t in theme_ids for c in project.checklists_by_theme.get(t, [])))
    checklists = rng.sample(checklists, min(len(checklists), rng.randint(1, 2)))

    lines = [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"description: {json.dumps(summary, ensure_ascii=False)}",
        "owner: Benchmark generator",
        "last_reviewed: 2026-11-22",
        "review_due: 2027-11-22",
        "render_macros: true",
        'content_note: "This page describes serious injuries to a baby (generated text for benchmarks)."',
        "---",
        f"# {title}",
        "",
        f"{{{{ case_facts('{cid}') }}}}",
        "",
        f"In {year + 1} the {area} safeguarding partnership published a local child safeguarding practice "
        f"review about {pseudonym}, a baby of {baby_age}. {sentences(rng, 2)} {cite()}",
        "",
        "## What was known",
        "",
        *[f"- {sentences(rng, rng.randint(1, 2))} {cite()}" for _ in range(rng.randint(4, 5))],
        "",
        "## The baby's lived experience",
        "",
        f"{sentences(rng, 3)} {cite()}",
        "",
        f"{sentences(rng, 2)} {cite()} {sentence(rng)} {cite()}",
        "",
        "## What was missed",
        "",
        *[f"- **{lead}** {sentences(rng, 2)} {cite()}" for lead in rng.sample(LEADS, rng.randint(3, 4))],
        "",
        "## Learning points",
        "",
        *[f"- **{sentence(rng)}** {sentence(rng)} See {theme_link(t)}. {cite()}" for t in theme_ids[:5]],
        "",
        "## Checklists to use",
        "",
        *[f"- [{project.checklists[c]}](../../tools/checklists/{c}.md)" for c in checklists],
        "",
        "## Actions taken afterwards",
        "",
        *[f"- {a.format(theme=project.themes[rng.choice(theme_ids)][0].lower())} {cite(0.9)}"
          for a in rng.sample(ACTIONS_AFTER, rng.randint(2, 3))],
        "",
        "## Sources",
        "",
        f"- {src['publisher']}, *{src['title']}*. {cite(1.0)}",
        f"- Further reading on {project.themes[theme_ids[0]][0].lower()}. {cite(0.0)}",
        "",
    ]
    return entry, "\n".join(lines)


def copy_project(out: Path, source: Path = ROOT) -> None:
    """Copy what the build reads from `source` (the repository, or a snapshot of it) to `out`."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for src in sorted(source.iterdir()):
        name = src.name
        if name in NOT_COPIED or name.startswith(("site", ".site")) or name.endswith(".zip") or ".building-" in name:
            continue
        if src.is_dir():
            shutil.copytree(src, out / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.is_file():
            shutil.copy2(src, out / name)


def add_not_in_nav(config_text: str, pattern: str) -> str:
    """Add a gitignore-style pattern to mkdocs.yml's `not_in_nav: |` block (text edit keeps the comments)."""
    marker = re.search(r"^not_in_nav: \|\n", config_text, re.M)
    if marker:
        return config_text[:marker.end()] + f"  {pattern}\n" + config_text[marker.end():]
    return config_text + f"\nnot_in_nav: |\n  {pattern}\n"


def generate(scale: int, out: Path, source: Path = ROOT) -> dict:
    """The project (from `source`: the repository or a snapshot) with `scale` synthetic cases in `out`."""
    copy_project(out, source)
    project = Project(out / "data")
    pages = out / "docs" / SYNTHETIC_DIR
    pages.mkdir(parents=True)
    entries, words, cites = [], 0, 0
    for i in range(1, scale + 1):
        entry, page = make_case(project, i)
        entries.append(entry)
        (pages / f"{entry['id']}.md").write_text(page, encoding="utf-8")
        body = page.split("\n---\n", 1)[1]
        cites += body.count("{{ cite(")
        words += len(re.sub(r"\{\{.*?\}\}", "", body).split())
    with (out / "data" / "cases.yml").open("a", encoding="utf-8") as fh:
        fh.write("\n# --- synthetic local reviews written by benchmarks/generate.py ---\n")
        fh.write(yaml.dump(entries, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=1000))
    cfg = out / "mkdocs.yml"
    cfg.write_text(add_not_in_nav(cfg.read_text(encoding="utf-8"), f"/{SYNTHETIC_DIR}/"), encoding="utf-8")
    assert f"/{SYNTHETIC_DIR}/" in yaml.safe_load(cfg.read_text(encoding="utf-8"))["not_in_nav"]
    return {"scale": scale, "pages": len(list((out / "docs").rglob("*.md"))),
            "words_per_synthetic_page": round(words / max(scale, 1)),
            "cites_per_synthetic_page": round(cites / max(scale, 1), 1)}


# --- the plain Material copy ----------------------------------------------------------------------

_FRONT = re.compile(r"\A(---[ \t]*\n)(.*?\n)(---[ \t]*\n)", re.S)
_STR = r"""(?:'[^'\\\n]*'|"[^"\\\n]*")"""
_ARG = re.compile(_STR)
# {{ name('literal', 'literal') }}: a macro call whose arguments are plain string literals
_CALL = re.compile(r"\{\{\s*(\w+)\(\s*(%s(?:\s*,\s*%s)*)?\s*\)\s*\}\}" % (_STR, _STR))


def generate_plain(src: Path, out: Path) -> dict:
    """Plain MkDocs Material with the same pages as the project copy in `src`, macros rendered to text."""
    sys.path.insert(0, str(src))
    import yaml as _yaml
    from jinja2 import Environment, FileSystemLoader, StrictUndefined  # the macros plugin's own settings

    from macros import views, yaml_source  # noqa: E402  (the copied project's macros)
    from macros.loader import load_site
    from macros.render import Renderer

    # Only to write the plain copy quickly: the same strict resolvers on libyaml's parser (same data).
    class _FastStrictLoader(_yaml.CSafeLoader):
        yaml_implicit_resolvers = yaml_source._StrictLoader.yaml_implicit_resolvers

    yaml_source._StrictLoader = _FastStrictLoader
    data = load_site(src)
    current = {"page": ""}
    fns = views.macros(data, Renderer(), lambda: current["page"])
    # a citation's Markdown depends only on the page's folder and the arguments: render each once
    cite, cited = fns["cite"], {}

    def cached_cite(*args):
        key = (posixpath.dirname(current["page"]), args)
        if key not in cited:
            cited[key] = cite(*args)
        return cited[key]

    fns["cite"] = cached_cite
    env = Environment(loader=FileSystemLoader(str(src / "docs")), undefined=StrictUndefined)
    env.globals.update(fns)

    def render(body: str) -> str:
        """What mkdocs-macros writes for this page: simple calls run directly, anything else by Jinja."""
        def call(match: re.Match) -> str:
            fn = fns.get(match.group(1))
            if fn is None:
                return match.group(0)
            out = str(fn(*[a[1:-1] for a in _ARG.findall(match.group(2) or "")]))
            return match.group(0) if any(t in out for t in ("{{", "{%", "{#")) else out
        body = _CALL.sub(call, body)
        if any(t in body for t in ("{{", "{%", "{#")):
            body = env.from_string(body).render()
        return body

    if out.exists():
        shutil.rmtree(out)
    docs_in, docs_out = src / "docs", out / "docs"
    rendered = 0
    for path in sorted(docs_in.rglob("*")):
        rel = path.relative_to(docs_in)
        target = docs_out / rel
        if path.is_dir():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix != ".md":
            shutil.copy2(path, target)
            continue
        text = path.read_text(encoding="utf-8")
        match = _FRONT.match(text)
        front, body = (match.group(2), text[match.end():]) if match else ("", text)
        if re.search(r"^render_macros:\s*true\s*$", front, re.M):
            current["page"] = rel.as_posix()
            body = render(body)
            front = re.sub(r"^render_macros:.*\n", "", front, flags=re.M)
            rendered += 1
        target.write_text(f"---\n{front}---\n{body}" if match else body, encoding="utf-8")

    cfg = yaml.safe_load((src / "mkdocs.yml").read_text(encoding="utf-8"))
    plain = {
        "site_name": "Plain Material benchmark",
        "site_description": cfg.get("site_description"),
        "docs_dir": "docs",
        "strict": True,
        "use_directory_urls": True,
        "theme": {k: v for k, v in cfg["theme"].items() if k != "custom_dir"},
        "copyright": cfg.get("copyright"),
        "plugins": {"search": {"lang": "en"}},
        # the same extensions; abbr without the glossary (the glossary is data)
        "markdown_extensions": {**cfg["markdown_extensions"], "abbr": {}},
        "validation": cfg["validation"],
        "not_in_nav": cfg["not_in_nav"],
        "nav": cfg["nav"],
    }
    (out / "mkdocs.yml").write_text(
        "# Plain MkDocs Material: same pages, same nav and features, no macros, data or overrides.\n"
        + yaml.safe_dump(plain, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
    return {"rendered_pages": rendered}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=int, default=100, help="number of synthetic case reviews")
    ap.add_argument("--out", required=True, help="folder to write (replaced if it exists)")
    ap.add_argument("--plain", action="store_true", help="write the plain Material copy of --src instead")
    ap.add_argument("--src", help="with --plain: the project copy written by an earlier run")
    ap.add_argument("--from", dest="source", default=str(ROOT),
                    help="copy the project from here (default: the repository)")
    args = ap.parse_args(argv)
    if args.plain:
        if not args.src:
            ap.error("--plain needs --src (a project copy written by this script)")
        print(generate_plain(Path(args.src).resolve(), Path(args.out).resolve()))
    else:
        print(generate(args.scale, Path(args.out).resolve(), Path(args.source).resolve()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
