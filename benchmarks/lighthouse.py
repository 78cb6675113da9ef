"""Lighthouse scores for representative pages of the built site (median of several runs).

    cd benchmarks && npm ci            # once: installs lighthouse (pinned in package.json / package-lock.json)
    .venv/bin/python benchmarks/lighthouse.py [--runs 3] [--site site/] [--preset desktop]

Builds the real site with scripts/build.py into a temporary folder (or uses --site), serves it on
127.0.0.1 (a free port) and runs Lighthouse against each page with Debian's Chromium
(CHROME_PATH=/usr/bin/chromium, --headless=new --no-sandbox). Prints the median performance,
accessibility, best-practices and SEO scores as a Markdown table with the targets, and writes every
run's scores to benchmarks/results/lighthouse.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BENCH, CHROMIUM, PYTHON, REPRESENTATIVE, ROOT, median, run_timed, serve_folder, tail  # noqa: E402

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 95}
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
# the metrics behind the performance score (milliseconds, except CLS)
METRICS = {"FCP": "first-contentful-paint", "LCP": "largest-contentful-paint", "TBT": "total-blocking-time",
           "SI": "speed-index", "CLS": "cumulative-layout-shift"}


def ensure_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    print("Installing Lighthouse from benchmarks/package-lock.json (npm ci) ...", flush=True)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=BENCH, check=True)


def run_lighthouse(url: str, out: Path, preset: str | None, timeout: float = 180) -> dict:
    cmd = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
           "--chrome-flags=--headless=new --no-sandbox",
           f"--only-categories={','.join(CATEGORIES)}"]
    if preset:
        cmd.append(f"--preset={preset}")
    env = {"CHROME_PATH": CHROMIUM}
    res = run_timed(cmd, cwd=BENCH, log=out.with_suffix(".log"), timeout=timeout, env=env)
    if res.returncode != 0 or not out.exists():
        return {"error": f"lighthouse exited {res.returncode}: {tail(res.log, 8)}"}
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(report["categories"][c]["score"] * 100) if report["categories"].get(c, {}).get("score")
              is not None else None for c in CATEGORIES}
    failing = sorted({a_id for c in CATEGORIES for ref in report["categories"].get(c, {}).get("auditRefs", [])
                      if ref.get("weight") and (a_id := ref["id"]) in report["audits"]
                      and report["audits"][a_id].get("score") is not None and report["audits"][a_id]["score"] < 1})
    metrics = {m: report["audits"].get(a, {}).get("numericValue") for m, a in METRICS.items()}
    return {"scores": scores, "metrics": metrics, "failing_audits": failing, "seconds": round(res.wall, 1),
            "benchmark_index": report.get("environment", {}).get("benchmarkIndex"),
            "load_average_1m": round(os.getloadavg()[0], 2),
            "lighthouse": report.get("lighthouseVersion"), "runtime_error": report.get("runtimeError")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--site", help="an already built site folder (default: build one with scripts/build.py)")
    ap.add_argument("--preset", choices=["desktop", "perf", "experimental"],
                    help="a Lighthouse preset (default: Lighthouse's mobile settings)")
    ap.add_argument("--output", default=str(BENCH / "results" / "lighthouse.json"))
    args = ap.parse_args(argv)
    ensure_lighthouse()
    work = Path(tempfile.mkdtemp(prefix="kb-lighthouse-"))
    try:
        if args.site:
            site = Path(args.site).resolve()
        else:
            site = work / "site"
            r = run_timed([str(PYTHON), "scripts/build.py", "--site-dir", str(site)], cwd=ROOT,
                          log=work / "build.log", timeout=600)
            if r.returncode != 0:
                print(tail(r.log), file=sys.stderr)
                return 1
        results: dict = {"pages": {}, "runs": args.runs, "preset": args.preset or "mobile (default)",
                         "targets": TARGETS}
        with serve_folder(site) as base:
            for name, path in REPRESENTATIVE.items():
                runs = []
                for i in range(args.runs):
                    r = run_lighthouse(base + path, work / f"{name}-{i}.json", args.preset)
                    runs.append(r)
                    shown = r.get("scores") or r.get("error")
                    print(f"{name} run {i + 1}/{args.runs}: {shown}", flush=True)
                med = {c: median([r["scores"][c] for r in runs if r.get("scores") and r["scores"][c] is not None])
                       for c in CATEGORIES}
                failing = sorted({a for r in runs for a in r.get("failing_audits", [])})
                metrics = {m: median([r["metrics"][m] for r in runs if r.get("metrics") and r["metrics"][m] is not None])
                           for m in METRICS}
                results["pages"][name] = {"path": "/" + path, "median": med, "median_metrics": metrics, "runs": runs,
                                          "failing_audits": failing}
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    lines = [f"### Lighthouse ({results['preset']}, median of {args.runs} runs)", "",
             "| page | " + " | ".join(CATEGORIES) + " |", "| --- | " + " | ".join("---:" for _ in CATEGORIES) + " |"]
    met_all = True
    for name, p in results["pages"].items():
        cells = []
        for c in CATEGORIES:
            v = p["median"][c]
            ok = v is not None and v >= TARGETS[c]
            met_all &= ok
            cells.append("n/a" if v is None else f"{v:g}{'' if ok else ' (below target)'}")
        lines.append(f"| {name} ({p['path']}) | " + " | ".join(cells) + " |")
    lines.append("| **target** | " + " | ".join(
        f"{TARGETS[c]}" if TARGETS[c] == 100 else f"{TARGETS[c]}+" for c in CATEGORIES) + " |")
    lines += ["", f"Targets {'MET' if met_all else 'NOT MET'}.", "",
              "| page | " + " | ".join(f"{m} (median)" for m in METRICS) + " |",
              "| --- | " + " | ".join("---:" for _ in METRICS) + " |"]
    for name, p in results["pages"].items():
        mm = p["median_metrics"]
        lines.append(f"| {name} | " + " | ".join(
            "n/a" if mm[m] is None else (f"{mm[m]:.3f}" if m == "CLS" else f"{mm[m]:,.0f} ms") for m in METRICS) + " |")
    idx = [r.get("benchmark_index") for p in results["pages"].values() for r in p["runs"] if r.get("benchmark_index")]
    loads = [r.get("load_average_1m") for p in results["pages"].values() for r in p["runs"] if r.get("load_average_1m")]
    if idx:
        lines += ["", f"Lighthouse's CPU benchmark index: median {median(idx):.0f} (min {min(idx):.0f}); machine load "
                  f"average up to {max(loads):.1f} on {os.cpu_count()} cores. Performance (TBT above all) falls when "
                  "the machine is busy; accessibility, best practices and SEO do not depend on it."]
    below = {n: p["failing_audits"] for n, p in results["pages"].items() if p["failing_audits"]}
    if below:
        lines += ["", "Audits not fully passed (any run):"]
        lines += [f"- {n}: {', '.join(a)}" for n, a in below.items()]
    print("\n" + "\n".join(lines))
    print(f"\nResults: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
