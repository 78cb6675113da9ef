"""The one error type for bad content.

MkDocs prints a clean "ERROR - ..." line (no traceback) only for its own
PluginError family, so our error derives from it when MkDocs is installed.
Zensical loads this package without MkDocs, so the import is optional.
"""
from __future__ import annotations

try:  # MkDocs present: a clean, one-line build error
    from mkdocs.exceptions import PluginError as _Base
except ImportError:  # pragma: no cover - Zensical or plain Python
    _Base = Exception


class ContentError(_Base):
    """Bad data or page metadata, described so a non-developer can fix it."""

    def __init__(self, file: str, problem: str, fix: str, entry: str | None = None,
                 field: str | None = None, line: int | None = None) -> None:
        self.file, self.problem, self.fix = file, problem, fix
        self.entry, self.field, self.line = entry, field, line
        where = file + (f", line {line}" if line else "")
        what = []
        if entry:
            what.append(f"entry '{entry}'")
        if field:
            what.append(f"field '{field}'")
        subject = f" ({', '.join(what)})" if what else ""
        super().__init__(f"{where}{subject}: {problem}. How to fix: {fix}")


class ContentErrors(_Base):
    """Several content errors found in one pass, reported together."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = errors
        lines = "\n  - ".join(str(e) for e in errors)
        super().__init__(f"{len(errors)} problem(s) in the site's content:\n  - {lines}")
