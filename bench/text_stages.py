"""Where text cleaning's CPU time goes, stage by stage, on the devset's flattened pages.

Usage: .venv/bin/python bench/text_stages.py [--copies 3] [--corpus]

Times (process CPU time, so other programs running meanwhile do not count) every step `Cleaner.clean` runs:
the analyse stage (language identification, the per-line facts, the title, date and byline), each line rule,
the document rules, and the pipeline around them; then the part outside the main-text detector, the one
figure the other steps share. `--corpus` cleans as `winnow clean` does (document rules on, site-template
counts made over the pages first); without it, as `bench/bench_speed.py` does (neither).
Shares are of this run's total: compare trees by running both in one session, alternately.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections import defaultdict
from pathlib import Path

from winnow.core.model import Problem
from winnow.corpus.templates import TemplateCounts
from winnow.pipeline import Cleaner
from winnow.readers import read_paths
from winnow.recipe import default_recipe
from winnow.rules.documents import DOCUMENT_RULES
from winnow.rules.templates import SiteTemplates
from winnow.stages import analyse

DEVSET_TEXT = Path("/work/shared/devset/text")
DETECTOR = "boilerplate.main-text"


class Timers:
    """CPU seconds per step, added up by wrappers around the steps' functions."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def wrap(self, function, step: str):
        def timed(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[step] += time.process_time() - start

        return timed


def instrumented_cleaner(timers: Timers, corpus: bool, pages) -> Cleaner:
    recipe = default_recipe()
    cleaner = Cleaner(recipe)
    if corpus:  # as winnow clean builds it (winnow.corpus.run.CorpusCleaner)
        cleaner.document_rules = [cls(**recipe.setting(cls.id).values) for cls in DOCUMENT_RULES if recipe.enabled(cls.id)]
        for rule in cleaner.rules:
            if isinstance(rule, SiteTemplates):
                rule.counts = TemplateCounts.of(pages)
    analyser = cleaner.analyser
    analyser.analyse = timers.wrap(analyser.analyse, "analyse stage")  # type: ignore[method-assign]
    languages = analyser.languages
    languages.identify = timers.wrap(languages.identify, "  language identification")  # type: ignore[method-assign]
    analyse.Analysis.__init__ = timers.wrap(analyse.Analysis.__init__, "  per-line facts (Analysis)")  # type: ignore[method-assign]
    analyser._title_line = timers.wrap(analyser._title_line, "  title line")  # type: ignore[method-assign]
    analyser._date_and_author = timers.wrap(analyser._date_and_author, "  date and byline")  # type: ignore[method-assign]
    for rule in cleaner.rules:
        rule.apply = timers.wrap(rule.apply, rule.id)  # type: ignore[method-assign]
    for document_rule in cleaner.document_rules:
        document_rule.decide = timers.wrap(document_rule.decide, "document rules")  # type: ignore[method-assign]
    return cleaner


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=3, help="times the 259 pages are cleaned")
    parser.add_argument("--corpus", action="store_true", help="clean as winnow clean does (document rules, site templates)")
    args = parser.parse_args()
    pages = [d for d in read_paths([DEVSET_TEXT]) if not isinstance(d, Problem)]
    timers = Timers()
    cleaner = instrumented_cleaner(timers, args.corpus, pages)
    for doc in pages[:20]:  # warm up: lazy imports, lexicons, compiled patterns
        cleaner.clean(doc)
    timers.seconds.clear()
    collections = [0.0]
    started = [0.0]

    def on_gc(phase: str, _info: dict) -> None:
        if phase == "start":
            started[0] = time.process_time()
        else:
            collections[0] += time.process_time() - started[0]

    gc.collect()
    gc.callbacks.append(on_gc)
    docs = pages * args.copies
    start = time.process_time()
    for doc in docs:
        cleaner.clean(doc)
    total = time.process_time() - start
    gc.callbacks.remove(on_gc)
    steps = dict(timers.seconds)
    outside = total - steps.get(DETECTOR, 0.0)
    print(f"{len(docs)} devset pages ({'as winnow clean' if args.corpus else 'as bench_speed'}): {total:.2f} s, {len(docs) / total:.0f} pages per CPU-second")
    print(f"outside the main-text detector: {outside:.2f} s, {outside / len(docs) * 1000:.2f} ms a page, {outside / total:.0%}")
    for step, seconds in sorted(steps.items(), key=lambda item: -item[1]):
        print(f"  {step:34s} {seconds / len(docs) * 1000:6.2f} ms a page  {seconds / total:6.1%}")
    top_level = sum(seconds for step, seconds in steps.items() if not step.startswith("  "))
    print(f"  {'pipeline around the stages':34s} {(total - top_level) / len(docs) * 1000:6.2f} ms a page  {(total - top_level) / total:6.1%}")
    print(f"  (garbage collection, within the steps above: {collections[0] / len(docs) * 1000:.2f} ms a page, {collections[0] / total:.1%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
