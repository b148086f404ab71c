"""The README's Quick start says what dev.py does: two commands, serving the demo without the test
tools, and the demo accounts as they are."""
import importlib.util
import re
from pathlib import Path

import pytest

from hh.demo import DEMO_USERS

ROOT = Path(__file__).resolve().parent.parent


def quick_start() -> str:
    readme = (ROOT / "README.md").read_text()
    start = readme.index("## Quick start")
    return readme[start:readme.index("\n## ", start)]


def test_the_quick_start_is_two_commands():
    block = re.search(r"```sh\n(.*?)```", quick_start(), re.DOTALL).group(1)
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == [
        "python3 dev.py run", "python3 dev.py test"]


def test_the_readme_lists_every_demo_account_with_its_password():
    section = quick_start()
    rows = re.findall(r"^\| (\w+) \| `([^`]+)` \| `([^`]+)` \|$", section, re.MULTILINE)
    assert rows == [(u["role"], u["email"], u["password"]) for u in DEMO_USERS]
    assert len(DEMO_USERS) == 5 and "the five demo accounts" in section


def test_design_notes_are_in_the_repository():
    design = ROOT / "docs" / "DESIGN.md"
    assert design.exists()
    assert "(docs/DESIGN.md)" in (ROOT / "README.md").read_text()
    for heading in ("## Stack", "## Layout", "## Roles", "## Client-level data", "## Command line"):
        assert heading in design.read_text()


@pytest.fixture
def dev(tmp_path, monkeypatch):
    """dev.py with its virtualenv in a temporary folder and pip replaced by a recorder."""
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    venv = tmp_path / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").touch()
    monkeypatch.setattr(module, "VENV", venv)
    monkeypatch.setattr(module, "PYTHON", venv / "bin" / "python")
    module.installs = []
    monkeypatch.setattr(module, "run", lambda *args, **kw: module.installs.append(args[-1]))
    monkeypatch.setattr(module, "say", lambda message: None)
    return module


def test_serving_the_demo_installs_the_app_without_the_test_tools(dev):
    dev.ensure_venv("run")
    assert dev.installs == ["."]
    dev.ensure_venv("run")
    assert dev.installs == ["."], "installed once until pyproject.toml changes"
    dev.ensure_venv("test")
    assert dev.installs == [".", ".[test]"]
    dev.ensure_venv("test")
    dev.ensure_venv("run")
    assert dev.installs == [".", ".[test]"]


def test_the_test_install_serves_the_demo_too(dev):
    dev.ensure_venv("test")
    dev.ensure_venv("run")
    assert dev.installs == [".[test]"]
