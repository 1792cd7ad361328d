"""Cleaning speed on one core: text documents per second, HTML pages per second, and the HTML overhead
over trafilatura's `extract` alone on the same pages.

Usage: .venv/bin/python bench/bench_clean.py [--quick] [--docs N] [--pages N] [--seeds DIR] [--devset DIR]

Text: the seed files, read once and replicated to N documents (seed-sized), cleaned with the default recipe.
HTML: the devset pages (bytes already in memory); for each page, trafilatura.extract (the benchmark's
reference setting) and Winnow's extract_page + clean are timed back to back, so both see the same
machine state. Times are the process's CPU time, so other programs running meanwhile do not skew the
figures. Goals are printed next to the figures.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import sys
import time
from pathlib import Path

from winnow.core.model import Document, Problem
from winnow.pipeline import Cleaner
from winnow.readers.html import EXTRACTION_OPTIONS, extract_page
from winnow.recipe import default_recipe

ROOT = Path(__file__).resolve().parent.parent
TEXT_GOAL = 2000  # documents per second
OVERHEAD_GOAL = 0.15  # Winnow's HTML cleaning may take at most 15% longer than trafilatura.extract


def seed_documents(seeds: Path) -> list[Document]:
    try:
        from winnow.readers import read_paths

        docs = [d for d in read_paths([seeds]) if not isinstance(d, Problem)]
    except Exception as exc:  # the readers may still be unfinished; the timing only needs the lines
        print(f"(read_paths unavailable: {exc}; reading the seeds directly)")
        docs = []
    if not docs:
        docs = [
            Document(source=p.name, format="text", content=(text := p.read_text(encoding="utf-8")), lines=text.splitlines())
            for p in sorted(seeds.glob("*.txt"))
        ]
    return docs


def bench_text(seeds: Path, count: int) -> None:
    originals = seed_documents(seeds)
    if not originals:
        print(f"text: no seed documents in {seeds}")
        return
    docs = [dataclasses.replace(originals[n % len(originals)], source=f"copy{n}/{originals[n % len(originals)].source}", id="") for n in range(count)]
    cleaner = Cleaner(default_recipe())
    for doc in originals:  # warm up: lazy imports, compiled patterns
        cleaner.clean(doc)
    lines = sum(len(d.lines) for d in docs)
    gc.collect()
    start = time.process_time()
    for doc in docs:
        cleaner.clean(doc)
    seconds = time.process_time() - start
    rate = count / seconds
    print(
        f"text cleaning: {rate:,.0f} documents/s ({count:,} documents, {lines / count:.0f} lines each, {seconds:.2f} s)"
        f"   goal >= {TEXT_GOAL:,}/s: {'met' if rate >= TEXT_GOAL else 'NOT met'}"
    )


def bench_html(devset: Path, limit: int | None) -> None:
    from trafilatura import extract

    paths = sorted((devset / "html").iterdir())[:limit]
    pages = [(p.name, p.read_bytes()) for p in paths]
    if not pages:
        print(f"html: no pages in {devset / 'html'}")
        return
    cleaner = Cleaner(default_recipe())
    for name, data in pages[:3]:  # warm up: trafilatura's and htmldate's first-call set-up
        extract(data, **EXTRACTION_OPTIONS)
        _winnow(cleaner, name, data)
    extract_seconds = page_seconds = clean_seconds = 0.0
    gc.collect()
    for name, data in pages:
        t0 = time.process_time()
        extract(data, **EXTRACTION_OPTIONS)
        t1 = time.process_time()
        doc = _document(name, data)
        t2 = time.process_time()
        cleaner.clean(doc)
        t3 = time.process_time()
        extract_seconds += t1 - t0
        page_seconds += t2 - t1
        clean_seconds += t3 - t2
    winnow_seconds = page_seconds + clean_seconds
    n = len(pages)
    overhead = winnow_seconds / extract_seconds - 1
    mb = sum(len(d) for _, d in pages) / 1e6
    print(
        f"html cleaning: {n / winnow_seconds:,.1f} pages/s ({n} pages, {mb:.1f} MB; extract_page {page_seconds:.2f} s"
        f" ({page_seconds / extract_seconds - 1:+.1%} over extract) + clean {clean_seconds:.2f} s ({clean_seconds / extract_seconds:+.1%}))"
    )
    print(f"trafilatura.extract alone: {n / extract_seconds:,.1f} pages/s ({extract_seconds:.2f} s)")
    print(
        f"html time ratio winnow/extract: {winnow_seconds / extract_seconds:.3f} (overhead {overhead:+.1%})"
        f"   goal overhead <= {OVERHEAD_GOAL:.0%}: {'met' if overhead <= OVERHEAD_GOAL else 'NOT met'}"
    )


def _document(name: str, data: bytes) -> Document:
    page = extract_page(data)
    return Document(source=name, format="html", content="", lines=page.lines, outside_main=page.outside_main, metadata=page.metadata)


def _winnow(cleaner: Cleaner, name: str, data: bytes) -> None:
    cleaner.clean(_document(name, data))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer documents and pages (about 15 s)")
    parser.add_argument("--docs", type=int, help="text documents to clean (default 5,000; quick 1,000)")
    parser.add_argument("--pages", type=int, help="HTML pages to clean (default all; quick 60)")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--devset", type=Path, default=Path("/work/shared/devset"))
    args = parser.parse_args()
    docs = args.docs or (1000 if args.quick else 5000)
    pages = args.pages or (60 if args.quick else None)
    print(f"Python {sys.version.split()[0]}, one core")
    bench_text(args.seeds, docs)
    bench_html(args.devset, pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
