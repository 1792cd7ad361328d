"""The Rules panel draws every rule the registry holds: a plugin's rule gets its family header and row like
Winnow's own (here a fake pack in a registry built for the test, so nothing is installed)."""

from __future__ import annotations

import re

from winnow import rules
from winnow.core.model import FAMILIES, Family
from winnow.recipe import Recipe
from winnow.rules.base import Context, Param, Rule
from winnow.rules.builtin import PACK
from winnow.rules.registry import RulePack, RuleRegistry

FAKE_FAMILY = Family("fake-teasers", "Teaser", "#7048e8", "teaser lines of a made-up plugin")


class TeaserLines(Rule):
    id = "fake.teasers"
    family = FAKE_FAMILY
    name = "Teaser lines"
    description = "Drops lines that start with “Teaser:”."
    params = (Param("max_words", "Longest teaser (words)", 9, "A longer line is text.", minimum=1, maximum=50, step=1),)
    enabled_by_default = False

    def apply(self, ctx: Context) -> None:
        for i in ctx.live_lines():
            if re.match(r"teaser:", ctx.lines[i], re.IGNORECASE):
                ctx.drop(i, self, "teaser")


def test_a_plugin_rule_in_the_registry_gets_a_row_in_the_rules_panel(qtbot, monkeypatch):
    from winnow.app.rules_panel import RulesPanel

    monkeypatch.setitem(FAMILIES, FAKE_FAMILY.id, FAKE_FAMILY)  # undone after the test, unlike register()
    registry = RuleRegistry({"builtin": PACK, "fake": RulePack((TeaserLines,), (FAKE_FAMILY,))})
    monkeypatch.setattr(rules, "REGISTRY", registry)

    panel = RulesPanel()
    qtbot.addWidget(panel)
    assert TeaserLines.id in panel.rows
    assert set(panel.rows) == {cls.id for cls in registry.rules}  # the built-in rules are all still there
    assert FAKE_FAMILY in panel.family_totals

    row = panel.rows[TeaserLines.id]
    assert set(row.controls) == {"max_words"}
    panel.set_recipe(Recipe())
    assert not row.switch.isChecked()  # the plugin's rule waits until a recipe switches it on
    with qtbot.waitSignal(panel.enabledChanged) as switched:
        row.switch.click()
    assert switched.args == [TeaserLines.id, True]


def test_without_the_fake_pack_the_panel_lists_only_the_registry_rules(qtbot):
    from winnow.app.rules_panel import RulesPanel

    panel = RulesPanel()
    qtbot.addWidget(panel)
    assert TeaserLines.id not in panel.rows
    assert set(panel.rows) == {cls.id for cls in rules.line_rules()}


def test_the_analyse_setting_sits_atop_the_panel_and_edits_the_recipe_s_analyse_table(qtbot):
    from winnow.app.rules_panel import RulesPanel
    from winnow.recipe import ANALYSE

    panel = RulesPanel()
    qtbot.addWidget(panel)
    panel.set_recipe(Recipe().with_value(ANALYSE, "month_first", True))
    box = panel.analyse_controls["month_first"]
    assert box.isChecked()
    with qtbot.waitSignal(panel.valueChanged) as changed:
        box.click()
    assert changed.args == [ANALYSE, "month_first", False]
