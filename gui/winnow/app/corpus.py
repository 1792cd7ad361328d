"""The window's imported documents and their per-document counts (no Qt here: workers build these too).

Documents are kept in import order, which is the order an export writes them, whatever the table's
sort order. Only counts are kept per document; the selected document is re-cleaned on demand, so ten
thousand documents cost little memory.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from winnow.core.model import Cleaned, Document


@dataclass(frozen=True, slots=True)
class DocStats:
    """What cleaning a document with one recipe gave: the table's figures and the rule panel's counts."""

    lines_kept: int
    lines_removed: int
    words_kept: int
    by_rule: dict[str, int]  # rule id -> lines it removed
    kept_by: dict[str, int]  # keep-exception id ("manual" for hand decisions) -> lines it saved
    warnings: int  # non-fatal problems while cleaning (a slow regex, a stale hand override …)
    generation: int  # the recipe generation these figures belong to
    title: str = ""
    site: str = ""  # the site's name, else the host of its URL
    language: str = ""

    @classmethod
    def of(cls, cleaned: Cleaned, generation: int) -> DocStats:
        meta = cleaned.metadata
        return cls(
            cleaned.lines_kept,
            cleaned.lines_removed,
            cleaned.words_kept,
            dict(cleaned.removed_counts),
            dict(Counter(cleaned.kept_by.values())),
            len(cleaned.problems) + len(cleaned.document.warnings),
            generation,
            " ".join(meta.get("title", "").split()),
            meta.get("sitename") or host_of(meta.get("url", "")),
            meta.get("language", ""),
        )

    @property
    def empty(self) -> bool:
        return self.lines_kept == 0

    @property
    def kept_share(self) -> float:
        """Kept lines out of all non-blank lines judged (1.0 for a document with nothing to judge)."""
        judged = self.lines_kept + self.lines_removed
        return self.lines_kept / judged if judged else 1.0


def host_of(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


@dataclass
class Corpus:
    documents: list[Document] = field(default_factory=list)
    stats: list[DocStats] = field(default_factory=list)
    removed_by_rule: Counter[str] = field(default_factory=Counter)
    kept_by_rule: Counter[str] = field(default_factory=Counter)
    lines_kept: int = 0
    lines_removed: int = 0
    empty_documents: int = 0

    def __len__(self) -> int:
        return len(self.documents)

    def append(self, document: Document, stats: DocStats) -> None:
        self.documents.append(document)
        self.stats.append(stats)
        self._count(stats, +1)

    def set_stats(self, index: int, stats: DocStats) -> None:
        self._count(self.stats[index], -1)
        self.stats[index] = stats
        self._count(stats, +1)

    def truncate(self, length: int) -> None:
        """Forget every document from `length` on (a cancelled import takes its documents back)."""
        for stats in self.stats[length:]:
            self._count(stats, -1)
        del self.documents[length:]
        del self.stats[length:]

    def clear(self) -> None:
        self.truncate(0)

    def stale(self, generation: int) -> list[int]:
        """Indices of documents whose figures belong to another recipe generation."""
        return [i for i, s in enumerate(self.stats) if s.generation != generation]

    def _count(self, stats: DocStats, sign: int) -> None:
        self.lines_kept += sign * stats.lines_kept
        self.lines_removed += sign * stats.lines_removed
        self.empty_documents += sign * stats.empty
        for key, n in stats.by_rule.items():
            self.removed_by_rule[key] += sign * n
        for key, n in stats.kept_by.items():
            self.kept_by_rule[key] += sign * n
