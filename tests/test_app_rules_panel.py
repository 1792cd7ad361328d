"""The Rules panel draws every rule the registry holds: a plugin's rule gets its family header and row like
Winnow's own (here a fake pack in a registry built for the test, so nothing is installed). It reads as a short list of
families: folded groups with a plain summary, thresholds behind "More settings", figures that wrap instead of
being cut off; folding never bypasses the recipe's history."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QCheckBox

from winnow import rules
from winnow.core.model import FAMILIES, Family
from winnow.recipe import Recipe
from winnow.rules import BUILTIN_RULES
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


def numeric_params(cls):
    return [p for p in cls.params if p.kind in (int, float)]


def test_families_open_folded_with_a_summary_and_unfold_on_click(qtbot, main_window):
    panel = main_window.rules_panel
    assert panel.family_groups
    for fold, body in panel.family_groups.values():
        assert not body.isVisible() and fold.isVisible()
        assert fold.arrowType() == Qt.ArrowType.RightArrow
    family, (fold, body) = next(iter(panel.family_groups.items()))
    qtbot.mouseClick(fold, Qt.MouseButton.LeftButton)
    assert body.isVisible() and fold.arrowType() == Qt.ArrowType.DownArrow
    rows = [row for row in panel.rows.values() if body.isAncestorOf(row)]
    assert rows and all(row.isVisible() for row in rows)
    fold.click()  # a second mouse click this soon would be a double click
    assert not body.isVisible()
    assert main_window.undo_stack.count() == 0  # folding is not a change to the recipe


def test_every_family_has_a_one_line_summary_in_plain_words(main_window):
    from winnow.app.rules_panel import FAMILY_SUMMARIES

    families = {cls.family.id for cls in BUILTIN_RULES}
    assert families <= set(FAMILY_SUMMARIES)
    for summary in FAMILY_SUMMARIES.values():
        assert summary.endswith(".") and len(summary) < 90 and "\n" not in summary


def test_thresholds_are_folded_behind_more_settings(qtbot, main_window):
    panel = main_window.rules_panel
    rules = [cls for cls in BUILTIN_RULES if numeric_params(cls)]
    if not rules:
        pytest.skip("no rule with a numeric parameter")
    for cls in rules:
        row = panel.show_rule(cls.id)
        assert row.isVisible() and row.more is not None and row.more.isVisible()
        for param in numeric_params(cls):
            assert not row.controls[param.name].isVisible()
        for param in cls.params:
            if param.kind is bool:  # plain switches stay in view
                assert row.controls[param.name].isVisible()
        row.more.click()
        assert all(row.controls[p.name].isVisible() for p in numeric_params(cls))
        row.more.click()
        assert not any(row.controls[p.name].isVisible() for p in numeric_params(cls))


def test_a_threshold_changed_after_unfolding_goes_through_the_undo_stack(qtbot, main_window):
    cls = next((c for c in BUILTIN_RULES if any(p.kind is int for p in c.params)), None)
    if cls is None:
        pytest.skip("no rule with a whole-number parameter")
    param = next(p for p in cls.params if p.kind is int)
    row = main_window.rules_panel.show_rule(cls.id, more=True)
    spin = row.controls[param.name]
    assert isinstance(spin, QAbstractSpinBox) and spin.isVisible()
    spin.setFocus()
    new = int(param.default) - 1 if param.minimum is None or param.default > param.minimum else int(param.default) + 1
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, str(new))
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert main_window.recipe.value(cls.id, param.name) == new
    assert main_window.undo_stack.count() == 1
    assert param.label in main_window.undo_stack.text(0)  # history in the label's words, not the key
    qtbot.keyClick(spin, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert main_window.recipe.value(cls.id, param.name) == param.default
    assert spin.value() == param.default and row.advanced.isVisible()  # undo leaves the folding alone


def test_each_setting_explains_itself_in_its_tooltip(main_window):
    for cls in BUILTIN_RULES:
        row = main_window.rules_panel.rows[cls.id]
        for param in cls.params:
            tip = row.controls[param.name].toolTip()
            assert param.help in tip and param.name in tip
            if not isinstance(row.controls[param.name], QCheckBox):
                assert param.label  # a visible label, the exact meaning in the tooltip


def test_counts_wrap_in_a_narrow_panel_instead_of_being_cut_off(qtbot, main_window):
    from collections import Counter

    panel = main_window.rules_panel
    rule_id = next(iter(panel.rows))
    big = Counter({r: 1_234_567 for r in panel.rows})
    panel.set_counts(big, Counter(), big, Counter(), True, 0, 0)
    for family in panel.family_groups:
        panel.unfold(family)
    panel.resize(300, 600)  # a little wider than the dock's minimum
    panel.widget().adjustSize()
    qtbot.wait(20)
    assert panel.widget().width() <= panel.viewport().width()
    row = panel.rows[rule_id]
    assert "1,234,567 in all" in row.counts.text()
    assert row.counts.width() <= panel.viewport().width()


def test_the_hand_count_says_when_no_document_is_selected(main_window):
    from collections import Counter

    panel = main_window.rules_panel
    panel.set_counts(Counter(), Counter(), None, None, False, None, 3)
    assert panel.hand.text().startswith("No document selected")
    assert "–" not in panel.hand.text()


# ---- document rules: language, quality, near-duplicates ----


def test_document_rules_have_their_own_rows_drawn_from_the_registry(qtbot):
    from winnow.app.rules_panel import RulesPanel

    panel = RulesPanel()
    qtbot.addWidget(panel)
    assert set(panel.document_rows) == {cls.id for cls in rules.document_rules()}
    assert not set(panel.document_rows) & set(panel.rows)  # line rules and document rules apart
    near = panel.document_rows["duplicates.near"]
    assert {"shingle_size", "jaccard", "keep"} <= set(near.controls)
    assert not {"keep_ids", "distinct_ids"} & set(near.controls)  # document ids are chosen in the Duplicates view
    assert "languages" in panel.document_rows["filter.language"].controls


def test_a_document_rule_switch_and_its_parameters_are_undoable_recipe_edits(qtbot, main_window):
    window = main_window
    panel = window.rules_panel
    row = panel.document_rows["duplicates.near"]
    was_on = window.recipe.enabled("duplicates.near")
    panel.unfold(Family.DUPLICATE)
    row.switch.click()
    assert window.recipe.enabled("duplicates.near") is not was_on
    assert "duplicate" in window.undo_stack.text(window.undo_stack.count() - 1).lower()  # the rule's name, not its id
    assert "duplicates.near" not in window.undo_stack.text(window.undo_stack.count() - 1)
    window.undo_stack.undo()
    assert window.recipe.enabled("duplicates.near") is was_on and row.switch.isChecked() is was_on

    keep = row.controls["keep"]
    keep.setCurrentIndex(keep.findData("first"))
    assert window.recipe.value("duplicates.near", "keep") == "first"
    assert "first" in window.undo_stack.text(window.undo_stack.count() - 1)
    window.undo_stack.undo()
    assert window.recipe.value("duplicates.near", "keep") == "longest" and keep.currentData() == "longest"

    row.show_more(True)
    threshold = row.controls["jaccard"]
    threshold.setValue(0.8)
    assert window.recipe.value("duplicates.near", "jaccard") == 0.8
    window.undo_stack.undo()
    assert window.recipe.value("duplicates.near", "jaccard") == 0.5


def test_languages_are_typed_one_per_line_and_a_bad_code_is_not_applied(qtbot, main_window):
    window = main_window
    editor = window.rules_panel.document_rows["filter.language"].controls["languages"]
    editor.edit.setPlainText("en\nde\nenglish")
    editor.flush()
    assert list(window.recipe.value("filter.language", "languages")) == ["en", "de"]
    assert "not a two-letter language code" in editor.errors.text()
    window.undo_stack.undo()
    assert list(window.recipe.value("filter.language", "languages")) == []


def test_document_rule_counts_read_in_documents(qtbot):
    from collections import Counter

    from winnow.app.rules_panel import RulesPanel

    panel = RulesPanel()
    qtbot.addWidget(panel)
    panel.set_counts(Counter(), Counter(), None, None, False, None, 0, Counter({"duplicates.near": 3, "filter.language": 1}), "duplicates.near")
    assert panel.document_rows["duplicates.near"].counts.text() == "Leaves out 3 documents in all · this one"
    assert panel.document_rows["filter.language"].counts.text() == "Leaves out 1 document in all · not this one"
    total, _ = panel.document_family_totals[Family.DUPLICATE]
    assert total.text() == "3 documents left out"


def test_the_panel_remembers_which_families_are_unfolded(qtbot, app_settings):
    from winnow.app.rules_panel import RulesPanel

    first = RulesPanel()
    qtbot.addWidget(first)
    first.remember_folds(app_settings)
    families = list(first.family_groups)
    chosen = [families[0], Family.DUPLICATE]
    for family in chosen:
        first.family_groups[family][0].click()
    assert sorted(first.unfolded()) == sorted(f.id for f in chosen)

    again = RulesPanel()
    qtbot.addWidget(again)
    assert again.unfolded() == []  # without the settings: all folded
    again.remember_folds(app_settings)
    assert sorted(again.unfolded()) == sorted(f.id for f in chosen)
    again.family_groups[Family.DUPLICATE][0].click()  # folded again, and remembered so
    third = RulesPanel()
    qtbot.addWidget(third)
    third.remember_folds(app_settings)
    assert third.unfolded() == [families[0].id]
