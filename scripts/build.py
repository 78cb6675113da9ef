"""Build the site atomically: a failed build never replaces a good one.

    python scripts/build.py                       # national site -> site/
    python scripts/build.py --local bradford      # local copy    -> site-bradford/
    python scripts/build.py --offline             # offline copy  -> site-offline/ and site-offline.zip

The site is built into a temporary folder beside the target with
`mkdocs build --strict` (never -q, which hides warnings from strict mode),
checked, and only then swapped into place. On any failure the previous site
is left exactly as it was and the temporary folder is removed.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.site_checks import check_built_site  # noqa: E402


def config_for(local: str | None, offline: bool) -> Path:
    if local:
        cfg = ROOT / "local" / local / ("mkdocs-offline.yml" if offline else "mkdocs.yml")
        if not cfg.exists():
            known = sorted(p.name for p in (ROOT / "local").iterdir() if (p / "mkdocs.yml").exists())
            sys.exit(f"There is no local copy called '{local}' (local/{local}/mkdocs.yml). "
                     f"Local copies here: {', '.join(known) or 'none'}.")
        return cfg
    return ROOT / ("mkdocs-offline.yml" if offline else "mkdocs.yml")


def target_for(local: str | None, offline: bool) -> Path:
    name = "site" + (f"-{local}" if local else "") + ("-offline" if offline else "")
    return ROOT / name


def build(config: Path, target: Path, allow_placeholders: bool = False, extra_env: dict | None = None) -> int:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", **(extra_env or {}))
    if allow_placeholders:
        env["KB_ALLOW_PLACEHOLDERS"] = "1"
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config), "-d", str(tmp)],
            cwd=ROOT, env=env)
        if result.returncode != 0:
            print(f"\nBuild failed: {target.name}/ was not changed. Fix the error above and build again.",
                  file=sys.stderr)
            return result.returncode
        problems = check_built_site(tmp)
        if problems:
            print("\nThe built site failed its checks:", *problems, sep="\n  - ", file=sys.stderr)
            print(f"\n{target.name}/ was not changed.", file=sys.stderr)
            return 1
        swap_into_place(tmp, target)
        tmp = None
        print(f"Built {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}/")
        return 0
    finally:
        if tmp is not None and tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def swap_into_place(new: Path, target: Path) -> None:
    """Replace `target` with `new` using renames, so readers never see a half-written site."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


def zip_site(folder: Path) -> Path:
    archive = shutil.make_archive(str(folder), "zip", root_dir=folder)
    return Path(archive)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build the site atomically (strict, checked, then swapped in).")
    ap.add_argument("--local", help="build the local copy in local/<id>/ instead of the national site")
    ap.add_argument("--offline", action="store_true", help="build the offline copy (opens from a folder or zip)")
    ap.add_argument("--allow-placeholders", action="store_true",
                    help="allow placeholder contacts in a local copy (examples and previews only)")
    ap.add_argument("--site-dir", help="write here instead of the default folder")
    args = ap.parse_args(argv)
    config = config_for(args.local, args.offline)
    target = Path(args.site_dir).resolve() if args.site_dir else target_for(args.local, args.offline)
    if args.allow_placeholders and args.local and not args.site_dir:
        # a preview never lands where a publishable copy would
        target = target.with_name(target.name + "-preview")
    status = build(config, target, args.allow_placeholders)
    if status == 0 and args.offline:
        print(f"Zipped {zip_site(target).name}")
    return status


if __name__ == "__main__":
    sys.exit(main())
