"""Content integrity: our own words, and no figure the sources do not contain.

Runs the two checks in ../shared/tools when ../shared is present (it is
beside every clone on the project's machines and in CI).
"""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, SHARED

TOOLS = SHARED / "tools"
needs_shared = pytest.mark.skipif(not (TOOLS / "check_copying.py").exists(), reason="../shared is not present")


def run_tool(name: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(TOOLS / name), str(ROOT)], capture_output=True, text=True, timeout=300)


@needs_shared
def test_no_passage_repeats_a_source_word_for_word():
    result = run_tool("check_copying.py")
    assert result.returncode == 0, "Rewrite these in your own words:\n" + result.stdout[-4000:]


@needs_shared
def test_every_figure_not_in_the_sources_is_justified():
    result = run_tool("check_figures.py")
    allowed = yaml.safe_load((ROOT / "tests" / "figures_allowed.yml").read_text(encoding="utf-8")) or []
    for entry in allowed:
        assert entry.get("why", "").strip(), f"allowed figure {entry} has no reason"
    listed = re.findall(r"^(\S+?):\d+: (.+?)  \| ", result.stdout, re.M)
    unexplained = [(f, fig) for f, fig in listed
                   if not any(a["file"] == f and a["figure"] == fig for a in allowed)]
    assert not unexplained, "Figures in no source document (check each one):\n" + "\n".join(
        f"{f}: {fig}" for f, fig in unexplained)


def test_the_evidence_page_states_no_figure_by_hand():
    """Every number on 'Why babies under one' comes from data/statistics.yml through a macro."""
    text = (ROOT / "docs" / "evidence" / "why-babies.md").read_text(encoding="utf-8")
    body = text.split("---", 2)[2]
    body = re.sub(r"\{\{.*?\}\}", "", body)
    body = re.sub(r"\]\([^)]*\)", "]", body)  # link targets are addresses, not figures
    from macros.loader import load_site
    for case in load_site(ROOT).cases:  # published pseudonyms such as "Child 1" are names
        if case.pseudonym:
            body = body.replace(case.pseudonym, "")
    typed = re.findall(r".{0,30}\d+.{0,30}", body)
    assert not typed, f"numbers typed by hand (use {{{{ stat('id') }}}}): {typed[:5]}"
