"""Lexicons are one object, read once from a search path of folders and handed to the stages and rules: a test
(or a user) builds one from made-up folders, and the rules match with exactly those word lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from winnow import resources
from winnow.core.model import Document
from winnow.pipeline import Cleaner
from winnow.recipe import Recipe
from winnow.text.lexicon import Lexicons, key


def write(folder: Path, name: str, text: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def shipped_and(folder: Path) -> Lexicons:
    return Lexicons([resources.resource("lexicons"), folder])


def test_a_lexicon_joins_its_shared_file_and_its_language_files_from_every_folder(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    write(first, "signs.toml", 'equal = ["Stop"]\nlabels = ["x"]\n')
    write(first, "signs/qa.toml", 'equal = ["Halto"]\n')
    write(second, "signs/qb.toml", 'equal = ["Stoppa"]\nlabels = ["y"]\n')
    signs = Lexicons([first, second]).get("signs")
    assert signs.equal == {"stop", "halto", "stoppa"}
    assert signs.items("labels") == ["x", "y"]
    assert signs.match(key("HALTO!")) == "halto"
    assert signs.match(key("Go")) is None


def test_the_matching_helpers_read_the_named_list(tmp_path):
    write(tmp_path, "signs.toml", 'notes = ["Reading time", "Temps de lecture"]\nwords = ["Foo", "bar baz"]\n')
    signs = Lexicons([tmp_path]).get("signs")
    assert signs.phrases("notes").finds(("the", "reading", "time", "is", "short")) == ("reading", "time")
    assert signs.phrases("notes").finds(("reading", "the", "time")) is None
    assert signs.terms("words") == {"foo", "bar baz"}
    assert signs.vocabulary("words") == {"foo", "bar", "baz"}
    assert signs.first_words("words") == {"foo", "bar"}
    assert signs.phrases("notes") is signs.phrases("notes")  # built once
    with pytest.raises(KeyError, match="'signs' has no list 'missing'"):
        signs.items("missing")


def test_a_missing_lexicon_or_a_broken_file_is_named(tmp_path):
    with pytest.raises(KeyError, match="no lexicon 'nothing'"):
        Lexicons([tmp_path]).get("nothing")
    write(tmp_path, "broken/qa.toml", "equal = [\n")
    with pytest.raises(ValueError, match="broken/qa.toml"):
        Lexicons([tmp_path]).get("broken")


def test_per_language_files_join_language_by_language_and_months_month_by_month(tmp_path):
    write(tmp_path / "a", "dates/qa.toml", 'months = [["m1"], ["m2"]]\nweekdays = ["w1"]\n')
    write(tmp_path / "b", "dates/qa.toml", 'months = [["n1"], ["n2"]]\nweekdays = ["w2"]\n')
    write(tmp_path / "b", "dates/qb.toml", 'weekdays = ["v1"]\n')
    found = Lexicons([tmp_path / "a", tmp_path / "b"]).by_language("dates")
    assert found == {"qa": {"months": [["m1", "n1"], ["m2", "n2"]], "weekdays": ["w1", "w2"]}, "qb": {"weekdays": ["v1"]}}


def test_what_a_rule_derives_from_the_lexicons_is_built_once_per_lexicons_object(tmp_path):
    write(tmp_path, "signs.toml", 'equal = ["Stop"]\n')
    calls = []

    def build(lexicons: Lexicons) -> frozenset[str]:
        calls.append(lexicons)
        return lexicons.get("signs").equal

    one, other = Lexicons([tmp_path]), Lexicons([tmp_path])
    assert one.derived(build) == one.derived(build) == other.derived(build) == {"stop"}
    assert calls == [one, other]


AD_PAGE = [
    "Harbour council approves flood barrier budget",
    "Reklamuzo",
    "The harbour council voted on Tuesday to approve a budget of 40 million euros for a new flood barrier.",
    "Work on the flood barrier is due to start in spring and finish within three years, the council said.",
]


def test_the_cleaner_s_rules_match_with_the_lexicons_it_was_given(tmp_path):
    doc = Document(source="page.txt", format="text", content="\n".join(AD_PAGE), lines=list(AD_PAGE))
    assert Cleaner(Recipe(), lexicons=shipped_and(tmp_path)).clean(doc).removals[1] is None
    write(tmp_path, "ads/qz.toml", '# a made-up language\'s ad label\nequal = ["reklamuzo"]\n')
    cleaned = Cleaner(Recipe(), lexicons=shipped_and(tmp_path)).clean(doc)
    assert cleaned.removals[1] is not None and cleaned.removals[1].rule_id == "ads.markers"
    assert cleaned.removals[2] is None and cleaned.removals[3] is None  # the article stays


def test_a_made_up_language_s_dates_are_read_by_the_analyse_stage(tmp_path):
    write(
        tmp_path,
        "dates/qz.toml",
        'months = [["jinu"], ["febo"], ["marzu"], ["aprol"], ["mayu"], ["junu"], ["julu"], '
        '["agusto"], ["septo"], ["oktu"], ["novu"], ["decu"]]\nprefixes = ["publikita"]\n',
    )
    lines = ["Harbour council approves flood barrier budget", "Publikita 5 septo 2021", *AD_PAGE[2:]]
    doc = Document(source="page.txt", format="text", content="\n".join(lines), lines=lines)
    assert Cleaner(Recipe()).clean(doc).metadata.get("date") is None
    assert Cleaner(Recipe(), lexicons=shipped_and(tmp_path)).clean(doc).metadata["date"] == "2021-09-05"
