"""Language identification with py3langid (what trafilatura itself uses), and language-code normalisation.

The identifier is an explicit object: the model is loaded once, by whoever builds the pipeline, not
by a hidden module-level singleton.
"""

from __future__ import annotations

import mmap
import os
import threading
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
from py3langid.langid import MODEL_FILE, RAW_FLOOR
from py3langid.langid import LanguageIdentifier as Py3LangId

from winnow.kernel import language_features, language_visits, long_lines

SAMPLE_CHARS = 300  # py3langid reads the sample byte by byte in Python: its main cost. 60 characters of each of the
SAMPLE_PIECE = 60  # five longest lines give the language 4,000 characters give on all but one of the dev sets' 350 pages;
# two lines were too few: a cookie notice in the site's language outvoted an English article
TRUST_DECLARED_BELOW = 0.9  # a declared language stands unless the text says otherwise with this confidence
# py3langid's model (0.4.0): its states, its features and its deepest state (the longest byte sequence it reads as one
# feature, found by a breadth-first walk of its automaton: tests/test_text_language.py walks it again)
KNOWN_MODEL = (104583, 100053)
DEEPEST_STATE = 6


def normalise_language(value: str | None) -> str | None:
    """Lower-case ISO 639-1 code of a language tag ('de-DE', 'en_US', ' FR ' -> 'de', 'en', 'fr'), else None."""
    if not value:
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if len(code) == 2 and code.isascii() and code.isalpha() else None


@dataclass(frozen=True)
class Language:
    """A document's language as an ISO 639-1 code, with the identifier's probability (1.0 when declared and agreed)."""

    code: str
    confidence: float


class LanguageIdentifier:
    """py3langid's model, loaded once, answering `identify(lines)`."""

    _shared: LanguageIdentifier | None = None

    def __init__(self) -> None:
        self._model = Model.from_model_file(MODEL_FILE, norm_probs=True)

    @classmethod
    def shared(cls) -> LanguageIdentifier:
        """One model per process: loading it takes a noticeable moment, and every cleaner can share it."""
        with _loading:
            if cls._shared is None:
                cls._shared = cls()
        return cls._shared

    @classmethod
    def preload(cls) -> None:
        """Start loading the shared model in a thread. Most of its half second is LZMA decompression, which
        runs outside the GIL: the command line imports the engine and plans its shards meanwhile."""
        if cls._shared is None:
            threading.Thread(target=cls.shared, name="language-model", daemon=True).start()

    def identify(self, lines: list[str], declared: str | None = None) -> Language | None:
        """The language of a document given as lines; a declared one (a page's lang attribute) is kept
        unless the text is clearly in another language: templates often keep "en" whatever the page says."""
        sample = prose_sample(lines)
        declared = normalise_language(declared)
        if not sample.strip():
            return Language(declared, 1.0) if declared else None
        code, probability = self._model.classify(sample)
        code = normalise_language(code) or code
        if declared and code != declared and probability < TRUST_DECLARED_BELOW:
            probability = dict(self._model.rank(sample)).get(declared, 0.0)  # rare: what the model gives the declared one
            code = declared
        return Language(code, round(float(probability), 3))


class Model(Py3LangId):
    """py3langid's identifier, walking a sample's bytes with numpy (ByteWalk) when its model is the one known here."""

    __slots__ = ("_walk",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        known = (len(self.tk_output), len(self.nb_ptc)) == KNOWN_MODEL
        if known:
            _move_to_large_pages(self)
        self._walk = ByteWalk(self) if known else None

    def _raw_score(self, text):
        if self._walk is None:
            return super()._raw_score(text)
        return self._walk.raw_score(text)


class ByteWalk:
    """py3langid's walk of a sample's bytes through its automaton, which counts the features it visits, done by the
    compiled kernel (`winnow.kernel.language_visits`: in C, or numpy in its twin).

    The library steps byte by byte in Python, through lists of Python ints spread over memory: most of its time, and
    more in a run than alone (the lists fall out of the processor's caches between documents). The state after a byte
    is the longest sequence ending there that the automaton knows (an Aho-Corasick automaton), never longer than its
    deepest state: so every position's state is found by walking from the start state over the DEEPEST_STATE bytes up
    to it, all positions at once (reads of the automaton's tens of megabytes that do not wait for one another). The counts
    come out as the library's (the same features, counted alike, in the order first seen), and the model scores them
    with its own code."""

    def __init__(self, model: Py3LangId):
        self.model = model
        self.nextmove = np.frombuffer(model.tk_nextmove, dtype=np.uint32).view(np.int32)  # the library's array, not a copy
        self.rowbase = np.asarray(model._rowbase, dtype=np.int32)
        self.output = np.asarray(model.tk_output, dtype=np.int32)
        # the state after each byte, and after each pair of bytes, from the start state: the first steps of every walk as
        # one look-up in tables that stay in the processor's caches (the automaton's own table is tens of megabytes)
        first = self.nextmove[self.rowbase[0] + np.arange(256)]
        self.after_two = self.nextmove[(self.rowbase[first][:, None] + np.arange(256)).ravel()]  # [256 * first + second]
        self.first = first
        # the model's weights are float16, which numpy widens to float32 for the product one value at a time in software
        # (a third of scoring a sample): a table of every float16's float32 does it by one gather, to the same values
        self.widened = _FLOAT16_AS_FLOAT32 if model.nb_ptc.dtype == np.float16 else None
        # or, when every weight is a negative normal float16 (log-probabilities are), by moving its bits into place: a
        # float32's exponent bias is 112 more than a float16's, its mantissa 13 bits longer, the sign bit set
        self.shifted = self.widened is not None and _negative_normal(model.nb_ptc)
        self.bits = np.ascontiguousarray(model.nb_ptc).view(np.uint16) if self.widened is not None else None  # (the library's array)

    def visits(self, text: bytes) -> Counter[int] | None:
        """Each feature of the encoded `text` with how often the automaton meets it (None for none), as
        `py3langid.langid.visit_counts`."""
        found, counted = self._visits(text)
        return Counter(dict(zip(found, counted))) or None

    def _visits(self, text: bytes) -> tuple[list[int], list[int]]:
        """The features met and how often, in the order first met (the kernel's walk: in C, or numpy in its twin)."""
        return language_visits(text, self.first, self.after_two, self.nextmove, self.rowbase, self.output, DEEPEST_STATE)

    def raw_score(self, text: bytes) -> np.ndarray:
        """The model's `_raw_score`, with the walk above."""
        if self.shifted and self.bits is not None:  # the walk's rows gathered and widened in one pass with it, and their
            # counts as float32 (the kernel's, asking for the next rows meanwhile): the library's _sparse_score, the same
            # product of the same float32 values
            bits, counts = language_features(
                text, self.first, self.after_two, self.nextmove, self.rowbase, self.output, DEEPEST_STATE, self.bits, _NEGATIVE_NORMAL_REBIAS
            )
            if len(counts):
                return np.log1p(counts) @ bits.view(np.float32) + self.model.nb_pc
            return self._nothing_met()
        found, counted = self._visits(text)
        if found and self.widened is not None and self.bits is not None:  # the library's _sparse_score, the same product of the same float32 values
            rows = self.bits.take(np.array(found, dtype=np.intp), axis=0)  # (take: the same rows as indexing, sooner)
            weights = self.widened.take(rows)
            return np.log1p(np.array(counted, dtype=np.float32)) @ weights + self.model.nb_pc
        if found:
            return self.model._sparse_score(Counter(dict(zip(found, counted))), self.model.nb_ptc)
        return self._nothing_met()

    def _nothing_met(self) -> np.ndarray:
        return np.full(len(self.model.nb_classes), 0.0 if self.model._norm_probs else RAW_FLOOR, dtype=np.float32)  # as the library


_FLOAT16_AS_FLOAT32 = np.arange(1 << 16, dtype=np.uint32).astype(np.uint16).view(np.float16).astype(np.float32)
# a negative normal float16 h as float32 bits: (h << 13) moves mantissa and exponent into place and the sign to bit 28;
# adding 112 << 23 rebiases the exponent, and 0x80000000 - 0x10000000 moves the sign to bit 31 (modulo 2**32)
_NEGATIVE_NORMAL_REBIAS = (112 << 23) + 0x80000000 - 0x10000000


def _negative_normal(weights: np.ndarray) -> bool:
    """Whether every float16 of `weights` is negative and normal (no zero, subnormal, infinity or NaN): bits 0x8400-0xfbff."""
    bits = weights.view(np.uint16)
    return bool(bits.size) and int(bits.min()) >= 0x8400 and int(bits.max()) <= 0xFBFF


LARGE_PAGE = 2 << 20  # (x86-64's and arm64's usual transparent huge page)


def _move_to_large_pages(model: Any) -> None:
    """The automaton and the weights of py3langid's `model`, tens of megabytes read at scattered places, moved to memory
    the system may map in pages of two megabytes: the processor's address cache then holds where they all are, where pages
    of four kilobytes missed it at nearly every read. (numpy advises so its own large arrays, the weights among them, but
    not where they start; the automaton is the library's `array`, never advised.) The same values: the copies replace the
    library's arrays."""
    model.tk_nextmove = _in_large_pages(np.frombuffer(model.tk_nextmove, dtype=np.uint32))
    model.nb_ptc = _in_large_pages(np.asarray(model.nb_ptc))
    model._full_model = (model.nb_ptc, *model._full_model[1:])  # (what set_languages(None) gives back)


def _in_large_pages(array: np.ndarray) -> np.ndarray:
    """`array` copied to private anonymous memory aligned to LARGE_PAGE and advised to the system as fit for transparent
    huge pages (Linux; elsewhere, or for a small array, `array` itself)."""
    advice = getattr(mmap, "MADV_HUGEPAGE", None)
    private = getattr(mmap, "MAP_PRIVATE", None)
    if advice is None or private is None or array.nbytes < LARGE_PAGE:
        return array
    try:
        memory = mmap.mmap(-1, array.nbytes + LARGE_PAGE, flags=private | getattr(mmap, "MAP_ANONYMOUS", 0))
        memory.madvise(advice)  # (before the pages are first written: the system maps them large from the start)
    except (OSError, ValueError):
        return array
    raw = np.frombuffer(memory, dtype=np.uint8)
    start = -raw.ctypes.data % LARGE_PAGE
    copy = raw[start : start + array.nbytes].view(array.dtype).reshape(array.shape)
    copy[...] = array
    return copy


_loading = threading.Lock()


def _reset_after_fork() -> None:  # a fork while the thread loads: the child loads again, with a fresh lock
    global _loading
    _loading = threading.Lock()


if hasattr(os, "register_at_fork"):  # (not on Windows, which spawns)
    os.register_at_fork(after_in_child=_reset_after_fork)


def prose_sample(lines: list[str]) -> str:
    """About SAMPLE_CHARS of the longest lines, wherever they are, so a notice at the top does not decide."""
    long = long_lines(lines, SAMPLE_PIECE)  # (a page has hundreds of lines: the kernel's loop)
    if len(long) * SAMPLE_PIECE < SAMPLE_CHARS // 4:  # (the characters the long lines give: a piece each)
        return "\n".join(line for line in lines if line.strip())[:SAMPLE_CHARS]
    pieces = SAMPLE_CHARS // SAMPLE_PIECE
    if len(long) > pieces:  # (heapq.nlargest's equivalent, sorted in C)
        long = sorted(long, key=len, reverse=True)[:pieces]
    return "\n".join([line[:SAMPLE_PIECE] for line in long])
