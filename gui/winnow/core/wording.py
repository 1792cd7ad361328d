"""Counts in words, shared by the window and the command line."""

from __future__ import annotations


def plural(n: int, word: str) -> str:
    """“1 document”, “2,480 documents”: never “document(s)”."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def were(n: int) -> str:
    """The verb agreeing with a count: “1 line was”, “3 lines were”."""
    return "was" if n == 1 else "were"
