"""winnow.text.sentences: the one definition of a sentence end, at a line's end and inside a text, in several
scripts; and the reader's long-line splitter, which cuts at those ends."""

from __future__ import annotations

import pytest

from winnow.readers.decode import split_long_lines
from winnow.text.sentences import ends_sentence, is_headline_like, last_sentence_break


@pytest.mark.parametrize(
    "line",
    [
        "The council met on Monday.",
        "Was hat der Rat beschlossen?",
        'He said: "We will build it."',
        "Il a dit : « Nous le ferons. »",
        "Das war alles (und mehr).",
        "„Wir bauen sie“, sagte er. „Noch dieses Jahr.“",
        "»Wir bauen sie noch dieses Jahr.«",
        "Well…",
        "会议于周一举行。",
        "बैठक सोमवार को हुई।",
        "اجتمع المجلس يوم الاثنين؟",
    ],
)
def test_lines_that_end_a_sentence(line):
    assert ends_sentence(line)


@pytest.mark.parametrize(
    "line", ["Read more", "Share on Facebook:", "„Mehr zum Thema“", "« Lire la suite »", "Sport, Politik, Wirtschaft", "Seite 2 von 5", "会议于周一举行", ""]
)
def test_lines_that_do_not(line):
    assert not ends_sentence(line)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("First one. Second one. Third", "First one. Second one."),
        ('He said "stop." Then he left', 'He said "stop."'),
        ("Wirklich? Ja! Und dann", "Wirklich? Ja!"),
        ("« Il est parti. » Puis", "« Il est parti. »"),  # French sets the closing guillemet apart
        ("„Er ist weg.“ Dann", "„Er ist weg.“"),
        ("He left. “Where?” she asked", "He left. “Where?”"),  # an opening quote after the space is the next sentence's
        ("第一句。第二句！第三", "第一句。第二句！"),  # full-width marks need no space after them
        ("पहला वाक्य। दूसरा", "पहला वाक्य।"),
        ("version 2.5 of the app", None),  # a point inside a number ends nothing
        ("no end at all", None),
    ],
)
def test_the_last_sentence_break_inside_a_text(text, expected):
    at = last_sentence_break(text, 0, len(text))
    assert (text[:at] if at >= 0 else None) == expected


def test_a_sentence_break_must_lie_wholly_inside_the_window():
    text = "One. Two. Three. Four."
    assert text[: last_sentence_break(text, 0, 9)] == "One."  # "Two." is there, but not the space after it
    assert text[: last_sentence_break(text, 0, 10)] == "One. Two."
    assert last_sentence_break(text, 5, 8) == -1


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", 'She said "it is done." '),
        ("de", "Der Rat hat am Montag den Haushalt beschlossen! "),
        ("zh", "会议于周一举行，预算获得通过。"),
        ("hi", "बैठक सोमवार को हुई और बजट पारित हुआ। "),
    ],
)
def test_overlong_lines_are_cut_after_whole_sentences_in_any_script(language, sentence):
    line = sentence * 200
    lines, origin, warning = split_long_lines([line], 1_000)
    assert len(lines) > 1 and warning and origin == [0] * len(lines)
    assert all(len(piece) <= 1_000 for piece in lines)
    assert all(piece.endswith(sentence.strip()) for piece in lines[:-1]), language
    assert "".join(lines).replace(" ", "") == line.replace(" ", "")  # only the spaces cut at are gone


@pytest.mark.parametrize(
    ("line", "headline"),
    [("Council approves budget", True), ("Council approves the budget.", False), ("J.", True), ("Wait for it...", True), ("„Der Rat tagt.“", False)],
)
def test_headlines_are_short_and_unfinished(line, headline):
    assert is_headline_like(line, 8) is headline
