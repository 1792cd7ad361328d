"""The command line: `winnow clean`, `winnow explain`, `winnow recipe init|check`, `winnow rules`.

It runs the same readers, Cleaner and exporters as the window, so the same recipe gives the same corpus.
Exit status: 0 all went well; 1 some inputs had problems (the good documents were still exported; when
no document at all could be read nothing is written, so an earlier corpus is never replaced by an empty one);
2 nothing could be done (bad arguments, an unreadable recipe, an export that could not be written).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import itertools
import os
import shutil
import signal
import sys
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from winnow.cli_args import build_parser
from winnow.core.formats import METADATA_FIELDS
from winnow.core.model import Cleaned, Document, Problem
from winnow.core.wording import plural
from winnow.corpus.run import CorpusCleaner
from winnow.export import ExportError, ExportOptions, export_corpus
from winnow.export.atomic import atomic_write_text
from winnow.export.writers import rendered_export, write_stream
from winnow.pipeline import Cleaner, CorpusCounts
from winnow.readers import ReadOptions, read_paths
from winnow.recipe import Recipe, RecipeError, default_recipe, default_recipe_text, load
from winnow.rules import CUSTOM_DROP_RULES, document_rules, line_rules
from winnow.runners import distributed
from winnow.runners.corpus_passes import CorpusRun, counts_templates, run_passes, uses_corpus_stages
from winnow.runners.local import WorkerLost, available_cores, clean_in_parallel
from winnow.runners.progress import RunProgress
from winnow.runners.shards import Shard, plan_shards

EXIT_OK, EXIT_PROBLEMS, EXIT_FAILED = 0, 1, 2


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


def listed_files(name: str | None, output: str) -> Iterator[str]:
    """The lines of a --files-from list, read as they are needed. A listed file at or inside the output
    stops the export before anything is written: an export never overwrites an input."""
    if name is None:
        return
    target = os.path.realpath(output) if output != "-" else None
    with contextlib.nullcontext(sys.stdin) if name == "-" else open(name, encoding="utf-8", errors="surrogateescape") as listing:
        for line in listing:
            path = line.rstrip("\r\n")
            if target and path.strip() and (os.path.realpath(path) + os.sep).startswith(target + os.sep):
                raise ExportError(f"{output} holds the listed input {path}; an export never overwrites an input")
            yield line


def fail(message: str) -> int:
    print(f"winnow: {message}", file=sys.stderr)
    return EXIT_FAILED


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
    return {".csv": "csv", ".txt": "txt-single", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".parquet": "parquet"}.get(
        suffix, "jsonl" if output == "-" or suffix else "txt"
    )


# ---------------------------------------------------------------- clean


def write_outputs(
    args: argparse.Namespace, options: ExportOptions, kept: Iterable[Cleaned], dropped: Iterable[Cleaned], protected: Sequence[str], listing: Sequence[str]
) -> None:
    """The left-out documents to --rejected (when asked), then the corpus to --output (a file or stdout)."""
    if args.rejected:
        export_corpus(dropped, args.rejected, options.for_rejected(infer_format(args.rejected, None)), protected=protected)
    if args.output == "-":
        _stdout_for("utf-8", "replace")
        write_stream(kept, sys.stdout, options)
        sys.stdout.flush()
    else:
        export_corpus(kept, args.output, options, protected=[*protected, *listing])


def cmd_clean(args: argparse.Namespace) -> int:
    recipe = load_recipe(args.recipe)
    if args.extractor:
        recipe = recipe.with_extractor(args.extractor)
    fmt = infer_format(args.output, args.format)
    fields = tuple(f.strip() for f in args.fields.split(",") if f.strip())
    try:
        options = ExportOptions(format=fmt, metadata_fields=fields, skip_empty=args.skip_empty, csv_formula_safe=args.spreadsheet_safe)
    except ValueError as exc:
        return fail(str(exc))
    if args.output == "-" and fmt in ("txt", "parquet"):
        return fail(f"--format {fmt} writes a {'folder' if fmt == 'txt' else 'binary file'}: give it with --output")
    if not args.inputs and not args.files_from:
        return fail("give the files or folders to clean, or a list of them with --files-from")
    if args.files_from and args.files_from != "-" and not Path(args.files_from).is_file():
        return fail(f"{args.files_from}: no such file list")
    refusal = destination_refusal(args.output, args.recipe, args.inputs)
    if refusal:
        return fail(refusal)
    missing = [p for p in args.inputs if not os.path.lexists(p)]
    for path in missing:
        print(f"winnow: {visible(path)}: no such file or folder", file=sys.stderr)

    if args.rejected and infer_format(args.rejected, None) not in ("jsonl", "csv"):
        return fail("--rejected writes one file: give it a .jsonl or .csv name")
    corpus = CorpusCleaner(recipe)
    for warning in corpus.cleaner.problems:
        print(f"winnow: recipe: {visible(warning)}", file=sys.stderr)
    inputs = [p for p in args.inputs if p not in missing]
    if args.jobs is not None and args.jobs < 1:
        return fail("--jobs must be 1 or more")
    read_options = ReadOptions(text_field=args.text_field, max_file_bytes=args.max_file_size, follow_links=args.follow_links, extractor=recipe.extractor)
    corpus_stages = uses_corpus_stages(recipe)
    if args.dask:
        if importlib.util.find_spec("distributed") is None:  # the desktop app (and a plain pip install) leaves Dask out
            return fail("--dask needs Dask, which this build of Winnow leaves out; use a Python install with pip install 'winnow[cluster]'")
        return clean_with_dask(args, recipe, options, read_options, inputs, missing)
    exclude = [p for p in (args.output, args.rejected) if p and p != "-"]
    listing = [args.files_from] if args.files_from not in (None, "-") else []
    jobs = args.jobs or available_cores()
    if corpus_stages:
        return clean_corpus(args, recipe, options, read_options, inputs, missing, exclude, listing, jobs)
    listed = listed_files(args.files_from, args.output)
    problems: list[Problem] = []
    counts = CorpusCounts()
    planned = plan_shards(inputs, exclude, follow_links=args.follow_links, listed=listed, share=args.shard, max_file_bytes=args.max_file_size)
    if args.files_from or args.quiet or not (sys.stderr and sys.stderr.isatty()):
        # the plan streams: the workers clean the first shards while the folders are still walked (and a list
        # of millions of files costs no memory); only a progress bar on a terminal needs the total first
        plan: Iterable[Shard | Problem] = planned
        bar = RunProgress(enabled=not args.quiet)
    else:
        plan = list(planned)
        bar = RunProgress(enabled=not args.quiet, total_bytes=sum(s.size for s in plan if isinstance(s, Shard)))
    run = clean_in_parallel(plan, recipe, read_options, jobs=jobs, on_shard=bar.shard_done, recipe_label=args.recipe or "recipe")
    try:
        first = first_document(run, problems)
    except ExportError as exc:  # a listed file is the destination
        run.close()
        bar.close()
        return fail(str(exc))
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
        # nothing is left out without the corpus stages: the --rejected file is empty, as asked
        write_outputs(args, options, cleaned(), [], protected=inputs, listing=listing)
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


def clean_corpus(
    args: argparse.Namespace,
    recipe: Recipe,
    options: ExportOptions,
    read_options: ReadOptions,
    inputs: list[str],
    missing: list[str],
    exclude: list[str],
    listing: list[str],
    jobs: int,
) -> int:
    """With the corpus stages: count, clean and resolve in passes over the shards (spilled beside the export),
    then write in (source, record) order, the documents left out to --rejected."""
    try:
        listed = listed_files(args.files_from, args.output)
        plan = list(
            plan_shards(inputs, exclude, follow_links=args.follow_links, listed=listed, share=args.shard, by_source=True, max_file_bytes=args.max_file_size)
        )
    except ExportError as exc:  # a listed file is the destination
        return fail(visible(str(exc)))
    passes = 2 if counts_templates(recipe) else 1
    bar = RunProgress(enabled=not args.quiet, total_bytes=passes * sum(s.size for s in plan if isinstance(s, Shard)))
    try:
        run, problems = run_passes(plan, recipe, read_options, jobs, near=args.output, on_shard=bar.shard_done, recipe_label=args.recipe or "recipe")
    except ExportError as exc:  # no room for the spills beside the export
        return fail(visible(str(exc)))
    finally:
        bar.close()
    left_out: Counter[str] = Counter()

    def kept() -> Iterator[Cleaned]:
        for item in run.in_order():
            if item.in_corpus:
                yield item
            elif item.dropped:
                left_out[item.dropped.rule_id] += 1

    try:
        if run.documents == 0:  # never replace an earlier corpus with an empty one
            print_problems(problems, file=sys.stderr)
            print("winnow: no document could be read from the inputs; nothing was written", file=sys.stderr)
            return EXIT_PROBLEMS
        if renders_in_workers(args, options, run, jobs):
            left_out.update(write_rendered(args, options, run, jobs, protected=inputs, listing=listing))
        else:
            write_outputs(args, options, kept(), run.dropped(), protected=inputs, listing=listing)
    except ExportError as exc:
        return fail(visible(str(exc)))
    finally:
        run.close()
    counts = run.counts()
    counts.left_out.update(left_out)
    if not args.quiet:
        print_summary(counts, args.output, options, file=sys.stderr)
    print_problems(problems, file=sys.stderr)
    return EXIT_PROBLEMS if missing or any(p.fatal for p in problems) else EXIT_OK


def renders_in_workers(args: argparse.Namespace, options: ExportOptions, run: CorpusRun, jobs: int) -> bool:
    """JSONL files (the export, and --rejected) are rendered by the workers when there are several: the
    writer then only appends each shard's lines in order."""
    jsonl = options.format == "jsonl" and args.output != "-" and (not args.rejected or infer_format(args.rejected, None) == "jsonl")
    return jobs > 1 and jsonl and run.spills_follow_each_other()


def write_rendered(
    args: argparse.Namespace, options: ExportOptions, run: CorpusRun, jobs: int, protected: Sequence[str], listing: Sequence[str]
) -> Counter[str]:
    """Like write_outputs, from the lines the workers render shard by shard; both files are written at once,
    each atomically. Returns the documents left out per rule."""
    left_out: Counter[str] = Counter()
    rejected = options.for_rejected("jsonl") if args.rejected else None
    with contextlib.ExitStack() as files:
        dropped_out = files.enter_context(rendered_export(args.rejected, rejected, protected)) if rejected else None
        kept_out = files.enter_context(rendered_export(args.output, options, [*protected, *listing]))
        for part in run.rendered(options, rejected, jobs):
            _append(kept_out, part.kept)
            if dropped_out is not None and part.dropped is not None:
                _append(dropped_out, part.dropped)
            left_out.update(part.left_out)
    return left_out


def _append(out, part: Path) -> None:
    with part.open(encoding="utf-8", newline="") as lines:
        shutil.copyfileobj(lines, out, 1 << 20)
    part.unlink()


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
            return (
                f"--output {visible(output)} is inside the input folder {visible(given)}; an export never "
                "overwrites an input nor lands among them: write it somewhere else"
            )
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


def clean_with_dask(args: argparse.Namespace, recipe: Recipe, options: ExportOptions, read_options: ReadOptions, inputs: list[str], missing: list[str]) -> int:
    """`--dask ADDRESS|local`: parts in the output folder, a manifest, the same summary as on one machine."""
    if args.output == "-":
        return fail("--dask writes a folder of part files and a manifest: give it with --output FOLDER")
    out = distributed.output_folder(args.output)
    if args.rejected:
        print(f"winnow: note: with --dask the documents left out are written to {visible(str(out / distributed.REJECTED))}/", file=sys.stderr)
    try:
        options = distributed.part_format(options, args.format is not None)
        listed = listed_files(args.files_from, str(out))
        workers = args.jobs or available_cores()
        parts, problems = distributed.clean_on_dask(
            args.dask, workers, inputs, recipe, read_options, options, out, not args.quiet, listed, args.shard, args.recipe or "recipe"
        )
    except (ExportError, distributed.SchedulerUnreachable) as exc:
        return fail(str(exc))
    if not args.quiet:
        print_summary(distributed.merged_counts(parts), str(out), options, file=sys.stderr)
        print(f"  {plural(len(parts), 'part')} and {distributed.MANIFEST} in {out}", file=sys.stderr)
    print_problems(problems, file=sys.stderr)
    return EXIT_PROBLEMS if missing or any(p.fatal for p in problems) else EXIT_OK


def item_warnings(doc: Document, result: Cleaned) -> list[Problem]:
    notes = [Problem(doc.source, w, doc.record, fatal=False) for w in doc.warnings]
    return notes + list(result.problems)


def print_summary(counts: CorpusCounts, output: str, options: ExportOptions, file) -> None:
    where = "standard output" if output == "-" else visible(output)
    print(f"winnow: {plural(counts.documents, 'document')} cleaned, written as {options.format} to {where}", file=file)
    print(
        f"  lines kept {counts.lines_kept:,}, removed {counts.lines_removed:,}"
        + (f"; {plural(counts.empty_documents, 'document')} with nothing left" if counts.empty_documents else ""),
        file=file,
    )
    if counts.by_rule:
        print("  removed by rule:", file=file)
        for rule_id, n in counts.by_rule.most_common():
            print(f"    {n:7d}  {rule_id}", file=file)
    if counts.left_out:
        print(f"  documents left out of the corpus: {sum(counts.left_out.values()):,}", file=file)
        for rule_id, n in counts.left_out.most_common():
            print(f"    {n:7d}  {rule_id}", file=file)


def print_problems(problems: list[Problem], file) -> None:
    fatal = [p for p in problems if p.fatal]
    notes = [p for p in problems if not p.fatal]
    if fatal:
        print(f"winnow: {plural(len(fatal), 'problem')}; {'this input was' if len(fatal) == 1 else 'these inputs were'} not imported:", file=file)
        for p in fatal:
            print(f"  {visible(str(p))}", file=file)
    if notes:
        print(f"winnow: {plural(len(notes), 'warning')}:", file=file)
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
    out.write(f"   {plural(result.lines_kept, 'line')} kept, {result.lines_removed:,} removed\n")
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
    for cls in (*line_rules(), *CUSTOM_DROP_RULES, *document_rules()):
        print(f"{cls.id}  [{cls.family.value}]  {cls.name}")
        print(f"    {cls.description}")
        for p in cls.params:
            bounds = ""
            if p.minimum is not None or p.maximum is not None:
                bounds = f" ({p.minimum if p.minimum is not None else ''}..{p.maximum if p.maximum is not None else ''})"
            print(f"    {p.name} = {p.default!r}{bounds}  {p.label}")
    return EXIT_OK
