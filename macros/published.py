"""Published addresses: every id a trainer may have printed, so none disappears without a redirect.

    python -m macros.published          # list ids that vanished (exit 1) and new ids
    python -m macros.published --update # after a release: record the current ids as published
"""
from __future__ import annotations

import sys
from pathlib import Path

from .loader import SiteData, load_site, project_root

LEDGER = Path(__file__).resolve().parent.parent / "data" / "published-ids.txt"


def current_ids(data: SiteData) -> dict[str, set[str]]:
    """kind -> ids in use now, counting previous_ids (an old id with a redirect is still served)."""
    ids: dict[str, set[str]] = {"theme": set(), "question": set(), "checklist": set(), "item": set(),
                                "case": set(), "source": set()}
    for t in data.themes:
        ids["theme"] |= {t.id, *t.previous_ids}
        for q in t.questions:
            ids["question"] |= {q.id, *q.previous_ids}
    for cl in data.checklists:
        ids["checklist"].add(cl.id)
        for i in cl.items:
            ids["item"] |= {i.id, *i.previous_ids}
    ids["case"] = {c.id for c in data.cases}
    ids["source"] = {s.id for s in data.sources}
    return ids


def read_ledger() -> set[str]:
    return {ln.strip() for ln in LEDGER.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")} if LEDGER.exists() else set()


def as_lines(ids: dict[str, set[str]]) -> set[str]:
    return {f"{kind} {i}" for kind, values in ids.items() for i in values}


def main(argv: list[str]) -> int:
    now = as_lines(current_ids(load_site(project_root())))
    if "--update" in argv:
        LEDGER.write_text("# Published ids (kind id). Never remove a line: rename with previous_ids instead.\n"
                          + "\n".join(sorted(read_ledger() | now)) + "\n", encoding="utf-8")
        return 0
    gone = sorted(read_ledger() - now)
    for line in gone:
        print(f"{line}: published but no longer served; add it to previous_ids of the entry that replaced it")
    return 1 if gone else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
