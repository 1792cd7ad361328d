"""One HTML decoder (winnow.readers.decode.decode_html) for files and for web archives: a charset named by an
HTTP header is weighed like the page's own declaration, so a UTF-8 page served as "ISO-8859-1" (a common server
default) is not turned into mojibake, and a legacy page is still read in the charset its header names."""

from __future__ import annotations

import codecs
import json
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from winnow.cli import main
from winnow.readers.decode import NotText, codec_named, decode_html

GERMAN = "Die Straße wird im März für größere Bauarbeiten gesperrt, sagte die Bürgermeisterin."
RUSSIAN = "Улицу закроют в марте на большие строительные работы, сообщила мэр города."
POLISH = "Ulica zostanie zamknięta w marcu z powodu większych robót, powiedziała burmistrzyni."


def page(text: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>{text.split()[1]}</title></head><body><article><p>{text}</p></article></body></html>"


@pytest.mark.parametrize(
    ("text", "encoding", "header"),
    [
        (GERMAN, "utf-8", "ISO-8859-1"),  # the server's default, the page really UTF-8
        (GERMAN, "cp1252", "iso-8859-1"),
        (RUSSIAN, "cp1251", "windows-1251"),
        (RUSSIAN, "koi8-r", "KOI8-R"),
        (POLISH, "iso-8859-2", "ISO-8859-2"),
        (RUSSIAN, "utf-8", "utf-8"),
    ],
)
def test_the_header_charset_is_the_declared_one(text, encoding, header):
    decoded = decode_html(page(text).encode(encoding), header)
    assert text in decoded.text


def test_the_header_outranks_the_pages_own_declaration_but_not_valid_utf8():
    legacy = page(RUSSIAN, '<meta charset="iso-8859-1">').encode("cp1251")
    assert RUSSIAN in decode_html(legacy, "windows-1251").text
    modern = page(GERMAN, '<meta charset="utf-8">').encode("utf-8")
    assert GERMAN in decode_html(modern, "iso-8859-1").text


def test_an_unknown_header_charset_falls_back_to_the_page():
    data = page(POLISH, '<meta charset="iso-8859-2">').encode("iso-8859-2")
    assert POLISH in decode_html(data, "no-such-charset").text


@pytest.mark.parametrize(
    ("label", "codec"), [("ISO-8859-1", "cp1252"), (" latin1 ", "cp1252"), ("Shift_JIS", "shift_jis"), ("utf8", "utf-8"), ("x-nothing", None)]
)
def test_charset_labels_are_read_as_browsers_read_them(label, codec):
    assert codec_named(label) == codec


def _archive(path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, body, content_type in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http))


def test_a_web_archive_reads_every_page_in_its_real_charset(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    _archive(
        archive,
        [
            ("https://a.example.de/", page(GERMAN).encode("utf-8"), "text/html; charset=ISO-8859-1"),
            ("https://b.example.ru/", page(RUSSIAN).encode("cp1251"), "text/html; charset=windows-1251"),
            ("https://c.example.pl/", page(POLISH).encode("iso-8859-2"), 'text/html; charset="iso-8859-2"'),
        ],
    )
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(archive), "--jobs", "1", "--output", str(out), "--quiet"]) == 0
    texts = {record["url"]: record["text"] for record in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert texts == {"https://a.example.de/": GERMAN, "https://b.example.ru/": RUSSIAN, "https://c.example.pl/": POLISH}


# ---------------------------------------------------------------- the bytes kept for the HTML parser


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=64), st.text(max_size=32).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_the_bytes_a_decoded_page_keeps_are_its_text_in_utf8(data):
    try:
        decoded = decode_html(data)
    except NotText:
        return
    assert decoded.utf8 is None or decoded.utf8 == decoded.text.encode("utf-8")


@pytest.mark.parametrize(
    ("data", "kept"),
    [
        (page(RUSSIAN).encode("utf-8"), True),
        (codecs.BOM_UTF8 + page(GERMAN).encode("utf-8"), False),  # the mark is not in the text
        (page(GERMAN).encode("cp1252"), False),
        (page(POLISH).encode("utf-16"), False),
        (page(GERMAN).encode("utf-8") + b"\xff", False),  # a damaged byte, replaced in the text
        (page(GERMAN).encode("utf-8").replace(b"</p>", b"\x00</p>"), False),  # a stray NUL, removed from the text
    ],
)
def test_only_a_page_read_as_utf8_exactly_keeps_its_bytes(data, kept):
    decoded = decode_html(data)
    assert (decoded.utf8 is not None) == kept


@pytest.mark.parametrize("doctype", ["", "<!DOCTYPE html>\n", '<!-- a comment --><!DOCTYPE html [ <!ENTITY x "a > b"> ]>'])
def test_a_page_parsed_from_its_kept_bytes_gives_the_same_page(doctype):
    from winnow.readers.html import extract_page

    decoded = decode_html((doctype + page(RUSSIAN, '<meta charset="utf-8">')).encode("utf-8"))
    assert decoded.utf8 is not None
    from_bytes, from_text = extract_page(decoded.text, utf8=decoded.utf8), extract_page(decoded.text)
    assert from_bytes == from_text and RUSSIAN in from_bytes.lines


@pytest.mark.parametrize("filler", ["plain ascii text ", RUSSIAN])
@pytest.mark.parametrize("size", [2_000, 100_000])
def test_control_characters_make_a_utf8_page_binary_only_within_the_first_64k_characters(filler, size):
    body = (filler * (size // len(filler) + 1))[:size]
    controls = "\x01\x02\x03\x1b" * (size // 200)
    with pytest.raises(NotText):
        decode_html((controls + body).encode("utf-8"))
    if size > 65_536:  # past the characters looked at, they do not count
        assert decode_html((body + controls).encode("utf-8")).utf8 is not None
