"""The built-in rules as the window and the recipe see them: ids, families, descriptions, bounded parameters."""

from winnow.core.model import Family
from winnow.recipe import Recipe, dumps, loads
from winnow.rules import BUILTIN_RULES, rule_class


def test_every_family_has_a_rule_and_ids_are_unique():
    ids = [cls.id for cls in BUILTIN_RULES]
    assert len(ids) == len(set(ids))
    families = {cls.family for cls in BUILTIN_RULES}
    assert {Family.ADS, Family.COOKIES, Family.HEADLINES, Family.PROMPTS, Family.FURNITURE, Family.REPEATS, Family.CONTACT, Family.BOILERPLATE} <= families
    assert all(rule_class(i).id == i for i in ids)


def test_rules_describe_themselves_and_have_bounded_params():
    for cls in BUILTIN_RULES:
        assert cls.name and cls.description.endswith(".") and len(cls.description) <= 200, cls.id
        for p in cls.params:
            assert p.label and p.help, (cls.id, p.name)
            if p.kind in (int, float):
                assert p.minimum is not None and p.maximum is not None, (cls.id, p.name)
                assert p.minimum <= p.default <= p.maximum, (cls.id, p.name)


def test_all_rules_are_on_by_default_and_survive_a_recipe_round_trip():
    recipe = Recipe()
    assert all(recipe.enabled(cls.id) for cls in BUILTIN_RULES)
    changed = recipe.with_value("boilerplate.main-text", "fragment_cost", 40.0).with_enabled("repeats.lines", False)
    again = loads(dumps(changed))
    assert again.value("boilerplate.main-text", "fragment_cost") == 40.0
    assert not again.enabled("repeats.lines")


def test_order_puts_specific_reasons_first():
    ids = [cls.id for cls in BUILTIN_RULES]
    assert ids.index("ads.markers") < ids.index("boilerplate.main-text") < ids.index("headlines.unrelated") < ids.index("repeats.lines")
