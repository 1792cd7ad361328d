"""Builds the optional compiled kernels (`gui/winnow/kernel/_*.pyx`, Cython); everything else is in pyproject.toml.

Without a C compiler the build of the kernel fails quietly and Winnow installs and runs on its pure-Python twin.
The hash of the kernel's sources is compiled in, so that `winnow.kernel` uses the binary only while it matches them.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

KERNEL = Path("gui/winnow/kernel")
COMPILED = sorted(KERNEL.glob("_*.pyx"))
SOURCES = COMPILED + [KERNEL / f"{path.stem[1:]}_py.py" for path in COMPILED] + sorted(KERNEL.glob("_*.pxd"))  # as winnow.kernel.sources


def source_hash() -> str:
    digest = hashlib.sha256()
    for path in SOURCES:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class OptionalBuildExt(build_ext):
    """Build the kernel if a compiler is there; else say so and go on (the pure-Python twin runs)."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # noqa: BLE001 - any compiler or Cython failure
            print(f"winnow: compiled kernel not built ({error}); the pure-Python twin will run", file=sys.stderr)

    def build_extension(self, ext: Extension) -> None:
        try:
            super().build_extension(ext)
        except Exception as error:  # noqa: BLE001
            print(f"winnow: compiled kernel not built ({error}); the pure-Python twin will run", file=sys.stderr)


def extensions() -> list[Extension]:
    try:
        from Cython.Build import cythonize
    except ImportError:
        print("winnow: Cython missing, compiled kernel not built; the pure-Python twin will run", file=sys.stderr)
        return []
    macros = [("WINNOW_SOURCE_HASH", f'"{source_hash()}"')]
    # no fused multiply-add: the kernels' floating-point sums and products round as their pure-Python twins' do
    flags = [] if sys.platform == "win32" else ["-ffp-contract=off"]
    kernels = [Extension(f"winnow.kernel.{path.stem}", [str(path)], define_macros=macros, extra_compile_args=flags) for path in COMPILED]
    return cythonize(kernels, language_level=3, quiet=True)


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
