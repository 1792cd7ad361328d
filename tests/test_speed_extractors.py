"""The extractor tiers: trafilatura (default), fast and resiliparse, chosen by the recipe or the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from winnow.core.model import Problem
from winnow.pipeline import Cleaner
from winnow.readers import ReadOptions, read_paths
from winnow.readers.html import EXTRACTORS, extract_page
from winnow.recipe import Recipe, RecipeError, dumps, loads

PARAGRAPHS = [
    "The regional railway will run a new night train between the two cities from December, the operator said.",
    "Tickets go on sale next week, and a single journey will cost about the same as a daytime seat in second class.",
    "Der Nachtzug hält unterwegs in drei Städten und braucht für die ganze Strecke etwas mehr als neun Stunden.",
    "Les voyageurs pourront réserver une couchette ou un siège, a précisé la compagnie dans un communiqué mardi.",
]
PAGE = (
    "<html lang='en'><head><title>A night train | Rail News</title></head><body>"
    "<nav><ul><li><a href='/'>Home</a></li><li><a href='/rail'>Rail</a></li><li><a href='/bus'>Bus</a></li></ul></nav>"
    "<main><article><h1>A new night train</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></main>"
    "<footer><p>Imprint</p><p>Privacy</p></footer></body></html>"
)


@pytest.mark.parametrize("extractor", list(EXTRACTORS))
def test_every_extractor_finds_the_article_and_leaves_the_menu_outside(extractor):
    page = extract_page(PAGE, extractor=extractor)
    main = [line for i, line in enumerate(page.lines) if i not in page.outside_main]
    assert all(p in main for p in PARAGRAPHS)
    assert "Home" in page.lines and "Home" not in main
    assert page.metadata.get("language") == "en"
    assert page.metadata.get("title")


def test_an_unknown_extractor_is_refused():
    with pytest.raises(ValueError, match="unknown extractor"):
        extract_page(PAGE, extractor="magic")
    with pytest.raises(ValueError, match="unknown extractor"):
        Recipe().with_extractor("magic")


def test_the_recipe_stores_the_extractor_and_refuses_an_unknown_one():
    recipe = Recipe().with_extractor("resiliparse")
    assert loads(dumps(recipe)).extractor == "resiliparse"
    assert loads(dumps(Recipe())).extractor == "trafilatura"
    with pytest.raises(RecipeError, match=r"line \d+: html.extractor must be one of"):
        loads('schema = 1\n\n[html]\nextractor = "magic"\n')
    with pytest.raises(RecipeError, match="unknown html setting"):
        loads('[html]\nselector = "nav"\n')


@pytest.mark.parametrize("extractor", ["fast", "resiliparse"])
def test_a_page_read_with_one_extractor_is_cleaned_as_the_recipes_extractor_reads_it(tmp_path, extractor):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (read_default,) = [d for d in read_paths([tmp_path]) if not isinstance(d, Problem)]
    (read_tier,) = [d for d in read_paths([tmp_path], ReadOptions(extractor=extractor)) if not isinstance(d, Problem)]
    assert (read_default.extractor, read_tier.extractor) == ("trafilatura", extractor)
    cleaner = Cleaner(Recipe().with_extractor(extractor))
    from_default, from_tier = cleaner.clean(read_default), cleaner.clean(read_tier)
    assert from_default.lines == from_tier.lines and from_default.text == from_tier.text


def test_the_command_line_takes_the_extractor_from_the_option_or_the_recipe(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.html").write_text(PAGE, encoding="utf-8")
    recipe = tmp_path / "recipe.toml"
    recipe.write_text(dumps(Recipe().with_extractor("resiliparse")), encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    outputs = {}
    for name, args in {"option": ["--extractor", "resiliparse"], "recipe": ["--recipe", recipe], "default": []}.items():
        out = tmp_path / f"{name}.jsonl"
        proc = subprocess.run(
            [sys.executable, "-m", "winnow", "clean", tmp_path / "in", "-o", out, "-q", *args], capture_output=True, text=True, env=env, timeout=300
        )
        assert proc.returncode == 0, proc.stderr
        outputs[name] = json.loads(out.read_text(encoding="utf-8"))
    assert outputs["option"] == outputs["recipe"]
    assert outputs["option"]["title"] == "A night train | Rail News"  # resiliparse: the page's <title>
    assert outputs["default"]["title"] != outputs["option"]["title"]
    assert all(p in outputs["option"]["text"] for p in PARAGRAPHS)
