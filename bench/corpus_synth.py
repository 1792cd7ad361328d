"""A synthetic scraped corpus whose duplicates are known: stories, their copies, and same-topic negatives.

Each story is written from a topic's vocabulary (so distinct stories on one topic share many words and
stock phrases: the hard negatives), and some are follow-ups that repeat a background paragraph of the
topic's previous story (near misses). A story may come back as copies on other sites:

- syndicated: the same text between another site's header, footer and prompts, under another title;
- truncated: only the first 40–80 % of its paragraphs;
- edited: a few words changed, a sentence dropped;
- reordered: one paragraph moved;
- extended: one or two paragraphs of the outlet's own added;
- and combinations of these.

Every page carries its site's template lines (menu, slogan, footer) and its url, so site-template
counting has work to do. Words are made-up syllable strings around real English function words: no
real text, and language identification still says English. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Iterator

from winnow.core.model import Document

FUNCTION_WORDS = (
    "the of and to in a is that for on with as was by at from it said has have be this "
    "will were are after but not an which their they who also its had been would more"
).split()
SYLLABLES = (
    "ka lo mi ter san vel dor pra gen tus mon bri sel ra ne fo lim cas tor an ve qui dem sor pal ri zen bu gor ha lin tas ber cu mar den pel so tri na vok"
).split()
PROMPTS = ("ADVERTISEMENT", "Share this article", "Follow us on Twitter", "Sign up for our newsletter", "Read more:", "Advertisement")


@dataclass(frozen=True)
class Settings:
    stories: int = 1000
    topics: int = 25
    sites: int = 40
    copy_rate: float = 0.35  # share of stories that come back as copies
    max_copies: int = 3
    follow_up_rate: float = 0.2  # share of stories that repeat one paragraph of an earlier story on their topic
    seed: int = 7


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3, 3, 4))))


class Generator:
    def __init__(self, settings: Settings = Settings()) -> None:
        self.s = settings
        rng = random.Random(settings.seed)
        self.general = [_word(rng) for _ in range(6000)]
        self.topics = []
        for _ in range(settings.topics):
            vocab = [_word(rng) for _ in range(60)]
            stock = [" ".join(rng.choice(vocab + FUNCTION_WORDS) for _ in range(rng.randint(3, 6))) for _ in range(12)]
            self.topics.append((vocab, stock))
        self.sites = []
        for _ in range(settings.sites):
            name = _word(rng)
            menu = " | ".join(_word(rng).title() for _ in range(rng.randint(4, 8)))
            self.sites.append(
                (
                    f"{name}.example",
                    [menu, f"{name.title()} — {_word(rng)} {_word(rng)} news"],
                    [f"© 2024 {name.title()} Media. All rights reserved.", f"About {name.title()} | Contact | Privacy"],
                )
            )

    # ------------------------------------------------------------ text
    def _sentence(self, rng: random.Random, topic: int) -> str:
        vocab, stock = self.topics[topic]
        words: list[str] = []
        for _ in range(rng.randint(9, 22)):
            r = rng.random()
            if r < 0.38:
                words.append(rng.choice(FUNCTION_WORDS))
            elif r < 0.58:
                words.append(rng.choice(vocab))
            elif r < 0.62:
                words.extend(rng.choice(stock).split())
            else:
                words.append(rng.choice(self.general))
        return " ".join(words).capitalize() + "."

    def _written(self, index: int) -> tuple[str, list[str]]:
        rng = random.Random(self.s.seed * 1_000_003 + index)
        topic = index % self.s.topics
        title = self._sentence(rng, topic)[:-1].title()[:90]
        paragraphs = [" ".join(self._sentence(rng, topic) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(4, 9))]
        return title, paragraphs

    def story(self, index: int) -> tuple[str, list[str]]:
        """A story; some are follow-ups that repeat a background paragraph of the topic's previous story
        (a near miss: one shared paragraph does not make a copy)."""
        title, paragraphs = self._written(index)
        rng = random.Random(self.s.seed * 3_000_017 + index)
        if index >= self.s.topics and rng.random() < self.s.follow_up_rate:
            background = rng.choice(self._written(index - self.s.topics)[1])
            paragraphs.insert(rng.randint(1, len(paragraphs)), background)
        return title, paragraphs

    # ------------------------------------------------------------ copies
    def _copy(self, rng: random.Random, paragraphs: list[str]) -> list[str]:
        out = list(paragraphs)
        kinds = rng.sample(("syndicated", "truncated", "edited", "reordered", "extended"), rng.randint(1, 2))
        if "truncated" in kinds:
            out = out[: max(2, round(len(out) * rng.uniform(0.4, 0.8)))]
        if "edited" in kinds:
            edited = []
            for p in out:
                words = p.split()
                for _ in range(max(1, len(words) // 40)):
                    words[rng.randrange(len(words))] = rng.choice(self.general)
                sentences = " ".join(words).split(". ")
                if len(sentences) > 2 and rng.random() < 0.3:
                    del sentences[rng.randrange(len(sentences))]
                edited.append(". ".join(sentences))
            out = edited
        if "extended" in kinds:  # the outlet adds its own local paragraphs
            topic = rng.randrange(self.s.topics)
            for _ in range(rng.randint(1, 2)):
                out.insert(rng.randint(1, len(out)), " ".join(self._sentence(rng, topic) for _ in range(rng.randint(2, 4))))
        if "reordered" in kinds and len(out) > 2:
            moved = out.pop(rng.randrange(len(out)))
            out.insert(rng.randrange(len(out) + 1), moved)
        return out

    def _page(self, rng: random.Random, site: int, title: str, paragraphs: list[str], source: str) -> Document:
        host, header, footer = self.sites[site]
        lines = [*header, title, ""]
        for p in paragraphs:
            lines += [p, ""]
            if rng.random() < 0.15:
                lines += [rng.choice(PROMPTS), ""]
        lines += footer
        url = f"https://{host}/{source.rsplit('/', 1)[-1]}"
        return Document(source, "text", "\n".join(lines), lines, metadata={"url": url, "title": title})

    def documents(self) -> Iterator[tuple[Document, int]]:
        """Every page with the index of the story it tells (copies share it)."""
        for index in range(self.s.stories):
            rng = random.Random(self.s.seed * 7_000_003 + index)
            title, paragraphs = self.story(index)
            site = rng.randrange(self.s.sites)
            yield self._page(rng, site, title, paragraphs, f"s{site:03d}/story-{index:06d}.txt"), index
            if rng.random() < self.s.copy_rate:
                for copy in range(rng.randint(1, self.s.max_copies)):
                    other = (site + rng.randint(1, self.s.sites - 1)) % self.s.sites
                    copy_title = title if rng.random() < 0.5 else self._sentence(rng, index % self.s.topics)[:-1].title()[:90]
                    text = self._copy(rng, paragraphs)
                    yield self._page(rng, other, copy_title, text, f"s{other:03d}/story-{index:06d}-copy{copy}.txt"), index


def pair_scores(predicted: dict[str, str], truth: dict[str, int]) -> tuple[float, float, int, int]:
    """Pair precision and recall of predicted clusters (doc -> cluster) against the true stories (doc -> story)."""

    def pairs(groups: dict) -> set[tuple[str, str]]:
        by: dict = {}
        for doc, group in groups.items():
            by.setdefault(group, []).append(doc)
        return {(a, b) for members in by.values() for i, a in enumerate(sorted(members)) for b in sorted(members)[i + 1 :]}

    found = pairs(predicted)
    true = pairs(truth)
    hits = len(found & true)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(true) if true else 1.0
    return precision, recall, len(found), len(true)
