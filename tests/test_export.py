"""Exports: JSONL, CSV and TXT hold the same records, load in the usual tools, and are written atomically."""

import csv
import io
import json

import pytest

from winnow.core.model import Document
from winnow.export import ExportCancelled, ExportError, ExportOptions, export_corpus
from winnow.export.writers import txt_name, write_stream
from winnow.pipeline import Cleaner
from winnow.recipe import Recipe


def make_corpus():
    recipe = Recipe().with_custom("drop_equal", ["Share"])
    cleaner = Cleaner(recipe)
    docs = [
        Document(
            source="news/a.txt",
            format="text",
            content="",
            lines=["Café prices rise", "", "Share", "Prices rose 3% in May."],
            metadata={"title": "Café prices rise", "date": "2024-05-02"},
        ),
        Document(source="news/a.html", format="html", content="<p>x</p>", lines=["=SUM(A1:A9)", "</doc>", "\\ backslash line"]),
        Document(source="feed.jsonl", format="text", content="", lines=["Share"], record=3),
    ]
    return [cleaner.clean(d) for d in docs]


def test_jsonl_has_one_object_per_document_with_the_promised_fields(tmp_path):
    out = tmp_path / "c.jsonl"
    summary = export_corpus(make_corpus(), out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert summary.documents == 3 and len(rows) == 3
    first = rows[0]
    for key in ("id", "source", "title", "text", "url", "date", "author", "language"):
        assert key in first
    assert first["text"] == "Café prices rise\n\nPrices rose 3% in May."
    assert first["title"] == "Café prices rise" and first["date"] == "2024-05-02" and first["url"] is None
    assert first["removed"]["custom.drop-equal"] == 1
    assert set(rows[0]["removed"]) == set(rows[1]["removed"])  # one schema for every record
    assert rows[2]["record"] == 3 and rows[2]["text"] == ""


def test_jsonl_loads_in_pandas_and_hugging_face_datasets(tmp_path, monkeypatch):
    pandas = pytest.importorskip("pandas")
    datasets = pytest.importorskip("datasets")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    out = tmp_path / "c.jsonl"
    export_corpus(make_corpus(), out)
    frame = pandas.read_json(out, lines=True)
    assert list(frame["source"]) == ["news/a.txt", "news/a.html", "feed.jsonl"]
    ds = datasets.load_dataset("json", data_files=str(out), split="train", cache_dir=str(tmp_path / "cache"))
    assert ds.num_rows == 3 and ds[0]["text"].startswith("Café")


def test_csv_is_rfc4180_with_the_same_fields_and_optionally_spreadsheet_safe(tmp_path):
    export_corpus(make_corpus(), tmp_path / "c.jsonl")
    export_corpus(make_corpus(), tmp_path / "c.csv", ExportOptions(format="csv"))
    export_corpus(make_corpus(), tmp_path / "safe.csv", ExportOptions(format="csv", csv_formula_safe=True))
    raw = (tmp_path / "c.csv").read_bytes()
    assert b"\r\n" in raw and not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    jsonl = [json.loads(line) for line in (tmp_path / "c.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in rows] == [r["text"] for r in jsonl]  # embedded newlines survive quoting
    assert list(rows[0]) == list(jsonl[0])
    assert rows[1]["text"].startswith("=SUM")
    safe = list(csv.DictReader((tmp_path / "safe.csv").open(encoding="utf-8", newline="")))
    assert safe[1]["text"].startswith("'=SUM")


def test_txt_folder_mirrors_sources_without_collisions(tmp_path):
    summary = export_corpus(make_corpus(), tmp_path / "out", ExportOptions(format="txt"))
    names = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.txt"))
    assert names == ["feed-00003.txt", "news/a-2.txt", "news/a.txt"]
    assert summary.files == 3
    assert (tmp_path / "out/news/a.txt").read_text(encoding="utf-8") == "Café prices rise\n\nPrices rose 3% in May.\n"


def test_txt_names_never_leave_the_export_folder():
    assert txt_name("../../etc/passwd", None) == "etc/passwd.txt"
    assert txt_name("/abs/page.html.gz", None) == "abs/page.txt"
    assert txt_name("x/feed.jsonl", 12) == "x/feed-00012.txt"


def test_txt_single_file_separates_documents_unambiguously(tmp_path):
    out = tmp_path / "all.txt"
    export_corpus(make_corpus(), out, ExportOptions(format="txt-single"))
    docs, current = [], None
    for line in out.read_text(encoding="utf-8").split("\n"):
        if line.startswith("<doc "):
            current = []
        elif line == "</doc>":
            docs.append("\n".join(current))
            current = None
        elif current is not None:
            current.append(line[1:] if line.startswith("\\") else line)
    assert len(docs) == 3
    assert docs[1] == "=SUM(A1:A9)\n</doc>\n\\ backslash line"
    assert 'source="news/a.txt"' in out.read_text(encoding="utf-8")


def test_skip_empty_leaves_out_documents_with_nothing_left(tmp_path):
    summary = export_corpus(make_corpus(), tmp_path / "c.jsonl", ExportOptions(skip_empty=True))
    assert summary.documents == 2 and summary.skipped_empty == 1


@pytest.mark.parametrize("fmt, name", [("jsonl", "c.jsonl"), ("csv", "c.csv"), ("txt", "folder"), ("txt-single", "c.txt")])
def test_cancelled_or_failed_export_leaves_nothing_and_keeps_the_old_file(tmp_path, fmt, name):
    dest = tmp_path / name
    calls = {"n": 0}

    def cancel_after_one():
        calls["n"] += 1
        return calls["n"] > 1

    with pytest.raises(ExportCancelled):
        export_corpus(make_corpus(), dest, ExportOptions(format=fmt), cancelled=cancel_after_one)
    assert list(tmp_path.iterdir()) == []

    export_corpus(make_corpus()[:1], dest, ExportOptions(format=fmt))
    before = sorted(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())

    def broken():
        yield make_corpus()[0]
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        export_corpus(broken(), dest, ExportOptions(format=fmt))
    assert sorted(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()) == before
    # no temporary file left; only the marker that says the earlier export is Winnow's
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] in ([], [f".{name}.winnow-export"])


def test_an_export_never_overwrites_an_input(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    source = folder / "a.txt"
    source.write_text("original", encoding="utf-8")
    with pytest.raises(ExportError, match="one of the inputs"):
        export_corpus(make_corpus(), source, protected=[source])
    with pytest.raises(ExportError, match="inside the input folder"):
        export_corpus(make_corpus(), source, protected=[folder])
    with pytest.raises(ExportError, match="replace the input folder"):
        export_corpus(make_corpus(), tmp_path, ExportOptions(format="txt"), protected=[folder])
    assert source.read_text(encoding="utf-8") == "original"
    # an earlier export inside the input folder may be replaced
    export_corpus(make_corpus(), folder / "clean.jsonl", protected=[folder])
    export_corpus(make_corpus(), folder / "clean.jsonl", protected=[folder])


def test_txt_folder_export_never_replaces_a_users_folder(tmp_path):
    users = tmp_path / "mine"
    users.mkdir()
    (users / "notes.md").write_text("precious", encoding="utf-8")
    with pytest.raises(ExportError, match="did not write"):
        export_corpus(make_corpus(), users, ExportOptions(format="txt"))
    assert (users / "notes.md").read_text(encoding="utf-8") == "precious"
    out = tmp_path / "out"
    export_corpus(make_corpus(), out, ExportOptions(format="txt"))
    export_corpus(make_corpus()[:1], out, ExportOptions(format="txt"))  # its own earlier export is replaced
    assert sorted(p.name for p in out.rglob("*.txt")) == ["a.txt"]


def test_exports_are_deterministic_and_streaming_equals_file(tmp_path):
    export_corpus(make_corpus(), tmp_path / "1.jsonl")
    export_corpus(make_corpus(), tmp_path / "2.jsonl")
    stream = io.StringIO()
    write_stream(make_corpus(), stream, ExportOptions())
    assert (tmp_path / "1.jsonl").read_bytes() == (tmp_path / "2.jsonl").read_bytes() == stream.getvalue().encode("utf-8")


def test_unknown_format_and_fields_are_refused():
    with pytest.raises(ValueError, match="unknown export format"):
        ExportOptions(format="xml")
    with pytest.raises(ValueError, match="unknown metadata field"):
        ExportOptions(metadata_fields=("title", "mood"))


def one_doc(source="in/a.txt", lines=("Some words.",), record=None, **metadata):
    doc = Document(source=source, format="text", content="", lines=list(lines), record=record, metadata=metadata)
    return Cleaner(Recipe()).clean(doc)


def test_txt_folder_export_survives_names_too_long_unsafe_or_reserved(tmp_path):
    sources = ["in/" + "x" * 255, "in/" + "é" * 125 + ".html", "in/CON.html", "in/a:b?.txt", "in/feed.jsonl"]
    corpus = [one_doc(s, [f"doc {n}"], record=3 if s.endswith("jsonl") else None) for n, s in enumerate(sources)]
    summary = export_corpus(corpus, tmp_path / "out", ExportOptions(format="txt"))
    names = sorted(p.name for p in (tmp_path / "out" / "in").iterdir())
    assert summary.files == 5 and len(names) == 5
    assert "_CON.txt" in names and "a_b_.txt" in names and "feed-00003.txt" in names
    assert all(len(n.encode("utf-8")) <= 255 for n in names)


def test_txt_folder_keeps_a_file_and_a_folder_of_the_same_name_apart(tmp_path):
    corpus = [one_doc("site/page", ["the page"]), one_doc("site/page.txt/part.html", ["the part"])]
    export_corpus(corpus, tmp_path / "out", ExportOptions(format="txt"))
    files = {p.relative_to(tmp_path / "out").as_posix(): p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*.txt")}
    assert files == {"site/page.txt": "the page\n", "site/page.txt-2/part.txt": "the part\n"}


def test_txt_single_header_stays_on_one_line_whatever_the_metadata(tmp_path):
    corpus = [one_doc("in/odd\nname.txt", ["Body line."], title='Two\nlines & "quotes"\r')]
    out = io.StringIO()
    write_stream(corpus, out, ExportOptions(format="txt-single"))
    lines = out.getvalue().split("\n")
    assert lines[0].startswith("<doc ") and lines[0].endswith(">") and lines[1:] == ["Body line.", "</doc>", ""]
    assert 'title="Two&#10;lines &amp; &quot;quotes&quot;&#13;"' in lines[0]


def test_lone_surrogates_in_a_document_do_not_sink_the_export(tmp_path):
    corpus = [one_doc("in/a.txt", ["Broken \ud800 half."], title="t\udc00"), one_doc("in/b.txt", ["Fine."])]
    for fmt, name in (("jsonl", "c.jsonl"), ("csv", "c.csv"), ("txt-single", "c.txt"), ("txt", "folder")):
        summary = export_corpus(corpus, tmp_path / name, ExportOptions(format=fmt))
        assert summary.documents == 2
    rows = [json.loads(line) for line in (tmp_path / "c.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in rows] == ["Broken ? half.", "Fine."]


def test_a_folder_export_never_deletes_an_input_file_inside_it(tmp_path):
    out = tmp_path / "out"
    export_corpus(make_corpus(), out, ExportOptions(format="txt"))
    earlier = out / "news" / "a.txt"
    with pytest.raises(ExportError, match="never overwrites an input"):
        export_corpus(make_corpus(), out, ExportOptions(format="txt"), protected=[earlier])
    assert earlier.exists()


def test_a_single_file_export_onto_a_folder_fails_before_any_work(tmp_path):
    (tmp_path / "dir").mkdir()
    pulled = []

    def corpus():
        for item in make_corpus():
            pulled.append(item)
            yield item

    with pytest.raises(ExportError, match="is a folder"):
        export_corpus(corpus(), tmp_path / "dir", ExportOptions(format="jsonl"))
    assert pulled == [] and list((tmp_path / "dir").iterdir()) == []


@pytest.mark.parametrize("fmt, name", [("jsonl", "c.jsonl"), ("txt", "folder")])
def test_a_full_disk_or_an_interrupt_mid_export_leaves_no_file(tmp_path, monkeypatch, fmt, name):
    import errno
    from pathlib import Path

    from winnow.export import writers

    def full_after_some_bytes(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setitem(writers.WRITERS, "jsonl", lambda items, out, *a: (out.write("{" * 5000), full_after_some_bytes()))
        patch.setattr(Path, "write_text", full_after_some_bytes)
        with pytest.raises(ExportError, match="No space left on device"):
            export_corpus(make_corpus(), tmp_path / name, ExportOptions(format=fmt))
    assert list(tmp_path.iterdir()) == []

    def interrupted():
        yield make_corpus()[0]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_corpus(interrupted(), tmp_path / name, ExportOptions(format=fmt))
    assert list(tmp_path.iterdir()) == []
