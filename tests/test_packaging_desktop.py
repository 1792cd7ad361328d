"""The Linux desktop entry: valid, launches `winnow` with the files, offers itself for the corpus file types."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
APP_ID = "io.github.winnow.Winnow"
DESKTOP = REPO / "packaging" / f"{APP_ID}.desktop"


def read_entry(path: Path = DESKTOP) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive in desktop entries
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def as_list(value: str) -> list[str]:
    assert value.endswith(";"), f"a desktop-entry list must end with ';': {value!r}"
    return value[:-1].split(";")


def test_entry_launches_winnow_with_the_chosen_files():
    entry = read_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "winnow %F"
    assert entry["Terminal"] == "false"
    assert entry["Name"] == "Winnow"


def test_entry_names_the_installed_icon():
    entry = read_entry()
    assert entry["Icon"] == APP_ID == DESKTOP.stem  # reverse-DNS file name and icon name alike
    assert (REPO / "resources" / "icons" / "winnow.svg").is_file()


@pytest.mark.parametrize(
    "mime",
    [
        "text/plain",
        "text/html",
        "application/xhtml+xml",
        "application/json",
        "application/x-ndjson",
        "text/csv",
        "text/tab-separated-values",
        "application/gzip",
    ],
)
def test_entry_offers_to_open_corpus_files(mime):
    assert mime in as_list(read_entry()["MimeType"])


def test_entry_does_not_claim_unrelated_types():
    types = as_list(read_entry()["MimeType"])
    assert not [t for t in types if t.startswith(("image/", "audio/", "video/", "inode/"))]


def test_entry_has_categories_and_keywords():
    entry = read_entry()
    assert "Utility" in as_list(entry["Categories"])
    assert "corpus" in as_list(entry["Keywords"])


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_file_validate_accepts_the_entry():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_file_validate_rejects_a_broken_entry(tmp_path):
    """The validator really looks: an unknown Type fails (so the test above can fail too)."""
    broken = tmp_path / f"{APP_ID}.desktop"
    broken.write_text(DESKTOP.read_text(encoding="utf-8").replace("Type=Application", "Type=Program"), encoding="utf-8")
    result = subprocess.run(["desktop-file-validate", str(broken)], capture_output=True, text=True)
    assert result.returncode != 0
