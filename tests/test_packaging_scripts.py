"""packaging/build.sh and packaging/ci-frozen-check.sh, driven with stand-ins so no real build is needed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SOURCE_WINNOW = Path(sys.executable).with_name("winnow")
CHECK = REPO / "packaging" / "ci-frozen-check.sh"
BUNDLE_FILES = (
    "winnow/_resources/default-recipe.toml",
    "winnow/_resources/icons/winnow.svg",
    "trafilatura/settings.cfg",
    "justext/stoplists/English.txt",
    "tld/res/effective_tld_names.dat.txt",
)

pytestmark = pytest.mark.skipif(not SOURCE_WINNOW.exists(), reason="needs the installed `winnow` console script")

# A stand-in for dist/winnow/winnow that runs the source install; MANGLE=1 makes its exports differ.
FAKE_FROZEN = """#!/usr/bin/env bash
if [[ "$1" == --smoke-test ]]; then echo "winnow smoke test passed"; exit 0; fi
"{real}" "$@"; status=$?
if [[ -n "${{MANGLE:-}}" ]]; then
    out=""; prev=""
    for arg in "$@"; do [[ "$prev" == --output ]] && out="$arg"; prev="$arg"; done
    [[ -n "$out" ]] && echo '{{"id": "extra"}}' >> "$out"
fi
exit $status
"""


def fake_repo(root: Path, with_bundle_files: bool = True) -> Path:
    shutil.copytree(REPO / "seeds", root / "seeds")
    (root / ".venv" / "bin").mkdir(parents=True)
    (root / ".venv" / "bin" / "winnow").symlink_to(SOURCE_WINNOW)
    frozen = root / "dist" / "winnow" / "winnow"
    (frozen.parent / "_internal").mkdir(parents=True)
    frozen.write_text(FAKE_FROZEN.format(real=SOURCE_WINNOW), encoding="utf-8")
    frozen.chmod(0o755)
    if with_bundle_files:
        shutil.copytree(REPO / "seeds", frozen.parent / "_internal" / "seeds")
        for name in BUNDLE_FILES:
            path = frozen.parent / "_internal" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("stand-in\n", encoding="utf-8")
    return root


def run_check(root: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(CHECK), str(root)], env={**os.environ, **env}, capture_output=True, text=True, timeout=300)


def test_check_passes_when_the_frozen_app_matches_the_source_install(tmp_path):
    pytest.importorskip("winnow.kernel._lines", reason="the compiled kernel is not built here (no C compiler)")
    result = run_check(fake_repo(tmp_path / "repo"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "identical JSONL (4 documents)" in result.stdout
    assert "all checks passed" in result.stdout


def test_check_fails_when_the_frozen_export_differs(tmp_path):
    result = run_check(fake_repo(tmp_path / "repo"), MANGLE="1")
    assert result.returncode != 0
    assert "differs from the source install" in result.stderr


def test_check_fails_when_the_bundle_lacks_runtime_data(tmp_path):
    result = run_check(fake_repo(tmp_path / "repo", with_bundle_files=False))
    assert result.returncode != 0
    assert "the bundle lacks tld/res/effective_tld_names.dat.txt" in result.stderr


def test_check_fails_when_the_frozen_app_runs_the_pure_kernel(tmp_path):
    """The frozen app must ship and load the compiled kernel, not fall back to its pure-Python twin."""
    result = run_check(fake_repo(tmp_path / "repo"), WINNOW_PURE_KERNEL="1")
    assert result.returncode != 0
    assert "does not load the compiled kernel" in result.stderr


def test_check_without_a_build_says_how_to_make_one(tmp_path):
    root = fake_repo(tmp_path / "repo")
    shutil.rmtree(root / "dist")
    result = run_check(root)
    assert result.returncode != 0
    assert "packaging/build.sh" in result.stderr


def test_build_refuses_unknown_options_before_building():
    result = subprocess.run(["bash", str(REPO / "packaging" / "build.sh"), "--fast"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "--fast" in result.stderr
