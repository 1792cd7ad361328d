"""`winnow` and `python -m winnow`: the command line for subcommands, the window for everything else."""

from __future__ import annotations

import sys

CLI_WORDS = {"clean", "explain", "recipe", "rules", "--version", "-V", "--help", "-h", "help"}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv in (["--version"], ["-V"]):  # answered before anything else is imported
        from winnow import __version__

        print(f"winnow {__version__}")
        return 0
    if argv and argv[0] in CLI_WORDS:
        from winnow.cli import main as cli_main

        return cli_main(argv)
    if argv and argv[0] == "--smoke-test":
        from winnow.app.smoke import run_smoke_test

        return run_smoke_test()
    from winnow.app import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
