"""What each part of the frozen app costs on disk: `python packaging/sizes.py [dist/winnow] [--top N]`.

Parts are the top-level entries of the bundle's _internal/ folder, with a wheel's `<name>.libs/` (its vendored
shared libraries) counted with its package and `lib-dynload` with the standard library; the executable (which
holds the compiled Python modules) is one part. Symbolic links are not counted, so nothing counts twice.
"""

from __future__ import annotations

import argparse
import os
from collections import Counter
from pathlib import Path


def part_of(relative: Path) -> str:
    """The part a file inside _internal/ belongs to."""
    top = relative.parts[0]
    if top.endswith(".libs"):
        return top[: -len(".libs")]
    if top.startswith("python3") or top == "base_library.zip":
        return "python (standard library)"
    if len(relative.parts) == 1 and ".cpython-" in top:
        return top.split(".cpython-")[0].lstrip("_")  # an extension module outside any package (_brotli, ahocorasick)
    return top.split("-")[0] if top.endswith(".dist-info") else top


def part_sizes(bundle: Path) -> Counter[str]:
    sizes: Counter[str] = Counter()
    internal = bundle / "_internal"
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            size = os.stat(path).st_size
            sizes["executable (with the compiled Python modules)" if path.parent == bundle else part_of(path.relative_to(internal))] += size
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", default="dist/winnow", type=Path)
    parser.add_argument("--top", type=int, default=25, help="how many parts to list (default 25)")
    args = parser.parse_args()
    sizes = part_sizes(args.bundle)
    total = sum(sizes.values())
    print(f"{args.bundle}: {total / 1e6:.1f} MB ({total:,} bytes) in {sum(1 for p in args.bundle.rglob('*') if p.is_file())} files")
    for name, size in sizes.most_common(args.top):
        print(f"{size / 1e6:8.1f} MB  {name}")
    rest = total - sum(size for _, size in sizes.most_common(args.top))
    if rest:
        print(f"{rest / 1e6:8.1f} MB  {len(sizes) - args.top} other parts")


if __name__ == "__main__":
    main()
