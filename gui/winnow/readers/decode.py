"""Bytes to text: encoding detection, binary detection, newline and Unicode normalisation, line splitting.

Decoding order for text: byte-order mark; UTF-16 without a mark (recognised by its NUL pattern);
strict UTF-8; UTF-8 with a few damaged bytes; then charset-normalizer, breaking its ties in favour of
cp1252 (the Web's usual legacy encoding, a superset of latin-1 for printable text). HTML adds the page's
declared charset after strict UTF-8 (pages often declare latin-1 but are UTF-8, never the other way).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from winnow.core.wording import plural, were
from winnow.text.sentences import last_sentence_break

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its mark starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
DETECTION_SAMPLE = 1 << 20  # charset-normalizer looks at the first MiB of big files; enough to decide
# C0 controls other than tab and the line breaks, and DEL: in UTF-8 each is one byte, and no byte of a longer
# sequence is one of them, so counting them in the encoded text counts the characters
CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
CONTROL_SAMPLE = 65536  # characters looked at for control characters
LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
NOT_SPACE = re.compile(r"\S")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I)
# 7-bit encodings look like ASCII, so a page declaring one must not be taken for UTF-8
SEVEN_BIT = ("iso2022", "iso-2022", "utf-7", "utf7", "hz")
# WHATWG: browsers read these declarations as windows-1252
WEB_ALIASES = {"latin-1": "cp1252", "latin1": "cp1252", "iso8859-1": "cp1252", "iso-8859-1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252"}


class NotText(ValueError):
    """The bytes are not text in any encoding we can recognise (a binary file)."""


@dataclass(frozen=True)
class Decoded:
    text: str  # as decoded, byte-order mark removed; newlines and Unicode form untouched
    encoding: str  # Python codec name, e.g. "utf-8", "cp1252", "utf-16-le"
    warnings: tuple[str, ...] = ()
    # the bytes read, when they are `text` in UTF-8 exactly (read strictly as UTF-8, no mark): the HTML parser takes
    # them as they are instead of the text encoded again
    utf8: bytes | None = field(default=None, repr=False, compare=False)


def decode_text(data: bytes) -> Decoded:
    """Decode a text file's bytes, or raise NotText for binary content."""
    found = _decode_marked(data)
    if found is None:
        if b"\x00" in data:
            found = _decode_utf16_unmarked(data) or _decode_with_stray_nuls(data, _decode_text_without_nuls)
            if found is None:
                raise NotText("binary content (NUL bytes)")
        else:
            found = _decode_utf8(data) or _decode_detected(data)
    _reject_control_chars(found.text)
    return found


def decode_html(data: bytes, header_charset: str | None = None) -> Decoded:
    """Decode an HTML page: mark, UTF-8, the declared charset, then detection. A charset named by the page's
    HTTP header (a web archive's response) is the declared one; else the page's own <meta> or XML declaration."""
    declared = (header_charset and codec_named(header_charset)) or declared_charset(data[:4096])
    if declared and declared.startswith(SEVEN_BIT):
        try:
            return Decoded(data.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):
            pass
    found = _decode_marked(data)
    if found is None and b"\x00" in data:
        found = _decode_utf16_unmarked(data) or _decode_with_stray_nuls(data, decode_html)
        if found is None:
            raise NotText("binary content (NUL bytes)")
    if found is None:
        found = _decode_strict(data, "utf-8")
        if found is not None:
            found = Decoded(found.text, found.encoding, utf8=data)
    if found is None and declared:
        found = _decode_strict(data, declared)
    if found is None and declared == "utf-8" and _damaged_utf8(data) <= max(2, len(data) // 2000):
        found = _decode_replacing(data, "utf-8")  # a UTF-8 page with a stray byte or two: as it says
    if found is None:
        found = _decode_utf8(data) or _decode_detected(data)
    _reject_control_chars(found.text, found.utf8)
    return found


def declared_charset(head: bytes) -> str | None:
    """The codec named by a page's <meta charset>, http-equiv or XML declaration, if Python knows it."""
    match = DECLARED_CHARSET.search(head)
    if not match:
        return None
    return codec_named((match.group(1) or match.group(2)).decode("ascii", "replace"))


def codec_named(charset: str) -> str | None:
    """Python's codec for a charset label as the web uses it (latin-1 read as windows-1252), if there is one."""
    name = charset.strip().lower()
    try:
        return codecs.lookup(WEB_ALIASES.get(name, name)).name
    except LookupError:
        return None


def looks_like_html_document(text: str) -> bool:
    """Whether text from a file of unknown type is an HTML page (a doctype or <html> near the start)."""
    head = text[:2048].lstrip("\ufeff \t\r\n").lower()
    if head.startswith("<?xml"):
        head = head[head.find("?>") + 2 :].lstrip()
    while head.startswith("<!--"):
        end = head.find("-->")
        head = head[end + 3 :].lstrip() if end >= 0 else ""
    return head.startswith(("<!doctype html", "<html", "<head")) or ("<html" in head and "<body" in text[:65536].lower())


def _decode_marked(data: bytes) -> Decoded | None:
    for bom, codec in BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return Decoded(body.decode(codec), codec)
            except UnicodeDecodeError:
                text = body.decode(codec, "replace")
                return Decoded(text, codec, (_replaced_warning(text.count("\ufffd"), codec),))
    return None


def _decode_utf16_unmarked(data: bytes) -> Decoded | None:
    """UTF-16 without a byte-order mark: mostly-Latin text has a NUL in every other byte."""
    sample = data[:8192]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for codec, nuls, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls >= 0.3 * half and other <= 0.02 * half:
            found = _decode_strict(data[: len(data) // 2 * 2], codec)
            if found is not None and _mostly_latin(found.text):
                return found
    return None


def _decode_with_stray_nuls(data: bytes, decoder) -> Decoded | None:
    """Text with a few stray NUL bytes (a scraper's bad cell, a damaged write) is still text: decoded without
    them, with a warning. Binary files have far more NULs than one per thousand bytes."""
    count = data.count(0)
    if count > 1 + len(data) // 1000:
        return None
    found = decoder(data.replace(b"\x00", b""))
    return Decoded(found.text, found.encoding, found.warnings + (f"{plural(count, 'NUL byte')} {were(count)} removed",))


def _decode_text_without_nuls(data: bytes) -> Decoded:
    return _decode_marked(data) or _decode_utf8(data) or _decode_detected(data)


def _mostly_latin(text: str) -> bool:
    """The NUL pattern promised Latin-1-range text; binary that merely has NULs decodes to anything else."""
    sample = text[:4096]
    fitting = sum(1 for ch in sample if ch in "\t\n\r" or " " <= ch <= "~" or "\xa0" <= ch <= "\u024f")
    return fitting >= 0.9 * len(sample)


def _decode_strict(data: bytes, codec: str) -> Decoded | None:
    try:
        return Decoded(data.decode(codec), codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_utf8(data: bytes) -> Decoded | None:
    """UTF-8, also when a few bytes are damaged (a truncated file, a stray byte) among many valid ones."""
    found = _decode_strict(data, "utf-8")
    if found is not None:
        return found
    sample = _sample(data)
    if not _mostly_utf8(sample):
        return None
    if sample is not data and _mostly_utf8(sample, clean=True) and not _mostly_utf8(data):
        return None  # the damage is all past the sample: judge the whole file
    text = data.decode("utf-8", "replace")
    return Decoded(text, "utf-8", (_replaced_warning(text.count("\ufffd"), "utf-8"),))


def _damaged_utf8(data: bytes) -> int:
    """How many bytes of `data` are not well-formed UTF-8."""
    return len(data) - len(data.decode("utf-8", "ignore").encode("utf-8"))


def _decode_replacing(data: bytes, codec: str) -> Decoded:
    text = data.decode(codec, "replace")
    return Decoded(text, codec, (_replaced_warning(text.count("\ufffd"), codec),))


def _mostly_utf8(data: bytes, clean: bool = False) -> bool:
    """Many well-formed multibyte characters per damaged byte (clean=True: and no damage at all)."""
    text = data.decode("utf-8", "surrogateescape")
    bad = len(data) - len(text.encode("utf-8", "ignore"))
    if clean:
        return bad == 0
    multibyte = len(data) - len(text)  # at least the number of well-formed non-ASCII characters
    return multibyte >= 8 * bad


def _sample(data: bytes) -> bytes:
    """The first MiB or so of big inputs, cut at a newline so no character is cut in half."""
    if len(data) <= DETECTION_SAMPLE:
        return data
    cut = data.rfind(b"\n", 0, DETECTION_SAMPLE)
    return data[: cut if cut > 0 else DETECTION_SAMPLE]


def _decode_detected(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    mixed = _decode_mixed_lines(data)
    if mixed is not None:
        return mixed
    sample = _sample(data)
    matches = list(from_bytes(sample, cp_exclusion=["utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"]))
    if not matches:
        raise NotText("binary content (no text encoding fits)")
    codec = _prefer_cp1252(matches, sample)
    warnings: tuple[str, ...] = ()
    chosen = next((m for m in matches if codecs.lookup(m.encoding).name == codec), None)
    if chosen is not None and chosen.chaos >= LOW_CONFIDENCE_CHAOS:
        warnings = (f"the text encoding was guessed as {codec} with low confidence ({chosen.chaos:.0%} of it looks garbled); check the text",)
    try:
        return Decoded(data.decode(codec), codec, warnings)
    except UnicodeDecodeError:
        text = data.decode(codec, "replace")
        return Decoded(text, codec, warnings + (_replaced_warning(text.count("\ufffd"), codec),))


LOW_CONFIDENCE_CHAOS = 0.05  # real text in its encoding scores 0.0; byte soup about 0.1
WEAK_EVIDENCE_BYTES = 24  # fewer non-ASCII bytes than this cannot tell Western encodings (or CJK) apart
LATIN_PUNCTUATION = frozenset("“”‘’„‚«»‹›–—…€£¥¢°§©®™±×÷·¡¿ªº¹²³¼½¾µ¶•†‡‰")


def _prefer_cp1252(matches, sample: bytes = b"") -> str:
    """charset-normalizer often ranks cp1250, cp1257, a CJK code or others first for Western text they decode
    identically or equally well, and always on little evidence ("über" alone reads as Big5). cp1252 is the
    Web's usual legacy encoding: it wins near-ties, and wins outright when there is little evidence and it
    reads as ordinary Latin text."""
    best = matches[0]
    for match in matches:
        if "cp1252" in match.could_be_from_charset and match.chaos <= best.chaos + 0.05 and match.coherence >= best.coherence - 0.05:
            return "cp1252"
    non_ascii = sum(1 for byte in sample if byte >= 0x80)
    if non_ascii < WEAK_EVIDENCE_BYTES and _reads_as_latin(sample):
        return "cp1252"
    return codecs.lookup(best.encoding).name


def _reads_as_latin(data: bytes) -> bool:
    """Whether `data` as cp1252 is ordinary Latin-script text: every non-ASCII character a letter or common
    punctuation, and letters mostly alone inside ASCII words (Cyrillic, Greek or CJK bytes read as cp1252
    make runs of accented letters and symbols instead)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    runs = [len(run) for run in re.findall(r"[^\x00-\x7f]+", text)]
    if not runs:
        return False
    if any(not (ch.isalpha() or ch in LATIN_PUNCTUATION) for ch in text if ord(ch) >= 0x80):
        return False
    return sum(1 for n in runs if n >= 3) <= len(runs) // 10


def _decode_mixed_lines(data: bytes) -> Decoded | None:
    """A file whose lines are partly UTF-8 (with accented letters) and partly cp1252/latin-1, as happens when
    files are joined: each line in its own encoding, with a warning, instead of one wrong encoding for all."""
    lines = data.split(b"\n")
    utf8_accented = legacy = 0
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_accented += 1
        except UnicodeDecodeError:
            legacy += 1
    if not utf8_accented or not legacy:
        return None
    out = []
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(line.decode("cp1252", "replace"))
    return Decoded(
        "\n".join(out),
        "utf-8",
        (f"{plural(legacy, 'line')} {were(legacy)} not UTF-8 like the rest of the file and were read as cp1252 (a file of mixed encodings); check the text",),
    )


def _reject_control_chars(text: str, utf8: bytes | None = None) -> None:
    sample = text[:CONTROL_SAMPLE]
    # the sample's UTF-8, from the bytes read when they are the text's (`Decoded.utf8`): the whole page, or an ASCII
    # page's first bytes; bytes.translate counts in C, three times faster than a regex
    if utf8 is not None and len(text) <= CONTROL_SAMPLE:
        encoded = utf8
    elif utf8 is not None and text.isascii():
        encoded = utf8[:CONTROL_SAMPLE]
    else:
        encoded = sample.encode("utf-8", "surrogatepass")
    if len(encoded) - len(encoded.translate(None, CONTROL_BYTES)) > 0.01 * len(sample) + 1:
        raise NotText("binary content (control characters)")


def _replaced_warning(count: int, codec: str) -> str:
    return f"{plural(count, 'byte sequence')} could not be decoded as {codec} and {were(count)} replaced with \ufffd"


# ---------------------------------------------------------------- normalisation and lines


def scrub_surrogates(text: str) -> tuple[str, int]:
    """Text with lone surrogates (from JSON escapes such as "\\ud800", or undecodable file names) replaced
    by U+FFFD, and how many there were: no UTF-8 file can hold them, so every export would fail on one."""
    if not LONE_SURROGATE.search(text):
        return text, 0
    return LONE_SURROGATE.subn("\ufffd", text)


def is_blank(text: str) -> bool:
    return NOT_SPACE.search(text) is None


def normalise(text: str) -> str:
    """One newline kind (\\n), no control characters but tab and newline, Unicode NFC; a stray byte-order mark
    at the start removed."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text or "\u2028" in text or "\u2029" in text or "\x85" in text:
        text = LINE_BREAKS.sub("\n", text)
    return nfc(strip_controls(text))


STRAY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
PAGE_BREAKS = re.compile(r"[\x0b\x0c]")


def strip_controls(text: str) -> str:
    """Text without control characters (NUL, ESC and terminal sequences' lead bytes, C1 codes): tab and newline
    stay, vertical tab and form feed become newlines. Scraped JSON carries them as \\u0000 or \\u001b."""
    if STRAY_CONTROLS.search(text):
        text = STRAY_CONTROLS.sub("", text)
    if "\x0b" in text or "\x0c" in text:
        text = PAGE_BREAKS.sub("\n", text)
    return text


def nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def text_lines(text: str) -> list[str]:
    """Normalised text split on newlines; blank lines kept, the file's final newline not counted as a line."""
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def split_long_lines(lines: list[str], limit: int) -> tuple[list[str], list[int], str | None]:
    """Cut lines longer than `limit` characters at sentence ends (else at spaces) into pieces of at most `limit`.

    Returns the new lines, for each new line the index of the line it came from, and a warning (None when
    nothing was cut). Rules work on lines, so one 50 MB line would make every rule slow and every reason vague.
    """
    if limit <= 0 or all(len(line) <= limit for line in lines):
        return lines, list(range(len(lines))), None
    out: list[str] = []
    origin: list[int] = []
    cut_lines = longest = 0
    for index, line in enumerate(lines):
        if len(line) <= limit:
            out.append(line)
            origin.append(index)
            continue
        pieces = _split_line(line, limit)
        out.extend(pieces)
        origin.extend([index] * len(pieces))
        cut_lines += 1
        longest = max(longest, len(line))
    warning = f"{plural(cut_lines, 'line')} longer than {limit:,} characters (longest {longest:,}) {were(cut_lines)} split at sentence or word boundaries"
    return out, origin, warning


def _split_line(line: str, limit: int) -> list[str]:
    pieces = []
    start, end = 0, len(line)
    while end - start > limit:
        cut, resume = _cut_point(line, start + limit // 2, start + limit)
        pieces.append(line[start:cut])
        start = resume
    pieces.append(line[start:])
    return pieces


def _cut_point(line: str, low: int, high: int) -> tuple[int, int]:
    """Where to end a piece inside line[low:high] and where the next one starts."""
    best = last_sentence_break(line, low, high)
    if best < 0:
        best = max(line.rfind(" ", low, high), line.rfind("\t", low, high))
    if best < 0:  # no space at all: cut hard, but not between a letter and its combining mark
        best = high
        while best > low and unicodedata.combining(line[best]):
            best -= 1
        return best, best
    resume = best
    while resume < len(line) and line[resume] in " \t":
        resume += 1
    return best, resume
