"""`rules.shared.keyed` looks only at the lines that could be keyed as a wanted phrase, and finds what the kernel's loop over
every line (`keyed_lines` over `Analysis.nonblank`) finds: also where a line's key is not its words (a soft hyphen or an
invisible space the key drops joins two words, an underscore the key strips at its edge, quotes made plain)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from winnow.kernel import keyed_lines
from winnow.rules.shared import keyed
from winnow.stages.analyse import Analysis
from winnow.text.lexicon import key

WANTED = frozenset(
    key(phrase) for phrase in ("Sign up", "Jetzt abonnieren", "Je m’inscris", "Suscríbete", "Iscriviti ora", "abonnieren", "»", "_join_ now", "x")
)
PIECES = [
    "Sign",
    "up",
    "sign up",
    "SIGN  UP",
    "Jetzt",
    "abon\u00adnieren",
    "abonnie\u200bren",
    "\ufeffabonnieren",
    "_abonnieren_",
    "__",
    "Je",
    "m’inscris",
    "m'inscris",
    "Suscríbete",
    "SUSCRÍBETE",
    "Iscriviti",
    "ora",
    "»",
    "«»",
    "→",
    "x",
    "X.",
    "join",
    "_join_",
    "now",
    "„",
    "—",
    " ",
    "\u00a0",
    "Wir",
    "melden",
    "uns",
    "bald",
]
lines_of_pieces = st.lists(st.lists(st.sampled_from(PIECES), max_size=5).map(" ".join), max_size=12)


def everywhere(info: Analysis, wanted: frozenset[str], limit: int) -> list[int]:
    return keyed_lines(info.nonblank, info.counts, limit, info.keys, wanted)


@settings(max_examples=400, deadline=None)
@given(lines_of_pieces, st.integers(0, 6))
def test_keyed_finds_what_the_loop_over_every_line_finds(lines, limit):
    info = Analysis(lines)
    assert keyed(info, WANTED, limit) == everywhere(info, WANTED, limit)


@settings(max_examples=100, deadline=None)
@given(lines_of_pieces, st.integers(0, 6))
def test_keyed_with_a_line_holding_a_newline_too(lines, limit):
    info = Analysis([*lines, "Sign\nup"])  # (the analysis then reads the page line by line)
    assert keyed(info, WANTED, limit) == everywhere(info, WANTED, limit)


def test_keyed_made_up_lines():
    lines = [
        "Get our morning briefing in your inbox every day",
        "Sign up",  # a button
        "Sign up for our newsletter to hear from us",  # longer than a button
        "Jetzt abon\u00adnieren",  # the key drops the soft hyphen: "jetzt abonnieren"
        "_abonnieren_",  # the key strips the underscores
        "Je m’inscris",  # the key makes the quote plain
        "",
        "   ",
        "Wir melden uns bald",
        "»",  # a key without a word
        "SUSCRÍBETE",
        "Iscriviti ora!",
        "Abonnieren Sie",
    ]
    info = Analysis(lines)
    assert keyed(info, WANTED, 4) == [1, 3, 4, 5, 9, 10, 11] == everywhere(info, WANTED, 4)
    assert keyed(info, WANTED, 1) == [4, 9, 10] == everywhere(info, WANTED, 1)  # (a word at most: not "Sign up")
    assert keyed(info, frozenset(), 4) == []


def test_keyed_leaves_out_the_lines_outside_the_main_content():
    lines = ["Sign up", "Mehr lesen", "Sign up", "_abonnieren_"]
    info = Analysis(lines, skip=frozenset({0, 3}))  # (outside an HTML page's main content: no rule judges them)
    assert keyed(info, WANTED, 4) == [2] == everywhere(info, WANTED, 4)
