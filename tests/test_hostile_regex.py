"""Hostile recipes: user regexes and phrase lists that must not eat the machine, and rules that fail closed."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from timing_helpers import best_of_alternating
from winnow.core.model import Document
from winnow.pipeline import Cleaner
from winnow.recipe import Recipe, dumps
from winnow.rules.base import Rule


def safe_regex():
    from winnow.text import regex as safe

    return safe


def winnow(*args, timeout=120):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "winnow", *map(str, args)], capture_output=True, text=True, encoding="utf-8", env=env, timeout=timeout)


def recipe_with(**custom) -> Recipe:
    recipe = Recipe()
    for name, values in custom.items():
        recipe = recipe.with_custom(name, values)
    return recipe


# ---------------------------------------------------------------- the compile guard

HUGE_PATTERNS = ["(?:a{10000}){10000}", "(?:a{65535}){65535}", "(x{400}y{400}){400}", "((ab){1000}){1000}", "[ab]{99999}{2}", "a" * 6000]
MEMORY_CAP = "import resource; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)); "  # a regression fails, not swaps


def test_a_pattern_that_would_compile_huge_is_refused_before_compiling():
    script = MEMORY_CAP + (
        "import json, sys, time\n"
        "from winnow.rules.custom import regex_error\n"
        "started = time.perf_counter()\n"
        "errors = [regex_error(p) for p in json.loads(sys.argv[1])]\n"
        "print(json.dumps([errors, time.perf_counter() - started]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, json.dumps(HUGE_PATTERNS)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-500:]
    errors, seconds = json.loads(proc.stdout)
    assert all(e and ("repeats too much" in e or "too long" in e) for e in errors), errors
    assert seconds < 1.0  # refused by a scan, not by trying


@pytest.mark.parametrize(
    "pattern",
    [r"^Photo: .*$", r"(\d{1,3}\.){3}\d{1,3}", r"\p{Lu}{2,4}\b", r"[{}]{2}", r"(?<=Foto:)\s*\w+", r"^(?:Anzeige|Werbung|Publicité)$", r"x{,5}y", r"a{1000}"],
)
def test_ordinary_patterns_pass_the_guard(pattern):
    assert safe_regex().guard_error(pattern) is None
    assert safe_regex().compile_user_regex(pattern).pattern == pattern


def test_the_size_estimate_multiplies_nested_counts_and_adds_siblings():
    compiled_size = safe_regex().compiled_size
    assert compiled_size("a{10}") == 10
    assert compiled_size("(?:a{10}){10}") == 100
    assert compiled_size("a{10}b{10}") == 20
    assert compiled_size(r"[a{10}]\{10\}") < 10  # braces inside a class or escaped are not counts


def test_recipe_check_refuses_the_exploding_pattern_in_bounded_memory(tmp_path):
    recipe = tmp_path / "r.toml"
    recipe.write_text(dumps(recipe_with(drop_regex=["(?:a{10000}){10000}", "^ok$"])), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", MEMORY_CAP + "import sys; from winnow.cli import main; sys.exit(main(sys.argv[1:]))", "recipe", "check", str(recipe)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
    assert "(?:a{10000}){10000}" in proc.stderr and "repeats too much" in proc.stderr
    assert "Traceback" not in proc.stderr


# ---------------------------------------------------------------- the time budget over a run


def test_a_catastrophic_regex_is_switched_off_for_the_run_and_reported():
    recipe = recipe_with(drop_regex=["(a|aa)+$"]).with_custom("regex_timeout_ms", 20)
    cleaner = Cleaner(recipe)
    hostile = "a" * 40 + "!"
    results = [cleaner.clean(Document(f"d{i}.txt", "text", hostile, [hostile, "kept line"])) for i in range(50)]
    problems = cleaner.run_problems()
    assert len(problems) == 1 and "(a|aa)+$" in problems[0] and "switched off" in problems[0]
    # three timeouts, then it is not tried again: 3 x 20 ms in all, not 50 x 20 ms
    assert cleaner.regex_budget.timeouts["(a|aa)+$"] == 3
    assert all(r.lines_kept == 2 for r in results)


def test_the_budget_counts_time_across_documents():
    budget = safe_regex().RegexBudget(budget_s=0.0)
    compiled = safe_regex().compile_user_regex("x")
    assert budget.search(compiled, "x", "a line with x", 1.0) is True
    assert "x" in budget.disabled and budget.search(compiled, "x", "x", 1.0) is None


def test_the_command_line_exits_1_when_a_regex_was_switched_off(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(6):
        (inputs / f"{i}.txt").write_text("a" * 40 + "!\nSome kept prose for the corpus, in a sentence.\n", encoding="utf-8")
    recipe = tmp_path / "r.toml"
    recipe.write_text(dumps(recipe_with(drop_regex=["(a|aa)+$"]).with_custom("regex_timeout_ms", 10)), encoding="utf-8")
    proc = winnow("clean", inputs, "-r", recipe, "-o", tmp_path / "out.jsonl")
    assert proc.returncode == 1, proc.stderr
    assert "switched off for the rest of the run" in proc.stderr


# ---------------------------------------------------------------- many phrases, one automaton


def test_phrase_matcher_reports_the_earliest_listed_phrase_case_and_space_insensitively():
    from winnow.rules.custom import PhraseMatcher

    matcher = PhraseMatcher(["zweite Zeile", "Zeile", "ÉTÉ  chaud"])
    assert matcher.first("Die ZWEITE   zeile hier") == "zweite Zeile"
    assert matcher.first("nur eine zeile") == "Zeile"
    assert matcher.first("un été chaud") == "ÉTÉ  chaud"
    assert matcher.first("nothing here") is None
    assert not PhraseMatcher(["  ", ""])


def test_ten_thousand_phrases_cost_about_as_much_as_ten():
    lines = [f"Line {i} of an ordinary article about the weather in town number {i}." for i in range(3000)]
    doc = Document("big.txt", "text", "\n".join(lines), lines)

    def cleaner_of(n: int) -> Cleaner:
        phrases = [f"never-seen phrase {k}" for k in range(n)] + ["town number 17."]
        return Cleaner(recipe_with(drop_containing=phrases))

    def clean_checked(cleaner: Cleaner) -> None:
        result = cleaner.clean(doc)
        assert result.removals[17] is not None and result.removals[17].rule_id == "custom.drop-containing"

    small, large = best_of_alternating([(clean_checked, (cleaner_of(10),)), (clean_checked, (cleaner_of(10_000),))])
    assert large < 2.0 * small + 0.05, (small, large)


# ---------------------------------------------------------------- fail closed


class Exploding(Rule):
    id = "test.exploding"
    name = "explodes"
    description = "raises on documents that mention a trigger"

    def __init__(self, error: BaseException):
        super().__init__()
        self.error = error

    def apply(self, ctx) -> None:
        if any("trigger" in line for line in ctx.lines):
            raise self.error


@pytest.mark.parametrize("error", [MemoryError(), RuntimeError("boom"), RecursionError("deep")])
def test_a_rule_that_raises_fails_the_document_and_it_is_not_exported(tmp_path, error):
    from winnow.export import ExportOptions, export_corpus

    cleaner = Cleaner(Recipe())
    cleaner.rules.append(Exploding(error))
    docs = [
        Document("good.txt", "text", "fine", ["A fine sentence of the article."]),
        Document("bad.txt", "text", "trigger", ["ADVERTISEMENT", "This line has the trigger word."]),
    ]
    results = [cleaner.clean(d) for d in docs]
    assert [r.failed for r in results] == [False, True]
    problem = results[1].problems[-1]
    assert problem.fatal and problem.source == "bad.txt" and "test.exploding" in problem.message
    export_corpus(results, tmp_path / "out.jsonl", ExportOptions())
    exported = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["source"] for r in exported] == ["good.txt"]


def test_the_command_line_exits_1_and_names_rule_and_document_when_a_rule_raises(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("A fine sentence of the article.\n", encoding="utf-8")
    (inputs / "bad.txt").write_text("This line has the trigger word.\n", encoding="utf-8")
    script = (
        "import sys\n"
        "from winnow import pipeline\n"
        "original = pipeline.Cleaner.__post_init__\n"
        "def patched(self):\n"
        "    original(self)\n"
        "    first = self.rules[-1]\n"
        "    real = first.apply\n"
        "    def apply(ctx):\n"
        "        if any('trigger' in line for line in ctx.lines):\n"
        "            raise MemoryError()\n"
        "        return real(ctx)\n"
        "    first.apply = apply\n"
        "pipeline.Cleaner.__post_init__ = patched\n"
        "from winnow.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([sys.executable, "-c", script, "clean", str(inputs), "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "in/bad.txt" in proc.stderr and "MemoryError" in proc.stderr
    assert [json.loads(line)["source"] for line in out.read_text(encoding="utf-8").splitlines()] == ["in/good.txt"]
