"""Near-duplicate documents: seeds, synthetic corpora with known truth, containment, keep policies, order."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

from winnow.core.model import Document, Problem
from winnow.corpus.near_duplicates import (
    DedupSettings,
    band_keys,
    candidate_pairs,
    deduplicate,
    index_pairs,
    pairs_from_bands,
    signature,
)
from winnow.corpus.run import CorpusCleaner
from winnow.readers import read_paths
from winnow.recipe import default_recipe

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
if not SEEDS.is_dir():
    SEEDS = ROOT / "seeds"
sys.path.insert(0, str(ROOT / "bench"))

from corpus_synth import Generator, Settings, pair_scores  # noqa: E402

SETTINGS = DedupSettings()


def story(seed: int, sentences: int = 24, words: tuple[str, ...] = ()) -> list[str]:
    """Made-up sentences (no real text), from a shared pool of words when `words` is given."""
    rng = random.Random(seed)
    pool = words or tuple(f"w{rng.randrange(10**6)}" for _ in range(400))
    return [" ".join(rng.choice(pool) for _ in range(rng.randint(10, 18))).capitalize() + "." for _ in range(sentences)]


def sig(key: str, sentences: list[str], date: str | None = None):
    return signature(key, f"in/{key}.txt", None, "\n".join(sentences), SETTINGS, date)


def read(paths) -> list[Document]:
    return [d for d in read_paths(paths) if not isinstance(d, Problem)]


# ---------------------------------------------------------------- seeds


def test_seeds_have_one_cluster_keeping_the_longer_dated_copy():
    result = CorpusCleaner(default_recipe()).run(read([SEEDS]))
    names = {c.document.id: Path(c.document.source).name[:3] for c in result.documents}
    assert [sorted(names[k] for k in members) for members in result.duplicates.clusters.values()] == [["000", "001"]]
    by_name = {Path(c.document.source).name[:3]: c for c in result.documents}
    assert by_name["001"].in_corpus and by_name["001"].verdict.cluster
    dropped = by_name["000"]
    assert dropped.dropped.rule_id == "duplicates.near"
    assert dropped.verdict.duplicate_of == by_name["001"].document.source
    assert re.fullmatch(r"near-duplicate of seeds/001_\w+\.txt \(Jaccard 0\.\d\d, \d\d % of its text is in that copy\)", dropped.dropped.reason), (
        dropped.dropped.reason
    )
    for name in ("002", "003", "004"):
        assert by_name[name].in_corpus and by_name[name].verdict.cluster is None


def test_any_input_order_gives_the_same_clusters_and_kept_copies():
    docs = read([SEEDS]) + [d for d, _ in Generator(Settings(stories=40)).documents()]
    outcomes = []
    for seed in range(3):
        shuffled = list(docs)
        random.Random(seed).shuffle(shuffled)
        result = CorpusCleaner(default_recipe()).run(shuffled)
        outcomes.append([(c.document.id, c.verdict, c.dropped, c.text) for c in result.documents])
    assert outcomes[0] == outcomes[1] == outcomes[2]
    assert any(v.duplicate_of for _, v, _, _ in outcomes[0])


# ---------------------------------------------------------------- synthetic truth


def test_default_settings_find_the_generated_copies_and_only_them():
    generated = list(Generator(Settings(stories=150, seed=11)).documents())
    result = CorpusCleaner(default_recipe()).run(doc for doc, _ in generated)
    predicted = {c.document.id: c.verdict.cluster or c.document.id for c in result.documents}
    precision, recall, found, true = pair_scores(predicted, {doc.id: n for doc, n in generated})
    assert true > 50
    assert precision >= 0.98 and recall >= 0.95, (precision, recall, found, true)


def test_pair_scores_count_missed_and_wrong_pairs():
    truth = {"a": 1, "b": 1, "c": 1, "d": 2}
    assert pair_scores({"a": "x", "b": "x", "c": "c", "d": "x"}, truth) == (1 / 3, 1 / 3, 3, 3)


# ---------------------------------------------------------------- what counts as a copy


def test_a_short_syndicated_copy_inside_a_longer_story_is_a_duplicate_at_low_jaccard():
    long = story(1, 40)
    short = long[5:15]
    found = deduplicate([sig("long", long), sig("short", short)], SETTINGS)
    verdict = found.dropped["short"]
    assert verdict.kept == "long" and not verdict.exact
    assert verdict.jaccard < SETTINGS.jaccard and verdict.containment > 0.95
    assert "% of its text is in that copy" in verdict.reason


def test_edited_and_reordered_copies_are_found():
    base = story(2, 30)
    edited = [s.replace(s.split()[2], "changed", 1) if i % 7 == 0 else s for i, s in enumerate(base)]
    reordered = base[10:] + base[:10]
    found = deduplicate([sig("base", base), sig("edited", edited), sig("moved", reordered)], SETTINGS)
    assert set(found.dropped) == {"edited", "moved"}


def test_distinct_stories_on_the_same_topic_are_not_copies():
    topic = tuple(f"t{n}" for n in range(150)) + ("the", "of", "and", "said", "minister", "on", "friday")
    sigs = [sig(f"s{n}", story(100 + n, 25, topic)) for n in range(12)]
    assert deduplicate(sigs, SETTINGS).clusters == {}


def test_a_short_quote_found_in_an_article_is_not_a_copy_of_it():
    article = story(3, 30)
    quote = [article[4]]  # one sentence: below min_words, compared only exactly
    assert deduplicate([sig("article", article), sig("quote", quote)], SETTINGS).clusters == {}


def test_identical_texts_are_exact_duplicates_even_when_short():
    found = deduplicate([sig("b", ["Breaking: markets closed early."]), sig("a", ["Breaking: markets closed early."])], SETTINGS)
    assert found.dropped["b"].exact and found.dropped["b"].reason == "exact duplicate of in/a.txt"


def test_empty_texts_are_not_duplicates_of_each_other():
    assert deduplicate([sig("a", []), sig("b", [])], SETTINGS).clusters == {}


@pytest.mark.parametrize("language", ["de", "ru", "el"])
def test_copies_are_found_in_other_scripts_and_languages(language):
    words = {
        "de": "der die das und mit über Straße Bürgermeister Gemeinde Brücke wurde gestern öffentlich Beschluss",
        "ru": "и в на с что это город мост мэр заявил вчера решение жители строительство году",
        "el": "και το η στο για με δήμαρχος γέφυρα πόλη απόφαση χθες κάτοικοι έργο ανακοίνωσε",
    }[language].split()
    rng = random.Random(5)
    pool = tuple(w + str(rng.randrange(30)) for w in words * 10)
    base = story(7, 30, pool)
    copy = base[:20]
    other = story(8, 30, pool)
    found = deduplicate([sig("base", base), sig("copy", copy), sig("other", other)], SETTINGS)
    assert set(found.dropped) == {"copy"}


# ---------------------------------------------------------------- which copy stays


def test_keep_policies_choose_the_longest_the_earliest_or_the_first_by_path():
    base = story(4, 30)
    sigs = [sig("c", base[:25], "2020-01-01"), sig("a", base[:22], "2021-05-01"), sig("b", base, None)]

    def kept(**change) -> str:
        result = deduplicate(sigs, DedupSettings(**change))
        (members,) = result.clusters.values()
        return members[0]

    assert kept() == "b"
    assert kept(keep="earliest") == "c"
    assert kept(keep="first") == "a"
    assert kept(keep_ids=("a",)) == "a"


def test_a_document_split_off_by_hand_is_never_a_copy():
    base = story(5, 30)
    sigs = [sig("a", base), sig("b", base[:25]), sig("c", base[:20])]
    result = deduplicate(sigs, DedupSettings(distinct_ids=("c",)))
    assert set(result.dropped) == {"b"} and "c" not in result.cluster_of


def test_cluster_ids_do_not_change_when_another_copy_is_kept():
    base = story(6, 30)
    sigs = [sig("a", base), sig("b", base[:25])]
    assert deduplicate(sigs, SETTINGS).clusters.keys() == deduplicate(sigs, DedupSettings(keep_ids=("b",))).clusters.keys()


# ---------------------------------------------------------------- the steps a distributed runner uses


def test_grouping_band_keys_finds_the_same_candidates_as_datasketchs_lsh_index():
    sigs = [signature(d.id, d.source, None, "\n".join(d.lines), SETTINGS) for d, _ in Generator(Settings(stories=60)).documents()]
    by_band = pairs_from_bands((key, s.key) for s in sigs for key in band_keys(s, SETTINGS))
    assert by_band == candidate_pairs(sigs, SETTINGS) == index_pairs(sigs, SETTINGS) and by_band


def test_a_signature_keeps_no_text():
    s = sig("a", story(9, 30))
    assert not any(isinstance(v, str) and len(v) > 40 for v in vars(s).values())
    assert s.shingles.nbytes + s.hashvalues.nbytes < 4 * len(" ".join(story(9, 30)))


def test_exact_copies_are_judged_alike_with_or_without_comparing_their_shingles(monkeypatch):
    """An exact copy has its kept copy's words, so its shingles: its verdict (Jaccard and containment 1.0) is the
    one comparing them gives, and resolving a crawl full of exact copies need not compare each with its kept one."""
    from winnow.corpus import near_duplicates as nd

    settings = nd.DedupSettings()
    text = " ".join(f"word{i}" for i in range(80))
    sigs = [nd.signature(f"id{n}", f"in/{n}.txt", None, text.replace("word3 ", "Word3, ") if n % 2 else text, settings) for n in range(6)]
    compared = nd.deduplicate(sigs, settings)
    calls = []
    monkeypatch.setattr(nd, "similarity", lambda a, b: calls.append((a.key, b.key)) or nd.Similarity(0.0, 0.0))
    monkeypatch.setattr(nd, "contained", lambda a, b: calls.append((a.key, b.key)) or 0.0)
    shortcut = nd.resolve(sigs, [], settings)
    assert calls == []
    assert shortcut.dropped == compared.dropped and len(compared.dropped) == 5
    assert {(v.jaccard, v.containment, v.exact) for v in compared.dropped.values()} == {(1.0, 1.0, True)}
