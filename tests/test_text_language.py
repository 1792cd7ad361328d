"""Language identification: Winnow's numpy walk of py3langid's automaton counts what the library's walk counts."""

from __future__ import annotations

import mmap
import random

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, visit_counts
from py3langid.langid import LanguageIdentifier as Py3LangId

from winnow.text.language import (
    _NEGATIVE_NORMAL_REBIAS,
    DEEPEST_STATE,
    KNOWN_MODEL,
    LARGE_PAGE,
    ByteWalk,
    LanguageIdentifier,
    Model,
    _in_large_pages,
    _negative_normal,
)

TEXTS = [
    "Die Bundesregierung hat am Mittwoch neue Regeln für den Wohnungsbau beschlossen.",
    "The council voted on Tuesday to extend the opening hours of the public library.",
    "Le conseil municipal a voté mardi la prolongation des horaires de la bibliothèque.",
    "El ayuntamiento aprobó el martes ampliar el horario de la biblioteca pública.",
    "Городской совет во вторник проголосовал за продление часов работы библиотеки.",
    "市议会周二投票决定延长公共图书馆的开放时间。",
    "Ο δήμος ψήφισε την Τρίτη την παράταση του ωραρίου της δημοτικής βιβλιοθήκης.",
    "a",
    "!!!",
    "12.03.2024 – 14:30 Uhr",
    "ÄÖÜ äöü ß ẞ",
]


@pytest.fixture(scope="module")
def model() -> Model:
    return LanguageIdentifier.shared()._model


def deepest_state(model: Py3LangId) -> int:
    """The longest path from the start state to any state, walking the automaton breadth first (its trie's depth)."""
    nextmove = np.frombuffer(model.tk_nextmove, dtype=np.uint32)
    rowbase = np.asarray(model._rowbase, dtype=np.int64)
    depth = np.full(len(rowbase), -1)
    depth[0] = 0
    frontier, level = np.array([0]), 0
    while len(frontier):
        level += 1
        reached = np.unique(nextmove[(rowbase[frontier][:, None] + np.arange(256)).ravel()])
        frontier = reached[depth[reached] < 0]
        depth[frontier] = level
    return int(depth.max())


def test_the_model_is_the_one_whose_depth_the_walk_relies_on(model):
    # a new py3langid model: find its deepest state again and update KNOWN_MODEL and DEEPEST_STATE
    assert (len(model.tk_output), len(model.nb_ptc)) == KNOWN_MODEL
    assert deepest_state(model) == DEEPEST_STATE
    assert model._walk is not None


def test_walk_counts_what_the_library_counts(model):
    rng = random.Random(13)
    samples = [t.encode("utf-8") for t in TEXTS]
    samples += [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 500))) for _ in range(200)]
    samples += [t.encode("utf-8")[: rng.randrange(1, 12)] for t in TEXTS * 5]
    samples += [bytes(rng.randrange(256) for _ in range(n)) for n in range(1, 2 * DEEPEST_STATE) for _ in range(20)]  # walks shorter than the deepest state
    samples.append(b"")
    walk = ByteWalk(model)
    for sample in samples:
        expected = visit_counts(model.tk_nextmove, model._rowbase, model.tk_output, sample)
        found = walk.visits(sample)
        assert found == expected, sample
        if expected:
            assert list(found) == list(expected), sample  # the same order: the scores sum in it


def test_classify_and_rank_as_the_library(model):
    library = Py3LangId.from_model_file(MODEL_FILE, norm_probs=True)
    assert type(library) is Py3LangId
    for text in [*TEXTS, "", "   ", "\n".join(TEXTS)]:
        assert model.classify(text) == library.classify(text)
        assert model.rank(text) == library.rank(text)


def test_raw_scores_are_the_librarys_to_the_bit(model):
    # the float16 weights widened by a table, not by numpy's cast: the same float32 values, the same product
    library = Py3LangId.from_model_file(MODEL_FILE, norm_probs=True)
    rng = random.Random(7)
    samples = [t.encode("utf-8") for t in TEXTS] + [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400))) for _ in range(100)]
    assert model._walk is not None and model._walk.widened is not None
    for sample in samples:
        found, expected = model._raw_score(sample), library._raw_score(sample)
        assert found.dtype == expected.dtype and found.tobytes() == expected.tobytes(), sample


def test_moving_a_negative_normal_float16s_bits_gives_its_float32(model):
    # every float16 the shortcut may meet (all of them, not a sample), against numpy's own cast; others keep the table
    every = np.arange(1 << 16, dtype=np.uint32).astype(np.uint16)
    negative_normal = every[(every >= 0x8400) & (every <= 0xFBFF)]
    shifted = np.left_shift(negative_normal, 13, dtype=np.uint32) + np.uint32(_NEGATIVE_NORMAL_REBIAS)
    assert shifted.view(np.float32).tobytes() == negative_normal.view(np.float16).astype(np.float32).tobytes()
    assert model._walk is not None and model._walk.shifted  # py3langid's weights are all such (log-probabilities)
    for odd in (0.0, -0.0, 1.0, -(2.0**-20), float("-inf"), float("nan")):  # zero, positive, subnormal, infinite, NaN
        assert not _negative_normal(np.array([-1.0, odd], dtype=np.float16))
    assert _negative_normal(np.array([-1.0, -(2.0**-14), -65504.0], dtype=np.float16))


def test_scores_without_the_bit_shortcut_are_the_same(model):
    walk = ByteWalk(model)
    walk.shifted = False
    for sample in [t.encode("utf-8") for t in TEXTS]:
        assert walk.raw_score(sample).tobytes() == model._walk.raw_score(sample).tobytes(), sample


LARGE_PAGES = hasattr(mmap, "MADV_HUGEPAGE") and hasattr(mmap, "MAP_PRIVATE")  # (Linux)


def test_the_models_large_tables_hold_the_librarys_values_in_large_pages(model):
    library = Py3LangId.from_model_file(MODEL_FILE, norm_probs=True)
    assert model.nb_ptc.dtype == library.nb_ptc.dtype and model.nb_ptc.shape == library.nb_ptc.shape
    assert model.nb_ptc.tobytes() == library.nb_ptc.tobytes()
    assert model.tk_nextmove.tobytes() == library.tk_nextmove.tobytes()
    assert model._full_model[0] is model.nb_ptc  # (set_languages(None) gives back these weights)
    assert model._walk is not None and np.shares_memory(model._walk.nextmove, model.tk_nextmove)
    assert model._walk.bits is not None and np.shares_memory(model._walk.bits, model.nb_ptc)
    if LARGE_PAGES:
        assert model.nb_ptc.ctypes.data % LARGE_PAGE == 0 and model.tk_nextmove.ctypes.data % LARGE_PAGE == 0


def test_an_array_moved_to_large_pages_keeps_its_values():
    rng = np.random.default_rng(5)
    weights = rng.standard_normal((6000, 400)).astype(np.float16)  # (more than a large page, every other row too)
    states = rng.integers(0, 1 << 31, size=LARGE_PAGE // 2, dtype=np.uint32)
    for array in (weights, states, weights[::2]):
        moved = _in_large_pages(array)
        assert moved.dtype == array.dtype and moved.shape == array.shape and moved.tobytes() == array.tobytes()
        if LARGE_PAGES:
            assert not np.shares_memory(moved, array) and moved.ctypes.data % LARGE_PAGE == 0 and moved.flags.c_contiguous
        else:
            assert moved is array
    small = np.arange(1000, dtype=np.uint32)
    assert _in_large_pages(small) is small  # (a small table fits the address cache as it is)


def test_an_unknown_model_keeps_the_librarys_walk(model):
    other = Model(model.nb_ptc[:-1], model.nb_pc, model.nb_classes, model.tk_nextmove, model.tk_output, norm_probs=True, tk_row=model.tk_row)
    assert other._walk is None
    assert other._raw_score(b"ein kleiner Text").shape == (len(model.nb_classes),)


def _sample_line_by_line(lines: list[str]) -> str:
    long = [line for line in lines if len(line) >= 60]
    if sum(min(len(line), 60) for line in long) < 300 // 4:
        return "\n".join(line for line in lines if line.strip())[:300]
    return "\n".join(line[:60] for line in (sorted(long, key=len, reverse=True)[:5] if len(long) > 5 else long))


def test_the_sample_is_the_longest_lines_pieces_as_picked_line_by_line():
    from winnow.text.language import prose_sample

    rng = random.Random(11)
    for _ in range(300):
        lines = ["x" * rng.choice([0, 1, 30, 59, 60, 61, 80, 200]) + str(n) * rng.randrange(3) for n in range(rng.randrange(0, 30))]
        assert prose_sample(lines) == _sample_line_by_line(lines)


def test_a_forked_child_gets_a_fresh_loading_lock():
    from winnow.text import language

    before = language._loading
    before.acquire()  # as if a thread of the parent held it while loading when the process forked
    try:
        language._reset_after_fork()
        assert language._loading is not before and language._loading.acquire(blocking=False)
        language._loading.release()
    finally:
        before.release()
