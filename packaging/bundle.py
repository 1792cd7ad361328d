"""What goes into the frozen app: the choices winnow.spec makes, kept here so that tests can check them.

Entries are PyInstaller TOC tuples (destination inside the bundle, source path, type code).
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
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
        # babel's 1,100 locales (35 MB): courlan imports babel only to read language codes in URLs when asked to
        # filter links by language, which trafilatura's extraction never asks; English and the root stay
        r"babel/locale-data/(?!(root|en)\.dat$)",
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


# ELF section header fields (Elf64_Shdr, Elf32_Shdr): name, type, flags, addr, offset, size, link, info, align, entsize
SECTION_HEADER = {True: "IIQQQQIIQQ", False: "IIIIIIIIII"}


def has_debug_info(path: str | Path) -> bool:
    """Whether an ELF file carries DWARF debug sections (.debug_*): what `strip --strip-debug` removes. Read
    from the section headers, so no binutils is needed to decide; anything not ELF is False."""
    with open(path, "rb") as file:
        ident = file.read(16)
        if len(ident) < 16 or ident[:4] != b"\x7fELF" or ident[4] not in (1, 2) or ident[5] not in (1, 2):
            return False
        wide, order = ident[4] == 2, "<" if ident[5] == 1 else ">"
        header = file.read(48 if wide else 36)
        if len(header) < (48 if wide else 36):
            return False
        shoff = struct.unpack_from(order + ("Q" if wide else "I"), header, 24 if wide else 16)[0]
        shentsize, shnum, shstrndx = struct.unpack_from(order + "HHH", header, len(header) - 6)  # the header's last fields
        if not shoff or not shnum or shstrndx >= shnum:
            return False
        file.seek(shoff)
        table = file.read(shentsize * shnum)
        layout = order + SECTION_HEADER[wide]
        if len(table) < shentsize * shnum or shentsize < struct.calcsize(layout):
            return False
        sections = [struct.unpack_from(layout, table, index * shentsize) for index in range(shnum)]
        file.seek(sections[shstrndx][4])
        names = file.read(sections[shstrndx][5])
    return any(names[section[0] : section[0] + 7] == b".debug_" for section in sections)


Run = Callable[..., object]  # subprocess.run


def strip_debug_info(binaries: Iterable[tuple[str, str, str]], workdir: Path, run: Run = subprocess.run) -> list[tuple[str, str, str]]:
    """The binaries, with a copy stripped of its debug sections in place of each one that has them.

    Only debug sections go (`strip --strip-debug`): symbol tables stay, and libraries without debug sections
    are not rewritten at all — rewriting the ones auditwheel patched (numpy's OpenBLAS) breaks their loading."""
    result = []
    for dest, src, kind in binaries:
        if has_debug_info(src):
            copy = workdir / dest
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, copy)
            run(["strip", "--strip-debug", str(copy)], check=True)
            src = str(copy)
        result.append((dest, src, kind))
    return result
