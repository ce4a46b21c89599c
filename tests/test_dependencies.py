"""What is installed is what was reviewed: locked with hashes, and the servers' settings."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def pins(path: Path) -> dict[str, str]:
    """name -> version of every ``name==version`` line (comments and options left out)."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", line.split("#")[0].strip())
        if match:
            found[match.group(1).lower().replace("_", "-")] = match.group(2)
    return found


@pytest.mark.parametrize(("direct", "lock"), [("requirements.txt", "requirements.lock"),
                                              ("requirements-dev.txt", "requirements-dev.lock")])
def test_every_package_is_locked_with_hashes_at_the_pinned_version(direct, lock):
    text = (REPO / lock).read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", text.split("\n", 1)[1] if text.startswith("#") else text)
    packages = [block for block in blocks if re.match(r"^[A-Za-z0-9_.-]+==", block)]
    assert len(packages) > 40 and all("--hash=sha256:" in block for block in packages)
    locked = pins(REPO / lock)
    for name, version in pins(REPO / direct).items():
        assert locked.get(name) == version, (name, version, locked.get(name))
    assert "file://" not in text and "--index-url" not in text  # nothing of this machine in it


def test_scripts_install_with_require_hashes():
    assert "--require-hashes" in (REPO / "scripts" / "install.sh").read_text()
    for script in ("start.sh", "test.sh", "serve.sh"):
        assert re.search(r"scripts/install\.sh requirements(-dev)?\.lock", (REPO / "scripts" / script).read_text())


def test_gunicorn_opens_no_control_socket():
    """gunicorn 27 opens ~/.gunicorn/gunicorn.ctl by default; two instances of one user would
    remove each other's socket."""
    settings = runpy.run_path(str(REPO / "gunicorn.conf.py"))
    assert settings["control_socket_disable"] is True and settings["preload_app"] is True


def test_the_installer_in_every_venv_is_the_pinned_one():
    """scripts/install.sh brings pip itself to the locked version (a fresh venv has an old one)."""
    import importlib.metadata
    import re
    from pathlib import Path
    pinned = re.search(r"^pip==(\S+)", (Path(__file__).parents[1] / "requirements.txt").read_text(), re.M).group(1)
    assert importlib.metadata.version("pip") == pinned
