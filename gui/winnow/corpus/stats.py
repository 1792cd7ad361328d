"""What the Corpus view charts, as plain tables (also its CSV export): computed from a corpus result, no Qt."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from winnow.core.model import Cleaned
from winnow.corpus.templates import line_key, site_of
from winnow.rules.base import OUTSIDE_MAIN

LENGTH_BINS = (0, 50, 100, 200, 400, 800, 1600, 3200)  # words; the last bin is open-ended


@dataclass
class Chart:
    title: str
    category: str  # what the rows are
    series: tuple[str, ...]  # the value columns
    rows: list[tuple[str, tuple[int, ...]]] = field(default_factory=list)

    def csv_rows(self) -> list[list[str]]:
        return [[self.category, *self.series]] + [[label, *map(str, values)] for label, values in self.rows]


def _bin_label(n: int) -> str:
    upper = LENGTH_BINS[n + 1] - 1 if n + 1 < len(LENGTH_BINS) else None
    return f"{LENGTH_BINS[n]}–{upper}" if upper is not None else f"{LENGTH_BINS[n]}+"


def _bin(words: int) -> int:
    return max(n for n, low in enumerate(LENGTH_BINS) if words >= low)


def corpus_charts(documents: list[Cleaned]) -> list[Chart]:
    """Lines removed per rule, documents left out per rule, languages, and document length before/after."""
    removed: Counter[str] = Counter()
    left_out: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    before: Counter[int] = Counter()
    after: Counter[int] = Counter()
    for c in documents:
        removed.update(c.removed_counts)
        if c.dropped is not None:
            left_out[c.dropped.rule_id] += 1
        languages[str(c.metadata.get("language") or "unknown")] += 1
        before[_bin(sum(len(line.split()) for line in c.lines))] += 1
        if c.in_corpus:
            after[_bin(c.words_kept)] += 1
    outside = removed.pop(OUTSIDE_MAIN.rule_id, 0)  # not a rule's decision, and it would dwarf the rules
    rules_title = "Lines removed per rule" + (f" (and {outside:,} outside the main content)" if outside else "")
    return [
        Chart(rules_title, "rule", ("lines",), [(k, (v,)) for k, v in sorted(removed.items(), key=lambda kv: (-kv[1], kv[0]))]),
        Chart("Documents left out per rule", "rule", ("documents",), [(k, (v,)) for k, v in sorted(left_out.items(), key=lambda kv: (-kv[1], kv[0]))]),
        Chart("Languages", "language", ("documents",), [(k, (v,)) for k, v in sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))]),
        Chart(
            "Document length (words)",
            "words",
            ("before cleaning", "after (kept documents)"),
            [(_bin_label(n), (before[n], after[n])) for n in range(len(LENGTH_BINS))],
        ),
    ]


@dataclass(frozen=True)
class TemplateLine:
    site: str
    line: str  # as first seen
    reason: str
    pages: tuple[str, ...]  # sources of the pages it was dropped from


def template_lines(documents: list[Cleaned]) -> list[TemplateLine]:
    """Every site-template line dropped, with the pages that carry it (most widespread first)."""
    found: dict[tuple[str, int], tuple[str, str, list[str]]] = {}
    for c in documents:
        for line, removal in zip(c.lines, c.removals):
            if removal is None or removal.rule_id != "template.site":
                continue
            key = line_key(line)
            if key is None:
                continue
            entry = found.setdefault((site_of(c.document), key[0]), (line.strip(), removal.reason, []))
            entry[2].append(c.document.source)
    out = [TemplateLine(site, line, reason, tuple(sorted(set(pages)))) for (site, _), (line, reason, pages) in found.items()]
    return sorted(out, key=lambda t: (-len(t.pages), t.site, t.line))
