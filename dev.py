#!/usr/bin/env python3
"""Quick start for Crosswalk, needing only Python 3.11+.

    python3 dev.py run     install, create the database, load demo data if empty, serve
    python3 dev.py test    install (Chromium included) and run the whole test suite

Everything goes into a local virtualenv in .venv/; nothing is installed system-wide except
Debian's chromium package for the browser tests, when it is missing.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def say(message: str) -> None:
    print(f"[crosswalk] {message}", flush=True)


def run(*args: str, env: dict | None = None) -> None:
    result = subprocess.run(args, cwd=ROOT, env=env)
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_venv() -> None:
    """Create .venv and install the project with its test tools, again only when they change."""
    if sys.version_info < (3, 11):
        sys.exit("Crosswalk needs Python 3.11 or newer.")
    if not PYTHON.exists():
        say("creating the virtualenv in .venv/")
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except (subprocess.CalledProcessError, OSError) as error:
            shutil.rmtree(VENV, ignore_errors=True)
            # Debian and Ubuntu ship venv's pip bootstrap separately.
            sys.exit(f"Could not create the virtualenv ({error}). On Debian or Ubuntu install "
                     "it first: sudo apt-get install python3-venv")
    stamp = VENV / ".crosswalk-installed"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    say("installing Python packages")
    run(str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-e", ".[test]")
    stamp.write_text(wanted)


def ensure_chromium() -> None:
    """The browser tests drive Debian's chromium; Playwright never downloads its own."""
    if Path(CHROMIUM).exists():
        return
    say(f"{CHROMIUM} is missing: installing Debian's chromium package")
    apt = shutil.which("apt-get")
    if apt is None:
        sys.exit("Install Chromium (Debian package 'chromium') or set CHROMIUM_PATH.")
    prefix: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        if shutil.which("sudo") is None:
            sys.exit("Installing chromium needs root: run `sudo apt-get install chromium`.")
        prefix = ["sudo", "-n"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(*prefix, apt, "update", "-qq", env=env)
    run(*prefix, apt, "install", "-y", "-qq", "--no-install-recommends", "chromium", env=env)


def flask(*args: str, env: dict) -> None:
    run(str(PYTHON), "-m", "flask", "--app", "wsgi", *args, env=env)


def serve() -> None:
    ensure_venv()
    port = os.environ.get("PORT", "5000")
    env = dict(os.environ, HH_DEMO_MODE=os.environ.get("HH_DEMO_MODE", "1"))
    flask("hh", "init", env=env)
    flask("hh", "demo", "--if-empty", env=env)
    # Notifications are mailed beside the server (only when MAIL_SERVER is set; see README).
    subprocess.Popen([str(BIN / "flask"), "--app", "wsgi", "hh", "deliver-mail", "--loop"],
                     cwd=ROOT, env=env)
    say(f"serving Crosswalk at http://127.0.0.1:{port}/ (Ctrl+C stops it)")
    os.execve(str(BIN / "gunicorn"), [
        "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "8",
        "--worker-connections", "8",
        "--access-logfile", "-", "wsgi:app",
    ], env)


def test(extra: list[str]) -> None:
    ensure_venv()
    ensure_chromium()
    env = dict(os.environ, CHROMIUM_PATH=CHROMIUM, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1")
    env.pop("HH_DEMO_MODE", None)
    result = subprocess.run([str(PYTHON), "-m", "pytest", *extra], cwd=ROOT, env=env)
    sys.exit(result.returncode)


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "run":
        serve()
    elif command == "test":
        test(sys.argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
