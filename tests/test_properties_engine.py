"""Property-based attacks on the engine: arbitrary texts, names, bytes and recipes must never break it."""

import csv
import html
import io
import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from winnow.core.model import Cleaned, Document, Problem
from winnow.export import ExportOptions, export_corpus
from winnow.export.writers import txt_name, write_stream
from winnow.pipeline import Cleaner
from winnow.readers import read_file
from winnow.readers.decode import NotText, decode_html, decode_text
from winnow.recipe import CustomRules, Override, Recipe, dumps, loads
from winnow.rules import BUILTIN_RULES

BOUNDED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# any text a scraper could hand us: control characters, quotes, backslashes, newlines, all of Unicode
# (lone surrogates excluded: no UTF-8 file can hold them, and the readers replace them)
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
lines = st.lists(texts, max_size=30)
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def kept(source: str, text_lines: list[str], record: int | None = None, title: str = "") -> Cleaned:
    doc = Document(
        source=source, format="text", content="\n".join(text_lines), lines=list(text_lines), record=record, metadata={"title": title} if title else {}
    )
    return Cleaned(doc, [None] * len(text_lines), list(text_lines), dict(doc.metadata))


# ---------------------------------------------------------------- recipes


def rule_edits():
    choices = []
    for cls in BUILTIN_RULES:
        for p in cls.params:
            if p.kind is bool:
                values = st.booleans()
            elif p.kind is int:
                values = st.integers(int(p.minimum), int(p.maximum))
            elif p.kind is float:
                values = st.floats(p.minimum, p.maximum, allow_nan=False)
            else:
                continue
            choices.append(st.tuples(st.just(cls.id), st.just(p.name), values))
    return st.lists(st.one_of(choices), max_size=6)


@BOUNDED
@given(
    custom=st.fixed_dictionaries({name: st.lists(texts, max_size=4).map(tuple) for name in CustomRules.FIELDS}),
    timeout=st.integers(1, 60_000),
    overrides=st.lists(st.builds(Override, texts, st.integers(1, 10**6), texts, st.sampled_from(["keep", "drop"]), texts), max_size=4),
    edits=rule_edits(),
    disabled=st.sets(st.sampled_from([cls.id for cls in BUILTIN_RULES])),
)
def test_recipe_survives_dumps_and_loads_whatever_it_holds(custom, timeout, overrides, edits, disabled):
    recipe = Recipe(custom=CustomRules(**custom, regex_timeout_ms=timeout), overrides=tuple(overrides))
    for rule_id, name, value in edits:
        recipe = recipe.with_value(rule_id, name, value)
    for rule_id in disabled:
        recipe = recipe.with_enabled(rule_id, False)
    again = loads(dumps(recipe))
    assert again.custom == recipe.custom
    assert again.overrides == recipe.overrides
    for cls in BUILTIN_RULES:
        assert again.enabled(cls.id) == recipe.enabled(cls.id)
        for p in cls.params:
            assert again.value(cls.id, p.name) == recipe.value(cls.id, p.name)


# ---------------------------------------------------------------- exports


def parse_txt_single(written: str) -> list[tuple[dict[str, str], str]]:
    """Split a txt-single export the documented way: header line, text lines, `</doc>` line."""
    docs, current, header = [], None, None
    for line in written.split("\n")[:-1]:
        if current is None:
            assert line.startswith("<doc ") and line.endswith(">"), line
            header = {k: html.unescape(v) for k, v in re.findall(r'(\w+)="([^"]*)"', line)}
            current = []
        elif line == "</doc>":
            docs.append((header, "\n".join(current)))
            current = None
        else:
            assert not line.startswith("<doc ")
            current.append(line[1:] if line.startswith("\\") else line)
    assert current is None
    return docs


@BOUNDED
@given(st.lists(st.tuples(texts, lines, texts), max_size=5))
def test_txt_single_file_splits_back_into_exactly_the_texts_and_headers(docs):
    corpus = [kept(f"in/{source}", body, title=title) for source, body, title in docs]
    out = io.StringIO()
    write_stream(corpus, out, ExportOptions(format="txt-single"))
    parsed = parse_txt_single(out.getvalue())
    assert [text for _, text in parsed] == [c.text for c in corpus]
    assert [h["source"] for h, _ in parsed] == [c.document.source for c in corpus]
    assert [h.get("title", "") for h, _ in parsed] == [c.metadata.get("title", "") for c in corpus]


@BOUNDED
@given(st.lists(lines, max_size=5), st.booleans())
def test_csv_reads_back_every_text_and_escapes_formulas_on_request(bodies, formula_safe):
    corpus = [kept(f"in/{n}.txt", body) for n, body in enumerate(bodies)]
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp) / "c.csv"
        export_corpus(corpus, dest, ExportOptions(format="csv", csv_formula_safe=formula_safe))
        with dest.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    texts_back = [row["text"] for row in rows]
    if formula_safe:
        expected = ["'" + c.text if c.text.startswith(("=", "+", "-", "@", "\t", "\r")) else c.text for c in corpus]
    else:
        expected = [c.text for c in corpus]
    assert texts_back == expected


@BOUNDED
@given(lines)
def test_jsonl_is_one_valid_utf8_object_per_line(body):
    out = io.StringIO()
    write_stream([kept("in/a.txt", body)], out, ExportOptions())
    data = out.getvalue().encode("utf-8")
    rows = [json.loads(line) for line in data.decode("utf-8").split("\n") if line]
    assert len(rows) == 1 and rows[0]["text"] == kept("in/a.txt", body).text


names = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "",
            ".",
            "..",
            "/",
            "../../x",
            "/etc/passwd",
            "CON",
            "con.txt",
            "a/NUL.html",
            "LPT1.tar.gz",
            "a:b|c?.html",
            "x" * 400,
            "é" * 200,
            "trail. ",
            "...",
            ".gz",
            "a\\b\\..\\..\\c",
        ]
    ),
)


@BOUNDED
@given(names, st.one_of(st.none(), st.integers(0, 10**7)))
def test_txt_name_stays_inside_the_folder_and_is_a_valid_name_everywhere(source, record):
    name = txt_name(source, record)
    parts = name.split("/")
    assert name.endswith(".txt") and not name.startswith("/")
    for part in parts:
        assert part not in ("", ".", "..")
        assert len(part.encode("utf-8")) <= 255
        assert not re.search(r'[\x00-\x1f<>:"\\|?*]', part)
        assert not part.endswith((" ", ".")) or part == parts[-1]
        assert part.split(".", 1)[0].casefold().rstrip() not in WINDOWS_RESERVED


@FEW
@given(st.lists(st.tuples(names, st.one_of(st.none(), st.integers(0, 3))), min_size=1, max_size=8))
def test_txt_folder_writes_one_file_per_document_whatever_the_sources(sources):
    corpus = [kept(source, [f"document {n}"], record) for n, (source, record) in enumerate(sources)]
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp) / "out"
        summary = export_corpus(corpus, dest, ExportOptions(format="txt"))
        files = [p for p in dest.rglob("*.txt")]
        assert summary.files == len(corpus) == len(files)
        assert sorted(p.read_text(encoding="utf-8") for p in files) == sorted(f"document {n}\n" for n in range(len(corpus)))
        assert all(p.resolve().is_relative_to(dest.resolve()) for p in files)


# ---------------------------------------------------------------- the cleaner


@BOUNDED
@given(
    st.lists(st.one_of(texts, st.sampled_from(["", " ", "\x00", "ADVERTISEMENT", "Read more", "\ud800x"]), st.text(min_size=2000, max_size=5000)), max_size=60),
    st.booleans(),
)
def test_cleaner_judges_every_line_and_never_raises(text_lines, as_html):
    doc = Document(
        source="in/a.html" if as_html else "in/a.txt",
        format="html" if as_html else "text",
        content="\n".join(text_lines),
        lines=text_lines,
        outside_main=frozenset(range(0, len(text_lines), 3)) if as_html else frozenset(),
    )
    cleaner = Cleaner(Recipe(custom=CustomRules(drop_regex=("(a+)+$",), keep_containing=("keep",), regex_timeout_ms=5)))
    result = cleaner.clean(doc)
    assert len(result.removals) == len(result.lines) == len(text_lines)
    assert not [p for p in result.problems if "failed and was skipped" in p.message], result.problems
    assert all(line in text_lines or r is None for line, r in zip(result.lines, result.removals))


# ---------------------------------------------------------------- readers


@BOUNDED
@given(st.binary(max_size=3000))
def test_decoding_arbitrary_bytes_gives_text_or_says_it_is_not_text(data):
    for decoder in (decode_text, decode_html):
        try:
            decoded = decoder(data)
        except NotText:
            continue
        assert not re.search("[\ud800-\udfff]", decoded.text)
        decoded.text.encode("utf-8")


any_text = st.text(st.characters(blacklist_categories=()), max_size=60)  # lone surrogates too: JSON escapes them
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=20,
)
json_records = json_values | st.fixed_dictionaries({"text": any_text, "title": any_text})


def read_all(path: Path) -> list[Document | Problem]:
    items = list(read_file(path, path.name))
    assert items and all(isinstance(i, (Document, Problem)) for i in items)
    return items


@FEW
@given(st.lists(json_records, max_size=4), st.binary(max_size=300), st.sampled_from([b"\n", b"\r\n"]), st.booleans())
def test_record_readers_report_malformed_files_instead_of_raising(values, garbage, newline, bom):
    mark = b"\xef\xbb\xbf" if bom else b""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        jsonl = newline.join(json.dumps(v).encode() for v in values) + newline + garbage
        cases = {
            "a.json": mark + json.dumps(values[0] if values else None).encode(),
            "b.jsonl": mark + jsonl,
            "c.csv": mark + b"text,title" + newline + garbage,
            "d.tsv": mark + garbage,
            "e.json": mark + garbage,
        }
        for name, data in cases.items():
            (folder / name).write_bytes(data)
            for item in read_all(folder / name):
                if isinstance(item, Document):
                    assert item.lines and item.id
                    "\n".join(item.lines).encode("utf-8")
                    for value in item.metadata.values():
                        value.encode("utf-8")
