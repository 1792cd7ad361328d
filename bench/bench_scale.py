"""Scale: `winnow clean` documents/s with --jobs 1 and --jobs 2 (text and HTML), where a run's CPU goes (the
parent process against the workers), peak memory at 1×, 10× and 40× a corpus, the same HTML pages through
trafilatura alone, and 100,000 generated documents through the corpus stages. All in one run, so the
figures are ratios on the same machine state (the machine may be shared: CPU seconds over wall seconds
says how much of the two cores a run got).

Usage: .venv/bin/python bench/bench_scale.py [--quick] [--dask] [--devset DIR] [--corpus-docs N] [--text-docs N] [--html-docs N]
                                            [--baseline SRC] [--speed-only]

`--baseline SRC` (the `gui` folder of another checkout, e.g. from `git archive main gui | tar -x -C /tmp/main`)
runs every speed figure with that code too, alternating with this one, so a change is measured before and
after in one run on the same machine state. Sizes: the defaults (6,000 text documents, 520 pages) are runs
of 5-15 s where the start-up (about a second) still counts; `--text-docs 30000 --html-docs 2600` is closer to
real use (a crawl is 10^5+ pages).

Every figure is a real `winnow clean` run in its own process writing JSONL (start-up included). Rates are
input documents per second. "Cleaning alone" is the default recipe without its corpus stages (site
templates, document rules, near-duplicates): the export streams as the workers clean. "Corpus" is the
default recipe: count, clean and resolve in passes over spill files, then write.
Text: the seed files replicated; HTML: the devset pages (or generated pages without a devset) replicated.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEEDUP_GOAL, MEMORY_GOAL_MB = 1.7, 1500
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

# runs `winnow clean` as `winnow` does and reports the CPU of this process (the parent: start-up, planning,
# receiving results, writing) apart from that of its worker processes, and the parent's CPU when its first
# pool of workers started (the serial start-up; None with --jobs 1)
DRIVER = """
import json, resource, sys, time
begun = time.perf_counter()
from concurrent import futures
def cpu(who=resource.RUSAGE_SELF):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime
class TimedPool(futures.ProcessPoolExecutor):
    started = None
    wall = None
    def __init__(self, *args, **kwargs):
        TimedPool.started = TimedPool.started or cpu()
        TimedPool.wall = TimedPool.wall or time.perf_counter() - begun
        super().__init__(*args, **kwargs)
futures.ProcessPoolExecutor = TimedPool
from winnow.__main__ import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "parent": cpu(), "workers": cpu(resource.RUSAGE_CHILDREN), "serial": TimedPool.started, "to_pool": TimedPool.wall}))
"""


@dataclass
class Run:
    seconds: float  # wall clock of the whole process, start-up included
    cpu: float  # CPU seconds of the process and its workers
    parent: float  # CPU seconds of the parent alone
    rss: int  # MB: the largest process of the run
    serial: float | None  # CPU seconds of the parent before its workers started
    to_pool: float | None  # wall seconds from the start of the program to its workers'

    @property
    def idle_seconds(self) -> float:
        """What the run would take on two idle cores if all but the serial start-up were spread evenly."""
        serial = self.serial if self.serial is not None else self.cpu
        return serial + (self.cpu - serial) / 2

    @property
    def cores(self) -> float:
        return self.cpu / self.seconds


def run_winnow(corpus: Path, out: Path, *extra: str, source: str | None = None) -> Run:
    """`source`: run the Winnow found in that folder (a baseline checkout's `gui`) instead of this one."""
    command = [sys.executable, "-c", DRIVER, "clean", str(corpus), "-o", str(out), "-q", *extra]
    env = None if source is None else {**os.environ, "PYTHONPATH": source}
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)  # (on Linux the usage includes the workers it waited for)
    seconds = time.perf_counter() - start
    assert proc.stdout is not None and proc.stderr is not None
    report = proc.stdout.read().decode().strip().splitlines()
    if os.waitstatus_to_exitcode(status) != 0 or not report or json.loads(report[-1])["code"] not in (0, 1):
        raise SystemExit(f"winnow failed: {proc.stderr.read().decode()[-2000:]}")
    figures = json.loads(report[-1])
    return Run(seconds, usage.ru_utime + usage.ru_stime, figures["parent"], usage.ru_maxrss // 1024, figures["serial"], figures["to_pool"])


def replicate(sources: list[Path], folder: Path, count: int) -> Path:
    """`count` files in `folder`, cycling through `sources` (under new names, so each is its own document)."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        source = sources[n % len(sources)]
        sub = folder / f"d{n // 1000:03d}"
        sub.mkdir(exist_ok=True)
        shutil.copyfile(source, sub / f"{n:06d}{source.suffix}")
    return folder


def generated_pages(folder: Path, count: int) -> list[Path]:
    from scale_helpers import make_corpus

    make_corpus(folder, files=count * 2)
    return sorted(folder.rglob("*.html"))


def generated_corpus(folder: Path, documents: int, per_file: int = 1000) -> Path:
    """`documents` generated news pages with their copies and site templates (bench/corpus_synth.py) as JSONL
    files of `per_file` records: url, title, text."""
    from corpus_synth import Generator, Settings

    folder.mkdir(parents=True)
    pages = islice(Generator(Settings(stories=documents)).documents(), documents)
    for n in range(0, documents, per_file):
        with (folder / f"feed-{n // per_file:04d}.jsonl").open("w", encoding="utf-8") as feed:
            for doc, _ in islice(pages, per_file):
                feed.write(json.dumps({"url": doc.metadata["url"], "title": doc.metadata["title"], "text": doc.content}) + "\n")
    return folder


def run_trafilatura(pages: list[Path]) -> float:
    """Seconds for trafilatura.extract (the reference setting) over the pages, in a fresh process."""
    code = (
        "import sys, trafilatura\n"
        "for p in sys.argv[1:]:\n"
        "    trafilatura.extract(open(p, 'rb').read(), include_comments=False, include_tables=True, fast=False)\n"
    )
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *map(str, pages)], check=True, capture_output=True)
    return time.perf_counter() - start


def cleaning_alone(folder: Path) -> list[str]:
    from scale_helpers import streaming_recipe

    return ["--recipe", str(streaming_recipe(folder / "cleaning-alone.toml"))]


def speed(label: str, corpus: Path, documents: int, tmp: Path, alone: list[str], trees: dict[str, str | None]) -> dict[int, Run]:
    """--jobs 1 and 2 with each tree ("" is this one; with a baseline, "before" and "after" alternate)."""
    runs: dict[str, dict[int, Run]] = {name: {} for name in trees}
    for jobs in (1, 2):
        for name, source in trees.items():
            run = runs[name][jobs] = run_winnow(corpus, tmp / f"{label}-{name}{jobs}.jsonl", "--jobs", str(jobs), *alone, source=source)
            print(
                f"  {label:4} {name:6} --jobs {jobs}: {documents / run.seconds:7.1f} docs/s  ({documents} docs in {run.seconds:5.1f} s; CPU {run.cpu:5.1f} s = "
                f"{run.cores:.2f} cores busy, of which the parent {run.parent:4.1f} s; peak RSS {run.rss} MB)"
            )
    exports = {(tmp / f"{label}-{name}{jobs}.jsonl").read_bytes() for name in trees for jobs in (1, 2)}
    for name in trees:
        one, two = runs[name][1], runs[name][2]
        idle = one.idle_seconds / two.idle_seconds  # (--jobs 1: its CPU time)
        print(
            f"  {label:4} {name:6} speed-up --jobs 2 over --jobs 1: {one.seconds / two.seconds:.2f}× measured (goal ≥ {SPEEDUP_GOAL}×), "
            f"with {two.cores / one.cores:.2f}× the cores busy; CPU --jobs 2 / --jobs 1: {two.cpu / one.cpu:.2f}; "
            f"serial start {two.serial or 0:.2f} CPU s ({two.to_pool or 0:.2f} s wall); "
            f"≈{idle:.2f}× on two idle cores (CPU times: the serial start, then the rest on two cores)"
        )
    print(f"  {label:4} exports of every run identical: {len(exports) == 1}")
    return runs[list(trees)[-1]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller corpora (a smoke run, not a measurement)")
    parser.add_argument("--dask", action="store_true", help="also run the HTML corpus on --dask local")
    parser.add_argument("--devset", default=str(ROOT.parent / "shared" / "devset" / "html"))
    parser.add_argument("--corpus-docs", type=int, help="generated documents through the corpus stages (default 100,000; --quick 5,000; 0: skip)")
    parser.add_argument("--text-docs", type=int, help="text documents for the speed runs (default 6,000; --quick 600)")
    parser.add_argument("--html-docs", type=int, help="HTML pages for the speed runs (default 520; --quick 60)")
    parser.add_argument("--baseline", help="the `gui` folder of another checkout: every speed figure also with it (before/after)")
    parser.add_argument("--speed-only", action="store_true", help="only the --jobs 1/2 speed figures (no trafilatura, memory or corpus run)")
    args = parser.parse_args()
    text_docs, html_docs, base = (600, 60, 100) if args.quick else (6000, 520, 200)
    text_docs, html_docs = args.text_docs or text_docs, args.html_docs or html_docs
    corpus_docs = args.corpus_docs if args.corpus_docs is not None else (5000 if args.quick else 100_000)

    with tempfile.TemporaryDirectory(prefix="winnow-bench-scale-", dir=os.environ.get("BENCH_TMP")) as tmp_name:
        tmp = Path(tmp_name)
        alone = cleaning_alone(tmp)
        seeds = sorted((ROOT / "seeds").glob("*.txt"))
        devset = Path(args.devset)
        pages = sorted(devset.glob("*.htm*")) if devset.is_dir() else generated_pages(tmp / "generated", html_docs)
        text = replicate(seeds, tmp / "text", text_docs)
        html = replicate(pages, tmp / "html", html_docs)
        print(
            f"corpora: {text_docs} text documents (the seeds replicated), {html_docs} HTML pages "
            f"({'the devset pages' if devset.is_dir() else 'generated pages'} replicated); {os.cpu_count()} cores, "
            f"load average {os.getloadavg()[0]:.1f} at the start\n"
        )

        trees: dict[str, str | None] = {"before": args.baseline, "after": None} if args.baseline else {"": None}
        print("cleaning alone: input documents/s (wall clock, process start-up included)")
        runs = {label: speed(label, corpus, n, tmp, alone, trees) for label, corpus, n in (("text", text, text_docs), ("HTML", html, html_docs))}
        print("\nthe default recipe (corpus stages: counted, cleaned into spills, resolved, then written)")
        for label, corpus, n in (("text", text, text_docs), ("HTML", html, html_docs)):
            speed(label, corpus, n, tmp, [], trees)
        if args.speed_only:
            return
        if args.dask:
            run = run_winnow(html, tmp / "html-dask", "--dask", "local", "--jobs", "2", *alone)
            merged = b"".join(p.read_bytes() for p in sorted((tmp / "html-dask").glob("part-*.jsonl")))
            print(
                f"  HTML --dask local (2 workers, cleaning alone): {html_docs / run.seconds:7.1f} docs/s ({run.seconds:.1f} s incl. cluster start); "
                f"parts identical to --jobs 1: {merged == (tmp / f'HTML-{list(trees)[-1]}1.jsonl').read_bytes()}"
            )

        trafilatura_seconds = run_trafilatura(sorted(html.rglob("*.htm*")))
        print(
            f"\ntrafilatura.extract alone, one process, same {html_docs} pages: {html_docs / trafilatura_seconds:.1f} pages/s "
            f"(Winnow cleaning alone --jobs 1 {html_docs / runs['HTML'][1].seconds:.1f}, --jobs 2 {html_docs / runs['HTML'][2].seconds:.1f} docs/s, "
            "reading and writing included)"
        )

        print("\npeak RSS (--jobs 2; the text corpus, mixed with HTML pages 1 in 10): cleaning alone | the default recipe")
        peaks: dict[tuple[int, bool], int] = {}
        for factor in (1, 10, 40):
            corpus = tmp / f"mix{factor}"
            replicate(seeds, corpus / "text", base * factor)
            replicate(pages, corpus / "html", base * factor // 10)
            documents = base * factor + base * factor // 10
            line = f"  {factor:2}× ({documents:6} docs):"
            for corpus_stages in (False, True):
                run = run_winnow(corpus, tmp / f"mix{factor}.jsonl", "--jobs", "2", *([] if corpus_stages else alone))
                peaks[factor, corpus_stages] = run.rss
                line += f"  {run.rss:4} MB ({documents / run.seconds:5.0f} docs/s) |"
            print(line.rstrip(" |"))
            shutil.rmtree(corpus)
        growth = {stages: peaks[40, stages] / peaks[1, stages] for stages in (False, True)}
        print(f"  40× over 1×: cleaning alone {growth[False]:.2f} (flat is 1.0), the default recipe {growth[True]:.2f}")

        if corpus_docs:
            corpus = generated_corpus(tmp / "generated-corpus", corpus_docs)
            print(f"\n{corpus_docs:,} generated news pages (stories, copies on other sites, site templates) in JSONL, --jobs 2")
            line = run_winnow(corpus, tmp / "corpus-alone.jsonl", "--jobs", "2", *alone)
            full = run_winnow(corpus, tmp / "corpus-full.jsonl", "--jobs", "2", "--rejected", str(tmp / "left-out.jsonl"))
            kept = (tmp / "corpus-full.jsonl").read_bytes().count(b"\n")
            left_out = (tmp / "left-out.jsonl").read_bytes().count(b"\n")
            for name, run in (("cleaning alone", line), ("with the corpus stages", full)):
                print(
                    f"  {name:22}: {corpus_docs / run.seconds:6.0f} docs/s, {run.seconds:6.1f} s, CPU {run.cpu:6.1f} s "
                    f"(parent {run.parent:5.1f} s), peak RSS {run.rss} MB (goal < {MEMORY_GOAL_MB} MB)"
                )
            print(
                f"  the corpus stages cost {(full.cpu - line.cpu) / line.cpu:.2f}× the CPU time of cleaning alone "
                f"({full.seconds / line.seconds:.2f}× the wall time); {kept:,} kept, {left_out:,} left out"
            )


if __name__ == "__main__":
    main()
