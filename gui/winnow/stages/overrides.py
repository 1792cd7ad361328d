"""Stage: keep-exceptions and hand overrides, the last word on every line.

The user's keep-exceptions win over every rule's drop; a line kept or dropped by hand wins over
everything. An override whose line no longer reads as it did when it was made is reported and ignored.
"""

from __future__ import annotations

from winnow.core.model import Problem
from winnow.core.settings import Override
from winnow.rules.base import Context
from winnow.rules.custom import MANUAL_DROP, KeepExceptions


def apply_keep_exceptions(keep: KeepExceptions, ctx: Context) -> dict[int, str]:
    """Lines saved by a keep-exception: line index -> the id of the exception that saved it."""
    kept_by: dict[int, str] = {}
    if keep:
        keep.apply(ctx, kept_by)
    return kept_by


def apply_overrides(overrides: dict[int, Override], ctx: Context, kept_by: dict[int, str]) -> None:
    doc = ctx.document
    for line_no, override in overrides.items():
        i = line_no - 1
        if not 0 <= i < len(ctx.original) or ctx.original[i] != override.text:
            ctx.problems.append(Problem(doc.source, f"hand override of line {line_no} no longer matches the document; ignored", doc.record, fatal=False))
            continue
        if override.action == "drop":
            ctx.removals[i] = MANUAL_DROP
            kept_by.pop(i, None)
        else:
            ctx.removals[i] = None
            kept_by[i] = "manual"
