"""Saving a recipe over a file the user edited by hand keeps their comments, order and layout."""

from __future__ import annotations

from winnow.core.settings import Override
from winnow.recipe import Recipe, dumps, load, save

HAND_EDITED = """# My newsroom recipe — tuned for the Lokalzeitung scrape, 2024
schema = 1

[custom]
# the sponsor line our CMS adds under every article
drop_containing = ["Anzeige der Stadtwerke"]   # keep this first
keep_containing = []

# bylines matter to us: keep them in the text
[rules."furniture.page"]
bylines = false  # we want bylines in the text
max_credit_words = 12

[rules."repeats.lines"]
enabled = true
min_chars = 20   # short repeats are list bullets here
"""


def same(a: Recipe, b: Recipe) -> bool:
    """Whether two recipes do the same (one may spell out defaults the other leaves implicit)."""
    return dumps(a) == dumps(b)


def test_saving_keeps_the_comments_and_order_of_a_hand_edited_recipe(tmp_path):
    path = tmp_path / "recipe.toml"
    path.write_text(HAND_EDITED, encoding="utf-8")
    recipe = load(path).with_enabled("repeats.lines", False).with_value("furniture.page", "max_credit_words", 20)
    save(recipe, path)
    text = path.read_text(encoding="utf-8")
    for comment in (
        "# My newsroom recipe — tuned for the Lokalzeitung scrape, 2024",
        "# the sponsor line our CMS adds",
        "# keep this first",
        "# bylines matter to us",
        "# we want bylines in the text",
        "# short repeats are list bullets here",
    ):
        assert comment in text, comment
    assert text.index("[custom]") < text.index('[rules."furniture.page"]') < text.index('[rules."repeats.lines"]')
    assert "max_credit_words = 20" in text and "min_chars = 20   # short repeats" in text  # unchanged values untouched
    assert same(load(path), recipe)


def test_saving_a_new_file_and_overrides_round_trip(tmp_path):
    path = tmp_path / "new.toml"
    recipe = Recipe().with_custom("drop_regex", [r"^Foto: \w+$"]).with_override(Override("abc", 3, "Hello “there”", "drop", "a/b.txt"))
    save(recipe, path)
    assert same(load(path), recipe)
    save(recipe.without_override("abc", 3).with_enabled("ads.markers", False), path)  # over the file just written
    assert same(load(path), recipe.without_override("abc", 3).with_enabled("ads.markers", False))
    assert "# Winnow recipe" in path.read_text(encoding="utf-8")  # the generated comments stay too


def test_a_broken_file_is_replaced_by_a_fresh_recipe(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("this is [not toml", encoding="utf-8")
    save(Recipe(), path)
    assert same(load(path), Recipe())
