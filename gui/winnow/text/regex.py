"""User regular expressions with a time limit: the one place a pattern is checked, compiled and run.

The `regex` module's per-call `timeout` stops a catastrophic pattern (nested quantifiers on a long line)
instead of freezing the program; a search that runs out of time raises `TimeoutError`, which the caller
reports naming the pattern.
"""

from __future__ import annotations

import regex

EMPTY_LINE_TIMEOUT_S = 0.05  # a pattern too slow even on "" is refused outright


def pattern_error(pattern: str) -> str | None:
    """Why `pattern` is not a usable regular expression, or None when it is."""
    if not pattern.strip():
        return "empty pattern"
    try:
        compiled = regex.compile(pattern)
    except regex.error as exc:
        return str(exc)
    except (ValueError, OverflowError, RecursionError) as exc:  # pathological patterns
        return str(exc) or type(exc).__name__
    try:
        if compiled.search("", timeout=EMPTY_LINE_TIMEOUT_S):
            return "matches every line (even an empty one)"
    except TimeoutError:
        return "too slow even on an empty line"
    return None


class TimedPattern:
    """A compiled user pattern whose searches stop after `timeout_ms` (raising TimeoutError)."""

    def __init__(self, pattern: str, timeout_ms: int):
        self.pattern = pattern
        self.compiled = regex.compile(pattern)
        self.timeout = timeout_ms / 1000

    def search(self, text: str) -> regex.Match[str] | None:
        return self.compiled.search(text, timeout=self.timeout)
