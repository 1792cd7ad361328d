"""Undo for recipe edits: a recipe is immutable, so each command just holds the recipe before and after."""

from __future__ import annotations

import time
import zlib
from typing import Callable

from PySide6.QtGui import QUndoCommand

from winnow.recipe import Recipe

MERGE_SECONDS = 1.5  # quick successive edits of one control (spin-box clicks, typing) are one undo step


class RecipeCommand(QUndoCommand):
    def __init__(
        self,
        apply: Callable[[Recipe], None],
        old: Recipe,
        new: Recipe,
        text: str,
        merge_key: str | None = None,
        describe: Callable[[Recipe, Recipe], str] | None = None,
    ) -> None:
        """`describe(old, new)`, when given, names the step again after a merge (“40 → 2”, not “3 → 2”)."""
        super().__init__(describe(old, new) if describe else text)
        self.describe = describe
        self.apply = apply
        self.old = old
        self.new = new
        self.merge_key = merge_key
        self.when = time.monotonic()

    def redo(self) -> None:
        self.apply(self.new)

    def undo(self) -> None:
        self.apply(self.old)

    def id(self) -> int:
        return -1 if self.merge_key is None else zlib.crc32(self.merge_key.encode()) & 0x7FFFFFFF

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, RecipeCommand) or other.merge_key != self.merge_key or self.merge_key is None:
            return False
        if other.when - self.when > MERGE_SECONDS:
            return False
        self.new = other.new
        self.when = other.when
        self.setText(self.describe(self.old, self.new) if self.describe else other.text())
        return True
