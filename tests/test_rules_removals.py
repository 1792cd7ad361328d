"""A Removal says which rule dropped a line and why; the lines dropped by one rule for one reason share one, across pages."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from rules_helpers import article, clean, document, only
from winnow.core.model import Family
from winnow.pipeline import Cleaner
from winnow.rules import base
from winnow.rules.base import Context, Rule


def test_one_reason_on_two_pages_is_one_removal():
    lines = article("en", "HARBOUR COUNCIL APPROVES flood barrier budget", "HARBOUR COUNCIL APPROVES flood barrier budget")
    first, second = clean(lines, only("repeats.lines")), clean(list(lines), only("repeats.lines"))
    assert first.removals[-1] is not None and first.removals[-1].rule_id == "repeats.lines"
    assert second.removals[-1] is first.removals[-1]
    other = clean(["Erster Absatz über den Hafen und die Stadt.", "Der zweite Satz steht hier", "Der zweite Satz steht hier"], only("repeats.lines"))
    assert other.removals[-1] is not None and other.removals[-1].reason != first.removals[-1].reason  # (another line named)
    assert other.removals[-1] is not first.removals[-1]


@dataclass
class _Rules:
    one: Rule
    other_family: Rule


def _rules() -> _Rules:
    class One(Rule):
        id = "test.one"
        family = Family.ADS
        name = description = "test"

    class OtherFamily(Rule):  # a plugin reusing the id under another family gets its own
        id = "test.one"
        family = Family.REPEATS
        name = description = "test"

    return _Rules(One(), OtherFamily())


def _context(lines: list[str]) -> Context:
    cleaner = Cleaner(only("repeats.lines"))
    doc = document(lines)
    return Context.for_lines(doc, doc.lines, cleaner.analyser.analyse(doc.lines, frozenset(), {}))


def test_a_removal_names_its_own_rule_family_and_reason():
    rules = _rules()
    ctx = _context(["Eins zwei drei", "Quatre cinq six", "Siete ocho nueve"])
    ctx.drop(0, rules.one, "a reason")
    ctx.drop(1, rules.other_family, "a reason")
    ctx.drop_all([2], rules.one, "another reason")
    assert [(r.rule_id, r.family, r.reason) for r in ctx.removals if r is not None] == [
        ("test.one", Family.ADS, "a reason"),
        ("test.one", Family.REPEATS, "a reason"),
        ("test.one", Family.ADS, "another reason"),
    ]
    assert ctx.dropped == [0, 1, 2]


def test_the_shared_removals_are_bounded(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(base, "REMOVALS_KEPT", 5)
    monkeypatch.setattr(base, "_REMOVALS", {})
    rules = _rules()
    lines = [f"Zeile Nummer {n} mit Text" for n in range(12)]
    ctx = _context(lines)
    for n in range(12):
        ctx.drop(n, rules.one, f"reason {n}")
    assert len(base._REMOVALS) <= 5
    assert [r.reason for r in ctx.removals if r is not None] == [f"reason {n}" for n in range(12)]
