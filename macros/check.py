"""Validate the site's data and page metadata without building: `python -m macros.check [--local ID]`."""
from __future__ import annotations

import argparse
import sys

from .errors import ContentError, ContentErrors
from .loader import each_error, load_site, project_root
from .pages import check_pages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--local", help="also check the local copy in local/<id>/")
    args = ap.parse_args(argv)
    root = project_root()
    local = root / "local" / args.local if args.local else None
    problems: list[str] = []
    try:
        data = load_site(root, local)
    except (ContentError, ContentErrors) as exc:
        problems += each_error(exc)
        data = None
    if data is not None and local is not None:
        from . import placeholder_errors
        problems += [str(e) for e in placeholder_errors(data, local)]
    problems += check_pages([root / "docs"] + ([local / "docs", local / "replace"] if local else []), root)
    for p in problems:
        print(f"- {p}")
    if problems:
        print(f"{len(problems)} problem(s) found.")
        return 1
    print(f"Data is valid: {len(data.themes)} themes, {len(data.statistics.figures)} figures, "
          f"{len(data.cases)} cases, {len(data.checklists)} checklists, {len(data.glossary)} glossary terms.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
