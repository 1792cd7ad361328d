"""Web archives: a WARC built here with warcio's writer holds HTML pages, an image, a revisit, a truncated
record, a request and a 404; the export has exactly the HTML pages, with their URLs and dates."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest
from scale_helpers import html_page
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter
from winnow import cli
from winnow.core.model import Document, Problem
from winnow.readers import read_paths
from winnow.readers.dispatch import read_warc
from winnow.readers.warc import warc_slices

PAGES = {
    "https://news.example.org/budget": (
        "2024-03-05T10:00:00Z",
        [
            "Budget approved",
            "ADVERTISEMENT",
            "The council approved the new budget after a long debate on Tuesday evening.",
            "Residents had asked for more money for schools, roads and the local library.",
        ],
    ),
    "https://zeitung.example.de/haushalt": (
        "2024-03-06T11:30:00Z",
        [
            "Haushalt beschlossen",
            "Der Gemeinderat hat am Dienstagabend nach langer Debatte den neuen Haushalt beschlossen.",
            "Die Anwohner hatten mehr Geld für Schulen, Straßen und die Stadtbibliothek gefordert.",
            "Jetzt Newsletter abonnieren",
        ],
    ),
}


def _response(writer: WARCWriter, url: str, date: str, body: bytes, content_type: str, status: str = "200 OK", extra=None):
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    headers = {"WARC-Date": date, **(extra or {})}
    record = writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http, warc_headers_dict=headers)
    writer.write_record(record)
    return record


def build_warc(path: Path, gzip: bool = True, copies: int = 1) -> list[str]:
    """HTML pages (charset in the header or none), an image, a 404, a request, a revisit and a truncated page."""
    urls = []
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for n in range(copies):
            for url, (date, lines) in PAGES.items():
                url_n = f"{url}/{n}"
                writer.write_record(
                    writer.create_warc_record(url_n, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n"), warc_headers_dict={"WARC-Date": date})
                )
                _response(writer, url_n, date, html_page(lines).encode("utf-8"), "text/html; charset=utf-8")
                urls.append(url_n)
            _response(writer, f"https://news.example.org/logo{n}.png", "2024-03-05T10:00:01Z", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
            _response(
                writer,
                f"https://news.example.org/gone{n}",
                "2024-03-05T10:00:02Z",
                html_page(["Not found", "Nothing here at all, sorry."]).encode(),
                "text/html",
                "404 Not Found",
            )
            writer.write_record(
                writer.create_revisit_record(
                    f"https://news.example.org/budget/{n}",
                    digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                    refers_to_uri=f"https://news.example.org/budget/{n}",
                    refers_to_date="2024-03-05T10:00:00Z",
                )
            )
            _response(
                writer,
                f"https://news.example.org/cut{n}",
                "2024-03-05T10:00:03Z",
                html_page(["Cut short", "This page was cut short by the crawler and must be skipped."]).encode(),
                "text/html",
                extra={"WARC-Truncated": "length"},
            )
    return urls


@pytest.mark.parametrize("gzip", [True, False])
def test_the_export_has_exactly_the_html_pages_with_urls_and_dates(tmp_path, gzip):
    warc = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    urls = build_warc(warc, gzip=gzip)
    out = tmp_path / "out.jsonl"
    code = cli.main(["clean", str(warc), "-o", str(out), "-q"])
    assert code == cli.EXIT_OK
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["url"] for r in records] == urls
    assert [r["date"] for r in records] == [PAGES[u.rsplit("/", 1)[0]][0] for u in urls]
    assert all(r["source"].startswith(warc.name + "#") for r in records)
    assert [r["source"] for r in records] == sorted(r["source"] for r in records)  # archive order
    assert "The council approved the new budget" in records[0]["text"]
    assert "ADVERTISEMENT" not in records[0]["text"] and "Newsletter" not in records[1]["text"]
    assert len({r["id"] for r in records}) == len(records)


def test_skipped_records_are_counted_in_one_warning_never_fatal(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    build_warc(warc)
    items = list(read_paths([warc]))
    docs = [i for i in items if isinstance(i, Document)]
    warnings = [i for i in items if isinstance(i, Problem)]
    assert len(docs) == 2
    assert len(warnings) == 1 and not warnings[0].fatal
    message = warnings[0].message
    for expected in ("1 non-HTML", "1 revisit", "1 truncated", "1 unsuccessful"):
        assert expected in message


def test_wet_conversion_records_go_in_as_text(tmp_path):
    wet = tmp_path / "crawl.warc.wet.gz"
    with wet.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        text = "Ein Artikel über den Haushalt der Stadt.\nANZEIGE\nDer Rat hat lange beraten und dann zugestimmt.\n"
        writer.write_record(
            writer.create_warc_record(
                "https://zeitung.example.de/a",
                "conversion",
                payload=BytesIO(text.encode()),
                warc_headers_dict={"WARC-Date": "2024-01-02T03:04:05Z", "Content-Type": "text/plain"},
            )
        )
    docs = [i for i in read_paths([wet]) if isinstance(i, Document)]
    assert len(docs) == 1 and docs[0].format == "text"
    assert docs[0].metadata["url"] == "https://zeitung.example.de/a"
    assert docs[0].lines[0].startswith("Ein Artikel")


def test_a_damaged_archive_keeps_the_pages_before_the_damage(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    build_warc(warc, copies=3)
    data = warc.read_bytes()
    offsets = [part.offset for part in warc_slices(warc, records_per_slice=1)]
    cut = (offsets[10] + offsets[11]) // 2  # halfway through the second copy's first page
    warc.write_bytes(data[:cut])
    items = list(read_paths([warc]))
    docs = [i for i in items if isinstance(i, Document)]
    assert len(docs) == 2
    assert any(isinstance(i, Problem) and "damaged" in i.message and not i.fatal for i in items)


def test_slices_read_together_give_the_whole_archive(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    build_warc(warc, copies=5)
    whole = [(d.source, d.record, d.lines) for d in read_warc(warc, warc.name) if isinstance(d, Document)]
    slices = warc_slices(warc, records_per_slice=4)
    assert len(slices) > 3
    parts = [(d.source, d.record, d.lines) for s in slices for d in read_warc(warc, warc.name, part=s) if isinstance(d, Document)]
    assert parts == whole and len(whole) == 10


def test_jobs_2_on_an_archive_gives_the_same_bytes_as_jobs_1(tmp_path, monkeypatch):
    from winnow.runners import shards

    warc = tmp_path / "crawl.warc.gz"
    build_warc(warc, copies=6)
    monkeypatch.setattr(shards, "WARC_RECORDS_PER_SHARD", 5)
    outputs = []
    for jobs in ("1", "2"):
        out, rejected = tmp_path / f"out{jobs}.jsonl", tmp_path / f"rejected{jobs}.jsonl"
        cli.main(["clean", str(warc), "-o", str(out), "-q", "--jobs", jobs, "--rejected", str(rejected)])
        outputs.append(out.read_bytes() + rejected.read_bytes())  # the copies are left out as near-duplicates
    assert outputs[0] == outputs[1] and outputs[0].count(b"\n") == 12
