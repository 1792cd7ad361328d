"""One export record per document: the same fields, in the same order, for JSONL, CSV and TXT headers."""

from __future__ import annotations

from typing import Any

from winnow.core.formats import METADATA_FIELDS
from winnow.core.model import Cleaned
from winnow.rules import all_rule_ids
from winnow.rules.base import OUTSIDE_MAIN

CORPUS_FIELDS = ("language_score", "duplicate_of", "cluster")  # in every record, null when not applicable
REJECTED_FIELDS = ("excluded_by", "reason")  # only in the file of documents left out (--rejected)

__all__ = ["CORPUS_FIELDS", "METADATA_FIELDS", "REJECTED_FIELDS", "removal_rule_ids", "to_record"]


def removal_rule_ids() -> list[str]:
    """Every rule id a removal can carry, so each record has the same `removed` keys (one schema for datasets)."""
    return all_rule_ids() + ["manual", OUTSIDE_MAIN.rule_id]


def to_record(
    cleaned: Cleaned, metadata_fields: tuple[str, ...] = METADATA_FIELDS, rule_ids: list[str] | None = None, rejected: bool = False
) -> dict[str, Any]:
    doc = cleaned.document
    meta = cleaned.metadata
    record: dict[str, Any] = {"id": doc.id, "source": doc.source, "record": doc.record}
    for name in metadata_fields:
        value = meta.get(name)
        record[name] = value if value else None
    verdict = cleaned.verdict
    score = meta.get("language_confidence")  # the analyse stage's, as text
    record["language_score"] = None if score in (None, "") else float(score)
    record["duplicate_of"] = verdict.duplicate_of
    record["cluster"] = verdict.cluster
    if rejected:
        record["excluded_by"] = cleaned.dropped.rule_id if cleaned.dropped else None
        record["reason"] = cleaned.dropped.reason if cleaned.dropped else None
    record["text"] = cleaned.text
    record["lines_kept"] = cleaned.lines_kept
    record["lines_removed"] = cleaned.lines_removed
    counts = cleaned.removed_counts
    ids = rule_ids if rule_ids is not None else removal_rule_ids()
    record["removed"] = {rule_id: counts.get(rule_id, 0) for rule_id in ids} | {k: v for k, v in counts.items() if k not in ids}
    return record
