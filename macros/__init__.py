"""mkdocs-macros module: registers thin macros over the validated site data.

`define_env` runs once per build. It loads every data file through the one
loader (so bad data stops the build before any page is written), then
registers macros that look data up and render a template. No macro reads a
file or builds HTML in Python.
"""
from __future__ import annotations

import logging
from pathlib import Path

from . import views
from .errors import ContentError, ContentErrors
from .loader import SiteData, load_site, project_root
from .pages import check_pages
from .render import Renderer

log = logging.getLogger("mkdocs.plugins.kb")


def local_folder(config_file: str | None) -> Path | None:
    """A local copy is built from local/<id>/mkdocs.yml, beside its partnership.yml."""
    if not config_file:
        return None
    folder = Path(config_file).resolve().parent
    return folder if (folder / "partnership.yml").exists() else None


def define_env(env) -> None:
    root = project_root()
    local = local_folder(env.conf.get("config_file_path"))
    data = load_site(root, local)
    apply_site_settings(env.conf, data)
    docs_dirs = [Path(env.conf["docs_dir"])] + ([local / "docs"] if local else [])
    for warning in check_pages(docs_dirs):
        log.warning(warning)
    renderer = Renderer()
    for name, fn in views.macros(data, renderer, lambda: env.page.file.src_uri).items():
        env.macro(fn, name)
    env.variables["kb"] = data


def apply_site_settings(conf, data: SiteData) -> None:
    """Settings the theme templates read: safety message, partnership name, glossary tooltips."""
    extra = conf["extra"]
    extra["partnership"] = data.site.model_dump(mode="json")
    conf["site_name"] = data.site.name
    abbr = conf["mdx_configs"].setdefault("abbr", {})
    abbr["glossary"] = {g.term: g.expansion for g in data.glossary if g.expansion}


__all__ = ["define_env", "ContentError", "ContentErrors"]
