"""`winnow` and `python -m winnow`: the command line for subcommands, the window for everything else."""

from __future__ import annotations

import sys

CLI_WORDS = {"clean", "explain", "recipe", "rules", "--version", "-V", "--help", "-h", "help"}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in CLI_WORDS:
        # the arguments are parsed before the engine loads: --help, --version and a mistyped option cost
        # no more than Python's own start (argparse exits for them)
        from winnow.cli_args import build_parser

        parser = build_parser()
        command = parser.parse_args(argv).command
        if command in (None, "help"):
            parser.print_help()
            return 0
        if command in ("clean", "explain"):  # the language model loads while the engine is imported
            from winnow.text.language import LanguageIdentifier

            LanguageIdentifier.preload()
        from winnow.cli import main as cli_main

        return cli_main(argv)
    if argv and argv[0] == "--smoke-test":
        from winnow.app.smoke import run_smoke_test

        return run_smoke_test()
    from winnow.app import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
