"""The rule registry: every rule family and line rule Winnow knows, built-in or from a plugin.

Rules arrive through the `winnow.rules` entry-point group. Each entry point names a `RulePack`: the
families it declares (data: id, label, colour, description) and its rule classes in running order.
Winnow's own rules register exactly this way (see pyproject.toml), so `pip install winnow-rules-foo`
adds rules that `winnow rules` lists, a recipe names and the cleaner runs. See docs/rules.md.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib.metadata import entry_points

from winnow.core.model import Family
from winnow.rules.base import Rule

ENTRY_POINT_GROUP = "winnow.rules"
BUILTIN_PACK = "builtin"  # the entry-point name of Winnow's own pack: it runs first
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RulePack:
    """What one distribution adds: its rule families and its rule classes, in the order they run."""

    rules: tuple[type[Rule], ...]
    families: tuple[Family, ...] = ()


class RuleRegistry:
    """The packs found in the environment, loaded once: built-in first, then plugins by entry-point name."""

    def __init__(self, packs: dict[str, RulePack]):
        self.packs = packs
        self.rules: tuple[type[Rule], ...] = ()
        by_id: dict[str, type[Rule]] = {}
        for name in sorted(packs, key=lambda n: (n != BUILTIN_PACK, n)):
            pack = packs[name]
            for family in pack.families:
                family.register()
            for cls in pack.rules:
                if cls.id in by_id:
                    raise ValueError(f"rule id {cls.id!r} of pack {name!r} is already taken")
                by_id[cls.id] = cls
            self.rules += pack.rules
        self._by_id = by_id

    @classmethod
    def from_entry_points(cls) -> RuleRegistry:
        packs = {}
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            try:
                pack = ep.load()
            except Exception:  # a broken plugin must not stop Winnow: it is left out and logged
                log.exception("rule pack %s (%s) could not be loaded and is left out", ep.name, ep.value)
                continue
            if not isinstance(pack, RulePack):
                log.error("entry point %s (%s) is not a winnow RulePack; left out", ep.name, ep.value)
                continue
            packs[ep.name] = pack
        return cls(packs)

    def rule_class(self, rule_id: str) -> type[Rule]:
        return self._by_id[rule_id]

    def __contains__(self, rule_id: str) -> bool:
        return rule_id in self._by_id
