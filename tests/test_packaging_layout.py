"""pyproject.toml ships every folder of the source tree as the package it is, so an install neither drops a
folder nor warns ("Package would be ignored") about one it ships as data."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SETUPTOOLS = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def listed_packages() -> set[str]:
    return set(SETUPTOOLS["packages"])


def test_every_resources_folder_is_a_listed_package():
    folders = {path.relative_to(REPO / "resources") for path in (REPO / "resources").rglob("*") if path.is_dir() and path.name != "__pycache__"}
    wanted = {".".join(("winnow._resources", *folder.parts)) for folder in folders}
    assert wanted and wanted <= listed_packages(), sorted(wanted - listed_packages())


def test_every_engine_folder_with_modules_is_a_listed_package():
    root = REPO / "gui"
    folders = {path.parent for path in (root / "winnow").rglob("__init__.py")}
    wanted = {".".join(folder.relative_to(root).parts) for folder in folders}
    assert "winnow.kernel" in wanted and wanted <= listed_packages(), sorted(wanted - listed_packages())


def test_every_listed_package_has_its_folder():
    mapping = SETUPTOOLS["package-dir"]
    for package in listed_packages():
        head = "winnow._resources" if package.startswith("winnow._resources") else ""
        base = REPO / mapping[head]
        rest = package.removeprefix(head).strip(".").split(".") if head else package.split(".")
        assert base.joinpath(*filter(None, rest)).is_dir(), package
