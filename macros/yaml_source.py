"""Read a YAML file strictly, keeping line numbers for error messages.

PyYAML follows YAML 1.1, where `2:1` is the number 121, `no` is False and
`2021-09-01` becomes a date. Content editors write ratios and Norwegian
place names, so this loader keeps only YAML 1.2's plain true/false, integers
and decimals, and leaves everything else as text. Duplicate keys, which
PyYAML silently resolves to the last one, are errors here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's C parser when available: much faster


class _StrictLoader(_Base):
    """SafeLoader without YAML 1.1's implicit types.

    Anchors (&name) and aliases (*name) are refused after composing (see
    _check_nodes): content files never need them, and refusing them rules out
    self-referencing documents and "billion laughs" expansion.
    """


_DROPPED = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
            "tag:yaml.org,2002:timestamp"}
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]{1,18}$"), list("-+0123456789"))
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."))


@dataclass(frozen=True)
class YamlDocument:
    """Parsed data plus the node tree, so a problem can be traced to its line."""
    path: str
    data: Any
    node: yaml.Node | None
    first_line: int = 1  # where the YAML starts in its file (front matter starts on line 2)

    def line_of(self, loc: tuple) -> int | None:
        """The 1-based line of the value at `loc` (keys and list indexes), as deep as it exists."""
        node, line = self.node, None
        for part in loc:
            if node is None:
                break
            line = node.start_mark.line + 1
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == part), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
            else:
                node = None
        found = node.start_mark.line + 1 if node is not None else line
        return found + self.first_line - 1 if found is not None else None


def _check_nodes(node: yaml.Node, path: str, offset: int, seen: set[int] | None = None) -> None:
    """Refuse aliases (a node reached twice), complex keys and duplicate keys, with their lines."""
    seen = set() if seen is None else seen
    if id(node) in seen:
        raise ContentError(path, "anchors and aliases (&name, *name) are not used in this site's files",
                           "write the value out in full where it is needed, without & or *",
                           line=node.start_mark.line + offset)
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: dict[str, int] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise ContentError(path, "a key must be plain text, not a list or mapping",
                                   "write each field as 'name: value'", line=key.start_mark.line + offset)
            if key.value in keys:
                raise ContentError(
                    path, f"the key '{key.value}' appears twice in one entry (lines {keys[key.value]} "
                    f"and {key.start_mark.line + offset})",
                    "keep one of them; YAML would otherwise silently use the last", line=key.start_mark.line + offset)
            keys[key.value] = key.start_mark.line + offset
            _check_nodes(value, path, offset, seen)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_nodes(item, path, offset, seen)


def read_yaml(file: Path, shown_as: str) -> YamlDocument:
    """Parse one YAML file; any problem becomes a ContentError naming `shown_as`."""
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ContentError(shown_as, "the file is missing", f"create {shown_as} (see the contributor guide)")
    except UnicodeDecodeError as exc:
        raise ContentError(shown_as, f"the file is not UTF-8 text ({exc.reason})",
                           "save it as UTF-8 (in Word or Excel choose 'UTF-8' when saving)")
    return parse_yaml(text, shown_as)


# Characters PyYAML cannot read or silently treats as line breaks; usually pasted from Word or a PDF.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\u2028\u2029\x85]")


def parse_yaml(text: str, shown_as: str, first_line: int = 1) -> YamlDocument:
    """Parse YAML text that starts on line `first_line` of the file `shown_as`."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    offset = first_line
    bad = _INVISIBLE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + offset
        raise ContentError(shown_as, f"the file contains an invisible control character (U+{ord(bad.group()):04X})",
                           "delete it and retype the text around it (it often comes from pasting from Word or a PDF)",
                           line=line)
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_nodes(node, shown_as, offset)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + offset if mark else None
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        if "\t" in text and ("\\t" in problem or "tab" in problem.lower()):
            hint = "indent with spaces, never tabs"
        elif "anchors and aliases" in problem:
            hint = "write the value out in full where it is needed, without & or *"
        else:
            hint = "check the indentation and that any text containing a colon, # or quote is in quotes"
        raise ContentError(shown_as, f"this is not valid YAML ({problem})", hint, line=line)
    except yaml.YAMLError as exc:
        raise ContentError(shown_as, f"this is not valid YAML ({exc})", "check the file's syntax")
    except RecursionError:
        raise ContentError(shown_as, "the file is nested too deeply to read",
                           "check the brackets and indentation; data files need only a few levels")
    except ValueError as exc:  # e.g. a number too long to convert
        raise ContentError(shown_as, f"a value could not be read ({exc})", "check for a very long number")
    finally:
        loader.dispose()
    return YamlDocument(shown_as, data, node, first_line)
