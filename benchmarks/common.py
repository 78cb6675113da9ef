"""Helpers shared by the benchmark scripts: timed child processes, a local web server, sizes."""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
PYTHON = ROOT / ".venv" / "bin" / "python"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage"]
MKDOCS_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}

# Representative pages of the real site (paths under the site root, folder addresses).
REPRESENTATIVE = {
    "home": "",
    "theme": "themes/engaging-fathers/",
    "case": "cases/eva-wiltshire/",
    "checklist": "tools/checklists/babys-day/",
}
# Also present at every synthetic scale: a generated case page (same text at every scale).
SYNTHETIC_PAGE = "cases/synthetic/synthetic-00042/"


@dataclass
class RunResult:
    wall: float          # seconds, wall clock
    cpu: float           # seconds, user + system of the child and its children
    maxrss_kb: int       # peak resident memory of the child (or its largest descendant), KiB
    returncode: int
    log: Path


GNU_TIME = "/usr/bin/time"


def run_timed(cmd: list[str], cwd: Path, log: Path, timeout: float, env: dict | None = None) -> RunResult:
    """Run a command to completion and measure it: wall clock, CPU time and peak memory of the child.

    The command runs under GNU time (/usr/bin/time) when it is installed: a child forked straight from
    this (large) Python process would be charged this process's memory in its peak RSS, so the peak is
    taken from the small `time` process's child instead. Without GNU time, wait4's figures are used.
    """
    full_env = dict(os.environ, **MKDOCS_ENV, **(env or {}))
    stats = log.with_suffix(".time")
    use_time = os.access(GNU_TIME, os.X_OK)
    full_cmd = [GNU_TIME, "-f", "%M %U %S", "-o", str(stats), *cmd] if use_time else cmd
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(full_cmd, cwd=cwd, env=full_env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        timer = threading.Timer(timeout, lambda: _kill_group(proc.pid))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here; keep Popen from waiting again
    cpu, maxrss = usage.ru_utime + usage.ru_stime, usage.ru_maxrss
    if use_time:
        try:
            last = stats.read_text(encoding="utf-8").split("\n")
            fields = [line for line in last if line.strip()][-1].split()
            maxrss, cpu = int(fields[0]), float(fields[1]) + float(fields[2])
        except (OSError, ValueError, IndexError):
            pass
    return RunResult(wall, cpu, maxrss, proc.returncode, log)


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def tail(path: Path, lines: int = 25) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # no access log on the console
        pass


@contextlib.contextmanager
def serve_folder(folder: Path):
    """Serve a built site on 127.0.0.1 (a free port) in a background thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def gz(data: bytes) -> int:
    """Size after gzip at level 6 (what a typical web server sends for text)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of everything in a folder."""
    total = files = 0
    for dirpath, _, names in os.walk(folder):
        for name in names:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(dirpath, name)).st_size
                files += 1
    return total, files


def median(values: list[float]) -> float | None:
    vals = sorted(v for v in values if v is not None)
    if not vals:
        return None
    mid = len(vals) // 2
    return vals[mid] if len(vals) % 2 else (vals[mid - 1] + vals[mid]) / 2


def kib(n: float | None) -> str:
    return "n/a" if n is None else f"{n / 1024:,.1f} KB"


def mib(n: float | None) -> str:
    return "n/a" if n is None else f"{n / 1024 / 1024:,.1f} MB"
