"""The command line as a user runs it: real processes, real files, exit codes and messages."""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from winnow.recipe import Recipe

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def winnow(*args, cwd=None, check=None):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("QT_QPA_PLATFORM", None)  # the command line must not need Qt at all
    proc = subprocess.run([sys.executable, "-m", "winnow", *map(str, args)], capture_output=True, text=True, encoding="utf-8", cwd=cwd, env=env, timeout=300)
    if check is not None:
        assert proc.returncode == check, proc.stderr
    return proc


def read_jsonl(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def test_version_and_help():
    assert winnow("--version", check=0).stdout.strip().startswith("winnow ")
    out = winnow("--help", check=0).stdout
    for word in ("clean", "explain", "recipe", "rules"):
        assert word in out


def test_clean_seeds_to_jsonl_and_csv_gives_the_same_records(tmp_path):
    proc = winnow("clean", SEEDS, "--output", tmp_path / "s.jsonl", check=0)
    assert "5 documents cleaned" in proc.stderr and "left out of the corpus: 1" in proc.stderr
    rows = read_jsonl(tmp_path / "s.jsonl")
    assert [r["source"] for r in rows] == [f"seeds/{p.name}" for p in sorted(SEEDS.glob("*.txt"))[1:]]  # 000 is a copy of 001
    assert all("ADVERTISEMENT" not in r["text"] for r in rows)
    winnow("clean", SEEDS, "--format", "csv", "--output", tmp_path / "s.csv", check=0)
    with (tmp_path / "s.csv").open(encoding="utf-8", newline="") as handle:
        assert [r["text"] for r in csv.DictReader(handle)] == [r["text"] for r in rows]


def test_clean_to_stdout_equals_clean_to_file(tmp_path):
    winnow("clean", SEEDS, "--output", tmp_path / "s.jsonl", "-q", check=0)
    proc = winnow("clean", SEEDS, "-q", check=0)
    assert proc.stdout == (tmp_path / "s.jsonl").read_text(encoding="utf-8")


def test_recipe_changes_the_result_and_bad_recipes_are_refused(tmp_path):
    recipe = tmp_path / "r.toml"
    winnow("recipe", "init", recipe, check=0)
    text = recipe.read_text(encoding="utf-8").replace("drop_containing = []", 'drop_containing = [\n    "Lavrov",\n]')
    recipe.write_text(text, encoding="utf-8")
    winnow("recipe", "check", recipe, check=0)
    winnow("clean", SEEDS, "--recipe", recipe, "--output", tmp_path / "s.jsonl", check=0)
    assert all("Lavrov" not in r["text"] for r in read_jsonl(tmp_path / "s.jsonl"))
    assert winnow("recipe", "init", recipe).returncode == 2  # never overwrites without --force

    bad = tmp_path / "bad.toml"
    bad.write_text('schema = 1\n[rules."no.such-rule"]\nenabled = false\n', encoding="utf-8")
    proc = winnow("clean", SEEDS, "--recipe", bad, "--output", tmp_path / "x.jsonl")
    assert proc.returncode == 2
    assert "bad.toml, line 2: unknown rule 'no.such-rule'" in proc.stderr
    assert not (tmp_path / "x.jsonl").exists()


def test_explain_shows_every_line_with_its_decision_and_reason():
    out = winnow("explain", SEEDS / "000_41db1fca1b3edd12.txt", check=0).stdout
    lines = [line for line in out.splitlines() if " DROP | " in line or " keep | " in line]
    source_lines = [line for line in (SEEDS / "000_41db1fca1b3edd12.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) == len(source_lines)
    drop = next(line for line in lines if line.split("| ", 1)[1].startswith("ADVERTISEMENT"))
    assert " DROP | " in drop and "<- " in drop and "[" in drop  # reason and rule id


@pytest.fixture
def bad_inputs(tmp_path):
    """A folder with every kind of bad input next to good ones."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00\xff" * 100)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "cp1252.txt").write_bytes("Der Preis stieg auf 5 € – für Bücher.\nZweite Zeile über Öl.\n".encode("cp1252"))
    (folder / "utf16.txt").write_bytes("Le café coûte 3 €.\nDeuxième ligne.\n".encode("utf-16"))
    (folder / "truncated.html").write_text(
        "<html><head><title>Cut short</title></head><body><article><h1>Cut short</h1><p>"
        + "This page was cut off in the middle of a long paragraph about the harbour. " * 5
        + "<p>And then",
        encoding="utf-8",
    )
    (folder / "feed.jsonl").write_text(
        json.dumps({"url": "https://example.org/1", "title": "One", "text": "First record text about trains."})
        + "\n"
        + '{"url": "https://example.org/2", "text": "broken\n'
        + json.dumps({"url": "https://example.org/3", "title": "Three", "text": "Third record text about ships."})
        + "\n",
        encoding="utf-8",
    )
    with (folder / "huge.txt").open("w", encoding="utf-8") as handle:
        word = "the river and the bridge of the town "  # prose: "lorem ipsum" placeholders leave the corpus
        handle.write(word * (50 * 1024 * 1024 // len(word)))
    (folder / "unreadable.txt").symlink_to(folder / "gone-missing.txt")
    return folder


def test_bad_inputs_are_reported_by_file_and_the_good_parts_exported(bad_inputs, tmp_path):
    out, rejected = tmp_path / "corpus.jsonl", tmp_path / "rejected.jsonl"
    proc = winnow("clean", bad_inputs, "--output", out, "--rejected", rejected)
    assert proc.returncode == 1, proc.stderr
    rows = read_jsonl(out)
    by_source = {r["source"]: r for r in rows}
    assert "Der Preis stieg auf 5 € – für Bücher." in by_source["inbox/cp1252.txt"]["text"]
    assert "Le café coûte 3 €." in by_source["inbox/utf16.txt"]["text"]
    assert "harbour" in by_source["inbox/truncated.html"]["text"]
    feed = sorted((r["record"], r["url"]) for r in rows if r["source"] == "inbox/feed.jsonl")
    assert feed == [(0, "https://example.org/1"), (2, "https://example.org/3")]
    # over the per-document cap: parts, each cleaned; they repeat one phrase, so one is kept and the others
    # are left out as its copies (never lost unexplained)
    huge = [r for r in rows + read_jsonl(rejected) if r["source"] == "inbox/huge.txt"]
    assert len(huge) >= 5 and sum(r.get("excluded_by") is None for r in huge) >= 1
    assert all(r.get("excluded_by") in (None, "duplicates.near") for r in huge)
    assert all(r["text"].split(" ", 1)[0] in ("the", "river", "and", "bridge", "of", "town") for r in huge)
    for name in ("binary.txt", "empty.txt", "unreadable.txt"):
        assert f"inbox/{name}" not in by_source
        assert any(name in line for line in proc.stderr.splitlines()), f"{name} not reported:\n{proc.stderr}"
    assert any("feed.jsonl" in line and "2" in line for line in proc.stderr.splitlines() if "problem" in proc.stderr)
    assert all((bad_inputs / n).exists() for n in ("binary.txt", "cp1252.txt", "feed.jsonl"))  # inputs untouched


def test_missing_input_and_unwritable_output_fail_with_a_message(tmp_path):
    proc = winnow("clean", tmp_path / "nowhere", "--output", tmp_path / "o.jsonl")
    assert proc.returncode == 1 and "nowhere: no such file or folder" in proc.stderr
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    proc = winnow("clean", SEEDS, "--output", blocker / "sub" / "o.jsonl")
    assert proc.returncode == 2 and "cannot write" in proc.stderr


def test_export_into_an_input_folder_is_refused_and_earlier_exports_are_never_read_back(tmp_path):
    work = tmp_path / "work"
    folder = work / "in"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text("A sentence about rivers and bridges.\n", encoding="utf-8")
    proc = winnow("clean", folder, "--output", folder / "clean.jsonl")
    assert proc.returncode == 2 and "inside the input folder" in proc.stderr
    assert not (folder / "clean.jsonl").exists()
    proc = winnow("clean", folder, "--output", folder / "a.txt")
    assert proc.returncode == 2 and "never overwrites an input" in proc.stderr
    assert (folder / "a.txt").read_text(encoding="utf-8") == "A sentence about rivers and bridges.\n"
    # an export that lies in a folder given later (here beside the inputs) is Winnow's own: not read again
    for fmt, name in (("jsonl", "c.jsonl"), ("csv", "c.csv"), ("txt-single", "c.txt"), ("txt", "folder")):
        winnow("clean", folder, "--format", fmt, "--output", work / name, check=0)
    final = tmp_path / "final.jsonl"
    for _ in range(3):
        winnow("clean", work, "--output", final, check=0)
        assert [r["source"] for r in read_jsonl(final)] == ["work/in/a.txt"]


def run_cli(*args):
    """In-process run (quicker than a process) for checks that need no real console or pipe."""
    from winnow.cli import main

    return main([str(a) for a in args])


def test_no_readable_input_never_replaces_an_earlier_corpus(tmp_path, capsys):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "earlier"}\n', encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    assert run_cli("clean", tmp_path / "nowhere.txt", tmp_path / "empty.txt", "-o", corpus) == 1
    err = capsys.readouterr().err
    assert "nowhere.txt: no such file or folder" in err and "empty.txt: is empty" in err
    assert "no document could be read from the inputs; nothing was written" in err
    assert corpus.read_text(encoding="utf-8") == '{"id": "earlier"}\n'


def test_output_that_is_a_folder_or_a_recipe_written_onto_a_folder_fail_with_a_message(tmp_path, capsys):
    (tmp_path / "dir").mkdir()
    assert run_cli("clean", SEEDS, "--format", "jsonl", "-o", tmp_path / "dir", "-q") == 2
    assert "is a folder; a jsonl export is one file" in capsys.readouterr().err
    assert run_cli("recipe", "init", tmp_path / "dir", "--force") == 2
    assert "is a folder" in capsys.readouterr().err and list((tmp_path / "dir").iterdir()) == []


def test_txt_export_into_the_input_folder_is_refused_and_leaves_inputs_alone(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("A sentence about rivers and bridges.\n", encoding="utf-8")
    assert run_cli("clean", folder, "--format", "txt", "-o", folder / "out", "-q") == 2
    assert "inside the input folder" in capsys.readouterr().err
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == ["a.txt"]


def test_explain_a_jsonl_file_record_by_record(tmp_path, capsys):
    feed = tmp_path / "feed.jsonl"
    records = [json.dumps({"text": f"Record number {n} tells of harbours.\nShare on Facebook"}) for n in range(40)]
    records[3] = '{"text": "broken'
    records[5] = json.dumps({"text": "Bell \u0007 and escape \u001b[2J inside \ud800.", "title": "Odd \ud800 one"})
    feed.write_text("\n".join(records) + "\n", encoding="utf-8")
    assert run_cli("explain", feed) == 1  # record 3 is broken
    out, err = capsys.readouterr()
    assert out.count("== feed.jsonl (record ") == 39 and "feed.jsonl (record 3): line 4 is not valid JSON" in err
    assert run_cli("explain", feed, "--record", 5) == 0  # another record's problem is not this one's
    out, err = capsys.readouterr()
    assert out.count("== ") == 1 and err == ""
    # control characters are removed by the reader, so nothing can reach the terminal (or the corpus)
    assert "Bell  and escape [2J inside \ufffd." in out and "\x1b" not in out and "title: Odd \ufffd one" in out
    assert "warning: 1 invalid \\u escape (lone surrogates) was replaced" in out
    assert run_cli("explain", feed, "--record", 7) == 0
    out = capsys.readouterr().out
    assert "Record number 7" in out and "DROP | Share on Facebook" in out


def test_a_recipe_overriding_a_document_that_is_absent_changes_nothing(tmp_path, capsys):
    from winnow.recipe import Override, save

    recipe = tmp_path / "r.toml"
    save(Recipe().with_override(Override("0123456789abcdef", 1, "Gone", "keep", "old/gone.txt")), recipe)
    plain, with_recipe = tmp_path / "plain.jsonl", tmp_path / "recipe.jsonl"
    assert run_cli("clean", SEEDS, "-o", plain, "-q") == 0
    assert run_cli("clean", SEEDS, "-o", with_recipe, "-r", recipe, "-q") == 0
    assert plain.read_bytes() == with_recipe.read_bytes()


def test_unicode_and_very_long_file_names_go_through_every_format(tmp_path, capsys):
    folder = tmp_path / "données"
    folder.mkdir()
    (folder / "Ελληνικά 東京.txt").write_text("Ein Satz über Flüsse.\n", encoding="utf-8")
    (folder / ("long" * 60)).write_text("A page saved without an extension.\n", encoding="utf-8")
    for fmt, out in (("jsonl", "o.jsonl"), ("csv", "o.csv"), ("txt-single", "o.txt"), ("txt", "o")):
        assert run_cli("clean", folder, "-f", fmt, "-o", tmp_path / out, "-q") == 0, capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "o" / "données").iterdir())[1] == "Ελληνικά 東京.txt"


def test_corpus_on_stdout_is_utf8_whatever_the_console_encoding_and_a_closed_pipe_is_quiet(tmp_path):
    page = tmp_path / "tokyo.txt"
    page.write_text("東京の天気は晴れです。Ça coûte 5 €.\n" * 3, encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    env.pop("QT_QPA_PLATFORM", None)
    proc = subprocess.run([sys.executable, "-m", "winnow", "clean", str(page), "-q"], capture_output=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "東京の天気は晴れです。" in json.loads(proc.stdout.decode("utf-8"))["text"]

    big = tmp_path / "big.txt"
    big.write_text("".join(f"Line {n} of a long document about weather.\n" for n in range(20000)), encoding="utf-8")
    reader = subprocess.Popen([sys.executable, "-m", "winnow", "explain", str(big)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    reader.stdout.read(100)
    reader.stdout.close()
    err = reader.stderr.read().decode("utf-8", "replace")
    reader.wait(timeout=300)
    assert "Traceback" not in err and reader.returncode == 1
