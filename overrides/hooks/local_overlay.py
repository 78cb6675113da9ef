"""Layer a partnership's local folder over the national pages (local copies only).

    local/<id>/docs/     pages the partnership adds; listed in the nav under its name
    local/<id>/replace/  pages that replace a national page at the same path
    local/<id>/data/     local sources and case reviews (read by macros/loader.py)

National files are never edited. MkDocs has no way to merge two page folders,
so this small hook does it (like FastAPI's translation fallback); everything
else about a local copy is ordinary configuration and data.
"""
from __future__ import annotations

import difflib
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import local_folder  # noqa: E402
from macros.loader import load_site  # noqa: E402


def _pages(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def _local_sources(local: Path) -> list[str]:
    data = load_site(ROOT, local)
    return [s.id for s in data.sources if not data.origin.get(f"sources:{s.id}", "data/").startswith("data/")]


def on_config(config):
    local = local_folder(config.config_file_path)
    if local is None:
        return config
    added = [p for p in _pages(local / "docs") if p.endswith(".md")]
    sources = [f"about/sources/{s}.md" for s in _local_sources(local)]
    area = load_site(ROOT, local).site.area
    section = added + ([{"Local reviews": sources}] if sources else [])
    if section:
        config.nav = list(config.nav or []) + [{f"Local: {area}": section}]
    return config


def on_files(files: Files, config) -> Files:
    local = local_folder(config.config_file_path)
    if local is None:
        return files
    shown = f"local/{local.name}"
    national = {f.src_uri for f in files}
    for rel in _pages(local / "replace"):
        target = files.get_file_from_path(rel)
        if target is None:
            close = difflib.get_close_matches(rel, [u for u in national if u.endswith(".md")], n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise PluginError(f"{shown}/replace/{rel}: there is no national page docs/{rel} to replace{hint}. "
                              f"How to fix: give it the path of the national page it replaces, or move it to "
                              f"{shown}/docs/ to add it as a new page")
        files.remove(target)
        files.append(File(rel, str(local / "replace"), config.site_dir, config.use_directory_urls))
    for rel in _pages(local / "docs"):
        if rel in national:
            raise PluginError(f"{shown}/docs/{rel} has the same address as the national page docs/{rel}. "
                              f"How to fix: to replace the national page, move it to {shown}/replace/{rel}; "
                              "to add a page, give it a new name")
        files.append(File(rel, str(local / "docs"), config.site_dir, config.use_directory_urls))
    data = load_site(ROOT, local)
    for source_id in _local_sources(local):
        uri = f"about/sources/{source_id}.md"
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, content=_source_page(data.source[source_id], data.site.name)))
    return files


def _source_page(source, owner: str) -> str:
    """A local source gets the same page as a national one, generated from its data (no file to keep)."""
    title = source.short_title.replace('"', "'")
    return (f'---\ntitle: "{title}"\ndescription: "A local review published in {source.area or owner}."\n'
            f"render_macros: true\n---\n# {title}\n\n{{{{ source_page('{source.id}') }}}}\n")
