"""Remove the one invalid attribute Material writes outside any template block.

Material's base.html puts autocomplete="off" on its hidden drawer and search
checkboxes, and palette.html on its colour-scheme radios; HTML allows
autocomplete only on text-like inputs, so the Nu HTML Checker rejects every
page. base.html has no block around those inputs, so this small hook is
smaller and safer than a full copy of the theme's base template.
"""
import re

_CHECKABLE = re.compile(r'(<input\b[^>]*\btype="(?:checkbox|radio)"[^>]*?)\s+autocomplete="off"')


def on_post_page(output: str, **_kwargs) -> str:
    return _CHECKABLE.sub(r"\1", output)


def on_post_template(output_content: str, **_kwargs) -> str:  # 404.html and other theme templates
    return _CHECKABLE.sub(r"\1", output_content)
