"""A fuzz suite that stays: any TOML gives a recipe or a clear error, any bytes give documents or problems,
and cleaning time grows linearly with the input (1x against 4x in the same test)."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import pytest
import tomlkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timing_helpers import GROWTH_BOUND, best_of_alternating
from winnow.core.model import Document, Problem
from winnow.pipeline import Cleaner
from winnow.readers import ReadOptions, read_paths
from winnow.recipe import Recipe, RecipeError, loads
from winnow.rules import BUILTIN_RULES

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# ---------------------------------------------------------------- the recipe loader

RULE_IDS = [cls.id for cls in BUILTIN_RULES]
PARAM_NAMES = sorted({p.name for cls in BUILTIN_RULES for p in cls.params}) + ["enabled"]
CUSTOM_NAMES = ["drop_containing", "drop_equal", "drop_regex", "selectors", "keep_containing", "keep_regex", "regex_timeout_ms"]

scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.just("(?:a{10000}){10000}"),
    st.just("(a|aa)+$"),
    st.just("[unclosed"),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=12)
rule_tables = st.dictionaries(
    st.sampled_from(RULE_IDS) | st.text(max_size=10), st.dictionaries(st.sampled_from(PARAM_NAMES) | st.text(max_size=8), values, max_size=4), max_size=4
)
custom_tables = st.dictionaries(st.sampled_from(CUSTOM_NAMES) | st.text(max_size=8), values | st.lists(st.text(max_size=20), max_size=4), max_size=5)
overrides = st.lists(st.dictionaries(st.sampled_from(["doc", "line", "text", "action", "source"]), values, max_size=5), max_size=3)
documents = st.fixed_dictionaries(
    {},
    optional={
        "schema": st.integers(min_value=-5, max_value=5) | scalars,
        "rules": rule_tables | values,
        "custom": custom_tables | values,
        "override": overrides | values,
    },
)


def load_or_error(text: str) -> Recipe | None:
    try:
        recipe = loads(text, "fuzz.toml")
    except RecipeError as exc:
        assert str(exc).startswith("fuzz.toml")
        return None
    Cleaner(recipe)  # a recipe that loads must also build: every pattern guarded, every value in bounds
    return recipe


@FUZZ
@given(documents)
def test_any_recipe_shaped_toml_loads_or_is_a_clear_error(data):
    try:
        text = tomlkit.dumps(data)
    except Exception:  # tomlkit cannot write every value (NaN keys, odd floats): not what is tested here
        return
    load_or_error(text)


@FUZZ
@given(st.text(max_size=300))
def test_any_text_as_a_recipe_loads_or_is_a_clear_error(text):
    load_or_error(text)


# ---------------------------------------------------------------- the readers

NAMES = ["page.txt", "page.html", "feed.jsonl", "feed.json", "table.csv", "table.tsv", "page.txt.gz", "feed.jsonl.gz", "noext", "page.md"]

json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["text", "html", "title", "url", "x"]) | st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=10,
)
contents = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(json_like, max_size=5).map(lambda rs: "\n".join(json.dumps(r) for r in rs).encode()),
    st.text(max_size=200).map(lambda t: f"<html><body><p>{t}</p></body></html>".encode("utf-8", "surrogatepass")),
    st.lists(st.lists(st.text(max_size=20), max_size=4), max_size=5).map(
        lambda rows: "\r\n".join(",".join(json.dumps(c) for c in row) for row in [["text", "url"], *rows]).encode("utf-8", "surrogatepass")
    ),
)


@FUZZ
@given(name=st.sampled_from(NAMES), data=contents)
def test_any_bytes_give_documents_or_problems(tmp_path_factory, name, data):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    items = list(read_paths([path], ReadOptions(max_document_lines=50)))
    assert items and all(isinstance(i, (Document, Problem)) for i in items)
    cleaner = Cleaner(Recipe())
    for doc in (i for i in items if isinstance(i, Document)):
        assert doc.lines and not any(ch in line for line in doc.lines for ch in "\x00\x1b\x7f")
        result = cleaner.clean(doc)
        assert len(result.removals) == len(result.lines) and not result.failed
    for problem in (i for i in items if isinstance(i, Problem)):
        assert problem.source == name and problem.message


# ---------------------------------------------------------------- linear growth


def clean_paths(paths: list[Path], options: ReadOptions) -> None:
    """Clean the next of `paths` (each timing cleans a file it has not seen)."""
    cleaner = Cleaner(Recipe())
    for item in read_paths([paths.pop()], options):
        if isinstance(item, Document):
            cleaner.clean(item)


@pytest.mark.parametrize("make", ["short_lines", "endless_line"])
def test_cleaning_time_grows_linearly_with_a_hostile_text(tmp_path, make):
    """Short lines that each continue the previous one, or one endless line: 4x the input costs about 4x the
    time (the per-document caps cut it into parts; without them the short lines were quadratic)."""

    runs = itertools.count()

    def write(n: int) -> Path:
        # each measurement cleans lines it has not seen: the per-process memos of line facts (dates, bylines)
        # would otherwise answer a repeated small text from memory and flatter it against the large one
        run = next(runs)
        path = tmp_path / f"{make}-{n}-{run}.txt"
        if make == "short_lines":
            path.write_text("".join(f"and the river runs on past bridge {run}-{i},\n" for i in range(n)), encoding="utf-8")
        else:
            path.write_text(f"and the river runs on past bridge {run} " * n, encoding="utf-8")
        return path

    options = ReadOptions(max_document_lines=1_500, max_document_chars=60_000)
    clean_paths([write(3_000)], options)  # warm the lexicons
    rounds = 3
    small, large = [write(3_000) for _ in range(rounds)], [write(12_000) for _ in range(rounds)]
    once, four = best_of_alternating([(clean_paths, (small, options)), (clean_paths, (large, options))], rounds)
    assert four < GROWTH_BOUND * once, (once, four)
