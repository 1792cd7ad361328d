"""Hostile inputs: records, sizes, links, control characters, doctypes, encodings and names from an attacker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from winnow.core.model import Document, Problem
from winnow.readers import ReadOptions, read_paths
from winnow.readers.decode import decode_text
from winnow.recipe import RecipeError, loads


def winnow(*args, timeout=120, **kwargs):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    streams = kwargs or {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    return subprocess.run([sys.executable, "-m", "winnow", *map(str, args)], text=True, encoding="utf-8", env=env, timeout=timeout, **streams)


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Problem)]


# ---------------------------------------------------------------- records


def test_a_record_with_a_huge_integer_is_one_problem_and_the_next_records_are_read(tmp_path):
    feed = tmp_path / "feed.jsonl"
    records = [json.dumps({"text": f"Record {i} about the harbour and its ships."}) for i in range(999)]
    records.insert(500, '{"text": "poisoned", "n": ' + "9" * 5000 + "}")
    feed.write_text("\n".join(records) + "\n", encoding="utf-8")
    docs, problems = split(read_paths([feed]))
    assert len(docs) == 999
    assert len(problems) == 1 and problems[0].record == 500 and "line 501" in problems[0].message


def test_a_json_file_with_a_huge_integer_is_a_clear_problem(tmp_path):
    page = tmp_path / "page.json"
    page.write_text('{"text": "some text here", "n": ' + "1" * 5000 + "}", encoding="utf-8")
    docs, problems = split(read_paths([page]))
    assert not docs and len(problems) == 1 and "digits" in problems[0].message


@pytest.mark.parametrize("kind", ["jsonl", "csv"])
def test_record_files_are_streamed_memory_does_not_grow_with_the_file(tmp_path, kind, monkeypatch):
    monkeypatch.setattr("winnow.readers.dispatch.DETECTION_SAMPLE", 16384)  # the encoding sample, kept small here

    def make(n: int) -> Path:
        path = tmp_path / f"feed{n}.{kind}"
        with path.open("w", encoding="utf-8", newline="") as out:
            if kind == "csv":
                out.write("url,text\r\n")
            for i in range(n):
                text = f"Record {i} tells of the harbour, its ships and the weather over the bay today."
                out.write(json.dumps({"url": f"https://x.org/{i}", "text": text}) + "\n" if kind == "jsonl" else f'https://x.org/{i},"{text}"\r\n')
        return path

    def peak(path: Path) -> int:
        tracemalloc.start()
        count = sum(1 for item in read_paths([path]) if isinstance(item, Document))
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return count, top

    small, large = make(2_000), make(8_000)
    (n1, peak1), (n4, peak4) = peak(small), peak(large)
    assert (n1, n4) == (2_000, 8_000)
    assert peak4 < 1.5 * peak1, (peak1, peak4)  # not 4x: one record at a time


def test_max_file_size_is_a_command_line_option(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "big.txt").write_text("A sentence of the article about rivers. " * 100, encoding="utf-8")
    (inputs / "small.txt").write_text("A short article about rivers.\n", encoding="utf-8")
    proc = winnow("clean", inputs, "--max-file-size", "1k", "-o", tmp_path / "out.jsonl")
    assert proc.returncode == 1 and "big.txt" in proc.stderr and "too large" in proc.stderr
    assert winnow("clean", inputs, "--max-file-size", "2G", "-o", tmp_path / "out.jsonl").returncode == 0
    proc = winnow("clean", inputs, "--max-file-size", "lots", "-o", tmp_path / "out.jsonl")
    assert proc.returncode == 2 and "512M" in proc.stderr


# ---------------------------------------------------------------- per-document caps


def test_a_text_over_the_line_cap_is_read_in_parts_and_nothing_is_lost(tmp_path):
    path = tmp_path / "long.txt"
    lines = [f"line {i} of a very long log-like text" for i in range(1000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, problems = split(read_paths([path], ReadOptions(max_document_lines=300)))
    assert not problems and len(docs) >= 4 and all(len(d.lines) <= 300 for d in docs)
    assert [line for d in docs for line in d.lines if line] == lines
    assert [d.record for d in docs] == list(range(len(docs))) and len({d.id for d in docs}) == len(docs)
    assert all("parts" in " ".join(d.warnings) for d in docs)


def test_parts_end_at_paragraph_breaks_when_there_are_some(tmp_path):
    path = tmp_path / "paragraphs.txt"
    paragraphs = [f"Paragraph {p}, line {i}." for p in range(60) for i in range(4)]
    text = "\n\n".join("\n".join(paragraphs[k : k + 4]) for k in range(0, len(paragraphs), 4))
    path.write_text(text + "\n", encoding="utf-8")
    docs, _ = split(read_paths([path], ReadOptions(max_document_lines=50)))
    assert len(docs) > 1
    for doc in docs[:-1]:
        assert doc.lines[-1].endswith(", line 3.") or doc.lines[-1] == ""


def test_a_record_over_the_cap_is_reported_not_silently_slow(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": "\n".join(["a line"] * 500)}) + "\n" + json.dumps({"text": "A short record."}) + "\n", encoding="utf-8")
    docs, problems = split(read_paths([feed], ReadOptions(max_document_lines=100)))
    assert [d.record for d in docs] == [1]
    assert len(problems) == 1 and problems[0].record == 0 and "too long" in problems[0].message


# ---------------------------------------------------------------- links


def test_a_link_leaving_the_input_folder_is_not_followed_unless_asked(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:the password file's stand-in\n", encoding="utf-8")
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "page.txt").write_text("An ordinary article.\n", encoding="utf-8")
    (inputs / "passwd.txt").symlink_to(secret)
    (inputs / "outside").symlink_to(tmp_path, target_is_directory=True)
    (inputs / "alias.txt").symlink_to(inputs / "page.txt")  # stays inside: followed (and read once)
    docs, problems = split(read_paths([inputs]))
    assert [d.lines for d in docs] == [["An ordinary article."]]  # the inside link and its target: read once
    assert sorted(p.source for p in problems) == ["in/outside", "in/passwd.txt"]
    assert all("leads out of the folder" in p.message for p in problems)
    docs, _ = split(read_paths([inputs], ReadOptions(follow_links=True)))
    assert any("password file" in line for d in docs for line in d.lines)


def test_follow_links_is_a_command_line_option(tmp_path):
    (tmp_path / "secret.txt").write_text("A text outside the input folder.\n", encoding="utf-8")
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("An ordinary article about rivers.\n", encoding="utf-8")
    (inputs / "b.txt").symlink_to(tmp_path / "secret.txt")
    out = tmp_path / "out.jsonl"
    proc = winnow("clean", inputs, "-o", out)
    assert "b.txt" in proc.stderr and "not followed" in proc.stderr
    assert [json.loads(line)["source"] for line in out.read_text(encoding="utf-8").splitlines()] == ["in/a.txt"]
    winnow("clean", inputs, "--follow-links", "-o", out)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


# ---------------------------------------------------------------- control characters


def test_control_characters_are_removed_from_every_reader(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    prose = "An ordinary sentence of the scraped article, long enough to carry the odd control character. " * 6
    dirty = prose + "Bell\u0007 NUL\u0000 ESC\u001b[2J DEL\u007f C1\u009b end\tTab"
    (inputs / "a.jsonl").write_text(json.dumps({"text": dirty, "title": "T\u001b[31mitle"}) + "\n", encoding="utf-8")
    (inputs / "b.csv").write_text('text\r\n"' + dirty + '"\r\n', encoding="utf-8")
    (inputs / "c.txt").write_text(dirty.replace("\u0000", "") + "\n", encoding="utf-8")
    (inputs / "d.html").write_text(f"<html><body><p>{dirty.replace(chr(0), '')}</p></body></html>", encoding="utf-8")
    docs, problems = split(read_paths([inputs]))
    assert len(docs) == 4, problems
    for doc in docs:
        text = "\n".join(doc.lines) + "".join(doc.metadata.values())
        assert not any(ch < " " and ch not in "\t\n" or "\x7f" <= ch <= "\x9f" for ch in text), (doc.source, text)
        assert any("Bell NUL ESC[2J DEL C1 end" in line for line in doc.lines), doc.lines


def test_decode_text_still_calls_a_file_of_control_characters_binary():
    from winnow.readers.decode import NotText

    with pytest.raises(NotText):
        decode_text(bytes(range(32)) * 100)


@pytest.mark.parametrize("controls, binary", [(10, False), (15, True)])
def test_binary_means_over_one_control_character_in_a_hundred_characters_in_any_script(controls, binary):
    from winnow.readers.decode import NotText

    # 1,000 characters of two-byte letters: the limit is 11 control characters, not 21 (a count of bytes)
    text = ("Привет, мир! Ελληνικά κείμενα σε μια σελίδα. " * 30)[: 1000 - controls] + "\u0001" * controls
    if binary:
        with pytest.raises(NotText):
            decode_text(text.encode("utf-8"))
    else:
        assert decode_text(text.encode("utf-8")).text.startswith("Привет")


# ---------------------------------------------------------------- doctype internal subsets


@pytest.mark.parametrize(
    "subset",
    [
        '<!ENTITY secret "SUBSET-TEXT > more SUBSET-TEXT">',
        "<!ENTITY a 'SUBSET-TEXT ] > SUBSET-TEXT'>\n<!ELEMENT p ANY>",
        '<!ATTLIST p id CDATA "SUBSET-TEXT>">',
    ],
)
@pytest.mark.parametrize("selectors", [(), ("nav",)])
def test_a_doctype_internal_subset_never_reaches_the_text(subset, selectors):
    from winnow.readers.html import extract_page

    article = "A paragraph of real article text that is long enough to count as content. " * 4
    page = (
        f"<!-- saved page -->\n<!DOCTYPE html [\n{subset}\n]>\n<html><head><title>T</title></head><body>"
        f"<article><h1>Headline here</h1><p>{article}</p></article></body></html>"
    )
    lines = extract_page(page, selectors).lines
    assert lines and not any("SUBSET" in line or "]>" in line for line in lines), lines
    assert any("real article text" in line for line in lines)


def test_parsing_xhtml_with_selectors_writes_no_warning(recwarn):
    from winnow.readers.html import extract_page

    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<!-- ' + "a content system's long banner comment " * 15 + "-->\n"
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><nav>Menu</nav>'
        "<p>" + "An article sentence that is long enough to be content. " * 4 + "</p></body></html>"
    )
    extract_page(page, ("nav",))
    assert not [w for w in recwarn if "XMLParsedAsHTML" in type(w.message).__name__]


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize("text", ["naïve", "Ça va?", "über", "Åse", "déjà vu", "Mañana, señor.", "½ price – “today”"])
def test_short_cp1252_text_is_read_as_cp1252(text):
    decoded = decode_text(text.encode("cp1252"))
    assert decoded.text == text and decoded.encoding == "cp1252"


@pytest.mark.parametrize(
    "encoding, text",
    [
        ("cp1251", "Съешь же ещё этих мягких французских булок, да выпей чаю."),
        ("cp1253", "Καλημέρα κόσμε, τι κάνεις σήμερα;"),
        ("cp1250", "Příliš žluťoučký kůň úpěl ďábelské ódy."),
        ("big5", "中文字體測試，這是一個句子。"),
        ("shift_jis", "日本語のテキストです。"),
    ],
)
def test_other_scripts_are_not_taken_for_cp1252(encoding, text):
    assert decode_text(text.encode(encoding)).text == text


def test_a_file_mixing_utf8_and_latin1_lines_is_read_line_by_line_with_a_warning(tmp_path):
    path = tmp_path / "joined.txt"
    path.write_bytes("Grüße aus Köln, zum ersten.\n".encode() + "Grüße aus Köln, zum zweiten.\n".encode("latin-1"))
    docs, _ = split(read_paths([path]))
    assert docs[0].lines == ["Grüße aus Köln, zum ersten.", "Grüße aus Köln, zum zweiten."]
    assert any("mixed encodings" in w for w in docs[0].warnings)


# ---------------------------------------------------------------- names on a terminal


def test_file_names_and_json_keys_are_escaped_when_printed(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "evil\x1b[2Kname.bin.txt").write_bytes(bytes(range(256)) * 8)  # binary: reported by name
    (inputs / "feed.jsonl").write_text(json.dumps({"\x1b]0;pwned\x07": "no text field"}) + "\n", encoding="utf-8")
    (inputs / "ok.txt").write_text("An ordinary article about rivers.\n", encoding="utf-8")
    proc = winnow("clean", inputs, "-o", tmp_path / "out.jsonl")
    assert proc.returncode == 1
    assert "\x1b" not in proc.stderr and "\x07" not in proc.stderr
    assert "evil\\x1b[2Kname.bin.txt" in proc.stderr and "\\x1b]0;pwned\\x07" in proc.stderr


# ---------------------------------------------------------------- recipes and the terminal


@pytest.mark.parametrize(
    "text",
    [
        "x = " + "[" * 3000 + "]" * 3000,
        "a = " + "{b = " * 2000 + "1" + "}" * 2000,
        '[[override]]\ndoc = "a"\nline = 1e400\ntext = "x"\naction = "keep"\n',
        '[[override]]\ndoc = "a"\nline = 1' + "0" * 5000 + '\ntext = "x"\naction = "keep"\n',
        '[rules."ads.markers"]\nenabled = true\n[custom]\nregex_timeout_ms = 1e400\n',
    ],
)
def test_hostile_recipes_are_a_clear_error(tmp_path, text):
    with pytest.raises(RecipeError):
        loads(text)
    recipe = tmp_path / "r.toml"
    recipe.write_text(text, encoding="utf-8")
    for args in (("recipe", "check", recipe), ("clean", tmp_path, "-r", recipe, "-o", tmp_path / "o.jsonl")):
        proc = winnow(*args)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr and "r.toml" in proc.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_clean_to_a_full_stdout_is_a_clear_message(tmp_path):
    # distinct sentences: the same line fifty times would be removed as repeats and the page left out, not written
    text = "".join(f"An ordinary article about rivers, bridges and the {n} boats that pass under them.\n" for n in range(50))
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    with open("/dev/full", "w") as full:
        proc = winnow("clean", tmp_path / "a.txt", stdout=full, stderr=subprocess.PIPE)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "standard output" in proc.stderr


def test_many_comments_before_the_doctype_cost_linear_time():
    """The doctype pattern skips leading comments; their bodies may not run past "-->", or 22 comments take
    5 s (exponential backtracking) and a thousand take forever."""
    import time

    from winnow.readers.html import parse_html

    def seconds(n: int) -> float:
        page = "<!-- a - b -- c --> " * n + "<html><body><p>Text of the page.</p></body></html>"
        started = time.perf_counter()
        parse_html(page)
        return time.perf_counter() - started

    seconds(100)
    once, four = min(seconds(2_000) for _ in range(3)), min(seconds(8_000) for _ in range(3))
    assert four < 8 * once + 0.05, (once, four)


def test_a_low_confidence_decode_is_a_warning_naming_the_file(tmp_path):
    import random

    rng = random.Random(5)
    words = ["".join(rng.choice("abcdefghij") for _ in range(4)) + (chr(rng.randint(0x80, 0xFF)) if rng.random() < 0.3 else "") for _ in range(300)]
    path = tmp_path / "soup.txt"
    path.write_bytes(" ".join(words).encode("latin-1"))  # byte soup: no encoding reads it as language
    docs, _ = split(read_paths([path]))
    assert any("low confidence" in w for w in docs[0].warnings)
    clean = tmp_path / "clean.txt"
    clean.write_bytes("Der Fluss und seine Brücken tragen die Stadt durch den Winter, schön.\n".encode("cp1252"))
    docs, _ = split(read_paths([clean]))
    assert docs[0].warnings == ()
    proc = winnow("clean", path, "-o", tmp_path / "out.jsonl")
    assert "soup.txt" in proc.stderr and "low confidence" in proc.stderr
