"""Shared fixtures: the real site built once per session, throwaway project copies, a local server."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(ROOT))

# What a project needs to build: copied (not linked) so a test can break any of it safely.
PROJECT_PARTS = ["mkdocs.yml", "mkdocs-offline.yml", "macros", "overrides", "data", "docs", "scripts", "local"]


def run_build(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the project's own atomic build command and capture what a person would see."""
    return subprocess.run([sys.executable, "scripts/build.py", *args], cwd=project, capture_output=True,
                          text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", **(env or {})), timeout=900)


def failed_build(project: Path, *args: str, env: dict | None = None) -> str:
    """Run the build expecting it to stop; returns everything it printed for the test to read."""
    result = run_build(project, *args, env=env)
    assert result.returncode != 0, f"the build should have failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def copy_project(dest: Path, data_from: Path | None = None) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    if data_from is not None:
        shutil.rmtree(dest / "data")
        shutil.copytree(data_from, dest / "data")
    return dest


def rewrite(path: Path, old: str, new: str, count: int = 1) -> None:
    """Change one piece of a file the way an editor would; fails if the piece is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway copy of the whole project, to break on purpose."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real national site, built once with the README's build command."""
    out = tmp_path_factory.mktemp("built") / "site"
    result = run_build(ROOT, "--site-dir", str(out))
    assert result.returncode == 0, f"the site failed to build:\n{result.stdout}\n{result.stderr}"
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def serve():
    """Serve a folder on 127.0.0.1 (a free port); returns a function folder -> base URL."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return f"http://127.0.0.1:{httpd.server_address[1]}/"

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def site_url(built_site, serve) -> str:
    return serve(built_site)


def html_pages(site: Path) -> list[Path]:
    """Every content page of a built site (redirect stubs and the 404 page excluded)."""
    pages = []
    for p in sorted(site.rglob("index.html")):
        text = p.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue
        pages.append(p)
    return pages
