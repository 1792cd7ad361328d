"""The session cache: HTML extraction kept in SQLite, keyed by content and extractor version; bounded,
safe to delete, never stale; the window's imports go through it."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from scale_helpers import html_page, make_corpus
from winnow.cache import ExtractionCache, extractor_version
from winnow.core.model import Document
from winnow.readers import ReadOptions, html, read_paths

PAGE = html_page(
    [
        "Budget approved",
        "ADVERTISEMENT",
        "The council approved the new budget after a long debate.",
        "Residents had asked for more money for schools, roads and the library.",
    ]
)


class CountingExtractor:
    def __init__(self):
        self.calls = 0
        self.extract = html.extract_page

    def __call__(self, text, **options):
        self.calls += 1
        return self.extract(text, **options)


@pytest.fixture
def extractor(monkeypatch):
    counting = CountingExtractor()
    monkeypatch.setattr(html, "extract_page", counting)
    return counting


def test_a_page_is_extracted_once_and_then_comes_from_the_cache(tmp_path):
    cache = ExtractionCache(tmp_path / "c.sqlite3")
    extract = CountingExtractor()
    first = cache.extract(PAGE, extract)
    again = ExtractionCache(tmp_path / "c.sqlite3").extract(PAGE, extract)  # a new session, same file
    assert extract.calls == 1
    assert again == first and "The council approved the new budget after a long debate." in again.lines


def test_a_new_extractor_version_is_never_served_an_old_result(tmp_path):
    extract = CountingExtractor()
    ExtractionCache(tmp_path / "c.sqlite3", version="extractor 1").extract(PAGE, extract)
    ExtractionCache(tmp_path / "c.sqlite3", version="extractor 2").extract(PAGE, extract)
    assert extract.calls == 2
    ExtractionCache(tmp_path / "c.sqlite3", version="extractor 2").extract(PAGE + " ", extract)  # other content
    assert extract.calls == 3


def test_the_default_version_key_names_the_extraction_code_and_trafilatura():
    import trafilatura

    version = extractor_version()
    assert f"trafilatura {trafilatura.__version__}" in version and "html.py " in version


def test_the_cache_stays_under_its_size_limit(tmp_path):
    cache = ExtractionCache(tmp_path / "c.sqlite3", max_bytes=20_000)
    extract = CountingExtractor()
    for n in range(60):
        cache.extract(html_page([f"Page {n}", f"A sentence that makes page number {n} differ from the others, {n * 7919}."]), extract)
    cache.prune()
    assert 0 < cache.size() <= 20_000
    assert extract.calls == 60


@pytest.mark.parametrize("damage", ["delete", "garbage"])
def test_a_deleted_or_damaged_cache_only_means_extracting_again(tmp_path, damage):
    path = tmp_path / "c.sqlite3"
    cache = ExtractionCache(path)
    extract = CountingExtractor()
    expected = cache.extract(PAGE, extract)
    cache.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    if damage == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    fresh = ExtractionCache(path)
    assert fresh.extract(PAGE, extract) == expected
    assert extract.calls == 2
    assert fresh.extract(PAGE, extract) == expected and extract.calls == 2  # and it caches again


def test_reading_through_the_cache_gives_the_same_documents(tmp_path, extractor):
    corpus = make_corpus(tmp_path / "corpus", files=10)
    options = ReadOptions(extraction_cache=ExtractionCache(tmp_path / "c.sqlite3"))
    plain = [d for d in read_paths([corpus]) if isinstance(d, Document)]
    calls_without_cache = extractor.calls
    first = [d for d in read_paths([corpus], options) if isinstance(d, Document)]
    second = [d for d in read_paths([corpus], options) if isinstance(d, Document)]
    assert calls_without_cache == 5  # the five HTML pages
    assert extractor.calls == 2 * calls_without_cache  # the second cached read extracted nothing
    assert [(d.lines, d.outside_main, d.metadata) for d in second] == [(d.lines, d.outside_main, d.metadata) for d in plain]
    assert [d.lines for d in first] == [d.lines for d in plain]


def test_the_cache_travels_to_worker_processes_as_its_path(tmp_path):
    cache = ExtractionCache(tmp_path / "c.sqlite3", max_bytes=1234, version="v")
    cache.extract(PAGE, CountingExtractor())
    copy = pickle.loads(pickle.dumps(ReadOptions(extraction_cache=cache))).extraction_cache
    assert copy == cache
    extract = CountingExtractor()
    copy.extract(PAGE, extract)
    assert extract.calls == 0


def test_the_window_imports_through_its_cache(main_window, qtbot, tmp_path, extractor, monkeypatch):
    from app_helpers import import_and_wait, inline_workers

    inline_workers(monkeypatch)  # the window reads in worker processes; on threads here, the counting extractor sees it
    corpus = make_corpus(tmp_path / "corpus", files=6)
    import_and_wait(qtbot, main_window, [str(corpus)])
    cache = main_window.extraction_cache
    assert cache.path.exists() and cache.size() > 0
    assert extractor.calls == 3  # the three HTML pages
