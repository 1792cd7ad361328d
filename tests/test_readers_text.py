"""Plain-text files: encodings, newlines, Unicode form, long lines, what `content` and `lines` hold."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from winnow.core.model import Document, Problem, document_id
from winnow.readers import ReadOptions, read_file, read_paths

GERMAN = "Der Preis beträgt 20 € für Grüße aus München – „schön“.\nÄrger über Öl und Süßes.\n"


def read_one(path: Path, options: ReadOptions = ReadOptions()) -> Document:
    items = list(read_paths([path], options))
    assert len(items) == 1, items
    assert isinstance(items[0], Document), items[0]
    return items[0]


@pytest.mark.parametrize(
    ("raw", "codec_family"),
    [
        (GERMAN.encode("cp1252"), {"cp1252"}),
        ("Grüße aus München. Ça coûte très cher, señor.\nÄrger über Öl.\n".encode("latin-1"), {"cp1252", "iso8859-1"}),
        (GERMAN.encode("utf-8"), {"utf-8"}),
        (codecs.BOM_UTF8 + GERMAN.encode("utf-8"), {"utf-8"}),
        (GERMAN.encode("utf-16"), {"utf-16-le", "utf-16-be"}),  # with a byte-order mark
        (GERMAN.encode("utf-16-le"), {"utf-16-le"}),  # without one
        (GERMAN.encode("utf-16-be"), {"utf-16-be"}),
        (codecs.BOM_UTF32_LE + GERMAN.encode("utf-32-le"), {"utf-32-le"}),
    ],
    ids=["cp1252", "latin-1", "utf-8", "utf-8-bom", "utf-16-bom", "utf-16-le", "utf-16-be", "utf-32-bom"],
)
def test_encodings_are_detected(tmp_path, raw, codec_family):
    path = tmp_path / "page.txt"
    path.write_bytes(raw)
    doc = read_one(path)
    assert doc.encoding in codec_family
    assert not doc.content.startswith("\ufeff")
    expected = raw.decode({"cp1252": "cp1252", "iso8859-1": "latin-1"}.get(doc.encoding, doc.encoding))
    assert doc.content == expected.lstrip("\ufeff")
    assert "€" in doc.content or "Ça" in doc.content
    assert all("\ufffd" not in line for line in doc.lines)


def test_cp1252_special_characters_survive(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Preis: 20 € – „Grüße“ aus Köln… ‘quoted’\n".encode("cp1252"))
    doc = read_one(path)
    assert doc.lines == ["Preis: 20 € – „Grüße“ aus Köln… ‘quoted’"]


def test_short_latin1_word_is_not_mistaken_for_another_script(tmp_path):
    path = tmp_path / "short.txt"
    path.write_bytes("Grüße\n".encode("latin-1"))
    assert read_one(path).lines == ["Grüße"]


def test_other_legacy_scripts_are_not_forced_into_cp1252(tmp_path):
    path = tmp_path / "ru.txt"
    path.write_bytes("Привет, как дела? Это тестовый текст на русском языке.\n".encode("cp1251"))
    assert read_one(path).lines == ["Привет, как дела? Это тестовый текст на русском языке."]


def test_utf8_with_one_damaged_byte_stays_utf8_with_a_warning(tmp_path):
    path = tmp_path / "damaged.txt"
    path.write_bytes(("Grüße aus München, schöne Tage. " * 10).encode() + b"\xff end\n")
    doc = read_one(path)
    assert doc.encoding == "utf-8"
    assert doc.lines[0].startswith("Grüße aus München")
    assert doc.lines[0].endswith("\ufffd end")
    assert any("replaced" in w for w in doc.warnings)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_newlines_are_normalised_and_blank_lines_kept(tmp_path, newline):
    path = tmp_path / "lines.txt"
    path.write_bytes(newline.join(["Title", "", "First paragraph.", "", "", "Second."]).encode() + newline.encode())
    doc = read_one(path)
    assert doc.lines == ["Title", "", "First paragraph.", "", "", "Second."]
    assert doc.content == newline.join(["Title", "", "First paragraph.", "", "", "Second."]) + newline  # untouched


def test_mixed_newlines_and_no_final_newline(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"one\r\ntwo\rthree\nfour")
    assert read_one(path).lines == ["one", "two", "three", "four"]


def test_unicode_is_nfc_in_lines_but_content_is_untouched(tmp_path):
    decomposed = "Cafe\u0301 und Mu\u0308nchen"
    path = tmp_path / "nfd.txt"
    path.write_text(decomposed + "\n", encoding="utf-8")
    doc = read_one(path)
    assert doc.lines == ["Café und München"]
    assert unicodedata.is_normalized("NFC", doc.lines[0])
    assert doc.content == decomposed + "\n"


@pytest.mark.parametrize("suffix", [".txt", ".text", ".md", ".TXT"])
def test_text_extensions(tmp_path, suffix):
    path = tmp_path / f"note{suffix}"
    path.write_text("# Heading\n\nBody text.\n", encoding="utf-8")
    doc = read_one(path)
    assert doc.format == "text"
    assert doc.lines == ["# Heading", "", "Body text."]


def test_document_fields_for_a_file_given_directly(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("Hello world.\n", encoding="utf-8")
    doc = read_one(path)
    assert doc.source == "article.txt"
    assert doc.record is None
    assert doc.path == str(path.resolve())
    assert doc.id == document_id("article.txt")
    assert doc.metadata == {}


def test_input_file_is_not_modified(tmp_path):
    path = tmp_path / "keep.txt"
    raw = "Grüße\r\nCafe\u0301\r\n".encode("cp1252", "ignore")
    path.write_bytes(raw)
    before = path.stat().st_mtime_ns
    read_one(path)
    assert path.read_bytes() == raw
    assert path.stat().st_mtime_ns == before


def test_overlong_line_is_split_at_sentence_ends_with_a_warning(tmp_path):
    sentence = "This sentence is about forty-five chars long. "
    path = tmp_path / "one-line.txt"
    path.write_text(sentence * 2000, encoding="utf-8")  # ~92,000 characters on one line
    doc = read_one(path, ReadOptions(max_line_chars=10_000))
    assert len(doc.lines) > 9
    assert all(len(line) <= 10_000 for line in doc.lines)
    assert all(line.endswith("long.") for line in doc.lines[:-1])
    assert " ".join(doc.lines) == sentence * 2000  # nothing lost but the spaces cut at
    assert len(doc.warnings) == 1 and "split" in doc.warnings[0]


def test_overlong_line_without_sentences_is_split_at_spaces_or_cut(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("word " * 5000 + "\n" + "x" * 25_000 + "\n", encoding="utf-8")
    doc = read_one(path, ReadOptions(max_line_chars=4_000))
    assert all(len(line) <= 4_000 for line in doc.lines)
    words = [line for line in doc.lines if line.startswith("word")]
    assert all(line.split() == ["word"] * len(line.split()) for line in words)
    assert "".join(line for line in doc.lines if line.startswith("x")) == "x" * 25_000


def test_lines_under_the_limit_are_left_alone(tmp_path):
    path = tmp_path / "normal.txt"
    path.write_text("a" * 19_999 + "\nshort\n", encoding="utf-8")
    doc = read_one(path)
    assert doc.lines == ["a" * 19_999, "short"]
    assert doc.warnings == ()


def test_fifty_megabyte_single_line_imports_quickly(tmp_path):
    import time

    path = tmp_path / "huge.txt"
    sentence = b"The quick brown fox jumps over the lazy dog near the old river bank. "
    with path.open("wb") as out:
        for _ in range(50 * 1024 * 1024 // len(sentence) + 1):
            out.write(sentence)
    started = time.perf_counter()
    parts = list(read_paths([path]))  # above the per-document cap of characters: read as parts
    assert time.perf_counter() - started < 30  # seconds, not minutes (about 0.3 s here)
    assert all(isinstance(p, Document) for p in parts) and [p.record for p in parts] == list(range(len(parts)))
    assert all(len(line) <= 20_000 for p in parts for line in p.lines)
    assert sum(len(p.lines) for p in parts) > 2500
    assert all(p.warnings for p in parts)


def test_file_over_the_size_limit_is_a_problem(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("x " * 1000, encoding="utf-8")
    items = list(read_paths([path], ReadOptions(max_file_bytes=1000)))
    assert len(items) == 1 and isinstance(items[0], Problem)
    assert items[0].source == "big.txt" and "too large" in items[0].message


def test_read_file_takes_the_source_it_is_given(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("text\n", encoding="utf-8")
    (doc,) = read_file(path, "corpus/sub/x.txt")
    assert doc.source == "corpus/sub/x.txt"
    assert doc.id == document_id("corpus/sub/x.txt")
