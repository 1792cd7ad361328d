"""Rule plugins: a pip-installed pack (tests/plugin_example, installed by `make venv`) adds a family and a rule
that `winnow rules` lists, a recipe accepts and the cleaner runs; Winnow's own rules register the same way."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

import pytest

from rules_helpers import BODY, TITLE, document
from winnow.core.model import Family
from winnow.pipeline import Cleaner
from winnow.recipe import Recipe, dumps, loads
from winnow.rules import BUILTIN_RULES, REGISTRY, line_rules
from winnow.rules.registry import ENTRY_POINT_GROUP, RulePack, RuleRegistry

pytest.importorskip("winnow_rules_example", reason="the example plugin is installed by `make venv`")

RECIPE = """schema = 1
[rules."example.sponsors"]
enabled = true
max_words = 6
"""


def test_builtin_rules_register_through_the_entry_point_group():
    names = {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}
    assert names["builtin"] == "winnow.rules.builtin:PACK"
    assert line_rules()[: len(BUILTIN_RULES)] == BUILTIN_RULES  # Winnow's own run first


def test_the_plugin_family_and_rule_are_registered():
    assert "example.sponsors" in REGISTRY
    family = Family.by_id("example-sponsors")
    assert family.label == "Sponsor" and family.colour.startswith("#") and family in list(Family)


def test_winnow_rules_lists_the_plugin_rule():
    out = subprocess.run([sys.executable, "-m", "winnow", "rules"], capture_output=True, text=True, check=True).stdout
    assert "example.sponsors  [example-sponsors]  Sponsor lines" in out


def test_the_plugin_rule_waits_for_a_recipe_and_then_runs():
    lines = [TITLE["en"], *BODY["en"][:2], "Sponsored by Acme Harbour Supplies", *BODY["en"][2:]]
    assert Cleaner(Recipe()).clean(document(lines)).removals[3] is None
    recipe = loads(RECIPE)
    removal = Cleaner(recipe).clean(document(lines)).removals[3]
    assert removal is not None and removal.rule_id == "example.sponsors" and removal.family.label == "Sponsor"
    assert dumps(loads(dumps(recipe))) == dumps(recipe) and "example.sponsors" in dumps(recipe)  # the recipe stores it
    assert "example.sponsors" not in dumps(Recipe())  # and a recipe that never named it stays as it was


def test_a_long_line_is_not_a_sponsor_line():
    recipe = loads(RECIPE)
    line = "Sponsored by the harbour council, the new market hall will open in the spring of next year."
    assert Cleaner(recipe).clean(document([TITLE["en"], *BODY["en"], line])).removals[-1] is None


def test_two_packs_cannot_claim_one_rule_id():
    with pytest.raises(ValueError, match="already taken"):
        RuleRegistry({"builtin": RulePack(BUILTIN_RULES), "copy": RulePack(BUILTIN_RULES[:1])})
