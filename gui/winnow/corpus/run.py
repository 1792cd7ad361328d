"""A whole corpus cleaned: template counts, line rules, document rules, then duplicates (the CLI and the window).

The result is ordered by (source, record), and every corpus decision is made in that order, so the same
files read in any order give byte-identical exports.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Sequence

from winnow.core.model import Cleaned, Document, Family, Problem, Removal, Verdict
from winnow.corpus.facts import DocumentFacts
from winnow.corpus.near_duplicates import DedupResult, DedupSettings, Signature, deduplicate, signature
from winnow.corpus.rules import DOCUMENT_RULES, DocumentRule, NearDuplicates
from winnow.corpus.templates import TemplateCounts
from winnow.pipeline import Cleaner
from winnow.recipe import Recipe
from winnow.rules.templates import SiteTemplates

log = logging.getLogger(__name__)


def corpus_order(cleaned: Cleaned) -> tuple[str, int, str]:
    doc = cleaned.document
    return (doc.source, -1 if doc.record is None else doc.record, doc.id)


@dataclass
class CorpusResult:
    documents: list[Cleaned]  # every document, in corpus order, each with its verdict
    duplicates: DedupResult

    @property
    def kept(self) -> list[Cleaned]:
        return [c for c in self.documents if c.verdict.kept]

    @property
    def dropped(self) -> list[Cleaned]:
        return [c for c in self.documents if not c.verdict.kept]


class CorpusCleaner:
    """A recipe ready to clean a corpus: `run(documents)`, or the steps one by one (the window's live preview
    calls `count` as files arrive and `clean` per document)."""

    def __init__(self, recipe: Recipe, cleaner: Cleaner | None = None) -> None:
        self.recipe = recipe
        self.cleaner = cleaner or Cleaner(recipe)
        self.templates = TemplateCounts()
        for rule in self.cleaner.rules:
            if isinstance(rule, SiteTemplates):
                rule.counts = self.templates
        self.document_rules: list[DocumentRule] = [
            cls(**recipe.setting(cls.id).values) for cls in DOCUMENT_RULES if recipe.enabled(cls.id)
        ]
        self.dedup: DedupSettings | None = None
        if recipe.enabled(NearDuplicates.id):
            self.dedup = NearDuplicates(**recipe.setting(NearDuplicates.id).values).settings()

    def count(self, documents: Iterable[Document]) -> None:
        """First pass: the site-template counts (incremental: call again as documents arrive)."""
        for doc in documents:
            self.templates.add(doc)

    def clean(self, doc: Document) -> Cleaned:
        """Line rules, then the document rules: the first that objects leaves the document out."""
        cleaned = self.cleaner.clean(doc)
        facts = DocumentFacts(cleaned)
        if self.document_rules:
            self._record_language(cleaned, facts)
        for rule in self.document_rules:
            try:
                reason = rule.decide(facts)
            except Exception as exc:  # one broken rule must not lose the document
                log.exception("document rule %s failed on %s", rule.id, doc.source)
                cleaned.problems.append(Problem(doc.source, f"rule {rule.id} failed and was skipped: {exc}", doc.record, fatal=False))
                continue
            if reason:
                cleaned.verdict = Verdict(dropped=Removal(rule.id, rule.family, reason))
                break
        return cleaned

    @staticmethod
    def _record_language(cleaned: Cleaned, facts: DocumentFacts) -> None:
        language, score = facts.language
        if language is not None:
            cleaned.metadata["language"] = language
            cleaned.metadata["language_score"] = score  # type: ignore[assignment]

    def signature(self, cleaned: Cleaned) -> Signature:
        assert self.dedup is not None
        doc = cleaned.document
        return signature(doc.id, doc.source, doc.record, cleaned.text, self.dedup, cleaned.metadata.get("date"))

    def deduplicate(self, cleaned: Sequence[Cleaned]) -> DedupResult:
        """Among the documents still kept, one copy of each story stays; the others get their verdict."""
        if self.dedup is None:
            return DedupResult()
        candidates = [c for c in cleaned if c.verdict.kept]
        result = deduplicate([self.signature(c) for c in candidates], self.dedup)
        by_id = {c.document.id: c for c in candidates}
        for key, cluster in result.cluster_of.items():
            item = by_id[key]
            item.verdict = replace(item.verdict, cluster=cluster)
        for key, verdict in result.dropped.items():
            item = by_id[key]
            item.verdict = Verdict(
                dropped=Removal(NearDuplicates.id, Family.DUPLICATE, verdict.reason),
                cluster=verdict.cluster, duplicate_of=verdict.kept_source, duplicate_of_id=verdict.kept,
            )
        return result

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
