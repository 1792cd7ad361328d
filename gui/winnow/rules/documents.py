"""Document rules: whole-document decisions on the cleaned text, each with typed parameters and a reason.

The language and quality rules (after Gopher and C4, as datatrove implements them) run in the pipeline's
document-rules stage; `NearDuplicates` holds the settings of the corpus-wide dedup (winnow.corpus), which
runs once every document is cleaned. (The site-template line rule is in `winnow.rules.templates`.)
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from itertools import compress, repeat
from operator import itemgetter, not_
from typing import ClassVar

from winnow.core.model import Family, Removal
from winnow.core.wording import plural
from winnow.corpus.facts import DocumentFacts
from winnow.corpus.near_duplicates import KEEP_POLICIES, DedupSettings
from winnow.rules.base import Context, Param, Rule
from winnow.stages.analyse import Analysis
from winnow.stages.document_rules import DocumentRule as StageDocumentRule
from winnow.text.words import stoplist


class NearDuplicates(Rule):
    id = "duplicates.near"
    family = Family.DUPLICATE
    name = "Near-duplicate documents"
    description = (
        "Keeps one copy of a story found several times (syndicated, truncated or lightly edited), "
        "compared on the cleaned text with MinHash; the other copies leave the corpus."
    )
    params = (
        Param("shingle_size", "Shingle size (words)", 5, "Texts are compared as overlapping runs of this many words.", 1, 20, 1),
        Param("jaccard", "Similarity (Jaccard)", 0.5, "Two texts sharing at least this share of their shingles are copies.", 0.05, 1.0, 0.05),
        Param(
            "containment", "Containment", 0.6, "… or when this share of the shorter text is found in the longer one (a short syndicated copy).", 0.05, 1.0, 0.05
        ),
        Param("min_words", "Shortest text compared (words)", 30, "Shorter texts count as copies only when identical.", 1, 10_000, 1),
        Param("keep", "Copy to keep", "longest", "longest (the most complete copy), earliest (by date) or first (by path).", choices=KEEP_POLICIES),
        Param("keep_ids", "Copies chosen by hand", [], "Documents (ids) to keep in their cluster, chosen in the window."),
        Param("distinct_ids", "Split off by hand", [], "Documents (ids) that are never treated as copies."),
    )

    def settings(self) -> DedupSettings:
        v = self.values
        return DedupSettings(
            v["shingle_size"],
            v["jaccard"],
            v["containment"],
            v["min_words"],
            keep=v["keep"],
            keep_ids=tuple(v["keep_ids"]),
            distinct_ids=tuple(v["distinct_ids"]),
        )

    def apply(self, ctx: Context) -> None:  # works on the corpus, not on lines
        return None


RATIO_MIN_WORDS = 50  # shares and means over fewer words say nothing ("Le café coûte 3 €." has 2 of 5 without a letter)


_recent = threading.local()  # the facts of the document being judged, shared by the rules that judge it


def facts_of(kept: Sequence[str], analysis: Analysis) -> DocumentFacts:
    """The facts of one document, worked out once for all the document rules that look at it."""
    last = getattr(_recent, "last", None)
    if last is not None and last[0] is kept and last[1] is analysis:
        return last[2]
    facts = DocumentFacts.of(kept, analysis)
    _recent.last = (kept, analysis, facts)
    return facts


class DocumentRule(StageDocumentRule):
    """A whole-document decision on the cleaned text: `judge` returns why the document goes, or None."""

    ratio: ClassVar[bool] = False  # a check of shares or means: texts under RATIO_MIN_WORDS are not judged
    spaced_only: ClassVar[bool] = False  # a check of word shapes: not for scripts written without spaces

    def decide(self, kept: Sequence[str], analysis: Analysis) -> Removal | None:
        reason = self.check(facts_of(kept, analysis))
        return None if reason is None else self.drop(reason)

    def check(self, facts: DocumentFacts) -> str | None:
        if self.ratio and len(facts.content_words) < RATIO_MIN_WORDS:
            return None
        if self.spaced_only and facts.unspaced:
            return None
        return self.judge(facts)

    def judge(self, facts: DocumentFacts) -> str | None:
        raise NotImplementedError

    def apply(self, ctx: Context) -> None:  # never drops lines
        return None


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


class LanguageFilter(DocumentRule):
    id = "filter.language"
    family = Family.LANGUAGE
    name = "Languages"
    description = "Keeps documents in the languages listed (ISO 639-1 codes such as en, de); an empty list keeps all."
    params = (
        Param("languages", "Languages to keep", [], "ISO 639-1 codes; empty keeps every language."),
        Param(
            "min_confidence", "Lowest confidence", 0.0, "A document identified with less confidence than this is dropped too (0 keeps them).", 0.0, 1.0, 0.05
        ),
    )

    def judge(self, facts: DocumentFacts) -> str | None:
        wanted = [code.strip().lower() for code in self["languages"] if code.strip()]
        if not wanted and not self["min_confidence"]:
            return None
        language, score = facts.language
        if language is None:
            return None if not wanted else "no language could be identified"
        if wanted and language not in wanted:
            return f"language {language} ({score:.2f}), not in {', '.join(wanted)}"
        if score is not None and score < self["min_confidence"]:
            return f"language {language} identified with confidence {score:.2f} (below {self['min_confidence']:.2f})"
        return None


class TooFewWords(DocumentRule):
    id = "quality.words"
    family = Family.QUALITY
    name = "Too few or too many words"
    description = (
        "Drops pages that cleaning left with too few words (tag pages, galleries, indexes), or absurdly "
        "many, as Gopher does; a text that was short to begin with is the user's own and stays."
    )
    params = (
        Param("min_words", "Fewest words", 20, "Pages with fewer words after cleaning are not prose worth keeping (Gopher uses 50).", 0, 100_000, 1),
        Param("max_words", "Most words", 10_000_000, "Longer documents are dumps, not pages (Gopher uses 100,000).", 1, 1_000_000_000, 1000),
    )

    def judge(self, facts: DocumentFacts) -> str | None:
        n = len(facts.content_words)
        if n < self["min_words"] and facts.page_words >= self["min_words"]:
            return "no words left after cleaning" if n == 0 else f"only {n} words after cleaning (fewer than {self['min_words']})"
        if n > self["max_words"]:
            return f"{n} words (more than {self['max_words']})"
        return None


class WordLength(DocumentRule):
    ratio = True
    spaced_only = True
    id = "quality.word-length"
    family = Family.QUALITY
    name = "Mean word length"
    description = "Drops documents whose mean word length is out of bounds (lists of numbers, tags, run-together text)."
    params = (
        Param("min_mean", "Shortest mean (characters)", 3.0, "", 1.0, 20.0, 0.5),
        Param("max_mean", "Longest mean (characters)", 12.0, "Gopher uses 10, made for English; German or Finnish compounds run longer.", 2.0, 100.0, 0.5),
    )

    def judge(self, facts: DocumentFacts) -> str | None:
        words = facts.content_words
        if not words:
            return None
        mean = sum(map(len, words)) / len(words)
        if mean < self["min_mean"]:
            return f"mean word length {mean:.1f} (below {self['min_mean']:g})"
        if mean > self["max_mean"]:
            return f"mean word length {mean:.1f} (above {self['max_mean']:g})"
        return None


class SymbolRatio(DocumentRule):
    ratio = True
    id = "quality.symbols"
    family = Family.QUALITY
    name = "Hashes and ellipses per word"
    description = "Drops documents with too many “#” or “…” per word (tag clouds, teaser lists)."
    params = (Param("max_ratio", "Most symbols per word", 0.1, "", 0.0, 10.0, 0.01),)

    def judge(self, facts: DocumentFacts) -> str | None:
        n = len(facts.words)
        if not n:
            return None
        for symbol, count in (("#", facts.text.count("#")), ("…", facts.text.count("...") + facts.text.count("…"))):
            if count / n > self["max_ratio"]:
                return f"{count} “{symbol}” in {n} words (more than {self['max_ratio']:g} per word)"
        return None


class EllipsisLines(DocumentRule):
    ratio = True
    id = "quality.ellipsis-lines"
    family = Family.QUALITY
    name = "Lines ending in …"
    description = "Drops documents where many lines end in “…” and little else is left (lists of truncated teasers)."
    params = (
        Param("max_share", "Largest share of lines", 0.3, "", 0.0, 1.0, 0.05),
        Param(
            "min_body_words",
            "Words of whole lines that keep a page",
            100,
            "A page whose lines without “…” still hold this many words has an article besides its teasers: kept.",
            0,
            10_000,
            10,
        ),
    )

    def judge(self, facts: DocumentFacts) -> str | None:
        lines = facts.lines
        cut = list(map(str.endswith, map(str.rstrip, lines), repeat(("...", "…"))))
        share = _share(sum(cut), len(lines))
        if share <= self["max_share"]:
            return None
        body_words = sum(len(line.split()) for line, is_cut in zip(lines, cut) if not is_cut)
        if body_words >= self["min_body_words"]:  # an article with teasers around it: the teasers are a line matter
            return None
        return f"{round(share * 100)} % of lines end in “…” (more than {round(self['max_share'] * 100)} %)"


class BulletLines(DocumentRule):
    ratio = True
    id = "quality.bullet-lines"
    family = Family.QUALITY
    name = "Bullet lines"
    description = "Drops documents that are almost only bullet points (link lists, indexes)."
    params = (Param("max_share", "Largest share of lines", 0.9, "", 0.0, 1.0, 0.05),)

    def judge(self, facts: DocumentFacts) -> str | None:
        lines = facts.lines
        n = sum(map(str.startswith, map(str.lstrip, lines), repeat(("•", "-", "*", "●", "▪", "–"))))
        share = _share(n, len(lines))
        if share > self["max_share"]:
            return f"{round(share * 100)} % of lines are bullet points (more than {round(self['max_share'] * 100)} %)"
        return None


class AlphaWords(DocumentRule):
    ratio = True
    id = "quality.alpha-words"
    family = Family.QUALITY
    name = "Words without a letter"
    description = "Drops documents where too few words contain a letter (tables of figures, scores, code)."
    params = (
        Param(
            "min_share",
            "Smallest share of words with a letter",
            0.4,
            "Gopher uses 0.8, which drops recipes and sports tables: quantities and scores are words too.",
            0.0,
            1.0,
            0.05,
        ),
    )

    def judge(self, facts: DocumentFacts) -> str | None:
        words = facts.content_words  # a dash or a bullet is not a word without letters
        if not words:
            return None
        # most words start with a letter (told by C maps; a content word is never empty): the others' characters are tested
        starts = list(map(str.isalpha, map(itemgetter(0), words)))
        share = (sum(starts) + sum(1 for w in compress(words, map(not_, starts)) if any(map(str.isalpha, w)))) / len(words)
        if share < self["min_share"]:
            return f"only {round(share * 100)} % of words have a letter (fewer than {round(self['min_share'] * 100)} %)"
        return None


class StopWords(DocumentRule):
    ratio = True
    spaced_only = True
    id = "quality.stopwords"
    family = Family.QUALITY
    name = "Stop words"
    description = "Drops documents with almost none of their language's most common words (not sentences); languages without a stop-word list are not judged."
    params = (Param("min_count", "Fewest stop words", 2, "", 0, 1000, 1),)

    def judge(self, facts: DocumentFacts) -> str | None:
        language, _ = facts.language
        stops = stoplist(language) if language else frozenset()
        if not stops or not facts.words:
            return None
        # counted until there are enough (prose has them in its first words): only a page short of them is counted whole
        n, enough = 0, self["min_count"]
        for w in facts.words:
            if n >= enough:
                break
            if w.casefold().strip(".,;:!?\"'()«»„“”") in stops:
                n += 1
        if n < enough:
            return f"{plural(n, 'stop word')} of {language} (fewer than {self['min_count']}): not sentences"
        return None


class LoremIpsum(DocumentRule):
    id = "quality.lorem-ipsum"
    family = Family.QUALITY
    name = "Lorem ipsum"
    description = "Drops placeholder pages that contain “lorem ipsum” (as C4 does)."

    def judge(self, facts: DocumentFacts) -> str | None:
        return "contains “lorem ipsum” (placeholder text)" if "lorem ipsum" in facts.text.casefold() else None


class KeptShare(DocumentRule):
    id = "quality.kept-share"
    family = Family.QUALITY
    name = "Share of the page kept"
    description = "Drops documents of which cleaning kept too little (a page that was nearly all boilerplate)."
    params = (Param("min_share", "Smallest share of lines kept", 0.0, "0 switches the check off.", 0.0, 1.0, 0.01),)

    def judge(self, facts: DocumentFacts) -> str | None:
        if not self["min_share"] or not facts.page_lines:
            return None
        share = len(facts.lines) / facts.page_lines
        if share < self["min_share"]:
            return f"only {round(share * 100)} % of the page's lines kept (below {round(self['min_share'] * 100)} %)"
        return None


DOCUMENT_RULES: tuple[type[DocumentRule], ...] = (
    LanguageFilter,
    TooFewWords,
    WordLength,
    SymbolRatio,
    EllipsisLines,
    BulletLines,
    AlphaWords,
    StopWords,
    LoremIpsum,
    KeptShare,
)
CORPUS_RULES: tuple[type[Rule], ...] = (*DOCUMENT_RULES, NearDuplicates)  # as the recipe lists them
