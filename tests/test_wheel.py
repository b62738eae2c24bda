"""The built wheel, installed in a fresh virtual environment outside the checkout, works alone.

The wheel is built offline from a copy of the project (nothing is written into the checkout).
The fresh venv gets truce only from the wheel; its dependencies come from the environment
running the tests, through a .pth line (they are not truce, and downloading them would make the
test depend on the network). `truce demo` and a first `truce serve` then run from an empty
temporary folder, where no source tree can help them.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from truce.storage import verify_compiled

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "truce"
SERVE_WAIT = 120.0  # seconds for a first start (migrations, the example) on a loaded machine


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    home: Path  # an empty folder outside the checkout, the commands' working folder

    @property
    def bin(self) -> Path:
        return self.venv / "bin"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TRUCE_", "PYTHON"))}
        return {**env, "PYTHONUNBUFFERED": "1", "COLUMNS": "100", "NO_COLOR": "1"}

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin / "truce"), *args],
            cwd=self.home,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )


def build_wheel(out: Path) -> Path:
    """`pip wheel` on a copy of the project: no build/ or egg-info left in the checkout."""
    copy = out / "project"
    copy.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, copy / name)
    shutil.copytree(ROOT / "src", copy / "src", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "-q", "-w", str(out / "dist"), str(copy)],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    (wheel,) = (out / "dist").glob("truce-*.whl")
    return wheel


def fresh_venv(where: Path, wheel: Path) -> Path:
    """A venv with no pip, truce from the wheel, and this environment's packages readable."""
    venv = where / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    probe = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    found = subprocess.run(
        [str(venv / "bin" / "python"), "-c", probe], capture_output=True, text=True, check=True
    )
    own = Path(found.stdout.strip())
    # A .pth line adds a folder to sys.path after the venv's own; .pth files inside that folder
    # are not read, so an editable install of truce there stays inactive.
    theirs = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (own / "_test_dependencies.pth").write_text("\n".join(sorted(theirs)) + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
         "--no-deps", "--no-index", "-q", str(wheel)],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return venv


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    assert ROOT not in base.parents  # outside the checkout
    wheel = build_wheel(base)
    venv = fresh_venv(base, wheel)
    home = base / "home"
    home.mkdir()
    return Installed(wheel, venv, home)


def test_the_wheel_holds_every_file_the_package_has(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    wanted = {
        "truce/" + path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*")
        # C sources are compiled into the wheel's module, not shipped
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".c"
    }
    assert wanted - names == set()
    if os.environ.get("CI") or verify_compiled.available():  # built where it can be
        assert any(name.startswith("truce/storage/_chaincheck") for name in names)
    assert any(name.startswith("truce/examples/agreements/versions/") for name in names)


def test_truce_is_the_wheels_copy(installed: Installed) -> None:
    done = subprocess.run(
        [str(installed.bin / "python"), "-c", "import truce.examples as e; print(e.__file__)"],
        cwd=installed.home, env=installed.env(), capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert Path(done.stdout.strip()).is_relative_to(installed.venv)
    version = installed.run("--version")
    assert version.returncode == 0 and version.stdout.strip() == "truce 0.1.0"


def test_demo_runs_from_an_empty_folder(installed: Installed) -> None:
    done = installed.run("demo")
    assert done.returncode == 0, done.stderr
    assert "verify: ok" in done.stdout
    assert (installed.home / "truce-demo.db").is_file()
    # `truce` is not on PATH here: the closing hint names the program that ran, and works
    (hint,) = [line for line in done.stdout.splitlines() if line.startswith("Try: ")]
    command = shlex.split(hint.removeprefix("Try: "))
    assert Path(command[0]) == installed.bin / "truce"
    followed = subprocess.run(
        command, cwd=installed.home, env=installed.env(), capture_output=True, text=True
    )
    assert followed.returncode == 0, followed.stderr


@pytest.fixture
def serving(installed: Installed, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """`truce serve` on a fresh ledger and a free loopback port: (its URL, what it printed)."""
    db = tmp_path / "served.db"
    process = subprocess.Popen(
        [str(installed.bin / "truce"), "--db", str(db), "serve", "--port", "0"],
        cwd=installed.home, env=installed.env(), stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    seen: list[str] = []
    try:
        deadline = time.monotonic() + SERVE_WAIT
        url = None
        while url is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            seen.append(line)
            found = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
            url = found.group(1) if found else None
        assert url is not None, "".join(seen)
        yield url, "".join(seen)
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_starts_with_the_bundled_example(serving: tuple[str, str]) -> None:
    url, printed = serving
    assert "loaded the bundled example" in printed and "created the first user" in printed
    deadline = time.monotonic() + SERVE_WAIT
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:
                assert answer.status == 200
                assert "truce" in answer.read().decode("utf-8")
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
