"""Near-duplicate documents: MinHash + LSH (datasketch) on the cleaned text, verified with the real shingle sets.

The steps are separate functions so a distributed runner can map, group and reduce them:

1. `signature(...)` per document (map): words, a content hash, the sorted shingle hashes and a MinHash.
2. `candidate_pairs(signatures, settings)` in one process (LSH bands grouped with numpy), or
   `band_keys(sig, settings)` per document and a group-by on the keys (`pairs_from_bands`): two documents
   sharing any band are candidates. Both find the pairs datasketch's MinHashLSH finds (`index_pairs`).
3. `verify(a, b, settings)`: Jaccard and containment from the actual shingle sets; a match when either
   reaches its threshold (a short syndicated copy inside a longer one is a duplicate at low Jaccard).
4. `resolve(signatures, matches, settings)`: exact duplicates (same content hash) and verified matches form
   clusters; one copy per cluster is kept by the keep policy, the others get a `DuplicateVerdict`.

Everything is ordered by the documents' (source, record), never by arrival, so any input order gives the
same clusters and the same kept copies.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

import numpy as np

from winnow.corpus.lsh_bands import band_shape
from winnow.corpus.shingles import content_hash, shingle_hashes, words
from winnow.corpus.sketch_library import import_datasketch

if TYPE_CHECKING:
    from datasketch import LeanMinHash, MinHashLSH

# datasketch is imported where it is used (through `import_datasketch`, which keeps scipy.integrate out): the
# window and `winnow explain` must not pay for it at start-up when no corpus is deduplicated.

KEEP_POLICIES = ("longest", "earliest", "first")
MINHASH_SEED = 1
MINHASH_SCHEME = "affine32"  # 32-bit values: half the memory of the legacy scheme


@dataclass(frozen=True)
class DedupSettings:
    shingle_size: int = 5
    jaccard: float = 0.5  # a pair at least this similar is a duplicate
    containment: float = 0.6  # ... or when this share of the shorter text's shingles is in the longer one
    min_words: int = 30  # shorter texts are only compared exactly: a short quote is not a copy of an article
    candidate_threshold: float = 0.15  # LSH threshold (on estimated Jaccard) for pairs worth verifying
    num_perm: int = 128
    keep: str = "longest"  # which copy of a cluster stays: longest, earliest (date), first (by path)
    keep_ids: tuple[str, ...] = ()  # documents the user chose to keep in their cluster
    distinct_ids: tuple[str, ...] = ()  # documents the user split off: never a duplicate of anything

    def __post_init__(self) -> None:
        if self.keep not in KEEP_POLICIES:
            raise ValueError(f"keep must be one of {', '.join(KEEP_POLICIES)}, not {self.keep!r}")

    @cached_property
    def lsh_shape(self) -> tuple[int, int]:
        """(bands, rows) datasketch's MinHashLSH picks for the candidate threshold, computed without scipy."""
        # recall weighs more than precision: every candidate is verified exactly afterwards
        return band_shape(self.candidate_threshold, self.num_perm, weights=(0.2, 0.8))

    def new_index(self) -> MinHashLSH:
        import_datasketch()
        from datasketch import MinHashLSH

        return MinHashLSH(num_perm=self.num_perm, params=self.lsh_shape)


@dataclass(frozen=True, eq=False)
class Signature:
    """What dedup keeps of a document: no text, only counts and hashes (about 1.5 kB for a news article)."""

    key: str  # the document id
    source: str
    record: int | None
    words: int
    date: str | None
    digest: bytes  # content hash of the words (empty text: b"")
    shingles: np.ndarray  # sorted distinct uint32 shingle hashes
    hashvalues: np.ndarray  # the MinHash (empty for texts below min_words)

    @property
    def order(self) -> tuple[str, int, str]:
        return (self.source, -1 if self.record is None else self.record, self.key)

    @property
    def comparable(self) -> bool:
        return self.hashvalues.size > 0


def signature(
    key: str, source: str, record: int | None, text: str, settings: DedupSettings, date: str | None = None, tokens: list[str] | None = None
) -> Signature:
    """`tokens`: `words(text)`, when the caller knows them."""
    tokens = words(text) if tokens is None else tokens
    shingles = shingle_hashes(tokens, settings.shingle_size)
    hashvalues = minhash_values(shingles, settings) if len(tokens) >= settings.min_words else np.empty(0, dtype=np.uint32)
    return Signature(key, source, record, len(tokens), date or None, content_hash(tokens) if tokens else b"", shingles, hashvalues)


def minhash_values(shingles: np.ndarray, settings: DedupSettings) -> np.ndarray:
    """The MinHash of a document's shingle hashes."""
    import_datasketch()
    from datasketch import MinHash

    minhash = MinHash(  # shingles are hashed already; the permutations are drawn once, not per document
        num_perm=settings.num_perm, seed=MINHASH_SEED, hashfunc=int, scheme=MINHASH_SCHEME, permutations=_permutations(settings.num_perm)
    )
    minhash.update_batch(shingles.tolist())
    return minhash.hashvalues


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The MinHash's permutation parameters for the fixed seed (datasketch draws them from the seed on every
    construction, a third of the cost of a document's MinHash)."""
    import_datasketch()
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=MINHASH_SEED, scheme=MINHASH_SCHEME).permutations


def with_minhash(sig: Signature, settings: DedupSettings) -> Signature:
    """`sig` with its MinHash, for a signature made without one (the window makes them in its workers without
    loading datasketch, and scipy with it, and adds the MinHash where the duplicates are judged)."""
    if sig.comparable or sig.words < settings.min_words:
        return sig
    return replace(sig, hashvalues=minhash_values(sig.shingles, settings))


def _lean(sig: Signature) -> LeanMinHash:
    import_datasketch()
    from datasketch import LeanMinHash

    return LeanMinHash(seed=MINHASH_SEED, hashvalues=sig.hashvalues, scheme=MINHASH_SCHEME)


def band_keys(sig: Signature, settings: DedupSettings) -> list[tuple[int, bytes]]:
    """The LSH bands of one document: documents sharing any (band, key) are candidates (for a group-by)."""
    if not sig.comparable:
        return []
    bands, rows = settings.lsh_shape
    values = sig.hashvalues
    return [(band, values[band * rows : (band + 1) * rows].byteswap().tobytes()) for band in range(bands)]


def candidate_pairs(signatures: Iterable[Signature], settings: DedupSettings) -> set[tuple[str, str]]:
    """Pairs (smaller key first) whose MinHashes agree on a whole LSH band, for the (bands, rows) datasketch's
    MinHashLSH picks for the threshold. The bands are grouped with numpy (a sort per band) rather than held
    in MinHashLSH's hash tables: the same pairs (a test compares them), in a few bytes per document and band
    instead of a few hundred — what keeps 100,000 documents well under the memory goal."""
    comparable = representatives(signatures, settings)
    if len(comparable) < 2:
        return set()
    matrix = np.stack([s.hashvalues for s in comparable])
    return pairs_in_bands([s.key for s in comparable], matrix, range(settings.lsh_shape[0]), settings)


def representatives(signatures: Iterable[Signature], settings: DedupSettings) -> list[Signature]:
    """The comparable signatures, one per exact content (the first in corpus order). Exact copies are joined
    by their content hash in `resolve`, and share every band and every verification outcome, so comparing
    each copy with each would add nothing but pairs: n copies of a page would make n² of them."""
    distinct = set(settings.distinct_ids)  # split off by the user: each stays on its own
    seen: set[bytes] = set()
    chosen = []
    for sig in sorted((s for s in signatures if s.comparable), key=lambda s: s.order):
        if sig.key not in distinct:
            if sig.digest in seen:
                continue
            seen.add(sig.digest)
        chosen.append(sig)
    return chosen


def pairs_in_bands(keys: Sequence[str], matrix: np.ndarray, bands: Iterable[int], settings: DedupSettings) -> set[tuple[str, str]]:
    """Candidate pairs from some of the LSH bands of a MinHash matrix (one row per document of `keys`): a
    distributed runner gives each worker a few bands of every document (the group-by of datatrove's buckets)."""
    rows = settings.lsh_shape[1]
    pairs: set[tuple[str, str]] = set()
    for band in bands:
        _, group = np.unique(matrix[:, band * rows : (band + 1) * rows], axis=0, return_inverse=True)
        group = group.ravel()
        order = np.argsort(group, kind="stable")
        runs = np.flatnonzero(np.diff(group[order])) + 1  # where a new band value starts
        for members in np.split(order, runs):
            if len(members) > 1:
                names = sorted(keys[i] for i in members)
                pairs.update((a, b) for n, a in enumerate(names) for b in names[n + 1 :])
    return pairs


def index_pairs(signatures: Iterable[Signature], settings: DedupSettings) -> set[tuple[str, str]]:
    """The same candidates from datasketch's MinHashLSH index (for small corpora and for checking)."""
    index = settings.new_index()
    pairs: set[tuple[str, str]] = set()
    for sig in sorted((s for s in signatures if s.comparable), key=lambda s: s.order):
        lean = _lean(sig)
        for other in index.query(lean):
            pairs.add((min(sig.key, other), max(sig.key, other)))
        index.insert(sig.key, lean, check_duplication=False)
    return pairs


def pairs_from_bands(keyed: Iterable[tuple[tuple[int, bytes], str]]) -> set[tuple[str, str]]:
    """The reduce side of `band_keys`: documents grouped by band key, every pair within a group."""
    groups: dict[tuple[int, bytes], list[str]] = {}
    for band, key in keyed:
        groups.setdefault(band, []).append(key)
    pairs: set[tuple[str, str]] = set()
    for members in groups.values():
        members = sorted(set(members))
        pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
    return pairs


@dataclass(frozen=True)
class Similarity:
    jaccard: float
    containment: float  # share of the smaller text's shingles found in the other


def similarity(a: Signature, b: Signature) -> Similarity:
    if not a.shingles.size or not b.shingles.size:
        return Similarity(0.0, 0.0)
    shared = np.intersect1d(a.shingles, b.shingles, assume_unique=True).size
    union = a.shingles.size + b.shingles.size - shared
    return Similarity(shared / union, shared / min(a.shingles.size, b.shingles.size))


def contained(part: Signature, whole: Signature) -> float:
    """Share of `part`'s shingles that are in `whole`."""
    if not part.shingles.size:
        return 0.0
    return np.intersect1d(part.shingles, whole.shingles, assume_unique=True).size / part.shingles.size


def verify(a: Signature, b: Signature, settings: DedupSettings) -> Similarity | None:
    found = similarity(a, b)
    if found.jaccard >= settings.jaccard or found.containment >= settings.containment:
        return found
    return None


def matches(signatures: Sequence[Signature], pairs: Iterable[tuple[str, str]], settings: DedupSettings) -> Iterator[tuple[str, str]]:
    by_key = {s.key: s for s in signatures}
    for a, b in sorted(pairs):
        if verify(by_key[a], by_key[b], settings):
            yield a, b


@dataclass(frozen=True)
class DuplicateVerdict:
    """A document left out as a copy of `kept`."""

    key: str
    kept: str  # key of the copy that stays
    kept_source: str
    cluster: str
    exact: bool
    jaccard: float
    containment: float  # share of this document's text that is in the kept copy

    @property
    def reason(self) -> str:
        if self.exact:
            return f"exact duplicate of {self.kept_source}"
        return f"near-duplicate of {self.kept_source} (Jaccard {self.jaccard:.2f}, {round(self.containment * 100)} % of its text is in that copy)"


@dataclass
class DedupResult:
    clusters: dict[str, list[str]] = field(default_factory=dict)  # cluster id -> member keys, kept copy first
    cluster_of: dict[str, str] = field(default_factory=dict)  # member key -> cluster id
    dropped: dict[str, DuplicateVerdict] = field(default_factory=dict)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent.setdefault(x, x)
        while parent != x:
            grand = self.parent.setdefault(parent, parent)
            self.parent[x] = grand
            x, parent = parent, grand
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[str]]:
        out: dict[str, list[str]] = {}
        for x in list(self.parent):
            out.setdefault(self.find(x), []).append(x)
        return [sorted(g) for g in out.values() if len(g) > 1]


def _preference(sig: Signature, policy: str) -> tuple:
    """Sort key: the copy to keep sorts first."""
    no_date = (sig.date is None, sig.date or "")
    if policy == "earliest":
        return (*no_date, -sig.words, sig.order)
    if policy == "first":
        return (sig.order,)
    return (-sig.words, *no_date, sig.order)


def resolve(signatures: Sequence[Signature], verified: Iterable[tuple[str, str]], settings: DedupSettings) -> DedupResult:
    """Clusters from exact duplicates and verified pairs; the copy to keep; a verdict for every other copy."""
    by_key = {s.key: s for s in signatures}
    distinct = set(settings.distinct_ids)
    union = _UnionFind()
    first_with_digest: dict[bytes, str] = {}
    for sig in sorted(signatures, key=lambda s: s.order):
        if not sig.digest or sig.key in distinct:
            continue
        twin = first_with_digest.setdefault(sig.digest, sig.key)
        if twin != sig.key:
            union.union(twin, sig.key)
    for a, b in verified:
        if a not in distinct and b not in distinct:
            union.union(a, b)

    chosen = set(settings.keep_ids)
    result = DedupResult()
    for members in union.groups():
        sigs = sorted((by_key[k] for k in members), key=lambda s: _preference(s, settings.keep))
        picked = [s for s in sigs if s.key in chosen]
        kept = picked[0] if picked else sigs[0]
        cluster = min(members)  # stable whichever copy is kept
        result.clusters[cluster] = [kept.key] + [s.key for s in sigs if s is not kept]
        for sig in sigs:
            result.cluster_of[sig.key] = cluster
            if sig is kept:
                continue
            exact = sig.digest == kept.digest
            if exact and sig.shingles.size:  # the same words, so the same shingles: no need to compare them
                jaccard, containment = 1.0, 1.0
            else:
                jaccard, containment = similarity(sig, kept).jaccard, contained(sig, kept)
            result.dropped[sig.key] = DuplicateVerdict(sig.key, kept.key, kept.source, cluster, exact=exact, jaccard=jaccard, containment=containment)
    return result


def deduplicate(signatures: Sequence[Signature], settings: DedupSettings) -> DedupResult:
    """All four steps in one process."""
    pairs = candidate_pairs(signatures, settings)
    return resolve(signatures, matches(signatures, pairs, settings), settings)
