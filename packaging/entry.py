"""Entry script of the frozen app: the same `main` as the `winnow` console script, so the window,
`winnow clean …`, `winnow --version` and `winnow --smoke-test` behave exactly as from source."""

import multiprocessing
import sys

from winnow.__main__ import main

if __name__ == "__main__":
    # a frozen child process (should any part of the engine ever use one) must not start another app
    multiprocessing.freeze_support()
    sys.exit(main())
