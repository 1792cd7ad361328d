"""Window benchmark: import and clean many generated documents without the event loop stalling.

Prints: import time, the longest gap between 10 ms QTimer ticks while importing (target < 100 ms),
the time typing a filter takes to filter the document list (target: instant, < 100 ms), the time a click
on a column header takes to sort it, the time a rule
toggle takes to update the preview (target < 50 ms), the recount after it and the near-duplicate judging after
that (and their longest gaps), and the peak memory (target < 1 GB at 10,000 documents, < 2 GB at 100,000).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_window.py [--documents 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

WORDS = (
    "council harbour barrier budget storm river school teacher museum gallery railway drivers union "
    "market prices farmers harvest weather minister election voters hospital doctors patients bridge "
    "engineers festival music city mayor police report court judge company workers factory"
).split()
JUNK = [
    "ADVERTISEMENT",
    "Share this article",
    "Read more:",
    "Accept all cookies",
    "Sign up for our newsletter",
    "Follow us on Twitter",
    "Advertisement",
    "Related articles",
]


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def article(rng: random.Random) -> str:
    lines = [sentence(rng, rng.randint(6, 10)).rstrip("."), ""]
    for _ in range(rng.randint(6, 14)):
        lines.append(" ".join(sentence(rng, rng.randint(10, 22)) for _ in range(rng.randint(2, 4))))
        lines.append("")
        if rng.random() < 0.3:
            lines += [rng.choice(JUNK), ""]
    lines += [rng.choice(JUNK) for _ in range(rng.randint(1, 4))]
    return "\n".join(lines) + "\n"


def generate(folder: Path, count: int) -> None:
    rng = random.Random(1234)
    for n in range(count):
        sub = folder / f"part{n // 1000:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"doc{n:05d}.txt").write_text(article(rng), encoding="utf-8")


class GapMeter:
    """Records the gaps between ticks of a 10 ms timer: a long gap is a stalled event loop."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self.tick)
        self.gaps: list[float] = []
        self.last = 0.0

    def start(self) -> None:
        self.gaps.clear()
        self.last = time.perf_counter()
        self.timer.start()

    def tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self.last)
        self.last = now

    def stop(self) -> tuple[float, float]:
        self.timer.stop()
        if not self.gaps:
            return 0.0, 0.0
        return max(self.gaps) * 1000, statistics.median(self.gaps) * 1000


def wait_for(signal, timeout_s: float) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def timed_background(meter: GapMeter, already_done: bool, finished) -> tuple[float, float]:
    """(seconds until `finished` is emitted, longest event-loop gap in ms) for a background task already started."""
    meter.start()
    start = time.perf_counter()
    if not already_done:
        wait_for(finished, 1800)
    seconds = time.perf_counter() - start
    longest, _median = meter.stop()
    return seconds, longest


FILTERS = ("harbour", "harbour council", "doc0", "")  # a word, a narrower phrase, file names, cleared again


def measure_filtering(app: QApplication, window) -> list[tuple[str, float, int]]:
    """(filter text, ms until the list shows its result, rows shown) for typing each of FILTERS in the filter box."""
    results = []
    for text in FILTERS:
        t0 = time.perf_counter()
        window.filter.setText(text)  # the proxy filters before setText returns
        window.table.viewport().repaint()
        results.append((text, (time.perf_counter() - t0) * 1000, window.proxy.rowCount()))
        app.processEvents()
    return results


def measure_sorting(app: QApplication, window) -> list[tuple[str, float]]:
    """(column, ms until the list shows it sorted) for a click on a number column and a text column, then
    import order again."""
    from winnow.app.models import DocumentTableModel

    results = []
    for column in (DocumentTableModel.KEPT_SHARE, DocumentTableModel.TITLE, -1):
        t0 = time.perf_counter()
        window.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
        window.table.viewport().repaint()
        results.append((DocumentTableModel.HEADERS[column] if column >= 0 else "import order", (time.perf_counter() - t0) * 1000))
        app.processEvents()
    return results


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from winnow.app.window import MainWindow

    with tempfile.TemporaryDirectory(prefix="winnow-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        t0 = time.perf_counter()
        generate(folder, args.documents)
        print(f"generated {args.documents:,} documents in {time.perf_counter() - t0:.1f} s")

        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings, restore_session=False)
        window.show()
        app.processEvents()
        meter = GapMeter()

        meter.start()
        t0 = time.perf_counter()
        window.import_paths([str(folder)])
        wait_for(window.importFinished, 1800)
        elapsed = time.perf_counter() - t0
        longest, median = meter.stop()
        print(f"import + first clean: {window.document_count():,} documents in {elapsed:.1f} s ({window.document_count() / elapsed:,.0f} docs/s)")
        print(f"  longest event-loop gap {longest:.0f} ms (target < 100), median tick {median:.1f} ms; memory so far {peak_mb():,.0f} MB")

        filtering = measure_filtering(app, window)
        print(
            "filter the document list by text: "
            + ", ".join(f"{text or 'cleared'!r} {ms:.0f} ms ({shown:,} shown)" for text, ms, shown in filtering)
            + " (target: instant, < 100)"
        )
        sorting = measure_sorting(app, window)
        print("sort the document list: " + ", ".join(f"{column} {ms:.0f} ms" for column, ms in sorting))

        window.select_document(0)
        app.processEvents()
        rule = next(iter(window.rules_panel.rows.values()))
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            rule.switch.click()  # the preview is re-cleaned and repainted before click() returns
            window.preview.lines.viewport().repaint()
            times.append((time.perf_counter() - t0) * 1000)
            app.processEvents()
        recount, longest = timed_background(meter, window._recount_task is None, window.countsUpdated)
        print(
            f"rule toggle -> preview updated: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms (target < 50); "
            f"each: {', '.join(f'{t:.0f}' for t in times)} ms"
        )
        print(f"recount of the corpus after the last toggle: {recount:.1f} s; longest event-loop gap {longest:.0f} ms")
        # then the near-duplicates are judged on every document's signature, in a worker (the signatures go to it)
        live = window.corpus_dialogs.live
        judging, longest = timed_background(meter, window.corpus.duplicates_current, live.duplicatesUpdated)
        print(
            f"near-duplicates judged after the recount: {judging:.1f} s ({len(window.corpus.duplicates.dropped):,} copies); "
            f"longest event-loop gap {longest:.0f} ms; memory so far {peak_mb():,.0f} MB"
        )

        window.shutdown()
        window.maybe_save = lambda: True  # no question box: nothing is saved by a benchmark
        window.close()
        print(f"peak memory (maxrss): {peak_mb():,.0f} MB (target < 1024 at 10,000 documents, < 2048 at 100,000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
