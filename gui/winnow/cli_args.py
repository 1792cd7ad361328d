"""The command line's arguments, apart from the commands that run them, so that `winnow --help`, `--version`
and a mistyped option are answered before the engine (rules, lexicons, trafilatura) is loaded."""

from __future__ import annotations

import argparse
import re

from winnow import __version__
from winnow.core.formats import FORMATS, METADATA_FIELDS
from winnow.core.settings import EXTRACTORS

MAX_FILE_BYTES = 512 * 1024 * 1024  # ReadOptions.max_file_bytes (the readers' package loads the engine)


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
    clean.add_argument("inputs", nargs="*", metavar="INPUT", help="files or folders (read recursively)")
    clean.add_argument("--files-from", metavar="LIST", help="also read the files listed in LIST, one path per line (- for standard input)")
    clean.add_argument(
        "--shard", type=shard_spec, default=(1, 1), metavar="I/N", help="read only the I-th of N equal shares of the files (1/4 … 4/4 split a run in four)"
    )
    clean.add_argument("-o", "--output", default="-", help="output file, or folder for --format txt (default: stdout)")
    clean.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        help="jsonl, csv, parquet, txt (a folder of files) or txt-single (one file); default: from the output's extension, else jsonl",
    )
    clean.add_argument("-r", "--recipe", help="recipe TOML file (default: the built-in recipe)")
    clean.add_argument("--text-field", help="JSON/CSV inputs: the field holding the text or HTML (default: found automatically)")
    clean.add_argument(
        "--extractor",
        choices=tuple(EXTRACTORS),
        help="HTML main content: trafilatura (most accurate), fast (trafilatura without its fallbacks) "
        "or resiliparse (many times faster, for crawls); default: the recipe's, else trafilatura",
    )
    clean.add_argument("--fields", default=",".join(METADATA_FIELDS), help=f"metadata fields to export, comma-separated (default: {','.join(METADATA_FIELDS)})")
    clean.add_argument("--skip-empty", action="store_true", help="leave out documents with nothing left")
    clean.add_argument(
        "--rejected",
        metavar="FILE",
        help="also write the documents left out of the corpus (duplicates, other languages, not prose), "
        "each with the rule and reason, to FILE (JSONL, or CSV by its extension)",
    )
    clean.add_argument(
        "--spreadsheet-safe", action="store_true", help="CSV: prefix cells starting with = + - @ with an apostrophe so spreadsheets do not run them"
    )
    clean.add_argument(
        "--max-file-size",
        type=byte_size,
        default=MAX_FILE_BYTES,
        metavar="SIZE",
        help="larger input files are reported, not read (e.g. 512M, 2G; default 512M); "
        "JSONL and CSV are read record by record, so memory stays small whatever this is",
    )
    clean.add_argument("--follow-links", action="store_true", help="follow symbolic links that lead out of the folders given (default: report and skip them)")
    clean.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary (problems are still shown)")
    clean.add_argument(
        "-j", "--jobs", type=int, metavar="N", help="worker processes (default: the cores available; 1: in this process); the export is the same for any N"
    )
    clean.add_argument(
        "--dask",
        metavar="SCHEDULER",
        help="run on a Dask cluster: its scheduler address (tcp://host:8786) "
        "or `local` for one on this machine; --output is then a folder of part files and a manifest",
    )

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


def shard_spec(text: str) -> tuple[int, int]:
    index, _, count = text.partition("/")
    try:
        i, n = int(index), int(count)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not I/N (for example 2/4)") from None
    if not 1 <= i <= n:
        raise argparse.ArgumentTypeError(f"{text!r}: I must be from 1 to N")
    return i, n


def byte_size(text: str) -> int:
    """`512M`, `2G`, `100k`, `1.5G` or a number of bytes."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*", text, re.I)
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 512M or 2G")
    value = float(match.group(1)) * 1024 ** " kmgt".index(match.group(2).lower() or " ")
    if not 1 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"{text!r} is not a usable size")
    return int(value)
