"""The session cache: HTML main-content extraction kept in SQLite, so reopening a large session is fast.

Key: a SHA-256 of the page's text plus the extractor's version key (Winnow's version, trafilatura's, and a
hash of the extraction code), so a new extractor never sees an old result: the cache cannot be stale, only
miss. Values are the extracted PageText, pickled and compressed. The file lives in the user's cache folder
(platformdirs), is bounded in size (least recently used entries go first) and is safe to delete at any
time, even while Winnow runs: a missing, locked or damaged cache only means extracting again.

The cache object pickles as its path and limits, so it can travel in ReadOptions to worker processes;
each thread and process opens its own connection.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sqlite3
import threading
import time
import zlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from winnow import __version__
from winnow.readers import html as html_reader
from winnow.readers import trafilatura_xpaths

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 512 * 1024 * 1024
PRUNE_EVERY = 200  # writes between size checks
SCHEMA = """
create table if not exists pages (
    key text primary key,
    value blob not null,
    size integer not null,
    used real not null
);
create index if not exists pages_used on pages(used);
"""


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """What the extraction result depends on; any change to it changes every key."""
    import trafilatura

    try:
        # html.py and the guarded forms of trafilatura's expressions it evaluates
        code = hashlib.sha256(b"".join(Path(str(source)).read_bytes() for source in (html_reader.__file__, trafilatura_xpaths.__file__))).hexdigest()[:16]
    except OSError:  # the frozen app ships no source: its version says it all
        code = "frozen"
    return f"winnow {__version__}; trafilatura {trafilatura.__version__}; html.py {code}"


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(os.environ.get("WINNOW_CACHE_DIR") or user_cache_dir("winnow", appauthor=False))


class ExtractionCache:
    def __init__(self, path: str | Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES, version: str | None = None):
        self.path = Path(path) if path else default_cache_dir() / "extraction.sqlite3"
        self.max_bytes = max_bytes
        self.version = version
        self._local = threading.local()
        self._writes = 0
        self.hits = self.misses = 0

    def __getstate__(self) -> dict:
        return {"path": self.path, "max_bytes": self.max_bytes, "version": self.version}

    def __setstate__(self, state: dict) -> None:
        ExtractionCache.__init__(self, **state)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ExtractionCache) and self.__getstate__() == other.__getstate__()

    def __hash__(self) -> int:
        return hash((self.path, self.max_bytes, self.version))

    # ------------------------------------------------------------ use

    def extract(self, html: str, extract: Callable[[str], object] | None = None):
        """The PageText of `html`: from the cache, or extracted (with `extract`, default extract_page) and kept."""
        if extract is None:
            extract = html_reader.extract_page
        key = self.key(html)
        found = self.get(key)
        if found is not None:
            self.hits += 1
            return found
        self.misses += 1
        page = extract(html)
        self.put(key, page)
        return page

    def key(self, html: str) -> str:
        version = self.version or extractor_version()
        return hashlib.sha256(f"{version}\0{html}".encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, key: str):
        db = self._db()
        if db is None:
            return None
        try:
            row = db.execute("select value from pages where key = ?", (key,)).fetchone()
            if row is None:
                return None
            db.execute("update pages set used = ? where key = ?", (time.time(), key))
            return pickle.loads(zlib.decompress(row[0]))
        except Exception as exc:  # locked, damaged, or an entry pickled by another Python: just a miss
            log.info("extraction cache read failed: %s", exc)
            return None

    def put(self, key: str, page: object) -> None:
        db = self._db()
        if db is None:
            return
        try:
            value = zlib.compress(pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL), 3)
            db.execute("insert or replace into pages values (?, ?, ?, ?)", (key, value, len(value), time.time()))
            self._writes += 1
            if self._writes % PRUNE_EVERY == 1:
                self.prune()
        except Exception as exc:
            log.info("extraction cache write failed: %s", exc)

    def prune(self) -> None:
        """Drop the least recently used entries until the values take at most 80 % of the limit."""
        db = self._db()
        if db is None:
            return
        total = db.execute("select coalesce(sum(size), 0) from pages").fetchone()[0]
        if total <= self.max_bytes:
            return
        excess = total - int(self.max_bytes * 0.8)
        doomed, freed = [], 0
        for key, size in db.execute("select key, size from pages order by used"):
            if freed >= excess:
                break
            doomed.append((key,))
            freed += size
        db.executemany("delete from pages where key = ?", doomed)

    def size(self) -> int:
        db = self._db()
        return db.execute("select coalesce(sum(size), 0) from pages").fetchone()[0] if db is not None else 0

    def clear(self) -> None:
        self.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    def _db(self) -> sqlite3.Connection | None:
        db = getattr(self._local, "db", None)
        if db is not None and self.path.exists():
            return db
        if db is not None:  # the file was deleted under us: start a new one
            db.close()
        try:
            self._local.db = self._open()
        except Exception as exc:
            log.info("extraction cache %s not usable (%s); starting it afresh", self.path, exc)
            self.clear()
            try:
                self._local.db = self._open()
            except Exception as exc2:
                log.warning("extraction cache %s cannot be used: %s", self.path, exc2)
                self._local.db = None
        return self._local.db

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=2, isolation_level=None, check_same_thread=False)
        db.execute("pragma journal_mode = wal")
        db.execute("pragma synchronous = normal")
        db.executescript(SCHEMA)
        return db
