"""The command line: `winnow clean`, `winnow explain`, `winnow recipe init|check`, `winnow rules`.

It runs the same readers, Cleaner and exporters as the window, so the same recipe gives the same corpus.
Exit status: 0 all went well; 1 some inputs had problems (the good documents were still exported; when
no document at all could be read nothing is written, so an earlier corpus is never replaced by an empty one);
2 nothing could be done (bad arguments, an unreadable recipe, an export that could not be written).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import re
import signal
import sys
from pathlib import Path
from typing import Iterator, Sequence

from winnow import __version__
from winnow.core.model import Cleaned, Document, Problem
from winnow.export import METADATA_FIELDS, ExportError, ExportOptions, export_corpus
from winnow.export.atomic import atomic_write_text
from winnow.export.writers import FORMATS, write_stream
from winnow.pipeline import Cleaner, CorpusCounts
from winnow.readers import ReadOptions, read_paths
from winnow.recipe import Recipe, RecipeError, default_recipe, default_recipe_text, load
from winnow.rules import CUSTOM_DROP_RULES, line_rules
from winnow.runners import distributed
from winnow.runners.local import WorkerLost, available_cores, clean_in_parallel
from winnow.runners.progress import RunProgress
from winnow.runners.shards import Shard, plan_shards

EXIT_OK, EXIT_PROBLEMS, EXIT_FAILED = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="winnow",
        description="Turn raw scraped web files into a clean text corpus, with every removal explained.\n"
        "Run `winnow [PATH...]` with no subcommand to open the window.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-V", "--version", action="version", version=f"winnow {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    clean = sub.add_parser("clean", help="clean files and folders and export the corpus")
    clean.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (read recursively)")
    clean.add_argument("-o", "--output", default="-", help="output file, or folder for --format txt (default: stdout)")
    clean.add_argument("-f", "--format", choices=FORMATS, help="jsonl, csv, parquet, txt (a folder of files) or txt-single "
                       "(one file); default: from the output's extension, else jsonl")
    clean.add_argument("-r", "--recipe", help="recipe TOML file (default: the built-in recipe)")
    clean.add_argument("--text-field", help="JSON/CSV inputs: the field holding the text or HTML (default: found automatically)")
    clean.add_argument("--fields", default=",".join(METADATA_FIELDS),
                       help=f"metadata fields to export, comma-separated (default: {','.join(METADATA_FIELDS)})")
    clean.add_argument("--skip-empty", action="store_true", help="leave out documents with nothing left")
    clean.add_argument("--spreadsheet-safe", action="store_true",
                       help="CSV: prefix cells starting with = + - @ with an apostrophe so spreadsheets do not run them")
    clean.add_argument("--max-file-size", type=byte_size, default=ReadOptions.max_file_bytes, metavar="SIZE",
                       help="larger input files are reported, not read (e.g. 512M, 2G; default 512M); "
                       "JSONL and CSV are read record by record, so memory stays small whatever this is")
    clean.add_argument("--follow-links", action="store_true",
                       help="follow symbolic links that lead out of the folders given (default: report and skip them)")
    clean.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary (problems are still shown)")
    clean.add_argument("-j", "--jobs", type=int, metavar="N", help="worker processes (default: the cores available; "
                       "1: in this process); the export is the same for any N")
    clean.add_argument("--dask", metavar="SCHEDULER", help="run on a Dask cluster: its scheduler address (tcp://host:8786) "
                       "or `local` for one on this machine; --output is then a folder of part files and a manifest")

    explain = sub.add_parser("explain", help="show every line of one document with its decision and reason")
    explain.add_argument("file")
    explain.add_argument("-r", "--recipe", help="recipe TOML file (default: the built-in recipe)")
    explain.add_argument("--record", type=int, help="JSON/CSV inputs: only this record (from 0)")
    explain.add_argument("--text-field", help="JSON/CSV inputs: the field holding the text or HTML")

    recipe = sub.add_parser("recipe", help="write or check a recipe file")
    recipe_sub = recipe.add_subparsers(dest="recipe_command", metavar="ACTION", required=True)
    init = recipe_sub.add_parser("init", help="write the default recipe, with comments, to FILE")
    init.add_argument("file")
    init.add_argument("--force", action="store_true", help="replace FILE if it exists")
    check = recipe_sub.add_parser("check", help="check that FILE is a valid recipe")
    check.add_argument("file")

    sub.add_parser("rules", help="list the built-in rules with their ids and parameters")
    sub.add_parser("help", help="show this help")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command in (None, "help"):
        parser.print_help()
        return EXIT_OK
    handler = {"clean": cmd_clean, "explain": cmd_explain, "recipe": cmd_recipe, "rules": cmd_rules}[args.command]
    install_signal_handlers()
    try:
        return handler(args)
    except RecipeError as exc:
        return fail(visible(str(exc)))
    except KeyboardInterrupt:
        return fail("interrupted; no output file was written")
    except WorkerLost as exc:
        return fail(str(exc))
    except Terminated as exc:
        fail(f"stopped by signal {signal.Signals(exc.signum).name}; no output file was written")
        return 128 + exc.signum
    except BrokenPipeError:  # `winnow explain x | head`: the reader has seen enough
        _silence_stdout()
        return EXIT_PROBLEMS
    except OSError as exc:
        if exc.filename is None:  # standard output full or gone (`winnow clean … > /dev/full`)
            _silence_stdout()
            return fail(f"cannot write to standard output: {exc.strerror or exc}")
        raise


def _silence_stdout() -> None:
    """Point stdout at devnull so Python's exit flush does not fail on the closed pipe a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _stdout_for(encoding: str | None, errors: str) -> None:
    """Make stdout write `encoding` (None: keep it) with `errors`: a corpus on stdout is UTF-8 whatever the
    console's code page, and `explain` must not stop on a character the console cannot show."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(**({"encoding": encoding} if encoding else {}), errors=errors)


def fail(message: str) -> int:
    print(f"winnow: {message}", file=sys.stderr)
    return EXIT_FAILED


def byte_size(text: str) -> int:
    """`512M`, `2G`, `100k`, `1.5G` or a number of bytes."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*", text, re.I)
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 512M or 2G")
    value = float(match.group(1)) * 1024 ** " kmgt".index(match.group(2).lower() or " ")
    if not 1 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"{text!r} is not a usable size")
    return int(value)


class Terminated(BaseException):
    """SIGTERM or SIGHUP: unwinds like Ctrl+C, so every temporary export file is removed on the way out."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated(signum)


def install_signal_handlers() -> None:
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None:
            with contextlib.suppress(ValueError, OSError):  # not the main thread, or not allowed here
                signal.signal(signum, _raise_terminated)


def load_recipe(path: str | None) -> Recipe:
    return load(path) if path else default_recipe()


def infer_format(output: str, given: str | None) -> str:
    if given:
        return given
    suffix = Path(output).suffix.lower()
    return {".csv": "csv", ".txt": "txt-single", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
            ".parquet": "parquet"}.get(
        suffix, "jsonl" if output == "-" or suffix else "txt"
    )


# ---------------------------------------------------------------- clean


def cmd_clean(args: argparse.Namespace) -> int:
    recipe = load_recipe(args.recipe)
    fmt = infer_format(args.output, args.format)
    fields = tuple(f.strip() for f in args.fields.split(",") if f.strip())
    try:
        options = ExportOptions(format=fmt, metadata_fields=fields, skip_empty=args.skip_empty,
                                csv_formula_safe=args.spreadsheet_safe)
    except ValueError as exc:
        return fail(str(exc))
    if args.output == "-" and fmt in ("txt", "parquet"):
        return fail(f"--format {fmt} writes a {'folder' if fmt == 'txt' else 'binary file'}: give it with --output")
    refusal = destination_refusal(args.output, args.recipe, args.inputs)
    if refusal:
        return fail(refusal)
    missing = [p for p in args.inputs if not os.path.lexists(p)]
    for path in missing:
        print(f"winnow: {visible(path)}: no such file or folder", file=sys.stderr)

    for warning in Cleaner(recipe).problems:
        print(f"winnow: recipe: {visible(warning)}", file=sys.stderr)
    inputs = [p for p in args.inputs if p not in missing]
    if args.jobs is not None and args.jobs < 1:
        return fail("--jobs must be 1 or more")
    read_options = ReadOptions(text_field=args.text_field, max_file_bytes=args.max_file_size,
                               follow_links=args.follow_links)
    if args.dask:
        return clean_with_dask(args, recipe, options, read_options, inputs, missing)
    problems: list[Problem] = []
    counts = CorpusCounts()
    exclude = [args.output] if args.output != "-" else []
    plan = list(plan_shards(inputs, exclude, follow_links=args.follow_links))
    bar = RunProgress(enabled=not args.quiet, total_bytes=sum(s.size for s in plan if isinstance(s, Shard)))
    run = clean_in_parallel(plan, recipe, read_options, jobs=args.jobs or available_cores(), on_shard=bar.shard_done,
                            recipe_label=args.recipe or "recipe")
    try:
        first = first_document(run, problems)
    except BaseException:  # Ctrl-C or a lost worker before the first document: no more shards start
        run.close()
        bar.close()
        raise
    if first is None:  # never replace an earlier corpus with an empty one
        bar.close()
        print_problems(problems, file=sys.stderr)
        print("winnow: no document could be read from the inputs; nothing was written", file=sys.stderr)
        return EXIT_PROBLEMS
    results = itertools.chain([first], run)

    def cleaned() -> Iterator[Cleaned]:
        for result in results:
            if isinstance(result, Problem):
                problems.append(result)
                continue
            problems.extend(item_warnings(result.document, result))
            if not result.failed:  # a failed document is reported, not counted as cleaned (nor exported)
                counts.add(result)
            yield result

    try:
        if args.output == "-":
            _stdout_for("utf-8", "replace")
            write_stream(cleaned(), sys.stdout, options)
            sys.stdout.flush()
        else:
            export_corpus(cleaned(), args.output, options, protected=inputs)
    except ExportError as exc:
        bar.close()
        return fail(visible(str(exc)))
    finally:
        run.close()  # after Ctrl-C or a failed export: start no more shards (the running ones finish)
        bar.close()
    if not args.quiet:
        print_summary(counts, args.output, options, file=sys.stderr)
    print_problems(problems, file=sys.stderr)  # (with the recipe's run problems, which the workers report)
    if missing or any(p.fatal for p in problems):
        return EXIT_PROBLEMS
    return EXIT_OK


def destination_refusal(output: str, recipe: str | None, inputs: list[str]) -> str | None:
    """Why `output` may not be written, or None: never over the recipe, never into an input."""
    if output == "-":
        return None
    target = os.path.realpath(output)
    if recipe and target == os.path.realpath(recipe):
        return f"--output {visible(output)} is the recipe; an export never overwrites the recipe"
    for given in inputs:
        root = os.path.realpath(given)
        if target == root:
            return f"--output {visible(output)} is the input {visible(given)}; an export never overwrites an input"
        if os.path.isdir(root) and target.startswith(root.rstrip(os.sep) + os.sep):
            return (f"--output {visible(output)} is inside the input folder {visible(given)}; an export never "
                    "overwrites an input nor lands among them: write it somewhere else")
        if os.path.isdir(target) and root.startswith(target.rstrip(os.sep) + os.sep):
            return f"--output {visible(output)} holds the input {visible(given)}; write the export somewhere else"
    return None


def first_document(items: Iterator[Cleaned | Problem], problems: list[Problem]) -> Cleaned | None:
    """The first document cleaned (problems before it go to `problems`), or None when there is none."""
    for item in items:
        if isinstance(item, Problem):
            problems.append(item)
        else:
            return item
    return None


def clean_with_dask(args: argparse.Namespace, recipe: Recipe, options: ExportOptions, read_options: ReadOptions,
                    inputs: list[str], missing: list[str]) -> int:
    """`--dask ADDRESS|local`: parts in the output folder, a manifest, the same summary as on one machine."""
    if args.output == "-":
        return fail("--dask writes a folder of part files and a manifest: give it with --output FOLDER")
    out = distributed.output_folder(args.output)
    try:
        options = distributed.part_format(options, args.format is not None)
        parts, walk_problems = distributed.clean_on_dask(args.dask, args.jobs or available_cores(), inputs, recipe,
                                                         read_options, options, out, not args.quiet)
    except (ExportError, distributed.SchedulerUnreachable) as exc:
        return fail(str(exc))
    problems = walk_problems + [x for p in parts for x in p.problems]
    if not args.quiet:
        print_summary(distributed.merged_counts(parts), str(out), options, file=sys.stderr)
        print(f"  {len(parts)} part(s) and {distributed.MANIFEST} in {out}", file=sys.stderr)
    print_problems(problems, file=sys.stderr)
    return EXIT_PROBLEMS if missing or any(p.fatal for p in problems) else EXIT_OK


def item_warnings(doc: Document, result: Cleaned) -> list[Problem]:
    notes = [Problem(doc.source, w, doc.record, fatal=False) for w in doc.warnings]
    return notes + list(result.problems)


def print_summary(counts: CorpusCounts, output: str, options: ExportOptions, file) -> None:
    where = "standard output" if output == "-" else visible(output)
    print(f"winnow: {counts.documents} document(s) cleaned, written as {options.format} to {where}", file=file)
    print(f"  lines kept {counts.lines_kept}, removed {counts.lines_removed}"
          + (f"; {counts.empty_documents} document(s) with nothing left" if counts.empty_documents else ""), file=file)
    if counts.by_rule:
        print("  removed by rule:", file=file)
        for rule_id, n in counts.by_rule.most_common():
            print(f"    {n:7d}  {rule_id}", file=file)


def print_problems(problems: list[Problem], file) -> None:
    fatal = [p for p in problems if p.fatal]
    notes = [p for p in problems if not p.fatal]
    if fatal:
        print(f"winnow: {len(fatal)} problem(s); these inputs were not imported:", file=file)
        for p in fatal:
            print(f"  {visible(str(p))}", file=file)
    if notes:
        print(f"winnow: {len(notes)} warning(s):", file=file)
        for p in notes:
            print(f"  {visible(str(p))}", file=file)


# ---------------------------------------------------------------- explain


def cmd_explain(args: argparse.Namespace) -> int:
    recipe = load_recipe(args.recipe)
    cleaner = Cleaner(recipe)
    path = Path(args.file)
    if not path.exists():
        return fail(f"{visible(str(path))}: no such file")
    _stdout_for(None, "replace")
    status = EXIT_OK
    shown = 0
    for item in read_paths([path], ReadOptions(text_field=args.text_field)):
        if isinstance(item, Problem):
            if args.record is not None and item.record not in (None, args.record):
                continue  # another record's problem is not this one's
            print(f"winnow: {visible(str(item))}", file=sys.stderr)
            if item.fatal:
                status = EXIT_PROBLEMS
            continue
        if args.record is not None and item.record != args.record:
            continue
        result = cleaner.clean(item)
        explain_document(result, sys.stdout)
        if result.failed:  # the decisions shown are incomplete: a rule raised on this document
            status = EXIT_PROBLEMS
        shown += 1
        if args.record is not None:
            break  # records come in order: no need to read (and extract) the rest of a large file
    if args.record is not None and shown == 0:
        return fail(f"{path}: there is no record {args.record}")
    return status


def explain_document(result: Cleaned, out) -> None:
    doc = result.document
    out.write(f"== {visible(doc.source)}" + (f" (record {doc.record})" if doc.record is not None else "") + f"  [{doc.format}]\n")
    for key in METADATA_FIELDS:
        if result.metadata.get(key):
            out.write(f"   {key}: {visible(result.metadata[key])}\n")
    width = len(str(len(result.lines)))
    for i, line in enumerate(result.lines):
        if not line.strip():
            continue
        removal = result.removals[i]
        if removal is None:
            mark = "keep"
            why = f"  (kept by {result.kept_by[i]})" if i in result.kept_by else ""
        else:
            mark = "DROP"
            why = f"  <- {removal.family.label}: {removal.reason} [{removal.rule_id}]"
        out.write(f"{i + 1:>{width}} {mark} | {visible(line)}{why}\n")
    out.write(f"   {result.lines_kept} line(s) kept, {result.lines_removed} removed\n")
    for warning in doc.warnings:
        out.write(f"   warning: {visible(warning)}\n")
    for problem in result.problems:
        out.write(f"   warning: {visible(problem.message)}\n")


CONTROL_CHARS = {i: f"\\x{i:02x}" for i in (*range(0x00, 0x09), *range(0x0A, 0x20), *range(0x7F, 0xA0))}
CONTROL_CHARS |= {i: f"\\u{i:04x}" for i in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def visible(text: str) -> str:
    """Scraped text, a file name or a JSON key as one printable line: control characters (an escape sequence
    could rewrite the terminal, a stray carriage return hide the line, a bidi override reorder it) are shown
    as \\xNN or \\uNNNN."""
    return text.translate(CONTROL_CHARS)


# ---------------------------------------------------------------- recipe, rules


def cmd_recipe(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if args.recipe_command == "init":
        if path.exists() and not args.force:
            return fail(f"{path} exists; use --force to replace it")

        if path.is_dir():
            return fail(f"{path} is a folder; give the recipe a file name")
        try:
            atomic_write_text(path, default_recipe_text())
        except OSError as exc:
            return fail(f"cannot write {path}: {exc.strerror or exc}")
        print(f"winnow: wrote the default recipe to {path}", file=sys.stderr)
        return EXIT_OK
    recipe = load(path)
    problems = Cleaner(recipe).problems
    for problem in problems:
        print(f"winnow: {visible(str(path))}: {visible(problem)}", file=sys.stderr)
    if not problems:
        print(f"{visible(str(path))}: ok")
    return EXIT_PROBLEMS if problems else EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    for cls in (*line_rules(), *CUSTOM_DROP_RULES):
        print(f"{cls.id}  [{cls.family.value}]  {cls.name}")
        print(f"    {cls.description}")
        for p in cls.params:
            bounds = ""
            if p.minimum is not None or p.maximum is not None:
                bounds = f" ({p.minimum if p.minimum is not None else ''}..{p.maximum if p.maximum is not None else ''})"
            print(f"    {p.name} = {p.default!r}{bounds}  {p.label}")
    return EXIT_OK
