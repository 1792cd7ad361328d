"""A time budget per document: the last guard against a page that would stall a whole run.

Every step is meant to be linear in the document's size; should one still run away on some input, the
steps that loop over a document call `Budget.check`, which raises `OverBudget` once the document has
taken longer than its budget. The reader or cleaner then reports the document as a problem naming it,
and the run goes on with the next one.
"""

from __future__ import annotations

import time

DOCUMENT_SECONDS = 60.0  # a devset page takes ~0.05 s; no reasonable page comes near a minute


class OverBudget(Exception):
    """A document took longer than its time budget."""


class Budget:
    """The time left for one document, started when it is made."""

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = DOCUMENT_SECONDS if seconds is None else seconds
        self._deadline = time.perf_counter() + self.seconds

    def check(self, step: str = "") -> None:
        if time.perf_counter() > self._deadline:
            where = f" ({step})" if step else ""
            raise OverBudget(f"took longer than its time budget of {self.seconds:g} s{where}")

    def check_rule(self, rule_id: str) -> None:
        """`check(f"before rule {rule_id}")`, the step's name made only when the budget has run out (a dozen rules a page)."""
        if time.perf_counter() > self._deadline:
            self.check(f"before rule {rule_id}")
