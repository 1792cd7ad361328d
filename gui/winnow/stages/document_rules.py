"""Stage: document rules. Whole-document decisions (leave a document out of the corpus, and why).

A document rule sees the lines the line rules kept and the document's analysis, and returns a
`Removal` (its rule id, family and a reason a person can read) to drop the whole document, or None
to keep it. It has typed parameters like any rule and never changes a line or the metadata.
"""

from __future__ import annotations

from collections.abc import Sequence

from winnow.core.model import Removal
from winnow.rules.base import Rule
from winnow.stages.analyse import Analysis


class DocumentRule(Rule):
    """Base class of whole-document rules: implement `decide`."""

    def decide(self, kept: Sequence[str], analysis: Analysis) -> Removal | None:
        raise NotImplementedError

    def drop(self, reason: str) -> Removal:
        """The decision to leave the document out, for `reason`."""
        return Removal(self.id, self.family, reason)
