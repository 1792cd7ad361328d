"""What goes into the frozen app: the choices winnow.spec makes, kept here so that tests can check them.

Entries are PyInstaller TOC tuples (destination inside the bundle, source path, type code).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable

# Files the Qt hooks collect but Winnow does not need (searched for in the path inside the bundle).
UNUSED = [
    re.compile(pattern)
    for pattern in (
        r"PySide6/Qt/translations/",  # the interface is English: Qt's own .qm files
        r"PySide6/Qt/plugins/platforms/.*(eglfs|linuxfb|vnc|vkkhrdisplay|minimalegl)",
        r"PySide6/Qt/plugins/(egldeviceintegrations|generic|networkinformation|tls|sqldrivers|qmltooling|designer)/",
        r"PySide6/Qt/plugins/wayland-graphics-integration-server/",
        r"PySide6/Qt/plugins/platforminputcontexts/.*virtualkeyboard",
        r"PySide6/Qt/plugins/imageformats/.*(pdf|tiff|webp|tga|wbmp)",
        r"PySide6/Qt/plugins/vectorimageformats/",
        # the GTK theme plugin drags in the build machine's GTK stack, which clashes with the user's own GTK;
        # without it Qt draws its own Fusion style and file dialogs
        r"PySide6/Qt/plugins/platformthemes/.*gtk",
        r"(^|/)(lib)?Qt6?(Pdf|Qml|Quick|Network|EglF|Wayland(Compositor|Egl)|VirtualKeyboard|Lottie|Labs)",
        r"(^|/)(tests?|testing)/",  # test suites shipped inside libraries
        r"(^|/)__pycache__/",
    )
]


def wanted(entry: tuple[str, str, str]) -> bool:
    dest = entry[0].replace("\\", "/")
    return not any(pattern.search(dest) for pattern in UNUSED)


def tree(source: Path, dest: str) -> list[tuple[str, str]]:
    """Every data file under `source` (no caches, no Python code) as (file, folder inside the bundle) pairs."""
    pairs = []
    for path in sorted(source.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in {".py", ".pyc"}:
            pairs.append((str(path), str(PurePosixPath(dest, *path.parent.relative_to(source).parts))))
    return pairs


def is_plain_library(dest: str) -> bool:
    """A shared library collected only because something links to it (not a module, plugin or libpython)."""
    path = PurePosixPath(dest.replace("\\", "/"))
    if ".cpython-" in path.name or ".abi3." in path.name:  # a Python extension module (ahocorasick's sits at the top)
        return False
    return str(path.parent) in (".", "PySide6/Qt/lib") and ".so" in path.name and not path.name.startswith("libpython")


Imports = Callable[[str], Iterable[tuple[str, str | None]]]  # PyInstaller's bindepend.get_imports


def orphan_libraries(binaries: Iterable[tuple[str, str, str]], get_imports: Imports) -> set[str]:
    """Names of collected libraries that nothing kept links to any more (the dependencies of dropped plugins),
    following link-time dependencies from every extension module, plugin and libpython."""
    binaries = list(binaries)
    libraries = {PurePosixPath(dest).name: src for dest, src, _ in binaries if is_plain_library(dest)}
    pending = [src for dest, src, _ in binaries if not is_plain_library(dest)]
    reached: set[str] = set()
    while pending:
        for name, _path in get_imports(pending.pop()):
            name = PurePosixPath(name).name
            if name in libraries and name not in reached:
                reached.add(name)
                pending.append(libraries[name])
    return set(libraries) - reached


def without(entries: Iterable[tuple[str, str, str]], names: set[str]) -> list[tuple[str, str, str]]:
    """The entries whose file name is not in `names` (libraries and the symlinks PyInstaller makes to them)."""
    return [entry for entry in entries if PurePosixPath(entry[0].replace("\\", "/")).name not in names]
