"""A whole corpus cleaned: template counts, line rules, document rules, then duplicates (the CLI and the window).

The result is ordered by (source, record), and every corpus decision is made in that order, so the same
files read in any order give byte-identical exports.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import chain
from typing import Callable, Iterable, Sequence
from unicodedata import is_normalized

from winnow.core.model import Cleaned, Document, Family, Removal, Verdict
from winnow.corpus.near_duplicates import DedupResult, DedupSettings, Signature, deduplicate, signature
from winnow.corpus.templates import TemplateCounts
from winnow.pipeline import Cleaner
from winnow.recipe import Recipe
from winnow.rules.documents import DOCUMENT_RULES, NearDuplicates
from winnow.rules.templates import SiteTemplates
from winnow.stages.document_rules import DocumentRule as StageDocumentRule


def kept_words(cleaned: Cleaned) -> list[str] | None:
    """`corpus.shingles.words(cleaned.text)` read off the analysis, which has each line's words (the same tokenizer on the
    same case-folded text), when NFKC leaves the kept lines as they are (nearly every text: no composition reaches over a
    newline) and no rule rewrote one of them; else None. Saves tokenizing every text again for its signature."""
    info, lines = cleaned.analysis, cleaned.lines
    original = lines if cleaned.original is None else cleaned.original  # (None: never rewritten)
    if info is None or not (len(info.seqs) == len(lines) == len(original)):
        return None
    kept = [i for i, removal in enumerate(cleaned.removals) if removal is None]
    if info.skip.intersection(kept) or any(lines[i] is not original[i] and lines[i] != original[i] for i in kept):
        return None  # a line outside an HTML page's main content kept by hand (the analysis holds no words for it), or rewritten
    if not is_normalized("NFKC", "\n".join(map(lines.__getitem__, kept))):
        return None
    return list(chain.from_iterable(map(info.seqs.__getitem__, kept)))


def corpus_order(cleaned: Cleaned) -> tuple[str, int, str]:
    doc = cleaned.document
    return (doc.source, -1 if doc.record is None else doc.record, doc.id)


@dataclass
class CorpusResult:
    documents: list[Cleaned]  # every document, in corpus order, each with its verdict
    duplicates: DedupResult

    @property
    def kept(self) -> list[Cleaned]:
        return [c for c in self.documents if c.in_corpus]

    @property
    def dropped(self) -> list[Cleaned]:
        return [c for c in self.documents if not c.in_corpus]


def apply_duplicates(item: Cleaned, result: DedupResult) -> None:
    """Give one document its place among the copies `result` found: its cluster, and when it is a copy left
    out, the rule, reason and kept copy (runners apply the verdicts shard by shard as they write)."""
    key = item.document.id
    cluster = result.cluster_of.get(key)
    if cluster is not None:
        item.verdict = replace(item.verdict, cluster=cluster)
    verdict = result.dropped.get(key)
    if verdict is not None:
        item.dropped = Removal(NearDuplicates.id, Family.DUPLICATE, verdict.reason)
        item.verdict = Verdict(cluster=verdict.cluster, duplicate_of=verdict.kept_source, duplicate_of_id=verdict.kept)


class CorpusCleaner:
    """A recipe ready to clean a corpus: `run(documents)`, or the steps one by one (the window's live preview
    calls `count` as files arrive and `clean` per document)."""

    def __init__(self, recipe: Recipe, cleaner: Cleaner | None = None, templates: TemplateCounts | None = None) -> None:
        self.recipe = recipe
        document_rules: list[StageDocumentRule] = [cls(**recipe.setting(cls.id).values) for cls in DOCUMENT_RULES if recipe.enabled(cls.id)]
        self.cleaner = cleaner or Cleaner(recipe)
        self.cleaner.document_rules = document_rules  # the pipeline's document-rules stage
        self.templates = templates if templates is not None else TemplateCounts()
        for rule in self.cleaner.rules:
            if isinstance(rule, SiteTemplates):
                rule.counts = self.templates
        self.dedup: DedupSettings | None = None
        if recipe.enabled(NearDuplicates.id):
            self.dedup = NearDuplicates(**recipe.setting(NearDuplicates.id).values).settings()

    def count(self, documents: Iterable[Document]) -> None:
        """First pass: the site-template counts (incremental: call again as documents arrive)."""
        for doc in documents:
            self.templates.add(doc)

    def clean(self, doc: Document) -> Cleaned:
        """Analyse, line rules (site templates from the counts), document rules: one document."""
        return self.cleaner.clean(doc)

    def signature(self, cleaned: Cleaned) -> Signature:
        assert self.dedup is not None
        doc = cleaned.document
        return signature(doc.id, doc.source, doc.record, cleaned.text, self.dedup, cleaned.metadata.get("date"), kept_words(cleaned))

    def deduplicate(self, cleaned: Sequence[Cleaned]) -> DedupResult:
        """Among the documents still kept, one copy of each story stays; the others get their verdict."""
        if self.dedup is None:
            return DedupResult()
        candidates = [c for c in cleaned if self.signs(c)]
        result = deduplicate([self.signature(c) for c in candidates], self.dedup)
        for item in candidates:
            apply_duplicates(item, result)
        return result

    def signs(self, cleaned: Cleaned) -> bool:
        """Whether `cleaned` takes part in near-duplicate detection (what `deduplicate` compares)."""
        return self.dedup is not None and cleaned.in_corpus and not cleaned.failed

    def run(self, documents: Iterable[Document], each: Callable[[Cleaned], None] | None = None) -> CorpusResult:
        """Both passes over `documents`; `each` is called with every document as it is cleaned (progress)."""
        docs = list(documents)
        self.count(docs)
        cleaned = []
        for doc in docs:
            cleaned.append(self.clean(doc))
            if each is not None:
                each(cleaned[-1])
        cleaned.sort(key=corpus_order)
        return CorpusResult(cleaned, self.deduplicate(cleaned))
