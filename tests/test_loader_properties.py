"""Property-based tests of the data loader (hypothesis).

The contract: `load_site(root)` over a folder holding data/*.yml either returns a
SiteData, or raises ContentError / ContentErrors in which every message starts
with the file it is about ('data/<name>.yml') and says 'How to fix:'. It never
raises anything else, so an editor never sees a traceback.

Every generated input starts from the small valid fixture (tests/fixtures/minimal),
copied into a fresh temporary folder per example, and breaks or stretches it.
Runs are reproducible (derandomize=True, no example database) and bounded.
Inputs that once broke the loader are kept at the end as regression tests.
"""
from __future__ import annotations

import contextlib
import copy
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from hypothesis import HealthCheck, Phase, assume, example, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from macros import loader
from macros.errors import ContentError, ContentErrors
from macros.loader import NATIONAL_FILES, SiteData, load_site
from macros.yaml_source import parse_yaml

MINIMAL = FIXTURES / "minimal"
NAMES = sorted(p.name for p in (MINIMAL / "data").glob("*.yml"))
TEXTS = {n: (MINIMAL / "data" / n).read_text(encoding="utf-8") for n in NAMES}
DATA = {n: parse_yaml(TEXTS[n], f"data/{n}").data for n in NAMES}
KEY_OF = {name: key for key, (name, _model) in NATIONAL_FILES.items()}  # "themes.yml" -> "themes"
MAPPING_FILES = [n for n in NAMES if isinstance(DATA[n], dict)]  # site, statistics, father_tiers
LIST_FILES = [n for n in NAMES if isinstance(DATA[n], list)]

MESSAGE_START = re.compile(r"^data/(%s)(, line \d+)?( \(|: )" % "|".join(re.escape(n) for n in NAMES))

# --- settings: reproducible, bounded, no files written to the project ---------------

BASE = settings(derandomize=True, database=None, deadline=None, max_examples=40, print_blob=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.large_base_example, HealthCheck.filter_too_much])
# For properties that currently fail on a loader bug: no shrinking (the minimal example is in the
# reason and in test_loader_bug_examples), one failure reported with its own exception type.
BUG = settings(BASE, max_examples=15, phases=[Phase.explicit, Phase.generate], report_multiple_bugs=False)

# --- free-text fields and their limits (macros/models.py: ShortText 300, Text 5000) ---------

SHORT_TEXT = {"title", "short_title", "name", "plural", "term", "expansion", "date", "locator", "label",
              "pseudonym", "area", "baby_age", "locators"}
LONG_TEXT = {"summary", "in_brief", "why_it_matters", "actions", "finding", "text", "definition",
             "publisher", "licence", "locator_style", "what", "who_for", "where", "evidence", "when",
             "prompt", "description", "immediate_danger", "report_concern", "note"}
FREE_TEXT = SHORT_TEXT | LONG_TEXT
ALL_FIELD_NAMES = {
    (f.alias or n) for model in vars(loader.m).values()
    if isinstance(model, type) and issubclass(model, loader.m.Model) for n, f in model.model_fields.items()
} | {"bruising", "pre-birth", "safer-sleep", "was-not-brought", "escalation"}

# --- generating YAML --------------------------------------------------------------------------


class _QuotedDumper(yaml.SafeDumper):
    """Every string double-quoted (escapes included), so text is never read back as another type."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_QuotedDumper.add_representer(
    str, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s, style='"'))


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_QuotedDumper, allow_unicode=True, width=10**9, sort_keys=False)


@contextlib.contextmanager
def site_with(files: dict[str, str | bytes | Any] | None = None, *, data: dict[str, Any] | None = None
              ) -> Iterator[Path]:
    """A fresh copy of the minimal fixture with some files replaced (text, bytes, or data to dump)."""
    with tempfile.TemporaryDirectory(prefix="kb-prop-") as tmp:
        root = Path(tmp) / "root"
        shutil.copytree(MINIMAL, root)
        for name, content in (files or {}).items():
            path = root / "data" / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8", newline="")
        for name, value in (data or {}).items():
            (root / "data" / name).write_text(dump(value), encoding="utf-8", newline="")
        yield root


def outcome(root: Path) -> tuple[SiteData | None, list[ContentError]]:
    """Load the site; check the error contract. Any other exception propagates (that is a bug)."""
    loader._cached.cache_clear()  # each example is a new folder anyway; never reuse a cached result
    try:
        return load_site(root), []
    except ContentErrors as exc:
        errors = list(exc.errors)
        assert errors, "ContentErrors with no errors in it"
    except ContentError as exc:
        errors = [exc]
    for err in errors:
        assert isinstance(err, ContentError), f"not a ContentError: {err!r}"
        msg = str(err)
        assert MESSAGE_START.match(msg), f"message does not start with the file it is about: {msg!r}"
        assert msg.startswith(err.file)
        assert "How to fix:" in msg, f"message without a fix: {msg!r}"
    return None, errors


def expect_errors(root: Path, about: str | None = None) -> list[str]:
    """The load must fail cleanly; if `about` is given, some message must be about that file."""
    site, errors = outcome(root)
    assert site is None, "the site loaded, but it should have been refused"
    msgs = [str(e) for e in errors]
    if about is not None:
        assert any(e.file == f"data/{about}" for e in errors), f"no message names data/{about}: {msgs}"
    return msgs


def expect_site(root: Path) -> SiteData:
    site, errors = outcome(root)
    assert site is not None, "a valid site was refused:\n" + "\n".join(str(e) for e in errors)
    return site


def snapshot(site: SiteData) -> dict[str, Any]:
    """Everything the loader produced, as plain data (for comparing two loads)."""
    out: dict[str, Any] = {"origin": dict(site.origin)}
    for key in NATIONAL_FILES:
        value = getattr(site, key)
        out[key] = [v.model_dump(by_alias=True) for v in value] if isinstance(value, list) else value.model_dump(by_alias=True)
    return out


# --- walking the data ---------------------------------------------------------------------


def get_in(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def set_in(data: Any, path: tuple, value: Any) -> None:
    get_in(data, path[:-1])[path[-1]] = value


def nodes(data: Any, prefix: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Every node below the top (mappings, lists and scalars) with its path."""
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for k, v in items:
        yield prefix + (k,), v
        yield from nodes(v, prefix + (k,))


def field_of(path: tuple) -> str | None:
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else None


def site_value(site: SiteData, name: str, path: tuple) -> Any:
    """The loaded value for `path` in data/<name>, read back from the models."""
    obj: Any = getattr(site, KEY_OF[name])
    for part in path:
        if isinstance(part, int) or isinstance(obj, dict):
            obj = obj[part]
        else:
            obj = getattr(obj, "for_" if part == "for" else part)
    return obj


STRING_LEAVES = [(n, p) for n in NAMES for p, v in nodes(DATA[n]) if isinstance(v, str)]
FREE_TEXT_LEAVES = [(n, p) for n, p in STRING_LEAVES if field_of(p) in FREE_TEXT]
ALL_NODES = [(n, p) for n in NAMES for p, _v in nodes(DATA[n])]
MAPPINGS = [(n, ()) for n in MAPPING_FILES] + [(n, p) for n in NAMES for p, v in nodes(DATA[n]) if isinstance(v, dict)]
KEYS = [(n, p) for n, p in ALL_NODES if isinstance(p[-1], str)]


def limit_of(path: tuple) -> int:
    return 300 if field_of(path) in SHORT_TEXT else 5000


# --- strategies --------------------------------------------------------------------------

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                    st.text(max_size=30))
any_value = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                           st.dictionaries(st.text(max_size=10), inner, max_size=4)),
                         max_leaves=12)
not_a_string = st.one_of(st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                         st.lists(st.one_of(st.text(max_size=10), st.integers()), max_size=3),
                         st.dictionaries(st.text(max_size=10), st.text(max_size=10), max_size=3))

RTL = "\u05d0\u05d1\u05d2\u05e9\u05dc\u05d5\u05dd\u0627\u0644\u0639\u0631\u0628\u064a\u0629\u200f\u200e\u202b\u202c\u202e\u2066\u2067\u2068\u2069"
EMOJI = ["\U0001F476", "\U0001F37C", "\u2764\ufe0f", "\U0001F468\u200d\U0001F469\u200d\U0001F467",
         "\U0001F44D\U0001F3FD", "\U0001F1EC\U0001F1E7", "\u2615", "\U0001F9D1\u200d\u2695\ufe0f"]
SMART = "\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb\u2013\u2014\u2026"
SPACES_AND_JOINERS = "\u00a0\u202f\u2009\u200d\u200c\u200b\u2060\ufeff"
COMBINING = ["e\u0301", "\u00e9", "n\u0303", "a\u0308", "c\u0327", "o\u20dd", "Z\u0351\u0354\u0361"]
OTHER = ["\u00a3", "\u20ac", "\u00bd", "\U0001D49C", "\u4e2d\u6587", "\u0416", "\u00df", "\u0130", "\ufb01"]
UNUSUAL = list(RTL) + EMOJI + list(SMART) + list(SPACES_AND_JOINERS) + COMBINING + OTHER
SAFE_PUNCT = list(".,!?()'\"-/;&=+*%")

letter = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") + list("\u05d0\u0627\u00e9\u4e2d"))
piece = st.one_of(st.sampled_from(UNUSUAL), letter, st.just(" "), st.sampled_from(SAFE_PUNCT))


@st.composite
def unusual_text(draw, max_pieces: int = 40) -> str:
    """Text that starts and ends with a letter (so stripping cannot change it) with unusual Unicode inside."""
    middle = draw(st.lists(piece, min_size=1, max_size=max_pieces))
    middle.insert(draw(st.integers(0, len(middle))), draw(st.sampled_from(UNUSUAL)))  # always something unusual
    text = draw(letter) + "".join(middle) + draw(letter)
    assume(text not in ("true", "false", "null", "Null", "NULL"))
    return text


HTML_PAYLOADS = ["<script>alert(1)</script>", '<img src=x onerror=alert(1)>', "onerror=alert(document.cookie)",
                 "javascript:alert(1)", "[click](javascript:alert(1))", "<a href=\"https://evil.example\">x</a>",
                 "&lt;b&gt; &amp; &#60;", "<!-- comment -->", "{{ config }}", "{% raw %}", "**bold** _em_ `code`",
                 "</td></tr></table>", "<svg onload=alert(1)>", "\\u003cscript\\u003e", "${7*7}", "| a | b |"]

# Plain (unquoted) scalars in the fixture text: (file, the exact line, prefix kept, path of the value)
PLAIN_TARGETS = [
    ("themes.yml", "  summary: Crying can trigger harm.", "  summary: ", (1, "summary")),
    ("themes.yml", "  why_it_matters: Babies depend on every adult around them.", "  why_it_matters: ",
     (0, "why_it_matters")),
    ("themes.yml", "  title: Engaging fathers and male carers", "  title: ", (0, "title")),
    ("cases.yml", "  summary: A fixture case.", "  summary: ", (0, "summary")),
    ("cases.yml", "  area: Somewhere", "  area: ", (0, "area")),
    ("sources.yml", "  publisher: The Panel", "  publisher: ", (0, "publisher")),
    ("glossary.yml", "  definition: An injury caused on purpose.", "  definition: ", (0, "definition")),
    ("glossary.yml", "  expansion: Non-accidental injury", "  expansion: ", (0, "expansion")),
    ("programmes.yml", "  what: Coping with crying.", "  what: ", (0, "what")),
    ("checklists.yml", "  when: At every contact.", "  when: ", (0, "when")),
    ("challenges.yml", "  title: Questions for partners", "  title: ", (0, "title")),
    ("father_tiers.yml", "title: Four tiers", "title: ", ("title",)),
    ("site.yml", "  immediate_danger: If a baby is in immediate danger, call 999 now.", "  immediate_danger: ",
     ("safety", "immediate_danger")),
]


def with_plain_value(target: tuple, value: str) -> tuple[str, str]:
    name, line, prefix, _path = target
    assert line in TEXTS[name], f"fixture {name} no longer contains {line!r}"
    return name, TEXTS[name].replace(line, prefix + value, 1)


# ============================================================================================
# Valid inputs
# ============================================================================================


def test_the_generator_reproduces_the_fixture():
    """Writing the fixture's own data back out (every string double-quoted) gives the same site."""
    with site_with() as plain:
        expected = snapshot(expect_site(plain))
    with site_with(data=DATA) as dumped:
        assert snapshot(expect_site(dumped)) == expected


@settings(BASE, max_examples=50)
@given(target=st.sampled_from(FREE_TEXT_LEAVES), text=unusual_text())
@example(target=("themes.yml", (1, "summary")), text="Crying \u05e9\u05dc\u05d5\u05dd \U0001F476 \u201csmart\u201d\u00a0e\u0301\u200d!")
def test_unusual_unicode_in_free_text_loads_unchanged(target, text):
    """Right-to-left text, emoji, smart quotes, non-breaking spaces, zero-width joiners and combining
    characters in any free-text field load as a valid site, and the text comes back exactly as written
    (no normalisation, no stripping inside, nothing dropped)."""
    name, path = target
    assume(len(text) <= limit_of(path))
    data = copy.deepcopy(DATA[name])
    set_in(data, path, text)
    with site_with(data={name: data}) as root:
        site = expect_site(root)
        assert site_value(site, name, path) == text


@settings(BASE, max_examples=50)
@given(target=st.sampled_from(PLAIN_TARGETS), text=unusual_text())
def test_unusual_unicode_typed_as_plain_yaml_loads_unchanged(target, text):
    """The same text typed by an editor as an ordinary unquoted YAML value (no ': ' or ' #' in it)
    also loads as a valid site with the text unchanged."""
    name, new_text = with_plain_value(target, text)
    with site_with({name: new_text}) as root:
        site = expect_site(root)
        assert site_value(site, name, target[3]) == text


@settings(BASE, max_examples=40)
@given(target=st.sampled_from(FREE_TEXT_LEAVES), payload=st.sampled_from(HTML_PAYLOADS),
       before=st.one_of(st.just(""), unusual_text(max_pieces=5)), after=st.one_of(st.just(""), unusual_text(max_pieces=5)))
def test_html_looking_text_survives_loading_unchanged(target, payload, before, after):
    """HTML- and template-looking text (<script>, onerror=, javascript:, {{ }}) mixed with unusual
    Unicode in a free-text field loads unchanged: the loader neither escapes, strips nor rejects it
    (escaping is the templates' job, at render time)."""
    name, path = target
    text = " ".join(p for p in (before, payload, after) if p)
    data = copy.deepcopy(DATA[name])
    set_in(data, path, text)
    with site_with(data={name: data}) as root:
        assert site_value(expect_site(root), name, path) == text


@pytest.mark.parametrize("payload", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                                     "javascript:alert(1)", "A \u201cquote\u201d <b>bold</b> \U0001F476 done"])
def test_html_looking_text_typed_as_plain_yaml_survives(payload):
    """Typed unquoted in a summary, HTML-looking text is kept character for character."""
    name, new_text = with_plain_value(PLAIN_TARGETS[0], payload)
    with site_with({name: new_text}) as root:
        assert expect_site(root).theme["crying"].summary == payload


@settings(BASE, max_examples=16)
@given(kind=st.sampled_from(["audiences", "glossary", "actions", "injuries"]), n=st.integers(1, 1000))
def test_long_lists_load_completely_and_in_order(kind, n):
    """Long lists of valid entries (hundreds or thousands) load as a valid site with every entry kept,
    in the order written."""
    if kind == "audiences":
        name, path = "audiences.yml", ()
        extra = [{"id": f"extra-{i}", "name": f"Role {i}", "plural": f"Roles {i}"} for i in range(n)]
        data = DATA[name] + extra
    elif kind == "glossary":
        name, path = "glossary.yml", ()
        extra = [{"id": f"term-{i}", "term": f"T{i}", "definition": f"Meaning {i}."} for i in range(n)]
        data = DATA[name] + extra
    elif kind == "actions":
        name, path = "themes.yml", (1, "actions")
        data = copy.deepcopy(DATA[name])
        extra = [f"Action number {i}." for i in range(n)]
        data[1]["actions"] = extra
    else:
        name, path = "cases.yml", (0, "injuries")
        data = copy.deepcopy(DATA[name])
        extra = [f"Injury {i}" for i in range(n)]
        data[0]["injuries"] = extra
    with site_with(data={name: data}) as root:
        site = expect_site(root)
        got = site_value(site, name, path)
        if kind in ("audiences", "glossary"):
            assert [e.id for e in got] == [e["id"] for e in data]
        else:
            assert list(got) == extra


@st.composite
def huge_text(draw, plain: bool) -> str:
    """Up to 100,000 characters: a repeated chunk, starting and ending with a letter."""
    alphabet = st.one_of(letter, st.sampled_from(UNUSUAL if not plain else UNUSUAL + [" "]), st.just(" "))
    chunk = "".join(draw(st.lists(alphabet, min_size=1, max_size=30)))
    length = draw(st.one_of(st.integers(1, 400), st.integers(4900, 5100), st.integers(1, 100_000)))
    text = (chunk * (length // len(chunk) + 1))[:length]
    text = draw(letter) + text[1:-1] + draw(letter) if length > 2 else draw(letter)
    assume(text not in ("true", "false"))
    return text


@settings(BASE, max_examples=30)
@given(data=st.data(), plain=st.booleans())
def test_huge_strings_load_or_are_refused_by_length(data, plain):
    """A free-text value of up to 100,000 characters either loads unchanged (within the field's limit:
    300 for short text, 5,000 for long text) or is refused with a message naming the file; never a crash."""
    if plain:
        target = data.draw(st.sampled_from(PLAIN_TARGETS))
        text = data.draw(huge_text(plain=True))
        name, path = target[0], target[3]
        files = dict([with_plain_value(target, text)])
    else:
        name, path = data.draw(st.sampled_from(FREE_TEXT_LEAVES))
        text = data.draw(huge_text(plain=False))
        value = copy.deepcopy(DATA[name])
        set_in(value, path, text)
        files = {name: dump(value)}
    with site_with(files) as root:
        if len(text) <= limit_of(path):
            assert site_value(expect_site(root), name, path) == text
        else:
            msgs = expect_errors(root, about=name)
            assert any(f"field '{field_of(path)}'" in m and "at most" in m for m in msgs), msgs


# ============================================================================================
# Wrong types, missing and extra fields
# ============================================================================================


@settings(BASE, max_examples=60)
@given(target=st.sampled_from(STRING_LEAVES), value=not_a_string)
def test_a_non_string_where_text_is_expected_is_refused(target, value):
    """Putting a number, boolean, list or mapping where any text or id is expected makes the load fail
    with a message naming that file and that field; never a traceback."""
    name, path = target
    data = copy.deepcopy(DATA[name])
    set_in(data, path, value)
    with site_with(data={name: data}) as root:
        msgs = expect_errors(root, about=name)
        fld = field_of(path)
        assert any(f"field '{fld}'" in m for m in msgs), msgs


@settings(BASE, max_examples=60)
@given(target=st.sampled_from(ALL_NODES), value=any_value)
def test_any_value_anywhere_gives_a_site_or_clean_errors(target, value):
    """Replacing any part of any file (a field, an entry, a whole list) with any value (null, booleans,
    numbers, text, lists, mappings, nested) gives a valid site or located errors; never a traceback."""
    name, path = target
    data = copy.deepcopy(DATA[name])
    set_in(data, path, value)
    with site_with(data={name: data}) as root:
        outcome(root)


# (file, key) pairs that may be left out: the models give them a default.
OPTIONAL = {("cases.yml", "pseudonym"), ("cases.yml", "year"), ("glossary.yml", "expansion"),
            ("statistics.yml", "charts"), ("site.yml", "protocols"), ("site.yml", "note"),
            ("programmes.yml", "themes"), ("challenges.yml", "themes")} | {
    ("site.yml", k) for k in ("bruising", "pre-birth", "safer-sleep", "was-not-brought", "escalation")}


@settings(BASE, max_examples=40)
@given(target=st.sampled_from(KEYS))
def test_a_missing_required_field_is_refused(target):
    """Removing a field from any entry of any file either still loads (the field is optional) or fails
    with a message naming the file (and, for a required field, the field's name)."""
    name, path = target
    data = copy.deepcopy(DATA[name])
    del get_in(data, path[:-1])[path[-1]]
    with site_with(data={name: data}) as root:
        if (name, path[-1]) in OPTIONAL:
            outcome(root)
        else:
            msgs = expect_errors(root, about=name)
            assert any(path[-1] in m for m in msgs), msgs


field_name = st.from_regex(r"[a-z][a-z_]{0,19}", fullmatch=True).filter(lambda k: k not in ALL_FIELD_NAMES)


@settings(BASE, max_examples=60)
@given(target=st.sampled_from(MAPPINGS), key=field_name, value=scalars)
def test_an_unknown_field_is_refused(target, key, value):
    """An extra field that no model knows, added to any entry of any file, fails the load with a
    message naming the file and the unknown field (a typo must never be silently ignored)."""
    name, path = target
    data = copy.deepcopy(DATA[name])
    get_in(data, path)[key] = value
    with site_with(data={name: data}) as root:
        msgs = expect_errors(root, about=name)
        assert any(key in m for m in msgs), msgs


# ============================================================================================
# Duplicate ids and dangling references
# ============================================================================================

# kind -> (file, path of the list holding the entries, other text field to vary on the copy)
DUPLICATE_KINDS = {
    "source": ("sources.yml", (), "title"),
    "audience": ("audiences.yml", (), "name"),
    "theme": ("themes.yml", (), "title"),
    "case": ("cases.yml", (), "title"),
    "programme": ("programmes.yml", (), "name"),
    "checklist": ("checklists.yml", (), "title"),
    "challenge set": ("challenges.yml", (), "title"),
    "question": ("themes.yml", (0, "questions"), "text"),
    "checklist item": ("checklists.yml", (0, "items"), "prompt"),
    "challenge item": ("challenges.yml", (0, "groups", 0, "items"), "text"),
    "glossary entry": ("glossary.yml", (), "term"),
    "figure": ("statistics.yml", ("figures",), "label"),
    "chart": ("statistics.yml", ("charts",), "title"),
}


@pytest.mark.parametrize("kind", DUPLICATE_KINDS)
@settings(BASE, max_examples=8, phases=[Phase.explicit, Phase.generate])
@given(data=st.data())
def test_a_duplicate_id_is_refused(kind, data):
    """Giving two entries of the same kind the same id (the second otherwise different) fails the load
    with a message naming the file and the repeated id: ids are addresses, so they must be unique."""
    name, where, vary = DUPLICATE_KINDS[kind]
    value = copy.deepcopy(DATA[name])
    entries = get_in(value, where)
    original = data.draw(st.sampled_from(entries), label="duplicated entry")
    twin = copy.deepcopy(original)
    twin[vary] = original[vary] + " (copy)"
    entries.insert(data.draw(st.integers(0, len(entries)), label="position"), twin)
    with site_with(data={name: value}) as root:
        msgs = expect_errors(root, about=name)
        assert any(f"'{original['id']}'" in m for m in msgs), msgs


# (file, path of the reference, kind named in the message)
REFERENCES = [
    ("themes.yml", (0, "audiences", 0), "audience"), ("themes.yml", (1, "audiences", 0), "audience"),
    ("themes.yml", (0, "found_in", 1, "source"), "source"), ("themes.yml", (1, "found_in", 0, "source"), "source"),
    ("statistics.yml", ("figures", 0, "source"), "source"), ("statistics.yml", ("charts", 0, "figures", 1), "figure"),
    ("cases.yml", (0, "source"), "source"), ("cases.yml", (0, "themes", 0), "theme"),
    ("programmes.yml", (0, "themes", 0), "theme"), ("programmes.yml", (0, "citations", 0, "source"), "source"),
    ("checklists.yml", (0, "audiences", 0), "audience"), ("checklists.yml", (0, "items", 0, "theme"), "theme"),
    ("checklists.yml", (0, "items", 0, "source"), "source"), ("challenges.yml", (0, "source"), "source"),
    ("challenges.yml", (0, "groups", 0, "items", 0, "themes", 0), "theme"),
    ("father_tiers.yml", ("source",), "source"),
]
KNOWN_IDS = {v for n in NAMES for p, v in nodes(DATA[n]) if isinstance(v, str)}
unknown_id = st.from_regex(r"[a-z0-9]{1,12}(-[a-z0-9]{1,12}){0,3}", fullmatch=True).filter(lambda s: s not in KNOWN_IDS)


@settings(BASE, max_examples=50)
@given(ref=st.sampled_from(REFERENCES), missing=unknown_id, append=st.booleans())
def test_a_dangling_reference_is_refused(ref, missing, append):
    """A theme, source, audience or figure id that is defined nowhere, used in any reference field
    (replacing a good id, or added to a list of them), fails the load with a message naming the file
    that uses it, the unknown id, and where ids of that kind are defined."""
    name, path, kind = ref
    data = copy.deepcopy(DATA[name])
    if append and isinstance(path[-1], int):
        get_in(data, path[:-1]).append(missing)
    else:
        set_in(data, path, missing)
    with site_with(data={name: data}) as root:
        msgs = expect_errors(root, about=name)
        assert any(m.startswith(f"data/{name}") and f"'{missing}' is not a known {kind}" in m for m in msgs), msgs


# ============================================================================================
# Whole files: empty, wrong shape, line endings, encodings, garbage
# ============================================================================================

printable_line = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40)


@st.composite
def empty_or_wrong_shape(draw, name: str) -> str:
    choice = draw(st.sampled_from(["empty", "blank", "comments", "document", "null", "scalar", "container"]))
    if choice == "empty":
        return ""
    if choice == "blank":
        return "".join(draw(st.lists(st.sampled_from([" ", "\n", "\r\n"]), max_size=10)))
    if choice == "comments":
        return "".join(f"#{line}\n" for line in draw(st.lists(printable_line, min_size=1, max_size=5)))
    if choice == "document":
        return draw(st.sampled_from(["---\n", "---\n...\n", "--- # nothing\n"]))
    if choice == "null":
        return draw(st.sampled_from(["null\n", "~\n", "Null\n"]))
    if choice == "scalar":
        return dump(draw(st.one_of(st.text(max_size=30), st.integers(), st.booleans(),
                                   st.floats(allow_nan=False, allow_infinity=False))))
    if isinstance(DATA[name], list):  # a mapping where a list of entries is expected
        return dump(draw(st.dictionaries(st.text(max_size=10), scalars, max_size=4)))
    return dump(draw(st.lists(scalars, max_size=4)))  # a list where a mapping is expected


@settings(BASE, max_examples=40)
@given(data=st.data(), name=st.sampled_from(NAMES))
def test_an_empty_or_wrongly_shaped_file_is_refused(data, name):
    """An empty file, a file of only blank lines or comments, a bare '---', null, a single scalar, or a
    mapping where a list is expected (and vice versa) fails the load, and every message is about that
    file."""
    text = data.draw(empty_or_wrong_shape(name), label="content")
    with site_with({name: text}) as root:
        msgs = expect_errors(root, about=name)
        assert all(m.startswith(f"data/{name}") for m in msgs), msgs


# Edits an editor might make (from test_data_errors.py), to compare broken files too.
EDITS = [
    None,
    ("themes.yml", "  summary: Crying can trigger harm.", "  summary: Crying: can trigger: harm."),
    ("themes.yml", "  why_it_matters: Crying peaks in the early weeks.\n", ""),
    ("themes.yml", "  summary: Crying", "  sumary: Crying"),
    ("cases.yml", "  year: 2022", "  year: last spring"),
    ("themes.yml", "- id: crying", "- id: engaging-fathers"),
    ("glossary.yml", "  term: NAI\n", "  term: NAI\n  term: AHT\n"),
    ("cases.yml", "themes: [engaging-fathers]", "themes: [engaging-father]"),
    ("glossary.yml", "  term: NAI", "\tterm: NAI"),
    ("site.yml", "  report_concern: >-", "  report_concern: |"),
]


@settings(BASE, max_examples=30)
@given(files=st.sets(st.sampled_from(NAMES), min_size=1), crlf=st.booleans(), bom=st.booleans(),
       edit=st.sampled_from(EDITS))
def test_windows_line_endings_and_bom_load_exactly_as_plain(files, crlf, bom, edit):
    r"""Saving any files with Windows line endings (\r\n) and/or a UTF-8 byte-order mark changes
    nothing: a valid site loads to exactly the same data, and a broken one gives exactly the same
    messages (same files, lines, entries and fixes)."""
    assume(crlf or bom)
    texts = dict(TEXTS)
    if edit is not None:
        name, old, new = edit
        assert old in texts[name]
        texts[name] = texts[name].replace(old, new, 1)
    windows = {}
    for name in files:
        text = texts[name].replace("\n", "\r\n") if crlf else texts[name]
        windows[name] = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    with site_with(texts) as plain_root, site_with({**texts, **windows}) as windows_root:
        plain_site, plain_errors = outcome(plain_root)
        win_site, win_errors = outcome(windows_root)
        assert [str(e) for e in win_errors] == [str(e) for e in plain_errors]
        assert (win_site is None) == (plain_site is None)
        if plain_site is not None:
            assert snapshot(win_site) == snapshot(plain_site)


invalid_utf8 = st.sampled_from([b"\xff", b"\xfe", b"\x80", b"\xbf", b"\xc0\xaf", b"\xc1\x81", b"\xe2\x82",
                                b"\xed\xa0\x80", b"\xf5\x80\x80\x80", b"\xf0\x9f\x98", b"\x93smart\x94",
                                b"caf\xe9"])


@settings(BASE, max_examples=50)
@given(data=st.data(), name=st.sampled_from(NAMES), how=st.sampled_from(["insert", "utf-16", "cp1252"]))
def test_text_that_is_not_utf8_is_refused_naming_the_file(data, name, how):
    """A file with invalid UTF-8 bytes anywhere, saved as UTF-16 ('Unicode' in Notepad) or as
    Windows-1252 with smart quotes fails with one message naming the file and asking for UTF-8."""
    if how == "insert":
        raw = TEXTS[name].encode("utf-8")
        at = data.draw(st.integers(0, len(raw)), label="position")
        raw = raw[:at] + data.draw(invalid_utf8, label="bytes") + raw[at:]
        # inserting inside a multi-byte character can only make it worse; still check it is invalid
    elif how == "utf-16":
        raw = TEXTS[name].encode(data.draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be"])))
    else:
        raw = (TEXTS[name] + "# \u201cquoted\u201d \u2013 \u00a3\n").encode("cp1252")
    try:
        raw.decode("utf-8")
        assume(False)
    except UnicodeDecodeError:
        pass
    with site_with({name: raw}) as root:
        [msg] = expect_errors(root, about=name)
        assert msg.startswith(f"data/{name}: the file is not UTF-8 text"), msg


YAMLISH_TOKENS = ["- ", ": ", "\n", "  ", "    ", "id", "title", "x", "crying", "42", "4.2", "true", "null", "~",
                  "[", "]", "{", "}", ", ", "'", '"', "#", "|", ">", "|-", ">-", "&a ", "*a", "*b", "!!str ",
                  "!!int ", "!!float ", "!!binary ", "!!python/object:os.system ", "!foo ", "<<: ", "---", "...",
                  "%YAML 1.2", "%TAG ! tag:x,2000:", "\t", "\\", "\\x", "@", "`", "%", "=", "\u00e9", "\U0001F476",
                  "\u2028", "\u0085", "\r"]


@settings(BASE, max_examples=60)
@given(name=st.sampled_from(NAMES), tokens=st.lists(st.sampled_from(YAMLISH_TOKENS), max_size=60),
       keep=st.integers(0, 2000))
def test_random_yaml_ish_text_gives_a_site_or_clean_errors(name, tokens, keep):
    """A file of random YAML-looking text (indicators, anchors, tags, directives, quotes, tabs),
    alone or after the start of the real file, gives located errors about that file or (rarely)
    a valid site; never a traceback. (Complex keys, self-referencing anchors, control characters and
    very deep nesting have their own tests below: they currently crash.)"""
    text = TEXTS[name][:keep] + "".join(tokens)
    with site_with({name: text}) as root:
        site, errors = outcome(root)  # outcome() checks every message names a data file and a fix
        assert site is not None or errors
        # a damaged file is named unless the damage left it valid (then its dependants report instead)
        assert not errors or any(e.file == f"data/{name}" for e in errors) or all(
            "is not a known" in str(e) for e in errors), [str(e) for e in errors]


# ============================================================================================
# Inputs that once escaped the loader as tracebacks (control characters, complex keys,
# self-referencing anchors, deep nesting, huge numbers); kept as regression tests
# ============================================================================================


@settings(BUG)
@given(data=st.data(), name=st.sampled_from(NAMES),
       char=st.sampled_from([chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"] + ["\x7f", "\x9b", "\ufffe"]))
def test_a_control_character_is_refused_naming_the_file(data, name, char):
    """A control character (NUL, BEL, form feed, escape, DEL...) anywhere in a file, as left by a bad
    copy-paste, fails with a message naming the file; never a traceback."""
    at = data.draw(st.integers(0, len(TEXTS[name])), label="position")
    with site_with({name: TEXTS[name][:at] + char + TEXTS[name][at:]}) as root:
        expect_errors(root, about=name)


@settings(BUG, max_examples=25)
@given(name=st.sampled_from(NAMES), raw=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)),
       keep=st.integers(0, 400))
@example(name="glossary.yml", raw=b"\x0b", keep=0)  # a vertical tab, e.g. a line break pasted from a word processor
def test_random_bytes_give_clean_errors_naming_the_file(name, raw, keep):
    """Any bytes at all (random bytes or random Unicode text, alone or after the start of the real
    file) give a valid site or errors naming that file; never a traceback."""
    with site_with({name: TEXTS[name].encode()[:keep] + raw}) as root:
        site, errors = outcome(root)  # outcome() checks every message names a data file and a fix
        assert site is not None or errors
        # a damaged file is named unless the damage left it valid (then its dependants report instead)
        assert not errors or any(e.file == f"data/{name}" for e in errors) or all(
            "is not a known" in str(e) for e in errors)


@settings(BUG)
@given(name=st.sampled_from(LIST_FILES),
       key=st.sampled_from(["? [a]\n  : b\n", "? {a: 1}\n  : b\n", "[a, b]: c\n", "{x: y}: c\n"]))
def test_a_complex_key_is_refused_naming_the_file(name, key):
    """A list or mapping used as a key (YAML's '? [a]' complex keys, easily typed by accident) fails
    with a message naming the file; never a traceback."""
    text = TEXTS[name] + "- " + key
    with site_with({name: text}) as root:
        expect_errors(root, about=name)


@settings(BUG)
@given(name=st.sampled_from(NAMES), shape=st.sampled_from(["&a [*a]\n", "&a {x: *a}\n", "- &a [x, *a]\n",
                                                           "- &a {id: x, more: [*a]}\n"]))
def test_a_self_referencing_anchor_is_refused_naming_the_file(name, shape):
    """An anchor that contains an alias to itself fails with a message naming the file; never a
    traceback or a hang."""
    with site_with({name: shape}) as root:
        expect_errors(root, about=name)


@settings(BUG, max_examples=4)
@given(name=st.sampled_from(NAMES), depth=st.integers(1000, 5000), style=st.sampled_from(["flow", "block", "map"]))
def test_very_deep_nesting_is_refused_naming_the_file(name, depth, style):
    """Thousands of nested brackets or indented list markers fail with a message naming the file;
    never a traceback."""
    if style == "flow":
        text = "[" * depth + "]" * depth
    elif style == "block":
        text = "".join(" " * i + "- \n" for i in range(depth))
    else:
        text = "{a: " * depth + "}" * depth
    with site_with({name: text}) as root:
        expect_errors(root, about=name)


@settings(BUG, max_examples=8)
@given(target=st.sampled_from(PLAIN_TARGETS + [("cases.yml", "  year: 2022", "  year: ", (0, "year"))]),
       digits=st.integers(4301, 100_000), sign=st.sampled_from(["", "-", "+"]))
def test_a_huge_number_is_refused_naming_the_file(target, digits, sign):
    """A value made of thousands of digits (a pasted number, a stuck key) never gives a traceback: in a
    number field (a year) it is refused naming the file; in a text field it is text, kept as typed when
    short enough and refused as too long otherwise."""
    value = sign + "9" * digits
    name, text = with_plain_value(target, value)
    with site_with({name: text}) as root:
        site, errors = outcome(root)
        if target[3][-1] == "year" or digits > 5000:
            assert site is None and any(e.file == f"data/{name}" for e in errors)
        elif site is not None:
            assert value in repr(site.__dict__)


# The smallest once-failing inputs, one per bug, as plain examples (no hypothesis).
def _bug(name: str, text: str, error: type, ident: str):
    """A once-failing input; `error` is what escaped the loader before the fix."""
    return pytest.param(name, text, id=ident)


BUG_EXAMPLES = [
    _bug("glossary.yml", "- id: nai\x00\n", yaml.reader.ReaderError, "nul-character"),
    _bug("glossary.yml", "? [a]\n: 1\n", TypeError, "complex-key"),
    _bug("glossary.yml", "&a [*a]\n", RecursionError, "self-referencing-anchor"),
    _bug("glossary.yml", "[" * 1000 + "]" * 1000, RecursionError, "deep-nesting"),
    _bug("cases.yml", TEXTS["cases.yml"].replace("year: 2022", "year: " + "9" * 4301), ValueError, "huge-integer"),
]


@pytest.mark.parametrize("name, text", BUG_EXAMPLES)
def test_loader_bug_examples(name, text):
    """Each smallest known failing input fails the load with a message naming the file."""
    with site_with({name: text}) as root:
        expect_errors(root, about=name)
