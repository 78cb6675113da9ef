"""Page governance: every content page declares its owner and review dates.

Front matter is read with the same strict YAML reader as data/, so the
checks (and their messages) match. Problems are returned as warnings, which
fail the build under `mkdocs build --strict`.
"""
from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from .errors import ContentError
from .models import PageMeta
from .yaml_source import YamlDocument, parse_yaml

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
FIX = {
    "title": "add 'title:' with the page's heading in sentence case",
    "description": "add 'description:' with one sentence saying what the page is for",
    "owner": "add 'owner:' naming the team or role that keeps the page accurate",
    "last_reviewed": "add 'last_reviewed: YYYY-MM-DD' (the date a subject expert last checked the page)",
    "review_due": "add 'review_due: YYYY-MM-DD' (usually a year after last_reviewed)",
}


def front_matter(path: Path, shown_as: str) -> YamlDocument | None:
    """The page's front matter, or None when it has none."""
    match = _FRONT_MATTER.match(path.read_text(encoding="utf-8-sig"))
    return parse_yaml(match.group(1) or "", shown_as, first_line=2) if match else None


def page_problems(path: Path, shown_as: str) -> list[str]:
    """Plain-language problems with one page's governance fields (empty when fine)."""
    try:
        doc = front_matter(path, shown_as)
    except ContentError as exc:
        return [str(exc)]
    if doc is None or not isinstance(doc.data, dict):
        return [f"{shown_as}: the page has no front matter. How to fix: start the file with a '---' block "
                "holding title, description, owner, last_reviewed and review_due (see the contributor guide)"]
    try:
        PageMeta.model_validate(doc.data)
    except ValidationError as exc:
        out = []
        for err in exc.errors():
            fld = str(err["loc"][0]) if err["loc"] else None
            line = doc.line_of(tuple(err["loc"])) if err["loc"] else None
            where = f"{shown_as}, line {line}" if line else shown_as
            if err["type"] == "missing":
                out.append(f"{where} (field '{fld}'): the field is missing. How to fix: {FIX.get(fld, 'add it')}")
            elif fld in ("last_reviewed", "review_due"):
                out.append(f"{where} (field '{fld}'): '{err.get('input')}' is not a date. "
                           "How to fix: write the date as YYYY-MM-DD, for example 2026-11-22")
            else:
                out.append(f"{where} (field '{fld or 'front matter'}'): {err['msg']}. "
                           "How to fix: correct the front matter")
        return out
    return []


def check_pages(docs_dirs: list[Path], root: Path | None = None) -> list[str]:
    """Problems in every page's front matter; each page named by its path from the project root."""
    problems: list[str] = []
    for docs in docs_dirs:
        if not docs.is_dir():
            continue
        base = root if root is not None and docs.resolve().is_relative_to(root) else docs.parent
        for path in sorted(docs.rglob("*.md")):
            problems += page_problems(path, path.resolve().relative_to(base.resolve()).as_posix())
    return problems
