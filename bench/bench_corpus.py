"""The corpus stages on a generated corpus whose duplicates are known (bench/corpus_synth.py).

Usage: .venv/bin/python bench/bench_corpus.py [--stories N] [--scale DOCS] [--quick]

1. Accuracy: the whole pipeline (`CorpusCleaner.run`, default recipe) on N stories with their copies;
   pair precision and recall of the duplicate clusters against the truth (goals ≥ 0.98 / ≥ 0.95).
2. Scale: DOCS generated documents (default 100,000) streamed through the corpus stages the way a large
   run would: pass 1 counts site templates, pass 2 cleans each document and keeps only its dedup
   signature, then LSH, verification and clusters. Prints throughput, the corpus stages' cost as a ratio
   of the line-cleaning time on the same documents, and the peak memory (goal < 1.5 GB).
CPU times of this process; only the ratios are meant to be compared between machines.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_synth import Generator, Settings, pair_scores  # noqa: E402

from winnow.corpus.near_duplicates import candidate_pairs, matches, resolve  # noqa: E402
from winnow.corpus.run import CorpusCleaner  # noqa: E402
from winnow.recipe import default_recipe  # noqa: E402

PRECISION_GOAL, RECALL_GOAL, MEMORY_GOAL_MB = 0.98, 0.95, 1500


def accuracy(stories: int) -> tuple[float, float]:
    generated = list(Generator(Settings(stories=stories)).documents())
    truth = {doc.id: story for doc, story in generated}
    corpus = CorpusCleaner(default_recipe())
    result = corpus.run(doc for doc, _ in generated)
    predicted = {c.document.id: c.verdict.cluster or c.document.id for c in result.documents}
    precision, recall, found, true = pair_scores(predicted, truth)
    template_lines = sum(c.removed_counts.get("template.site", 0) for c in result.documents)
    print(f"accuracy: {len(generated)} documents from {stories} stories; {len(result.duplicates.clusters)} clusters")
    print(f"  pair precision {precision:.4f} (goal ≥ {PRECISION_GOAL}), recall {recall:.4f} (goal ≥ {RECALL_GOAL}); {found} pairs found, {true} true")
    print(f"  site-template lines removed: {template_lines}; documents left out: {len(result.dropped)}")
    return precision, recall


def cpu() -> float:
    return time.process_time()


def scale(docs: int) -> None:
    settings = Settings(stories=docs)  # about 1.7 documents per story: cut at `docs`
    corpus = CorpusCleaner(default_recipe())

    def stream():
        return (doc for doc, _ in islice(Generator(settings).documents(), docs))

    t = cpu()
    for _ in stream():
        pass
    generate = cpu() - t

    t = cpu()
    corpus.count(stream())
    counting = cpu() - t - generate

    cleaning = signing = 0.0
    signatures = []
    for doc in stream():
        t0 = cpu()
        cleaned = corpus.clean(doc)
        t1 = cpu()
        signatures.append(corpus.signature(cleaned))
        cleaning += t1 - t0
        signing += cpu() - t1

    t = cpu()
    pairs = candidate_pairs(signatures, corpus.dedup)
    t_lsh = cpu() - t
    t = cpu()
    verified = list(matches(signatures, pairs, corpus.dedup))
    result = resolve(signatures, verified, corpus.dedup)
    t_resolve = cpu() - t

    corpus_cost = counting + signing + t_lsh + t_resolve
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"scale: {docs:,} documents ({generate:.0f} s to generate them, not counted)")
    print(f"  line cleaning (with document rules): {cleaning:.1f} s = {docs / cleaning:,.0f} documents/s")
    print(
        f"  template counting {counting:.1f} s, signatures {signing:.1f} s, LSH {t_lsh:.1f} s "
        f"({len(pairs):,} candidate pairs), verify + clusters {t_resolve:.1f} s ({len(verified):,} pairs, "
        f"{len(result.clusters):,} clusters, {len(result.dropped):,} copies left out)"
    )
    print(f"  corpus stages: {corpus_cost:.1f} s = {docs / corpus_cost:,.0f} documents/s; {corpus_cost / cleaning:.2f}× the line-cleaning time")
    print(f"  peak memory {peak_mb:,.0f} MB (goal < {MEMORY_GOAL_MB} MB; the generator's documents are not kept)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=3000)
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="300 stories and 5,000 documents")
    args = parser.parse_args(argv)
    if args.quick:
        args.stories, args.scale = 300, 5000
    accuracy(args.stories)
    if args.scale:
        scale(args.scale)
    return 0


if __name__ == "__main__":
    sys.exit(main())
