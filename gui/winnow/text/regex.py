"""User regular expressions: the one place a pattern is checked, compiled and run, so that it cannot hurt the
machine.

Two dangers, two guards:

* **Compiling.** The `regex` module expands counted repetitions when it compiles: `(?:a{10000}){10000}`, 21
  bytes, asks for ~17 GB. Before compiling, `guard_error` estimates the size a pattern compiles to (each
  counted repetition multiplies what it repeats, nested ones multiply each other) and refuses a pattern whose
  estimate or length is over a limit. The estimate is a scan of the pattern text, so it takes microseconds and
  is the same check for `recipe check`, `clean --recipe` and the window's check-as-you-type (`pattern_error`).
  Why not google-re2: it would make matching linear, but it rejects lookarounds and back-references that users
  of Python regexes write, so it could only ever be a first try with `regex` behind it; the guard plus the
  time limits below cover both engines' failure modes with one engine and no new binary dependency.
* **Matching.** Every search runs with the `regex` module's per-call timeout (`TimedPattern`, or `RegexBudget.
  search`), which raises TimeoutError instead of freezing the program; `RegexBudget` adds up the time each
  pattern spends over the whole run: a pattern that times out too often, or spends its budget, is switched off
  for the rest of the run and reported (the command line then exits 1).
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field

import regex

MAX_PATTERN_CHARS = 5_000
MAX_COMPILED_SIZE = 100_000  # estimated atoms after expanding counted repetitions; `a{100000}` compiles in ms
DEFAULT_RUN_BUDGET_S = 10.0  # seconds one pattern may spend over a whole run
MAX_TIMEOUTS = 3  # a pattern stopped by the per-line timeout this often is switched off for the run
EMPTY_LINE_TIMEOUT_S = 0.05  # a pattern too slow even on "" is refused outright

_COUNTED = re.compile(r"\{(\d*)(?:,(\d*))?\}")
_GROUP_HEAD = re.compile(r"\?(?:P?<\w+>|<[=!]|[=!:>|]|[\w-]*:)?")  # (?:  (?P<name>  (?<=  (?i: …


def compiled_size(pattern: str) -> int:
    """An upper estimate of the atoms `pattern` compiles to: literals, classes and escapes count 1, a group the
    sum of its content, a counted repetition {m,n} multiplies its atom by max(m, n)."""
    frames: list[list[int]] = [[0, 0]]  # per open group: [size so far, size of the last atom]
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        atom = 1
        if ch == "\\":
            i += 2
            if i < n + 1 and pattern[i - 1 : i] in ("p", "P", "N", "x", "u", "U", "g") and pattern[i : i + 1] == "{":
                end = pattern.find("}", i)
                i = n if end < 0 else end + 1
        elif ch == "[":
            i = _class_end(pattern, i)
        elif ch == "(":
            frames.append([0, 0])
            head = _GROUP_HEAD.match(pattern, i + 1)
            i = head.end() if head else i + 1
            continue
        elif ch == ")":
            if len(frames) > 1:
                atom = frames.pop()[0]
            i += 1
        elif ch == "{" and (m := _COUNTED.match(pattern, i)) and (m.group(1) or m.group(2)):
            low = int(m.group(1) or 0)
            high = int(m.group(2)) if m.group(2) else low
            frame = frames[-1]
            frame[0] += frame[1] * (max(low, high, 1) - 1)
            frame[1] *= max(low, high, 1)
            i = m.end()
            if frame[0] > MAX_COMPILED_SIZE:
                return frame[0]
            continue
        else:
            i += 1
        frame = frames[-1]
        frame[0] += atom
        frame[1] = atom
    while len(frames) > 1:  # an unclosed group: compile() will say so; count it anyway
        inner = frames.pop()[0]
        frames[-1][0] += inner
    return frames[0][0]


def _class_end(pattern: str, start: int) -> int:
    """Index just past the character class opening at `start` (nested [..] of the regex module's sets included)."""
    i = start + 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":
        i += 1
    depth = 1
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return i


def guard_error(pattern: str) -> str | None:
    """Why `pattern` may not be compiled (too long, or would compile too large), or None when it is safe to."""
    if len(pattern) > MAX_PATTERN_CHARS:
        return f"is too long ({len(pattern):,} characters; the limit is {MAX_PATTERN_CHARS:,})"
    if compiled_size(pattern) > MAX_COMPILED_SIZE:
        return "repeats too much: its counted repetitions {m,n} multiply to more than " + f"{MAX_COMPILED_SIZE:,}; use * or + instead of large counts"
    return None


def compile_user_regex(pattern: str) -> regex.Pattern[str]:
    """Compile a user's pattern, or raise ValueError saying why not (unsafe or invalid)."""
    error = guard_error(pattern)
    if error:
        raise ValueError(error)
    try:
        return regex.compile(pattern)
    except regex.error as exc:
        raise ValueError(str(exc)) from None
    except (OverflowError, RecursionError, MemoryError) as exc:  # pathological patterns
        raise ValueError(str(exc) or type(exc).__name__) from None


def pattern_error(pattern: str) -> str | None:
    """Why `pattern` is not a usable regular expression for a rule, or None when it is: the window's
    check-as-you-type, `recipe check` and `clean --recipe` all ask this."""
    if not pattern.strip():
        return "empty pattern"
    try:
        compiled = compile_user_regex(pattern)
    except ValueError as exc:
        return str(exc)
    try:
        if compiled.search("", timeout=EMPTY_LINE_TIMEOUT_S):
            return "matches every line (even an empty one)"
    except TimeoutError:
        return "too slow even on an empty line"
    return None


class TimedPattern:
    """A compiled user pattern (through the guard) whose searches stop after `timeout_ms` (raising TimeoutError)."""

    def __init__(self, pattern: str, timeout_ms: int):
        self.pattern = pattern
        self.compiled = compile_user_regex(pattern)
        self.timeout = timeout_ms / 1000

    def search(self, text: str) -> regex.Match[str] | None:
        return self.compiled.search(text, timeout=self.timeout)


@dataclass
class RegexBudget:
    """Time each pattern spent over a run; a pattern over budget (or stopped too often) is switched off.

    Shared by all documents cleaned with one Cleaner (thread-safe: the window cleans in worker threads)."""

    budget_s: float = DEFAULT_RUN_BUDGET_S
    max_timeouts: int = MAX_TIMEOUTS
    spent: dict[str, float] = field(default_factory=dict)
    timeouts: dict[str, int] = field(default_factory=dict)
    disabled: dict[str, str] = field(default_factory=dict)  # pattern -> why it was switched off
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def active(self, pattern: str) -> bool:
        return pattern not in self.disabled

    def search(self, compiled: regex.Pattern[str], pattern: str, line: str, timeout: float) -> bool | None:
        """Whether `pattern` finds something in `line`; None when it was stopped (timeout, or switched off)."""
        if pattern in self.disabled:
            return None
        start = time.perf_counter()
        try:
            hit = compiled.search(line, timeout=timeout) is not None
        except TimeoutError:
            hit = None
        elapsed = time.perf_counter() - start
        with self.lock:
            total = self.spent[pattern] = self.spent.get(pattern, 0.0) + elapsed
            if hit is None:
                count = self.timeouts[pattern] = self.timeouts.get(pattern, 0) + 1
                if count >= self.max_timeouts and pattern not in self.disabled:
                    self.disabled[pattern] = f"was stopped by the time limit {count} times; switched off for the rest of the run"
            if total > self.budget_s and pattern not in self.disabled:
                self.disabled[pattern] = f"spent its time budget ({self.budget_s:g} s over the run); switched off for the rest of the run"
        return hit
