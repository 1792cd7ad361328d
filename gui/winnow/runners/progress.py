"""The command line's progress bar: input bytes done (so the ETA holds for a mix of small files and big
archives), documents cleaned and documents per second. tqdm turns itself off when stderr is not a terminal."""

from __future__ import annotations

import sys
import time
from typing import Any

from winnow.runners.shards import Shard


class RunProgress:
    def __init__(self, enabled: bool, total_bytes: int = 0):
        self.enabled = enabled
        self.total = total_bytes
        self.documents = 0
        self.started = time.monotonic()
        self.bar: Any = None  # a tqdm bar, made at the first update

    def shard_done(self, shard: Shard, documents: int) -> None:
        self.documents += documents
        if not self.enabled:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=self.total or None, unit="B", unit_scale=True, file=sys.stderr, disable=None, leave=False, dynamic_ncols=True)
        rate = self.documents / max(time.monotonic() - self.started, 1e-6)
        self.bar.update(shard.size)
        self.bar.set_postfix_str(f"{self.documents} docs, {rate:.1f} docs/s", refresh=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
