"""The Winnow window. Qt is imported only inside `run`, so the command line never loads it."""

from __future__ import annotations

from winnow.app.samples import sample_corpus_path


def run(argv: list[str]) -> int:
    """Open the window: `argv` is paths to import plus the window's own flags (see `winnow.app.main`)."""
    from winnow.app.main import main

    return main(argv)


__all__ = ["run", "sample_corpus_path"]
