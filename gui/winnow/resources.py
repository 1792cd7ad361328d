"""Access to the files in the top-level resources/ folder, in a checkout, an install and a frozen app alike."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

PACKAGE = "winnow._resources"


def resource(name: str) -> Traversable:
    return files(PACKAGE).joinpath(name)


def read_text(name: str) -> str:
    return resource(name).read_text(encoding="utf-8")


def read_bytes(name: str) -> bytes:
    return resource(name).read_bytes()


__all__ = ["read_bytes", "read_text", "resource"]
