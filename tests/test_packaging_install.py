"""packaging/install.sh: installs a built app under a prefix (or a staging DESTDIR) and uninstalls it cleanly.

A stand-in dist/winnow/ (a shell script named winnow) keeps these tests independent of a real build.
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
INSTALL = REPO / "packaging" / "install.sh"
APP_ID = "io.github.winnow.Winnow"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="install.sh is for Linux")


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    folder = tmp_path / "dist" / "winnow"
    (folder / "_internal").mkdir(parents=True)
    (folder / "_internal" / "data.txt").write_text("bundled data\n", encoding="utf-8")
    exe = folder / "winnow"
    exe.write_text('#!/bin/sh\necho "stand-in winnow $*"\n', encoding="utf-8")
    exe.chmod(0o755)
    return folder


def run_install(dist: Path, prefix: Path, *args: str, destdir: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PREFIX": str(prefix), "WINNOW_DIST": str(dist), "HOME": str(prefix.parent / "home")}
    env.pop("DESTDIR", None)
    if destdir is not None:
        env["DESTDIR"] = str(destdir)
    return subprocess.run(["bash", str(INSTALL), *args], env=env, capture_output=True, text=True, timeout=120)


def desktop_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_install_puts_app_command_entry_and_icons_under_the_prefix(dist, tmp_path):
    prefix = tmp_path / "prefix"
    result = run_install(dist, prefix)
    assert result.returncode == 0, result.stderr

    assert (prefix / "lib" / "winnow" / "_internal" / "data.txt").read_text(encoding="utf-8") == "bundled data\n"
    command = prefix / "bin" / "winnow"
    assert command.is_symlink()
    assert command.resolve() == (prefix / "lib" / "winnow" / "winnow").resolve()
    ran = subprocess.run([str(command), "--version"], capture_output=True, text=True)
    assert ran.stdout.strip() == "stand-in winnow --version"

    entry = desktop_entry(prefix / "share" / "applications" / f"{APP_ID}.desktop")
    assert entry["Exec"] == f"{command} %F"  # absolute: ~/.local/bin is not always on a desktop's PATH
    assert entry["Icon"] == APP_ID

    from PySide6.QtGui import QImage

    for size in SIZES:
        icon = QImage(str(prefix / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
        assert (icon.width(), icon.height()) == (size, size)
    svg = prefix / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert svg.read_bytes() == (REPO / "resources" / "icons" / "winnow.svg").read_bytes()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_installed_entry_is_valid(dist, tmp_path):
    prefix = tmp_path / "prefix"
    assert run_install(dist, prefix).returncode == 0
    result = subprocess.run(
        ["desktop-file-validate", str(prefix / "share" / "applications" / f"{APP_ID}.desktop")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_reinstall_replaces_the_previous_app_folder(dist, tmp_path):
    prefix = tmp_path / "prefix"
    assert run_install(dist, prefix).returncode == 0
    stale = prefix / "lib" / "winnow" / "_internal" / "from-an-old-version.so"
    stale.write_text("old", encoding="utf-8")
    assert run_install(dist, prefix).returncode == 0
    assert not stale.exists()
    assert (prefix / "lib" / "winnow" / "winnow").is_file()


def test_destdir_stages_files_but_links_name_the_final_prefix(dist, tmp_path):
    prefix, stage = Path("/opt/winnow-test-prefix"), tmp_path / "stage"
    result = run_install(dist, prefix, destdir=stage)
    assert result.returncode == 0, result.stderr
    root = stage / prefix.relative_to("/")
    assert (root / "lib" / "winnow" / "winnow").is_file()
    assert os.readlink(root / "bin" / "winnow") == f"{prefix}/lib/winnow/winnow"
    entry = desktop_entry(root / "share" / "applications" / f"{APP_ID}.desktop")
    assert entry["Exec"] == f"{prefix}/bin/winnow %F"
    assert not prefix.exists()  # nothing written outside the staging folder


def test_prefix_needing_quotes_falls_back_to_the_bare_command(dist, tmp_path):
    prefix = tmp_path / "my apps"
    assert run_install(dist, prefix).returncode == 0
    entry = desktop_entry(prefix / "share" / "applications" / f"{APP_ID}.desktop")
    assert entry["Exec"] == "winnow %F"


def test_uninstall_removes_what_install_added_and_nothing_else(dist, tmp_path):
    prefix = tmp_path / "prefix"
    assert run_install(dist, prefix).returncode == 0
    neighbour_icon = prefix / "share" / "icons" / "hicolor" / "48x48" / "apps" / "other-app.png"
    neighbour_icon.write_bytes(b"not ours")
    neighbour_entry = prefix / "share" / "applications" / "other-app.desktop"
    neighbour_entry.write_text("[Desktop Entry]\n", encoding="utf-8")

    result = run_install(dist, prefix, "--uninstall")
    assert result.returncode == 0, result.stderr
    assert not (prefix / "lib" / "winnow").exists()
    assert not (prefix / "bin" / "winnow").exists() and not (prefix / "bin" / "winnow").is_symlink()
    assert not (prefix / "share" / "applications" / f"{APP_ID}.desktop").exists()
    assert not list((prefix / "share" / "icons").rglob(f"{APP_ID}.*"))
    assert neighbour_icon.read_bytes() == b"not ours"
    assert neighbour_entry.exists()


def test_uninstall_leaves_a_winnow_command_it_did_not_create(dist, tmp_path):
    prefix = tmp_path / "prefix"
    (prefix / "bin").mkdir(parents=True)
    foreign = prefix / "bin" / "winnow"
    foreign.write_text("#!/bin/sh\necho someone else's\n", encoding="utf-8")
    assert run_install(dist, prefix, "--uninstall").returncode == 0
    assert foreign.read_text(encoding="utf-8").startswith("#!/bin/sh")


def test_install_without_a_build_says_how_to_make_one(tmp_path):
    result = run_install(tmp_path / "no-such-dist", tmp_path / "prefix")
    assert result.returncode != 0
    assert "packaging/build.sh" in result.stderr
    assert not (tmp_path / "prefix" / "lib" / "winnow").exists()


def test_unknown_option_is_refused(dist, tmp_path):
    result = run_install(dist, tmp_path / "prefix", "--frobnicate")
    assert result.returncode != 0
    assert "--frobnicate" in result.stderr
