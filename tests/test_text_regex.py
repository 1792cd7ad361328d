"""The regex-with-timeout helper every user pattern goes through."""

import pytest

from winnow.text.regex import TimedPattern, pattern_error


def test_a_catastrophic_pattern_is_stopped_by_its_timeout():
    slow = TimedPattern(r"(a+)+$", timeout_ms=20)
    with pytest.raises(TimeoutError):
        slow.search("a" * 5000 + "b")
    assert TimedPattern(r"\bFoto:\s*\w+", timeout_ms=20).search("Hafen, Foto: dpa").group() == "Foto: dpa"


@pytest.mark.parametrize(
    ("pattern", "error"), [("", "empty pattern"), ("(", "missing )"), (".*", "matches every line"), ("Anzeige$", None), (r"(?i)werbung", None)]
)
def test_patterns_are_checked_before_use(pattern, error):
    found = pattern_error(pattern)
    assert (found is None) if error is None else (error in found)
