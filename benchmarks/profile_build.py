"""Where the project's build spends its time beyond plain Material: one build under cProfile.

    .venv/bin/python benchmarks/profile_build.py --scale 1000 [--top 25] [--keep]

Writes the synthetic copy at that scale (benchmarks/generate.py), builds it once under cProfile with
`mkdocs build --strict`, and prints the cumulative time of the steps that plain Material does not
have (the macros module and the macros plugin) next to the steps both builds share. Profiling slows
Python down by roughly 2 to 4 times, so read the shares rather than the seconds.
"""
from __future__ import annotations

import argparse
import pstats
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PYTHON, run_timed, tail  # noqa: E402
from generate import generate  # noqa: E402

# (label, file path ends with / contains, function name); first match by cumulative time
STEPS = [
    ("whole build (mkdocs.commands.build.build)", "mkdocs/commands/build.py", "build"),
    ("macros: define_env, once per build", "/macros/__init__.py", "define_env"),
    ("  load_site: read and validate data/", "/macros/loader.py", "_load_all"),
    ("    YAML parsing (strict pure-Python loader), all calls", "/macros/yaml_source.py", "parse_yaml"),
    ("    pydantic validation", "pydantic/type_adapter.py", "validate_python"),
    ("    check_references", "/macros/loader.py", "check_references"),
    ("  check_pages: front matter of every page", "/macros/pages.py", "check_pages"),
    ("macros plugin: on_page_markdown, every page", "mkdocs_macros/plugin.py", "on_page_markdown"),
    ("  mkdocs-macros render: compile and run each page as a template", "mkdocs_macros/plugin.py", "render"),
    ("    Jinja compile of each page (Environment.from_string)", "jinja2/environment.py", "from_string"),
    ("    macro templates (Renderer.render, all macros)", "/macros/render.py", "render"),
    ("      cite()", "/macros/views.py", "cite"),
    ("abbr glossary tooltips (Markdown abbr extension)", "markdown/extensions/abbr.py", "run"),
    ("Markdown to HTML (both builds)", "markdown/core.py", "convert"),
    ("theme templates (both builds; _build_page)", "mkdocs/commands/build.py", "_build_page"),
    ("search index (both builds)", "material/plugins/search/plugin.py", "on_page_context"),
]


def find(stats: pstats.Stats, path: str, name: str) -> tuple[float, int] | None:
    best = None
    for (file, _line, func), (_cc, nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if func == name and path in file.replace("\\", "/"):
            if best is None or ct > best[0]:
                best = (ct, nc)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=int, default=1000)
    ap.add_argument("--top", type=int, default=20, help="also list this many functions by own time")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kb-profile-"))
    try:
        copy = work / "project"
        info = generate(args.scale, copy)
        prof = work / "build.prof"
        cmd = [str(PYTHON), "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "--strict",
               "-f", str(copy / "mkdocs.yml"), "-d", str(work / "site")]
        r = run_timed(cmd, cwd=copy, log=work / "build.log", timeout=3600)
        if r.returncode != 0:
            print(tail(r.log), file=sys.stderr)
            return 1
        stats = pstats.Stats(str(prof))
        total = find(stats, "mkdocs/commands/build.py", "build")
        whole = total[0] if total else 1.0
        print(f"### Profile of one build, {info['pages']:,} pages ({args.scale:,} synthetic cases); "
              f"wall {r.wall:.1f} s under cProfile\n")
        print("| step | calls | profiled seconds | share of build |")
        print("| --- | ---: | ---: | ---: |")
        for label, path, name in STEPS:
            hit = find(stats, path, name)
            if hit:
                depth = (len(label) - len(label.lstrip())) // 2
                print(f"| {'. . ' * depth}{label.strip()} | {hit[1]:,} | {hit[0]:.1f} | {hit[0] / whole:.0%} |")
        print(f"\nTop {args.top} functions by own time:\n")
        stats.sort_stats("tottime").print_stats(args.top)
        if args.keep:
            print(f"Kept {work} (profile: {prof})")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
