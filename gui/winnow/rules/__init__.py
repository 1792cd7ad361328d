"""The line rules, one module per family. `builtin.py` holds Winnow's own in their running order;
`registry.py` finds them, and any plugin's, through the `winnow.rules` entry-point group.
"""

from __future__ import annotations

from winnow.rules.base import Context, Param, Rule
from winnow.rules.builtin import PACK
from winnow.rules.custom import CUSTOM_DROP_RULES
from winnow.rules.registry import RuleRegistry

BUILTIN_RULES: tuple[type[Rule], ...] = PACK.rules
BUILTIN_DOCUMENT_RULES: tuple[type[Rule], ...] = PACK.document_rules
REGISTRY = RuleRegistry.from_entry_points()  # read once at import: installed plugins do not change while Winnow runs
if not any(cls is BUILTIN_RULES[0] for cls in REGISTRY.rules):  # running from a tree that was never pip-installed
    REGISTRY = RuleRegistry({**REGISTRY.packs, "builtin": PACK})


def rule_class(rule_id: str) -> type[Rule]:
    return REGISTRY.rule_class(rule_id)


def line_rules() -> tuple[type[Rule], ...]:
    """Every line rule, built-in and from plugins, in running order."""
    return REGISTRY.rules


def document_rules() -> tuple[type[Rule], ...]:
    """Every document and corpus rule (language, quality, near-duplicates), in running order."""
    return REGISTRY.document_rules


def all_rule_ids() -> list[str]:
    return [cls.id for cls in REGISTRY.rules] + [cls.id for cls in CUSTOM_DROP_RULES]


__all__ = [
    "BUILTIN_DOCUMENT_RULES",
    "BUILTIN_RULES",
    "CUSTOM_DROP_RULES",
    "REGISTRY",
    "Context",
    "Param",
    "Rule",
    "all_rule_ids",
    "document_rules",
    "line_rules",
    "rule_class",
]
