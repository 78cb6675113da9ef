"""How long `mkdocs serve` takes to rebuild after one page of the real site is edited.

A temporary copy of the project is served on 127.0.0.1 (a free port). After the first build
("Serving on ..."), one page is edited several times; each rebuild is timed from the moment the file
was written to the log line "Reloading browsers" that mkdocs prints when the rebuilt site is live.
The server is always stopped (its process group, which this script started) within a bounded time.

    .venv/bin/python benchmarks/serve_rebuild.py [--edits 3] [--timeout 240]
"""
from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import MKDOCS_ENV, PYTHON, free_port, median  # noqa: E402
from generate import copy_project  # noqa: E402

EDITED_PAGE = "docs/cases/eva-wiltshire.md"
_BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")


def measure(workdir: Path | None = None, edits: int = 3, timeout: float = 240, page: str = EDITED_PAGE,
            project: Path | None = None) -> dict:
    """Serve a copy of `project` (default: a fresh copy of the repository) and time `edits` rebuilds."""
    own_tmp = workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="kb-serve-")) if own_tmp else workdir
    copy = project or workdir / "project"
    if project is None:
        copy_project(copy)
    port = free_port()
    deadline = time.monotonic() + timeout
    lines: queue.Queue = queue.Queue()
    log: list[str] = []
    proc = subprocess.Popen(
        [str(PYTHON), "-m", "mkdocs", "serve", "--strict",
         "-a", f"127.0.0.1:{port}", "-f", str(copy / "mkdocs.yml")],
        cwd=copy, env=dict(os.environ, **MKDOCS_ENV), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, bufsize=1, start_new_session=True)

    def reader() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            lines.put((time.monotonic(), line.rstrip("\n")))
        lines.put((time.monotonic(), None))

    threading.Thread(target=reader, daemon=True).start()

    def wait_for(pattern: str) -> tuple[float, list[str]]:
        """Time the first log line matching `pattern` appeared, and the lines seen until then."""
        seen = []
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"mkdocs serve did not log '{pattern}' within {timeout:.0f} s")
            try:
                stamp, line = lines.get(timeout=min(left, 1.0))
            except queue.Empty:
                continue
            if line is None:
                raise RuntimeError("mkdocs serve stopped:\n" + "\n".join(log[-20:]))
            log.append(line)
            seen.append(line)
            if re.search(pattern, line):
                return stamp, seen

    result: dict = {"page": page, "port": port, "rebuilds": [], "error": None}
    try:
        started = time.monotonic()
        stamp, seen = wait_for(r"Serving on http://127\.0\.0\.1")
        result["first_build_seconds"] = round(stamp - started, 2)
        built = [float(m.group(1)) for s in seen if (m := _BUILT.search(s))]
        result["first_build_reported_seconds"] = built[-1] if built else None
        target = copy / page
        original = target.read_text(encoding="utf-8")
        for i in range(edits):
            time.sleep(1.0)  # let the watcher settle between edits
            target.write_text(original + f"\n\nBenchmark edit {i + 1}.\n", encoding="utf-8")
            written = time.monotonic()
            stamp, seen = wait_for(r"Reloading browsers")
            built = [float(m.group(1)) for s in seen if (m := _BUILT.search(s))]
            errors = [s for s in seen if "ERROR" in s or "WARNING" in s]
            result["rebuilds"].append({"seconds": round(stamp - written, 2),
                                       "build_reported_seconds": built[-1] if built else None,
                                       "problems": errors[:5]})
        target.write_text(original, encoding="utf-8")
    except (TimeoutError, RuntimeError) as exc:
        result["error"] = str(exc)
    finally:
        _stop(proc)
        if own_tmp:
            shutil.rmtree(workdir, ignore_errors=True)
    times = [r["seconds"] for r in result["rebuilds"]]
    result["median_seconds"] = median(times)
    result["log_tail"] = log[-8:]
    return result


def _stop(proc: subprocess.Popen) -> None:
    """Stop the server and anything it started: SIGINT (mkdocs shuts down cleanly), then SIGKILL."""
    for sig, wait in ((signal.SIGINT, 10), (signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        if proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--edits", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=240, help="stop everything after this many seconds")
    args = ap.parse_args(argv)
    print(json.dumps(measure(edits=args.edits, timeout=args.timeout), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
