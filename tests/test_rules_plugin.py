"""Rule plugins: a pip-installed pack (tests/plugin_example) adds a family and a rule that `winnow rules` lists,
a recipe accepts and the cleaner runs; Winnow's own rules register the same way.

The plugin is pip-installed into a throwaway folder, never into the project's environment: an installed
plugin adds its rule to every export's `removed` counts, and the corpus Winnow writes must not depend on
what happens to be installed where the tests ran. The checks run in a Python whose path holds that folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from winnow.rules import BUILTIN_RULES, line_rules
from winnow.rules.registry import ENTRY_POINT_GROUP, RulePack, RuleRegistry

PLUGIN = Path(__file__).parent / "plugin_example"

RECIPE = """schema = 1
[rules."example.sponsors"]
enabled = true
max_words = 6
"""


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory) -> Path:
    """A folder the example plugin is pip-installed into, as `pip install winnow-rules-example` would."""
    target, source = tmp_path_factory.mktemp("site"), tmp_path_factory.mktemp("src") / "plugin"
    shutil.copytree(PLUGIN, source, ignore=shutil.ignore_patterns("*.egg-info", "build", "__pycache__"))  # builds write beside the source
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(source)],
        check=True,
        capture_output=True,
        text=True,
    )
    return target


def run_with_plugin(site: Path, *args: str, code: str | None = None) -> str:
    path = [str(site), str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")]  # tests/ for rules_helpers
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, path))}
    argv = [sys.executable, "-c", textwrap.dedent(code)] if code else [sys.executable, "-m", "winnow", *args]
    return subprocess.run(argv, env=env, capture_output=True, text=True, check=True).stdout


def test_builtin_rules_register_through_the_entry_point_group():
    names = {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}
    assert names["builtin"] == "winnow.rules.builtin:PACK"
    assert line_rules()[: len(BUILTIN_RULES)] == BUILTIN_RULES  # Winnow's own run first


def test_without_the_plugin_its_rule_is_unknown():
    assert "example.sponsors" not in {cls.id for cls in line_rules()}


def test_winnow_rules_lists_the_installed_plugin_rule(plugin_site):
    out = run_with_plugin(plugin_site, "rules")
    assert "example.sponsors  [example-sponsors]  Sponsor lines" in out


def test_the_plugin_family_rule_and_recipe(plugin_site):
    out = run_with_plugin(
        plugin_site,
        code=f"""
        import json
        from winnow.core.model import Family
        from winnow.pipeline import Cleaner
        from winnow.recipe import Recipe, dumps, loads
        from winnow.rules import REGISTRY
        from rules_helpers import BODY, TITLE, document

        family = Family.by_id("example-sponsors")
        lines = [TITLE["en"], *BODY["en"][:2], "Sponsored by Acme Harbour Supplies", *BODY["en"][2:]]
        long_line = "Sponsored by the harbour council, the new market hall will open in the spring of next year."
        recipe = loads({RECIPE!r})
        default = Cleaner(Recipe()).clean(document(lines)).removals[3]
        tuned = Cleaner(recipe).clean(document(lines)).removals[3]
        long = Cleaner(recipe).clean(document([TITLE["en"], *BODY["en"], long_line])).removals[-1]
        print(json.dumps(dict(
            registered="example.sponsors" in REGISTRY,
            family=[family.label, family.colour, family in list(Family)],
            default=default is None,
            tuned=None if tuned is None else [tuned.rule_id, tuned.family.label],
            long_line_kept=long is None,
            stored="example.sponsors" in dumps(recipe) and dumps(loads(dumps(recipe))) == dumps(recipe),
            untouched="example.sponsors" not in dumps(Recipe()),
        )))
    """,
    )
    got = json.loads(out)
    assert got["registered"]
    assert got["family"][0] == "Sponsor" and got["family"][1].startswith("#") and got["family"][2]
    assert got["default"], "the plugin rule waits until a recipe switches it on"
    assert got["tuned"] == ["example.sponsors", "Sponsor"]
    assert got["long_line_kept"], "a long sentence is text, not a sponsor line"
    assert got["stored"] and got["untouched"]


def test_two_packs_cannot_claim_one_rule_id():
    with pytest.raises(ValueError, match="already taken"):
        RuleRegistry({"builtin": RulePack(BUILTIN_RULES), "copy": RulePack(BUILTIN_RULES[:1])})
