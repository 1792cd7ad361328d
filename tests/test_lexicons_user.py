"""Word lists are data: a user adds a language (here a made-up one) by dropping a lexicon file in their
lexicon folder, with no code change, and the next run reads dates written in it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

MADE_UP = """
# Zorbian, a made-up language: its months, weekdays and date words
months = [["jinu"], ["febo"], ["marzu"], ["aprol"], ["mayu"], ["junu"], ["julu"], ["agusto"], ["septo"], ["oktu"], ["novu"], ["decu"]]
weekdays = ["lunto", "martu"]
prefixes = ["publikita", "je"]
"""

PROBE = textwrap.dedent("""
    import json
    from winnow.core.model import Document
    from winnow.pipeline import Cleaner
    from winnow.recipe import Recipe
    lines = ["Harbour council approves flood barrier budget", "Publikita je lunto, 5 septo 2021",
             "The harbour council voted on Tuesday to approve a budget of 40 million euros for a new flood barrier.",
             "Work on the flood barrier is due to start in spring and finish within three years, the council said."]
    cleaned = Cleaner(Recipe()).clean(Document(source="z.txt", format="text", content="", lines=lines))
    print(json.dumps({"date": cleaned.metadata.get("date"), "dropped": cleaned.removals[1] is not None}))
""")


def probe(config_home) -> dict:
    env = {**os.environ, "XDG_CONFIG_HOME": str(config_home)}
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_a_made_up_language_lexicon_in_the_user_folder_is_read(tmp_path):
    assert probe(tmp_path) == {"date": None, "dropped": False}  # unknown words: not a date
    folder = tmp_path / "winnow" / "lexicons" / "dates"
    folder.mkdir(parents=True)
    (folder / "zz.toml").write_text(MADE_UP, encoding="utf-8")
    assert probe(tmp_path) == {"date": "2021-09-05", "dropped": True}


def test_a_user_lexicon_with_the_wrong_number_of_months_is_refused_by_name(tmp_path):
    folder = tmp_path / "winnow" / "lexicons" / "dates"
    folder.mkdir(parents=True)
    (folder / "zz.toml").write_text('months = [["jinu"]]\n', encoding="utf-8")
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True)
    assert run.returncode != 0 and "dates/zz.toml" in run.stderr
