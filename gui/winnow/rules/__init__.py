"""The cleaning rules, one module per family; BUILTIN_RULES is their running order.

Order matters: a line keeps the reason of the first rule that drops it, and later rules
(unrelated headlines, repeats) judge the lines the earlier ones left.
"""

from __future__ import annotations

from winnow.rules.base import Context, Param, Rule
from winnow.rules.custom import CUSTOM_DROP_RULES

BUILTIN_RULES: tuple[type[Rule], ...] = ()

_BY_ID = {cls.id: cls for cls in BUILTIN_RULES}


def rule_class(rule_id: str) -> type[Rule]:
    return _BY_ID[rule_id]


def all_rule_ids() -> list[str]:
    return [cls.id for cls in BUILTIN_RULES] + [cls.id for cls in CUSTOM_DROP_RULES]


__all__ = ["BUILTIN_RULES", "CUSTOM_DROP_RULES", "Context", "Param", "Rule", "all_rule_ids", "rule_class"]
