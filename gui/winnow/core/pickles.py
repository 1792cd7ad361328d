"""Files of consecutive pickles: a reader holds one item at a time, however many the file has."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def load_each(path: Path) -> Iterator[Any]:
    """The pickles of `path` one by one, in the order they were dumped."""
    with path.open("rb") as handle:
        while True:
            try:
                yield pickle.load(handle)
            except EOFError:
                return
