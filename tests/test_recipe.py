"""The recipe file: what the window saves is what the command line reads, and bad files say where and why."""

import pytest

from winnow.recipe import (
    CustomRules,
    Override,
    Recipe,
    RecipeError,
    default_recipe,
    default_recipe_text,
    dumps,
    load,
    loads,
)
from winnow.rules import BUILTIN_RULES


def a_rule_with(kind):
    for cls in BUILTIN_RULES:
        for p in cls.params:
            if p.kind is kind and p.maximum is not None:
                return cls, p
    raise AssertionError(f"no built-in rule has a bounded {kind.__name__} parameter")


def test_shipped_default_recipe_is_the_rendered_default():
    # resources/default-recipe.toml is regenerated with `make recipe`; it must match the rule classes
    assert default_recipe_text() == dumps(default_recipe())
    assert loads(default_recipe_text()) == loads(dumps(Recipe()))


def test_every_builtin_rule_is_listed_with_its_parameters_in_the_rendered_recipe():
    text = dumps(default_recipe())
    for cls in BUILTIN_RULES:
        assert f'[rules."{cls.id}"]' in text
        for p in cls.params:
            assert f"\n{p.name} = " in text


def test_round_trip_keeps_every_edit():
    cls, param = a_rule_with(int)
    recipe = (
        Recipe()
        .with_enabled(BUILTIN_RULES[0].id, False)
        .with_value(cls.id, param.name, int(param.maximum))
        .with_custom("drop_containing", ['Read "more"', "back\\slash", "Ünïcödé €", "tab\there"])
        .with_custom("drop_regex", [r"^\d+ views?$"])
        .with_custom("keep_containing", ["Lavrov"])
        .with_custom("selectors", ["div.related > a"])
        .with_custom("regex_timeout_ms", 50)
        .with_override(Override("abc123", 4, "ADVERTISEMENT", "keep", "seeds/a.txt"))
        .with_override(Override("abc123", 9, 'line with "quotes" and # hash', "drop"))
    )
    again = loads(dumps(recipe))
    assert again.custom == recipe.custom
    assert again.overrides == recipe.overrides
    assert again.enabled(BUILTIN_RULES[0].id) is False
    assert again.value(cls.id, param.name) == int(param.maximum)


def test_unknown_rule_names_the_line():
    text = 'schema = 1\n\n[rules."ads.nonexistent"]\nenabled = true\n'
    with pytest.raises(RecipeError, match=r"my\.toml, line 3: unknown rule 'ads\.nonexistent'"):
        loads(text, "my.toml")


def test_invalid_toml_names_the_position():
    with pytest.raises(RecipeError, match=r"x\.toml: not valid TOML: .*line 2"):
        loads("schema = 1\n[custom\n", "x.toml")


def test_out_of_bounds_parameter_is_refused_with_its_line():
    cls, param = a_rule_with(int)
    text = f'schema = 1\n[rules."{cls.id}"]\n{param.name} = {int(param.maximum) + 1000}\n'
    with pytest.raises(RecipeError, match=rf"line 3: .*{param.name} must be at most"):
        loads(text)


def test_wrongly_typed_values_are_refused():
    with pytest.raises(RecipeError, match="custom.drop_containing must be a list of texts"):
        loads('[custom]\ndrop_containing = "not a list"\n')
    with pytest.raises(RecipeError, match="unknown custom setting 'drop_everything'"):
        loads("[custom]\ndrop_everything = []\n")
    with pytest.raises(RecipeError, match="enabled must be true or false"):
        loads(f'[rules."{BUILTIN_RULES[0].id}"]\nenabled = "yes"\n')


def test_incomplete_override_and_foreign_schema_are_refused():
    with pytest.raises(RecipeError, match="override"):
        loads('[[override]]\ndoc = "x"\nline = 2\n')
    with pytest.raises(RecipeError, match="schema 7 is not supported"):
        loads("schema = 7\n")


def test_missing_and_non_utf8_files_are_reported_by_name(tmp_path):
    with pytest.raises(RecipeError, match="nope.toml: cannot read"):
        load(tmp_path / "nope.toml")
    bad = tmp_path / "latin.toml"
    bad.write_bytes('[custom]\ndrop_containing = ["caf\xe9"]\n'.encode("latin-1"))
    with pytest.raises(RecipeError, match="latin.toml: a recipe must be UTF-8"):
        load(bad)


def test_edits_return_new_recipes_and_leave_the_old_one_alone():
    base = Recipe()
    edited = base.with_custom("drop_equal", ["Share", "Share", "  "])
    assert base.custom == CustomRules()
    assert edited.custom.drop_equal == ("Share",)  # duplicates and blanks are not kept
    assert edited.without_override("x", 1) == edited
    with_one = edited.with_override(Override("d", 3, "t", "drop"))
    replaced = with_one.with_override(Override("d", 3, "t", "keep"))
    assert [o.action for o in replaced.overrides] == ["keep"]


@pytest.mark.parametrize(
    "text, problem",
    [
        ("rules = 5\n", "rules must be tables"),
        ("custom = 5\n", "custom must be a table"),
        ("custom = [1]\n", "custom must be a table"),
        ("override = 5\n", "override entries must be"),
        ('override = ["x"]\n', "override.* is incomplete or wrong"),
        ('[[override]]\ndoc = "a"\nline = true\ntext = "t"\naction = "drop"\n', "override.* is incomplete or wrong"),
        ("schema = true\n", "schema True is not supported"),
    ],
)
def test_wrongly_shaped_tables_are_recipe_errors_not_crashes(text, problem):
    with pytest.raises(RecipeError, match=problem):
        loads(text, "odd.toml")


def test_an_error_in_a_parameter_two_rules_share_names_the_right_rule_and_line():
    shared = {}
    for cls in BUILTIN_RULES:
        for p in cls.params:
            shared.setdefault(p.name, []).append((cls, p))
    name, (first, second) = next((n, pair[:2]) for n, pair in shared.items() if len(pair) > 1)
    text = f'[rules."{first[0].id}"]\n{name} = {first[1].default}\n\n[rules."{second[0].id}"]\nenabled = true\n{name} = {int(second[1].maximum) + 1}\n'
    with pytest.raises(RecipeError, match=rf"r\.toml, line 6: rule '{second[0].id}': {name} must be at most"):
        loads(text, "r.toml")


def test_not_a_number_is_refused_for_a_bounded_float():
    cls, param = a_rule_with(float)
    with pytest.raises(RecipeError, match=f"{param.name} must be a finite number"):
        loads(f'[rules."{cls.id}"]\n{param.name} = nan\n')
    with pytest.raises(ValueError, match="finite"):
        Recipe().with_value(cls.id, param.name, float("nan"))


def test_a_recipe_saved_with_a_byte_order_mark_loads(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + dumps(Recipe().with_custom("drop_equal", ["Share"])).encode("utf-8"))
    assert load(path).custom.drop_equal == ("Share",)


def test_an_edit_cannot_make_a_recipe_that_would_not_load_again():
    for bad in (0, 60_001, True, 2.5):
        with pytest.raises(ValueError, match="regex_timeout_ms"):
            Recipe().with_custom("regex_timeout_ms", bad)
    assert loads(dumps(Recipe().with_custom("regex_timeout_ms", 60_000))).custom.regex_timeout_ms == 60_000
