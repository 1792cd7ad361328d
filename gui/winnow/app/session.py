"""The session: what was imported and the recipe being edited, kept in SQLite and restored on the next start.

UI state (geometry, splitters, recent files) lives in QSettings; this store holds the work itself: the
imported paths in the order they were added, the recipe's file (if saved) and its current, possibly
unsaved, content including the hand overrides.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

SCHEMA = "CREATE TABLE IF NOT EXISTS session (key TEXT PRIMARY KEY, value TEXT NOT NULL)"


@dataclass(frozen=True)
class Session:
    roots: tuple[str, ...] = ()  # imported files and folders, in the order they were added
    recipe_path: str | None = None  # the recipe file last opened or saved, if any
    recipe_text: str | None = None  # the recipe being edited (TOML), saved or not
    saved_text: str | None = None  # the recipe as last saved, to restore the unsaved-changes mark
    extra: dict[str, str] = field(default_factory=dict)


class SessionStore:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=2)
        connection.execute(SCHEMA)
        return connection

    def load(self) -> Session | None:
        """The saved session, or None when there is none (or the file is unreadable)."""
        if not self.path.exists():
            return None
        try:
            with closing(self._connect()) as db:
                values = dict(db.execute("SELECT key, value FROM session").fetchall())
        except sqlite3.Error:
            return None
        if not values:
            return None
        try:
            roots = tuple(str(p) for p in json.loads(values.get("roots", "[]")))
        except (ValueError, TypeError):
            roots = ()
        known = {"roots", "recipe_path", "recipe_text", "saved_text"}
        return Session(
            roots=roots,
            recipe_path=values.get("recipe_path") or None,
            recipe_text=values.get("recipe_text"),
            saved_text=values.get("saved_text"),
            extra={k: v for k, v in values.items() if k not in known},
        )

    def save(self, session: Session) -> None:
        rows = {"roots": json.dumps(list(session.roots)), "recipe_path": session.recipe_path or "", **session.extra}
        if session.recipe_text is not None:
            rows["recipe_text"] = session.recipe_text
        if session.saved_text is not None:
            rows["saved_text"] = session.saved_text
        with closing(self._connect()) as db, db:
            db.execute("DELETE FROM session")
            db.executemany("INSERT INTO session (key, value) VALUES (?, ?)", rows.items())
