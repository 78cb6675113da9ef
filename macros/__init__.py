"""mkdocs-macros module: registers thin macros over the validated site data.

`define_env` runs once per build. It loads every data file through the one
loader (so bad data stops the build before any page is written), then
registers macros that look data up and render a template. No macro reads a
file or builds HTML in Python.
"""
from __future__ import annotations

import logging
import os
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
    if local is not None:
        refuse_placeholders(data, local)
    apply_site_settings(env.conf, data)
    docs_dirs = [Path(env.conf["docs_dir"])] + ([local / "docs", local / "replace"] if local else [])
    for warning in check_pages(docs_dirs, root):
        log.warning(warning)
    renderer = Renderer()
    for name, fn in views.macros(data, renderer, lambda: env.page.file.src_uri,
                                 lambda: env.page.file.dest_uri).items():
        env.macro(fn, name)
    env.variables["kb"] = data


def on_post_build(env) -> None:
    """Write the open-data exports (JSON, CSV, JSON Schema) into the built site."""
    from .exports import write_exports
    write_exports(env.variables["kb"], Path(env.conf["site_dir"]))


def placeholder_errors(data: SiteData, local: Path) -> list[ContentError]:
    """A local copy for publishing must not go out with placeholder contacts or links."""
    found = data.site.placeholders()
    if not found or os.environ.get("KB_ALLOW_PLACEHOLDERS") == "1":
        return []
    return [ContentError(
            f"local/{local.name}/partnership.yml", f"this still holds placeholder text ('{value[:60]}')",
            "put in the real value before publishing (to preview with placeholders, build with "
            f"'make build LOCAL={local.name} PLACEHOLDERS=1')", field=path) for path, value in found]


def refuse_placeholders(data: SiteData, local: Path) -> None:
    errors = placeholder_errors(data, local)
    if errors:
        raise ContentErrors(errors)


def apply_site_settings(conf, data: SiteData) -> None:
    """Settings the theme templates read: safety message, partnership name, glossary tooltips."""
    extra = conf["extra"]
    extra["partnership"] = data.site.model_dump(mode="json")
    conf["site_name"] = data.site.name
    if data.site.branding.logo:
        conf["theme"]["logo"] = data.site.branding.logo
    redirects = conf["plugins"].get("redirects")
    if redirects is not None:  # a renamed theme keeps its old address
        for t in data.themes:
            for old in t.previous_ids:
                redirects.config["redirect_maps"][f"themes/{old}.md"] = t.page
                redirects.config["redirect_maps"][f"tools/briefings/{old}.md"] = f"tools/briefings/{t.id}.md"
    abbr = conf["mdx_configs"].setdefault("abbr", {})
    abbr["glossary"] = {g.term: g.expansion for g in data.glossary if g.expansion}


try:  # mkdocs-macros prints a traceback for any macro error; ours are written for people, so print them plain
    from mkdocs_macros.errors import format_error

    @format_error.register
    def _plain(error: ContentError, markdown: str, page) -> str:
        return str(error)
except ImportError:  # pragma: no cover - Zensical or another macros host
    pass


__all__ = ["define_env", "ContentError", "ContentErrors"]
