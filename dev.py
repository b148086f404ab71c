#!/usr/bin/env python3
"""Quick start for Crosswalk, needing only Python 3.11+.

    python3 dev.py run     install the app, create the database, load demo data if empty, serve
    python3 dev.py test    install the app and its test tools (Chromium included), run the whole
                           suite on SQLite, then all but the browser tests on a throwaway PostgreSQL

Everything goes into a local virtualenv in .venv/; nothing is installed system-wide except
Debian's chromium, chromium-headless-shell, postgresql and redis-server packages for the tests,
when they are missing.
Serving the demo installs only what the app needs; the test tools (pytest, Playwright, axe, ...)
come with the first `test`.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import venv
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
# Debian's headless-only build of its Chromium release (package chromium-headless-shell), as
# Playwright itself runs headless tests: the same Blink and V8 without the desktop browser's
# layers, so a browser test costs a third less CPU. CHROMIUM_PATH=/usr/bin/chromium: the full one.
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium-headless-shell")


def say(message: str) -> None:
    print(f"[crosswalk] {message}", flush=True)


def run(*args: str, env: dict | None = None) -> None:
    result = subprocess.run(args, cwd=ROOT, env=env)
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_venv(what: str) -> None:
    """Create .venv and install the project ("run": the app; "test": the app and its test tools),
    again only when pyproject.toml changes."""
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
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp(what).exists() and stamp(what).read_text() == wanted:
        return
    say("installing Python packages (the first time takes a few minutes)" if what == "run" else
        "installing Python packages and the test tools (the first time takes a few minutes)")
    run(str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-e", "." if what == "run" else ".[test]")
    # The test install holds everything `run` needs too.
    for done in ("run",) if what == "run" else ("run", "test"):
        stamp(done).write_text(wanted)


def stamp(what: str) -> Path:
    """Notes which pyproject.toml the last install of `what` ("run" or "test") followed."""
    return VENV / f".crosswalk-installed-{what}"


def ensure_chromium() -> None:
    """The browser tests drive Debian's Chromium (see CHROMIUM); Playwright never downloads its
    own. The full browser comes with it, to run them in (CHROMIUM_PATH=/usr/bin/chromium)."""
    if not Path(CHROMIUM).exists():
        apt_install("chromium chromium-headless-shell", f"{CHROMIUM} is missing",
                    "or set CHROMIUM_PATH")


def apt_install(package: str, why: str, otherwise: str = "") -> None:
    """`package`: one, or several separated by spaces."""
    say(f"{why}: installing Debian's package(s) {package}")
    apt = shutil.which("apt-get")
    if apt is None:
        sys.exit(f"Install Debian's package(s) {package} {otherwise}".strip() + ".")
    prefix: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        if shutil.which("sudo") is None:
            sys.exit(f"Installing {package} needs root: run `sudo apt-get install {package}`.")
        prefix = ["sudo", "-n"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(*prefix, apt, "update", "-qq", env=env)
    run(*prefix, apt, "install", "-y", "-qq", "--no-install-recommends", *package.split(), env=env)


def postgres_bin() -> Path:
    """The newest installed PostgreSQL's programs (Debian keeps them out of PATH)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    if not found:
        apt_install("postgresql", "PostgreSQL is missing (the tests run on it too)")
        return postgres_bin()
    return found[-1].parent


@contextmanager
def throwaway_postgres():
    """A PostgreSQL cluster of its own on a free loopback port, removed afterwards; built for
    speed, not durability (fsync off). Yields its URL."""
    bin_dir, folder = postgres_bin(), Path(tempfile.mkdtemp(prefix="crosswalk-pg-"))
    as_owner: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(folder, "postgres")
        as_owner = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    data = folder / "data"
    options = (f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
    say(f"starting a throwaway PostgreSQL on port {port}")
    quiet = {"stdout": subprocess.DEVNULL}
    try:
        subprocess.run([*as_owner, bin_dir / "initdb", "-D", data, "-U", "postgres", "-A", "trust",
                        "--no-sync"], check=True, **quiet)
        subprocess.run([*as_owner, bin_dir / "pg_ctl", "-D", data, "-o", options, "-l",
                        folder / "log", "-w", "start"], check=True, **quiet)
        subprocess.run([bin_dir / "createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
                        "crosswalk_test"], check=True)
        yield f"postgresql://postgres@127.0.0.1:{port}/crosswalk_test"
    finally:
        subprocess.run([*as_owner, bin_dir / "pg_ctl", "-D", data, "-m", "immediate", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(folder, ignore_errors=True)


def flask(*args: str, env: dict) -> None:
    run(str(PYTHON), "-m", "flask", "--app", "wsgi", *args, env=env)


def serve() -> None:
    ensure_venv("run")
    port = os.environ.get("PORT", "5000")
    env = dict(os.environ, HH_DEMO_MODE=os.environ.get("HH_DEMO_MODE", "1"))
    flask("hh", "init", env=env)
    flask("hh", "demo", "--if-empty", env=env)
    # Notifications are mailed beside the server (only when MAIL_SERVER is set; see README).
    subprocess.Popen([str(BIN / "flask"), "--app", "wsgi", "hh", "deliver-mail", "--loop"],
                     cwd=ROOT, env=env)
    say(f"serving Crosswalk at http://127.0.0.1:{port}/ (Ctrl+C stops it)")
    # The production settings (gunicorn.conf.py: a worker per core); ACCESS_LOG=1 logs requests.
    access_log = ["--access-logfile", "-"] if os.environ.get("ACCESS_LOG") == "1" else []
    os.execve(str(BIN / "gunicorn"), [
        "gunicorn", "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", *access_log,
        "wsgi:app"], env)


def test(extra: list[str]) -> None:
    """With arguments: pytest with them. Without: the whole suite on SQLite, then everything but
    the browser tests on a throwaway PostgreSQL; both in parallel, one worker per core."""
    ensure_venv("test")
    ensure_chromium()
    if shutil.which("redis-server") is None:
        apt_install("redis-server", "Redis is missing (a test runs two instances on one Redis)")
    env = dict(os.environ, CHROMIUM_PATH=CHROMIUM, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1")
    env.pop("HH_DEMO_MODE", None)
    # pytest keeps the test modules it rewrote (for its assertion messages) only where Python may
    # write bytecode: each worker of the second leg would otherwise rewrite them all again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if extra:
        sys.exit(pytest(extra, env))
    # worksteal: a worker that runs out takes half of the other's queue, so the workers finish
    # together however the browser tests (most of the time) fell between them.
    # The slowest tests are listed after each leg, so a test that makes the suite slow shows.
    parallel = ["-n", "auto", "--dist", "worksteal", "--durations=15"]
    say("SQLite: the whole suite")
    failed = pytest(parallel, env)
    with throwaway_postgres() as url:
        say("PostgreSQL: every test but the browser tests")
        failed = pytest([*parallel, "-m", "not browser"],
                        dict(env, TEST_DATABASE_URL=url)) or failed
    sys.exit(failed)


def pytest(args: list[str], env: dict) -> int:
    return subprocess.run([str(PYTHON), "-m", "pytest", *args], cwd=ROOT, env=env).returncode


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
