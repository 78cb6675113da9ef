"""Performance benchmarks: the project against plain MkDocs Material, at several scales.

    .venv/bin/python benchmarks/run.py                       # scales 100,1000,10000, 3 runs each
    .venv/bin/python benchmarks/run.py --scales 100,1000 --runs 5

In one run this
1. builds the real site with the project's own command (scripts/build.py) and measures what a reader
   downloads for representative pages (home, a theme, a case, a checklist) in Chromium;
2. times the rebuild of `mkdocs serve` after one page of the real site is edited;
3. for each scale N, writes a synthetic copy of the project with N generated case reviews
   (benchmarks/generate.py) and a plain MkDocs Material copy with the same pages, builds the two
   alternately (project, plain, plain, project, ...) with `mkdocs build --strict`, and measures build
   time, CPU time, peak memory, pages per second, size of the site and of the search index, page
   HTML sizes, and the latency of Material's search in Chromium;
4. prints the figures and the issue's budgets (MET / NOT MET) as Markdown, and writes everything to
   benchmarks/results/latest.json (and latest.md).

The whole run is kept within --time-budget (15 minutes by default): the number of runs at a large
scale is reduced, never below one, when the runs at the scale before it predict it would not fit,
and the output says so.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import browser  # noqa: E402
import serve_rebuild  # noqa: E402
from common import (BENCH, PYTHON, REPRESENTATIVE, ROOT, SYNTHETIC_PAGE, folder_size, gz, kib,  # noqa: E402
                    median, mib, run_timed, serve_folder, tail)

RESULTS = BENCH / "results"
QUERIES = ["fathers", "safe sleep", "cannabis", "bruising", "health visitor"]
BUDGET_RATIO = 1.25
BUDGET_SAME_SIZE = 0.02
BUDGET_GROWTH = 12.0
BUDGET_PAGE_KB = 100
BUDGET_SEARCH_MS = 100
SEARCH_BUDGET_SCALE = 1000
SIZE_PAGES = {"home": "", "theme": REPRESENTATIVE["theme"], "case": REPRESENTATIVE["case"],
              "checklist": REPRESENTATIVE["checklist"], "synthetic case": SYNTHETIC_PAGE,
              "case list": "cases/", "source": "about/sources/bradford-review/"}


def search_cost(n: int, timeout: float) -> float:
    """Seconds allowed for the search measurement at n cases (also used to plan the time budget)."""
    if n == SEARCH_BUDGET_SCALE:
        return 75.0
    return 20 + 0.02 * n if n <= 2000 else timeout


class Clock:
    def __init__(self, budget: float) -> None:
        self.start = time.monotonic()
        self.budget = budget

    @property
    def used(self) -> float:
        return time.monotonic() - self.start

    @property
    def left(self) -> float:
        return self.budget - self.used


def log(msg: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {msg}", flush=True)


def versions() -> dict:
    out = {"python": platform.python_version()}
    code = ("import importlib.metadata as m, json; print(json.dumps({p: m.version(p) for p in "
            "['mkdocs', 'mkdocs-material', 'mkdocs-macros-plugin', 'Markdown', 'Jinja2', 'pydantic', 'PyYAML', "
            "'playwright']}))")
    try:
        out.update(json.loads(subprocess.run([str(PYTHON), "-c", code], capture_output=True, text=True,
                                             timeout=60).stdout))
    except (ValueError, subprocess.SubprocessError):
        pass
    try:
        out["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                       text=True, timeout=10).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        out["commit"] = None
    try:
        out["chromium"] = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True,
                                         timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return out


def fingerprint(folder: Path) -> str:
    """SHA-256 over the paths and contents of every file in the snapshot: which state was measured."""
    h = hashlib.sha256()
    for f in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(f.relative_to(folder).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


# --- measurements of one built site --------------------------------------------------------------

def site_figures(site: Path, pages: int) -> dict:
    total, files = folder_size(site)
    index = site / "search" / "search_index.json"
    raw = index.read_bytes() if index.exists() else b""
    html = [p.stat().st_size for p in site.rglob("*.html")]
    sizes = {}
    for name, rel in SIZE_PAGES.items():
        f = site / rel / "index.html"
        sizes[name] = f.stat().st_size if f.exists() else None
    return {"pages": pages, "site_bytes": total, "site_files": files, "search_index_bytes": len(raw),
            "search_index_gzip_bytes": gz(raw) if raw else 0, "html_files": len(html),
            "median_page_html_bytes": median(html), "page_html_bytes": sizes}


def build_once(kind: str, copy: Path, out: Path, logs: Path, run: int, timeout: float) -> dict:
    if out.exists():
        shutil.rmtree(out)
    cmd = [str(PYTHON), "-m", "mkdocs", "build", "--strict", "-f", str(copy / "mkdocs.yml"), "-d", str(out)]
    res = run_timed(cmd, cwd=copy, log=logs / f"{copy.name}-{kind}-run{run}.log", timeout=timeout)
    if res.returncode != 0:
        raise SystemExit(f"The {kind} build in {copy} failed (exit {res.returncode}); its log ends:\n"
                         f"{tail(res.log)}")
    return {"seconds": round(res.wall, 3), "cpu_seconds": round(res.cpu, 3), "peak_rss_kb": res.maxrss_kb,
            "load_average_1m": round(os.getloadavg()[0], 2)}


def summarise(runs: list[dict], pages: int) -> dict:
    wall = median([r["seconds"] for r in runs])
    return {"runs": runs, "median_seconds": round(wall, 3),
            "median_cpu_seconds": round(median([r["cpu_seconds"] for r in runs]), 3),
            "peak_rss_mb": round(max(r["peak_rss_kb"] for r in runs) / 1024, 1),
            "pages_per_second": round(pages / wall, 1) if wall else None}


# --- one scale ---------------------------------------------------------------------------------------

def bench_scale(n: int, runs: int, work: Path, logs: Path, clock: Clock, search: bool, keep: bool,
                search_timeout: float, reserve, snapshot: Path) -> dict:
    """Write the two copies for N cases, build them alternately up to `runs` times, then time search.

    `reserve(pair_seconds, generation_seconds)` is the time the smaller scales still need; a further
    run is started only if it fits in what is left of the budget after that reserve.
    """
    import generate

    proj, plain = work / f"project-{n}", work / f"plain-{n}"
    out_a, out_b = work / f"site-project-{n}", work / f"site-plain-{n}"
    t = time.monotonic()
    info = generate.generate(n, proj, snapshot)
    gen_project = time.monotonic() - t
    # the plain copy is written in a child process: it imports the copy's own macros package
    t = time.monotonic()
    done = subprocess.run([str(PYTHON), str(BENCH / "generate.py"), "--plain", "--src", str(proj), "--out", str(plain)],
                          cwd=work, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"Writing the plain copy failed:\n{done.stdout}\n{done.stderr}")
    gen_plain = time.monotonic() - t
    generation = gen_project + gen_plain
    pages = info["pages"]
    log(f"  N={n:,}: {pages:,} pages written ({gen_project:.1f} s project copy, {gen_plain:.1f} s plain copy)")

    res_a, res_b, note = [], [], None
    search_need = 0.0 if not search else search_cost(n, search_timeout)
    for i in range(runs):
        if i:
            pair = (sum(r["seconds"] for r in res_a) + sum(r["seconds"] for r in res_b)) / i
            need = pair * 1.05 + search_need + reserve(pair, generation) + 5 + 0.002 * n
            if clock.left < need:
                left = f"{clock.left:.0f} s of the budget were left" if clock.left > 0 else "the budget was used up"
                note = (f"{n:,} cases: {i} run{'s' if i > 1 else ''} of each build instead of {runs}, to finish within "
                        f"the time budget (one project and one plain build take {pair:.0f} s here; {left}).")
                log("  " + note)
                break
        order = [("project", proj, out_a, res_a), ("plain", plain, out_b, res_b)]
        for kind, copy, out, acc in (order if i % 2 == 0 else order[::-1]):
            r = build_once(kind, copy, out, logs, i + 1, timeout=max(clock.left, 120) + 600)
            acc.append(r)
            log(f"  N={n:,} run {i + 1}/{runs} {kind:7s} {r['seconds']:7.2f} s  (cpu {r['cpu_seconds']:.1f} s, "
                f"peak {r['peak_rss_kb'] / 1024:.0f} MB, load {r['load_average_1m']})")
    a, b = summarise(res_a, pages), summarise(res_b, pages)
    a.update(site_figures(out_a, pages))
    b.update(site_figures(out_b, pages))
    result = {"scale": n, "pages": pages, "runs": len(res_a), "runs_requested": runs, "generator": info,
              "generation_seconds": {"project": round(gen_project, 2), "plain": round(gen_plain, 2)},
              "project": a, "plain": b,
              "ratio": round(a["median_seconds"] / b["median_seconds"], 3),
              "ratio_cpu": round(a["median_cpu_seconds"] / b["median_cpu_seconds"], 3),
              "note": note}
    log(f"  N={n:,}: ratio {result['ratio']:.2f} (CPU time {result['ratio_cpu']:.2f})")
    if search:
        pair = a["median_seconds"] + b["median_seconds"]
        # search is measured at every scale: it gets its allowance even when the budget is tight
        allowance = search_cost(n, search_timeout)
        t = time.monotonic()
        with serve_folder(out_a) as url:
            # three tries of each query (typed, and last key only) where the budget applies, one elsewhere
            tries = 3 if n == SEARCH_BUDGET_SCALE else 1
            result["search"] = browser.search_latency(url, QUERIES, tries=tries, allowance=allowance,
                                                      alone_tries=tries if n == SEARCH_BUDGET_SCALE else 0)
        s = result["search"]
        log(f"  N={n:,}: search ready after {s.get('ready_seconds')} s, median {s.get('median_ms')} ms, "
            f"worst {s.get('worst_ms')} ms ({time.monotonic() - t:.0f} s of {allowance:.0f} s allowed)"
            + (f" - {s['error']}" if s.get("error") else "") + (f" - {s['note']}" if s.get("note") else ""))
        spare = clock.left - reserve(pair, generation) - 10
        if n == SEARCH_BUDGET_SCALE and spare > search_cost(n, search_timeout):
            # the same queries on plain Material with the same pages: is the search time ours or Material's?
            allowance = min(search_timeout, spare)
            with serve_folder(out_b) as url:
                result["search_plain"] = browser.search_latency(url, QUERIES, tries=3, allowance=allowance,
                                                                alone_tries=3)
            s = result["search_plain"]
            log(f"  N={n:,}: plain Material search: median {s.get('median_ms')} ms, worst {s.get('worst_ms')} ms")
    if not keep:
        for p in (proj, plain, out_a, out_b):
            shutil.rmtree(p, ignore_errors=True)
    return result


# --- budgets and tables ------------------------------------------------------------------------------

def status(ok: bool | None) -> str:
    return "n/a" if ok is None else ("MET" if ok else "NOT MET")


def budgets(res: dict) -> list[dict]:
    out = []
    scales = res["scales"]
    for n, s in scales.items():
        out.append({"budget": f"Build within {BUDGET_RATIO}x of plain Material, {s['pages']:,} pages",
                    "target": f"<= {BUDGET_RATIO}", "measured": f"{s['ratio']:.2f}x (CPU {s['ratio_cpu']:.2f}x)",
                    "met": s["ratio"] <= BUDGET_RATIO})
    ns = sorted(int(n) for n in scales)
    if len(ns) >= 2:
        lo, hi = scales[str(ns[0])], scales[str(ns[-1])]
        for name in ("home", "theme", "case", "checklist", "synthetic case"):
            x, y = lo["project"]["page_html_bytes"].get(name), hi["project"]["page_html_bytes"].get(name)
            if x and y:
                change = (y - x) / x
                out.append({"budget": f"Same page HTML at {lo['pages']:,} and {hi['pages']:,} pages: {name}",
                            "target": f"within {BUDGET_SAME_SIZE:.0%}",
                            "measured": f"{kib(x)} -> {kib(y)} ({change:+.1%})",
                            "met": abs(change) <= BUDGET_SAME_SIZE})
    if "1000" in scales and "10000" in scales:
        a, b = scales["1000"]["project"]["median_seconds"], scales["10000"]["project"]["median_seconds"]
        out.append({"budget": "Build time close to linear (10,000 vs 1,000 cases)",
                    "target": f"<= {BUDGET_GROWTH:g}x", "measured": f"{b / a:.1f}x ({a:.1f} s -> {b:.1f} s)",
                    "met": b / a <= BUDGET_GROWTH})
    for name, w in res.get("real_site", {}).get("reader", {}).items():
        kb = w["total_excluding_search"]["gzip"] / 1024
        out.append({"budget": f"Page transferred, compressed, without search index: {name}",
                    "target": f"<= {BUDGET_PAGE_KB} KB", "measured": f"{kb:.1f} KB", "met": kb <= BUDGET_PAGE_KB})
    s = scales.get(str(SEARCH_BUDGET_SCALE), {}).get("search")
    if s is not None:
        worst = s.get("worst_ms")
        out.append({"budget": f"Search answers in under {BUDGET_SEARCH_MS} ms at {SEARCH_BUDGET_SCALE:,} cases",
                    "target": f"< {BUDGET_SEARCH_MS} ms (every query's median)",
                    "measured": "not measured: " + s["error"] if worst is None else
                    f"worst {worst:.0f} ms, median {s['median_ms']:.0f} ms",
                    "met": None if worst is None else worst < BUDGET_SEARCH_MS})
    return out


def tables(res: dict) -> str:
    L: list[str] = []
    scales = res["scales"]
    if scales:
        L += ["### Build: the project against plain MkDocs Material (same pages, same nav, navigation.prune)", "",
              "| cases | pages | runs | ours: build (median) | plain: build | ratio | ratio (CPU time) | "
              "ours: pages/s | plain: pages/s | ours: peak memory | plain: peak memory |",
              "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for n, s in scales.items():
            a, b = s["project"], s["plain"]
            L.append(f"| {int(n):,} | {s['pages']:,} | {s['runs']} | {a['median_seconds']:.1f} s | "
                     f"{b['median_seconds']:.1f} s | **{s['ratio']:.2f}x** | {s['ratio_cpu']:.2f}x | "
                     f"{a['pages_per_second']:.0f} | {b['pages_per_second']:.0f} | {a['peak_rss_mb']:.0f} MB | "
                     f"{b['peak_rss_mb']:.0f} MB |")
        L += ["", "### Output size", "",
              "| cases | ours: site | plain: site | ours: search index (gzip) | plain: search index (gzip) | "
              "ours: median page HTML |",
              "| ---: | ---: | ---: | ---: | ---: | ---: |"]
        for n, s in scales.items():
            a, b = s["project"], s["plain"]
            L.append(f"| {int(n):,} | {mib(a['site_bytes'])} ({a['site_files']:,} files) | {mib(b['site_bytes'])} | "
                     f"{mib(a['search_index_bytes'])} ({mib(a['search_index_gzip_bytes'])}) | "
                     f"{mib(b['search_index_bytes'])} ({mib(b['search_index_gzip_bytes'])}) | "
                     f"{kib(a['median_page_html_bytes'])} |")
        L += ["", "### Page HTML by scale (our build)", "",
              "| page | " + " | ".join(f"{int(n):,} cases" for n in scales) + " |",
              "| --- | " + " | ".join("---:" for _ in scales) + " |"]
        for name in SIZE_PAGES:
            L.append(f"| {name} (/{SIZE_PAGES[name]}) | " + " | ".join(
                kib(s["project"]["page_html_bytes"].get(name)) for s in scales.values()) + " |")
        searched = {n: s["search"] for n, s in scales.items() if "search" in s}
        if searched:
            L += ["", "### Search in Chromium (last key press to results drawn; median of 3 tries at "
                  f"{SEARCH_BUDGET_SCALE:,} cases, one try at the other scales)", "",
                  "Typed at 10 keys a second with `press_sequentially`; Material searches at every key, so "
                  "this includes the queries for the first letters still queued in its worker. \"Last key only\": "
                  "the query typed in at once but for its last letter, then that key pressed.", "",
                  "| cases | search index | ready after load | " + " | ".join(f"'{q}'" for q in QUERIES)
                  + " | worst |",
                  "| ---: | ---: | ---: | " + " | ".join("---:" for _ in QUERIES) + " | ---: |"]
            for n, s in searched.items():
                idx = mib(scales[n]["project"]["search_index_bytes"])
                if s.get("error") and not s["queries"]:
                    L.append(f"| {int(n):,} | {idx} | {s['error']} | " + " | ".join("" for _ in QUERIES) + " | |")
                    continue
                cells = []
                for q in QUERIES:
                    got = s["queries"].get(q)
                    cells.append("not run" if got is None else
                                 f">= {got['median_ms']:.0f} ms (no answer)" if got["timeouts"] == len(got["tries_ms"])
                                 else f"{got['median_ms']:.0f} ms")
                worst = s.get("worst_ms")
                L.append(f"| {int(n):,} | {idx} | {s['ready_seconds']} s | " + " | ".join(cells)
                         + f" | {'n/a' if worst is None else f'{worst:.0f} ms'} |")
                alone = [s["queries"].get(q, {}).get("alone_median_ms") for q in QUERIES]
                if any(a is not None for a in alone):
                    known = [a for a in alone if a is not None]
                    L.append(f"| {int(n):,}, last key only | | | " + " | ".join(
                        "n/a" if a is None else f"{a:.0f} ms" for a in alone) + f" | {max(known):.0f} ms |")
                p = scales[n].get("search_plain")
                if p and p.get("queries"):
                    cells = [f"{p['queries'][q]['median_ms']:.0f} ms" if q in p["queries"] else "not run" for q in QUERIES]
                    L.append(f"| {int(n):,}, plain Material | {mib(scales[n]['plain']['search_index_bytes'])} | "
                             f"{p['ready_seconds']} s | " + " | ".join(cells) + f" | {p['worst_ms']:.0f} ms |")
    real = res.get("real_site", {})
    if real.get("reader"):
        L += ["", f"### What a reader downloads (real site, {real.get('pages', '?')} pages; as sent / gzip)", "",
              "| page | HTML | CSS | JS | fonts | images | total without search index | search index |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for name, w in real["reader"].items():
            def cell(k: str) -> str:
                return f"{kib(w[k]['bytes'])} / {kib(w[k]['gzip'])}"
            L.append(f"| {name} ({w['path']}) | {cell('html')} | {cell('css')} | {cell('js')} | {cell('fonts')} | "
                     f"{cell('images')} | **{cell('total_excluding_search')}** | {cell('search_index')} |")
    if real.get("build"):
        rb = real["build"]
        L += ["", f"Real site: `scripts/build.py` took {rb['seconds']:.1f} s (CPU {rb['cpu_seconds']:.1f} s, "
              f"peak {rb['peak_rss_kb'] / 1024:.0f} MB) for {real.get('pages')} pages; "
              f"site {mib(real['figures']['site_bytes'])}, search index {mib(real['figures']['search_index_bytes'])} "
              f"({mib(real['figures']['search_index_gzip_bytes'])} gzip)."]
    sv = res.get("serve")
    if sv:
        if sv.get("median_seconds") is not None:
            L += ["", f"`mkdocs serve` rebuild after editing `{sv['page']}`: median {sv['median_seconds']:.1f} s "
                  f"from saving the file to \"Reloading browsers\" ({', '.join(str(r['seconds']) for r in sv['rebuilds'])} s; "
                  f"first build {sv.get('first_build_seconds')} s)."]
        else:
            L += ["", f"`mkdocs serve` rebuild: not measured ({sv.get('error')})."]
    L += ["", "### Budgets", "", "| budget | target | measured | status |", "| --- | --- | --- | --- |"]
    for b in res["budgets"]:
        L.append(f"| {b['budget']} | {b['target']} | {b['measured']} | **{status(b['met'])}** |")
    notes = res.get("notes") or []
    if notes:
        L += [""] + [f"- {n}" for n in notes]
    return "\n".join(L)


# --- main --------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scales", default="100,1000,10000", help="numbers of synthetic cases, comma-separated")
    ap.add_argument("--runs", type=int, default=3, help="builds of each kind per scale (median reported)")
    ap.add_argument("--time-budget", type=float, default=14 * 60,
                    help="seconds the whole benchmark may take; fewer runs at large scales to fit")
    ap.add_argument("--search-timeout", type=float, default=60,
                    help="most seconds spent on the search measurement at a scale above 2,000 cases (indexing "
                         "the site in Chromium, then as many queries as fit)")
    ap.add_argument("--no-search", action="store_true", help="skip the search latency measurements")
    ap.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve rebuild measurement")
    ap.add_argument("--no-reader", action="store_true", help="skip the real site's page weights")
    ap.add_argument("--keep", action="store_true", help="keep the generated copies and built sites")
    ap.add_argument("--workdir", help="where to write the copies (default: a new temporary folder)")
    ap.add_argument("--output", default=str(RESULTS / "latest.json"))
    args = ap.parse_args(argv)
    scales = sorted({int(s) for s in args.scales.split(",") if s.strip()})
    clock = Clock(args.time_budget)
    work = Path(args.workdir).resolve() if args.workdir else Path(tempfile.mkdtemp(prefix="kb-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    res: dict = {"started": dt.datetime.now().isoformat(timespec="seconds"),
                 "machine": {"cpus": os.cpu_count(), "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
                             "platform": platform.platform()},
                 "versions": versions(),
                 "settings": {"scales": scales, "runs_requested": args.runs, "time_budget_seconds": args.time_budget,
                              "queries": QUERIES},
                 "scales": {}, "notes": []}
    load = os.getloadavg()[0]
    if load > (os.cpu_count() or 1) * 0.75:
        res["notes"].append(f"The machine was busy when the benchmark started (load average {load:.1f} on "
                            f"{os.cpu_count()} cores): absolute times are inflated; the two builds alternate, so "
                            "the ratios are fairer than the seconds.")
    log(f"work folder {work}; scales {scales}; {args.runs} runs; time budget {args.time_budget:.0f} s")
    try:
        # 0. one snapshot of the repository for every copy, so all scales measure the same engine
        import generate
        snapshot = work / "snapshot"
        generate.copy_project(snapshot)
        res["snapshot_sha256"] = fingerprint(snapshot)
        # 1. the real site, built with the project's own command
        site = work / "real-site"
        r = run_timed([str(PYTHON), "scripts/build.py", "--site-dir", str(site)], cwd=ROOT, log=logs / "real-site.log",
                      timeout=600)
        if r.returncode != 0:
            raise SystemExit(f"scripts/build.py failed (exit {r.returncode}):\n{tail(r.log)}")
        real_pages = len(list((ROOT / "docs").rglob("*.md")))
        res["real_site"] = {"pages": real_pages, "build": {"seconds": round(r.wall, 3), "cpu_seconds": round(r.cpu, 3),
                                                           "peak_rss_kb": r.maxrss_kb},
                            "figures": site_figures(site, real_pages)}
        log(f"real site built in {r.wall:.1f} s ({real_pages} pages)")
        if not args.no_reader:
            with serve_folder(site) as url:
                res["real_site"]["reader"] = browser.page_weight(url, REPRESENTATIVE)
            log("reader-side weights measured: " + ", ".join(
                f"{k} {v['total_excluding_search']['gzip'] / 1024:.0f} KB gz"
                for k, v in res["real_site"]["reader"].items()))
        # 2. mkdocs serve rebuild after one edit
        if not args.no_serve:
            generate.copy_project(work / "serve" / "project", snapshot)
            res["serve"] = serve_rebuild.measure(workdir=work / "serve", edits=3, timeout=180,
                                                 project=work / "serve" / "project")
            log(f"mkdocs serve rebuild: median {res['serve'].get('median_seconds')} s"
                + (f" ({res['serve']['error']})" if res["serve"].get("error") else ""))
        # 3. the scales, largest first: it needs at least one run of each build, and the smaller scales
        #    then get as many runs as the budget still allows (their cost is predicted from the larger one)
        order = sorted(scales, reverse=True)
        for idx, n in enumerate(order):
            smaller = order[idx + 1:]
            pages_n = n + res["real_site"]["pages"]

            def reserve(pair: float, generation: float, n=n, smaller=smaller, pages_n=pages_n) -> float:
                """Seconds the smaller scales need at least: one pair of builds each, copies, search."""
                need = 0.0
                for m in smaller:
                    pages_m = m + res["real_site"]["pages"]
                    need += max(8.0, pair * pages_m / pages_n) + generation * m / n + 5
                    need += 0 if args.no_search else search_cost(m, args.search_timeout)
                return need

            log(f"scale {n:,}: up to {args.runs} run(s) of each build ({clock.left:.0f} s of the budget left)")
            s = bench_scale(n, args.runs, work, logs, clock, search=not args.no_search, keep=args.keep,
                            search_timeout=args.search_timeout, reserve=reserve, snapshot=snapshot)
            if s["note"]:
                res["notes"].append(s["note"])
            res["scales"][str(n)] = s
    finally:
        res["scales"] = {str(n): res["scales"][str(n)] for n in scales if str(n) in res["scales"]}
        res["finished"] = dt.datetime.now().isoformat(timespec="seconds")
        res["duration_seconds"] = round(clock.used, 1)
        res["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        if res["duration_seconds"] > args.time_budget + 60:
            res["notes"].append(f"The benchmark took {res['duration_seconds'] / 60:.1f} minutes, over its "
                                f"{args.time_budget / 60:.0f}-minute budget.")
        res["budgets"] = budgets(res)
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(res, indent=2), encoding="utf-8")
        text = tables(res)
        out.with_suffix(".md").write_text(text + "\n", encoding="utf-8")
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(text)
    print(f"\nFinished in {res['duration_seconds'] / 60:.1f} minutes. Results: {out} (and {out.with_suffix('.md').name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
