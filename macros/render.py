"""Render macro templates (macros/templates/*.md) safely.

Templates produce Markdown, so links to other pages are ordinary relative
links to `.md` files: MkDocs checks them in strict mode and rewrites them for
both the published and the offline build. Every value printed with `{{ }}`
is escaped for HTML *and* Markdown unless Python marked it as `Markup`, so
text from YAML can never become live markup or a link.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).parent / "templates"

_MD_SPECIAL = re.compile(r"([\\`\[\]|{}])")
_LINE_START = re.compile(r"^([#>+=-]|\d+[.)])")


def md_text(value: object) -> Markup:
    """Plain text for Markdown: whitespace collapsed, HTML escaped, link and code syntax disarmed.

    *Emphasis* and **strong** stay available: they are the small Markdown
    subset YAML text may use.
    """
    if isinstance(value, Markup):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Markup(str(value))
    text = " ".join(str(value).split())
    text = str(escape(text))
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _LINE_START.sub(r"\\\1", text)
    return Markup(text)


def anchor(value: str) -> Markup:
    """An id is already kebab-case (checked by the schema); keep it that way."""
    if not re.fullmatch(r"[a-z0-9-]+", value):
        raise ValueError(f"not an anchor: {value!r}")
    return Markup(value)


class Renderer:
    """Compiles the templates once per build and renders them for one page at a time."""

    def __init__(self) -> None:
        self.env = Environment(
            loader=FileSystemLoader(str(TEMPLATES)),
            autoescape=True,
            finalize=md_text,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["anchor"] = anchor
        self.env.filters["md"] = md_text
        # inside raw HTML blocks Markdown is not processed: escape for HTML only
        self.env.filters["html"] = lambda v: Markup(escape(" ".join(str(v).split())))

    def render(self, template: str, page_src: str, **context: object) -> Markup:
        """Render for the page whose source path (relative to docs/) is `page_src`."""
        here = posixpath.dirname(page_src)

        def link(target: str, fragment: str = "") -> Markup:
            """A relative link from this page to another page's source file."""
            rel = posixpath.relpath(target, here or ".")
            return Markup(rel + (f"#{anchor(fragment)}" if fragment else ""))

        def source_link(source_id: str) -> Markup:
            """A relative link to a source's page (every citation points there)."""
            return link(f"about/sources/{source_id}.md")

        out = self.env.get_template(template).render(link=link, source_link=source_link, page_src=page_src,
                                                     **context)
        return Markup(out.strip("\n"))

    def block(self, template: str, page_src: str, **context: object) -> Markup:
        """A block-level result, separated from surrounding Markdown by blank lines."""
        return Markup("\n\n" + self.render(template, page_src, **context) + "\n\n")
