"""The window's corpus-wide tasks at scale. The near-duplicate judging sends the corpus's signatures to the
worker through files, a slice at a time, never as one message (at 100,000 documents one message was a 150 MB
pickle made in one call, which held the GIL, and so the window, for seconds); a recount lets go of the old
figures as it replaces them."""

from __future__ import annotations

import pickle
import weakref
from concurrent.futures import Future

import pytest

from winnow.app import tasks, workers
from winnow.core.model import Document
from winnow.corpus.near_duplicates import DedupSettings, signature
from winnow.corpus.templates import TemplateCounts
from winnow.recipe import default_recipe
from winnow.workspace import NO_MINHASH, DocStats, PageKeys

STORIES = [
    "The council approved the new harbour budget after a long debate about the storm barrier and its costs to the town",
    "Farmers say the harvest is late this year because the spring was cold and wet across the whole northern region",
    "Die Stadt baut eine neue Brücke über den Fluss und die Arbeiten sollen im nächsten Frühjahr beginnen sagte der Bürgermeister",
    "Le musée ouvre une nouvelle galerie consacrée à la photographie de presse avec des images rares du siècle dernier",
]


def lean_signatures(count: int):
    """Signatures as the window's workers make them (no MinHash): every fourth page a copy of a story with one word
    changed, the others distinct."""
    settings = DedupSettings(min_words=NO_MINHASH)
    out = []
    for n in range(count):
        story = STORIES[n % len(STORIES)]
        text = story + (f" and more about it {n}" if n % 4 else "") + f" page {n // 4} of the series {n // 4} number {n // 4}"
        out.append(signature(f"id{n:05d}", f"site/{n:05d}.txt", None, text, settings))
    return out


class InThread:
    """An executor that runs each call at once, here, and remembers how big each message to it would be."""

    def __init__(self) -> None:
        self.message_bytes: list[int] = []

    def submit(self, fn, *args):
        self.message_bytes.append(len(pickle.dumps((fn, args), protocol=pickle.HIGHEST_PROTOCOL)))
        future: Future = Future()
        future.set_result(fn(*args))
        return future


@pytest.fixture
def in_thread(monkeypatch):
    executor = InThread()
    monkeypatch.setattr(workers, "executor", lambda: executor)
    return executor


def test_the_duplicates_found_through_files_are_those_found_in_one_call(in_thread):
    signatures = lean_signatures(300)
    found = tasks.DuplicatesTask(signatures, default_recipe(), version=1).work()
    expected = workers.deduplicate(signatures, default_recipe())
    assert expected.dropped, "the copies must be found for the comparison to mean something"
    assert found is not None
    assert (found.clusters, found.cluster_of, found.dropped) == (expected.clusters, expected.cluster_of, expected.dropped)


def test_the_message_to_the_worker_does_not_grow_with_the_corpus(in_thread):
    for count in (40, 1100):
        tasks.DuplicatesTask(lean_signatures(count), default_recipe(), version=1).work()
    small, large = in_thread.message_bytes
    assert large == small  # two file names and the recipe, whatever the number of signatures


def test_a_cancelled_judging_returns_nothing(in_thread):
    task = tasks.DuplicatesTask(lean_signatures(300), default_recipe(), version=1)
    task.cancel()
    assert task.work() is None
    assert in_thread.message_bytes == []  # cancelled before anything was sent


def test_slices_are_small_whatever_the_number_of_items(tmp_path):
    items = list(range(workers.SLICE * 3 + 7))
    path = tmp_path / "items.pickle"
    assert workers.dump_slices(path, workers.in_slices(items))
    parts = list(workers.load_slices(path))
    assert [x for part in parts for x in part] == items
    assert max(len(part) for part in parts) == workers.SLICE and len(parts) == 4


def test_a_recount_lets_go_of_the_old_figures_it_was_given(in_thread, qapp):
    """The window hands a recount copies of its lists and replaces each document's figures as the new ones come
    back: the old ones (with their signatures) must then be freed, not kept alive by the task until it ends."""
    recipe = default_recipe()
    documents, stats = [], []
    for n, sig in enumerate(lean_signatures(90)):
        text = f"Page {n}\n\nADVERTISEMENT\n\n{STORIES[n % len(STORIES)]} on day {n}.\n"
        doc = Document(f"site/{n:03d}.txt", "text", text, text.split("\n"))
        documents.append(doc)
        stats.append(DocStats(1, 1, 10, {}, {}, 0, generation=0, signature=sig, page=PageKeys.of(doc)))
    del sig  # (the loop's last one)
    old = [weakref.ref(s.signature) for s in stats]
    corpus_stats = stats  # the window's list, which the batches update
    del stats
    task = tasks.RecountTask(documents[:], corpus_stats[:], recipe, generation=1, templates=TemplateCounts())

    def replace(items):
        for index, figures in items:
            corpus_stats[index] = figures

    task.signals.batch.connect(replace)
    assert task.work() == 1
    assert all(s.generation == 1 for s in corpus_stats)
    assert [ref for ref in old if ref() is not None] == []
