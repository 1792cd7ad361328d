"""One big JSON Lines, CSV or TSV file is cut into record-range shards: every core reads a part, and the parts read one
after the other give exactly the documents and problems of the whole file (ids, record numbers, line numbers)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
from pathlib import Path

import pytest

from winnow import cli
from winnow.core.model import Problem
from winnow.readers import read_file
from winnow.runners import shards as shards_module
from winnow.runners.shards import Shard, plan_shards, read_shard

PROSE = {
    "en": "The harbour museum reopened on Saturday after two years of repairs to its roof and its old walls.",
    "de": "Die Stadtbibliothek öffnet nach dem Umbau wieder, mit längeren Öffnungszeiten für Schüler und Studenten.",
    "fr": "Le marché couvert accueille de nouveau les producteurs locaux chaque mercredi et samedi matin.",
    "ja": "市立図書館は改装工事を終え、土曜日から開館時間を延長して利用者を迎えている。",
}


def write_feed(path: Path, records: int, seed: int = 3, awkward: bool = True, paragraphs: int = 1) -> Path:
    """A JSON Lines feed in several languages; with `awkward`, the lines a splitter could miscount: blank and
    whitespace-only lines (a no-break space too), CRLF and lone-CR line ends, a byte-order mark, broken JSON."""
    rng = random.Random(seed)
    languages = sorted(PROSE)
    with path.open("wb") as feed:
        if awkward:
            feed.write(b"\xef\xbb\xbf")
        for n in range(records):
            language = languages[n % len(languages)]
            record = {
                "url": f"https://example.org/{language}/{n}",
                "title": f"Story {n}",
                "text": f"{PROSE[language]} ({n})\nADVERTISEMENT" + f"\n{PROSE[language]}" * paragraphs,
            }
            line = json.dumps(record, ensure_ascii=n % 2 == 0).encode()
            roll = rng.random() if awkward else 1.0
            if roll < 0.03:
                feed.write(b"\n   \r\n")
            elif roll < 0.05:
                feed.write("\u00a0\n".encode())
            elif roll < 0.07:
                feed.write(b'{"text": "broken\n')
            elif roll < 0.09:
                feed.write(line + b"\r")  # a lone CR ends a line for the reader
            feed.write(line + (b"\r\n" if roll > 0.95 else b"\n"))
    return path


def summary(items) -> list:
    return [str(item) if isinstance(item, Problem) else (item.source, item.record, item.content, item.metadata.get("url")) for item in items]


@pytest.mark.parametrize("per_slice", [1, 7, 100])
def test_the_slices_of_a_file_read_like_the_whole_file(tmp_path, monkeypatch, per_slice):
    monkeypatch.setattr(shards_module, "SPLIT_FROM_BYTES", 0)
    feed = write_feed(tmp_path / "feed.jsonl", 300)
    shards = [s for s in plan_shards([feed], warc_records=per_slice) if isinstance(s, Shard)]
    assert len(shards) >= 300 // per_slice // 2 and all(s.lines is not None for s in shards)
    whole = summary(read_file(feed, "feed.jsonl"))
    assert sum(isinstance(item, str) for item in whole) >= 3  # the broken lines are problems, with their line numbers
    assert summary(item for shard in shards for item in read_shard(shard)) == whole


def write_table(path: Path, records: int, delimiter: str, seed: int = 5) -> Path:
    """A CSV or TSV export with what a splitter could cut wrongly: cells holding line breaks and quotes, blank
    lines and rows of empty cells (not records), CRLF row ends, a byte-order mark."""
    rng = random.Random(seed)
    languages = sorted(PROSE)
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n" if delimiter == "\t" else "\n")
    writer.writerow(["url", "title", "text"])
    for n in range(records):
        prose = PROSE[languages[n % len(languages)]]
        roll = rng.random()
        if roll < 0.03:
            out.write("\n")
        elif roll < 0.05:
            writer.writerow(["", " ", ""])
        cell = f'{prose} ({n})\nADVERTISEMENT\n"{prose}", {prose}' if roll < 0.5 else f"{prose} ({n})"
        writer.writerow([f"https://example.org/{n}", f"Story {n}", cell])
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode())
    return path


@pytest.mark.parametrize("name, delimiter", [("feed.csv", ","), ("feed.tsv", "\t"), ("semicolons.csv", ";")])
def test_the_slices_of_a_table_read_like_the_whole_table(tmp_path, monkeypatch, name, delimiter):
    monkeypatch.setattr(shards_module, "SPLIT_FROM_BYTES", 0)
    table = write_table(tmp_path / name, 400, delimiter)
    shards = [s for s in plan_shards([table], warc_records=23) if isinstance(s, Shard)]
    assert len(shards) >= 10 and all(s.lines is not None for s in shards)
    whole = summary(read_file(table, name))
    assert len(whole) == 400 and all(not isinstance(item, str) for item in whole)
    assert summary(item for shard in shards for item in read_shard(shard)) == whole


def test_slices_follow_each_other_without_gap_or_overlap(tmp_path, monkeypatch):
    monkeypatch.setattr(shards_module, "SPLIT_FROM_BYTES", 0)
    feed = write_feed(tmp_path / "feed.jsonl", 500, awkward=False)
    parts = [s.lines for s in plan_shards([feed], warc_records=64) if isinstance(s, Shard)]
    assert parts[0].offset == 0 and parts[-1].end == feed.stat().st_size
    assert all(a.end == b.offset for a, b in zip(parts, parts[1:]))
    assert [p.first_record for p in parts] == list(range(0, 500, 64))  # one record per line here


@pytest.mark.parametrize(
    "name, content",
    [
        ("feed.jsonl.gz", None),  # compressed: cannot be entered in the middle
        ("feed.jsonl", "cp1252"),  # a legacy encoding: read whole, as the reader decodes it
        ("feed.jsonl", "document"),  # one JSON document under a .jsonl name
        ("small.jsonl", "small"),  # one slice's worth
    ],
)
def test_files_that_are_not_split(tmp_path, monkeypatch, name, content):
    monkeypatch.setattr(shards_module, "SPLIT_FROM_BYTES", 0)
    path = tmp_path / name
    if content is None:
        path.write_bytes(gzip.compress(write_feed(tmp_path / "plain.jsonl", 200).read_bytes()))
        (tmp_path / "plain.jsonl").unlink()
    elif content == "cp1252":
        path.write_bytes(
            b"".join(
                json.dumps({"text": f"Caf\u00e9 cr\u00e8me num\u00e9ro {n}, d\u00e9j\u00e0 servi."}, ensure_ascii=False).encode("cp1252") + b"\n"
                for n in range(200)
            )
        )
    elif content == "document":
        path.write_text(json.dumps({"items": [{"text": f"{PROSE['en']} {n}"} for n in range(200)]}, indent=1), encoding="utf-8")
    else:
        write_feed(path, 8, awkward=False)
    shards = [s for s in plan_shards([path], warc_records=10) if isinstance(s, Shard)]
    assert len(shards) == 1 and shards[0].lines is None
    assert any(not isinstance(item, Problem) for item in read_shard(shards[0]))


def test_one_big_file_is_cleaned_on_every_core_with_the_same_export(tmp_path):
    """A file above the size from which files are split (no patching: the CLI's own plan), through --jobs 1
    and --jobs 2, with and without the corpus stages."""
    (tmp_path / "in").mkdir()
    feed = write_feed(tmp_path / "in" / "feed.jsonl", 1200, paragraphs=8)
    assert feed.stat().st_size > shards_module.SPLIT_FROM_BYTES
    assert sum(isinstance(s, Shard) for s in plan_shards([feed])) > 1
    for corpus_stages in (False, True):
        outputs = []
        for jobs in (1, 2):
            out = tmp_path / f"out-{jobs}-{corpus_stages}.jsonl"
            args = ["clean", str(tmp_path / "in"), "-o", str(out), "-q", "--jobs", str(jobs)]
            if not corpus_stages:
                from scale_helpers import streaming_recipe

                args += ["--recipe", str(streaming_recipe(tmp_path / "alone.toml"))]
            assert cli.main(args) == 1  # the broken lines are problems
            outputs.append(out.read_bytes())
        assert outputs[0] == outputs[1]
        records = [json.loads(line) for line in outputs[0].splitlines()]
        assert len({r["id"] for r in records}) == len(records)
        if not corpus_stages:  # every readable record, in file order
            numbers = [r["record"] for r in records]
            assert numbers == sorted(numbers) and len(numbers) > 1100
            assert all("ADVERTISEMENT" not in r["text"] for r in records)
