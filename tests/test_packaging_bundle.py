"""packaging/bundle.py: which files the frozen app keeps, and which orphaned libraries it leaves out."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "packaging"))
from bundle import has_debug_info, is_plain_library, orphan_libraries, strip_debug_info, tree, wanted, without  # noqa: E402


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/lib/libQt6Network.so.6",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6QmlModels.so.6",
        "libQt6Network.so.6",  # PyInstaller's top-level symlink to it
        "PySide6\\Qt6Pdf.dll",  # the Windows layout
        "tld/tests/res/effective_tld_names_custom.dat.txt",
        "winnow/__pycache__/cli.cpython-311.pyc",
        "babel/locale-data/de.dat",
        "babel/locale-data/en_GB.dat",
        "babel/locale-data/zh_Hant_HK.dat",
    ],
)
def test_unused_qt_parts_tests_and_caches_are_left_out(dest):
    assert not wanted((dest, "/src/" + dest, "BINARY"))


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/lib/libQt6Svg.so.6",
        "PySide6/Qt/lib/libQt6WaylandClient.so.6",
        "PySide6/Qt/lib/libQt6XcbQpa.so.6",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
        "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6\\Qt6Widgets.dll",
        "trafilatura/settings.cfg",
        "justext/stoplists/English.txt",
        "tld/res/effective_tld_names.dat.txt",
        "winnow/_resources/icons/winnow.svg",
        "seeds/000_41db1fca1b3edd12.txt",
        "babel/global.dat",
        "babel/locale-data/root.dat",
        "babel/locale-data/en.dat",
    ],
)
def test_what_the_window_and_engine_need_is_kept(dest):
    assert wanted((dest, "/src/" + dest, "DATA"))


def test_tree_maps_data_files_and_skips_code_and_caches(tmp_path):
    (tmp_path / "icons").mkdir()
    (tmp_path / "icons" / "a.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "recipe.toml").write_text("", encoding="utf-8")
    (tmp_path / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "x.pyc").write_bytes(b"")
    pairs = tree(tmp_path, "winnow/_resources")
    assert sorted((Path(src).name, dest) for src, dest in pairs) == [
        ("a.svg", "winnow/_resources/icons"),
        ("recipe.toml", "winnow/_resources"),
    ]


@pytest.mark.parametrize(
    ("dest", "plain"),
    [
        ("libX11.so.6", True),
        ("PySide6/Qt/lib/libQt6Gui.so.6", True),
        ("libpython3.11.so.1.0", False),
        ("PySide6/QtGui.abi3.so", False),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
        ("lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so", False),
        ("ahocorasick.cpython-311-x86_64-linux-gnu.so", False),  # an extension module outside any package
        ("_brotli.cpython-311-x86_64-linux-gnu.so", False),
    ],
)
def test_plain_libraries_are_told_from_modules_and_plugins(dest, plain):
    assert is_plain_library(dest) is plain


def test_orphans_are_libraries_only_a_dropped_plugin_needed():
    links = {
        "/src/QtGui.abi3.so": ["libQt6Gui.so.6"],
        "/src/libqxcb.so": ["libQt6Gui.so.6", "libxcb-cursor.so.0"],
        "/src/libQt6Gui.so.6": ["libfreetype.so.6", "libc.so.6"],
        "/src/libfreetype.so.6": ["libpng16.so.16"],
        "/src/libpython3.11.so.1.0": [],
    }
    binaries = [
        ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        ("libfreetype.so.6", "/src/libfreetype.so.6", "BINARY"),
        ("libpng16.so.16", "/src/libpng16.so.16", "BINARY"),  # reached through freetype
        ("libxcb-cursor.so.0", "/src/libxcb-cursor.so.0", "BINARY"),
        ("libpango-1.0.so.0", "/src/libpango-1.0.so.0", "BINARY"),  # only the dropped GTK theme used it
        ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),
    ]

    def get_imports(path: str):
        return [(name, None) for name in links.get(path, [])]

    assert orphan_libraries(binaries, get_imports) == {"libpango-1.0.so.0", "libcairo.so.2"}


def test_without_drops_libraries_and_their_symlinks_by_name():
    entries = [
        ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
    ]
    kept = without(entries, {"libcairo.so.2", "libQt6Network.so.6"})
    assert kept == [("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK")]


# ---------------------------------------------------------------- debug sections stripped, nothing else rewritten
needs_binutils = pytest.mark.skipif(not (shutil.which("cc") and shutil.which("strip")), reason="needs a C compiler and binutils")


def _compiled(folder: Path, *flags: str) -> Path:
    source = folder / "lib.c"
    source.write_text("int answer(void) { return 42; }\n", encoding="ascii")
    library = folder / f"lib{len(flags)}.so"
    subprocess.run(["cc", "-shared", "-fPIC", *flags, "-o", str(library), str(source)], check=True)
    return library


@needs_binutils
def test_a_library_built_with_debug_information_is_told_from_one_without(tmp_path):
    with_debug = _compiled(tmp_path, "-g")
    without_debug = _compiled(tmp_path, "-g0", "-s")
    assert has_debug_info(with_debug) and not has_debug_info(without_debug)
    subprocess.run(["strip", "--strip-debug", str(with_debug)], check=True)
    assert not has_debug_info(with_debug)


@pytest.mark.skipif(not shutil.which("readelf"), reason="needs readelf")
def test_debug_sections_are_found_as_readelf_lists_them():
    import numpy
    import zstandard

    libraries = [*Path(zstandard.__file__).parent.glob("*.so"), *Path(numpy.__file__).parent.glob("_core/*.so")]
    assert libraries
    for library in libraries:
        sections = subprocess.run(["readelf", "-S", "-W", str(library)], capture_output=True, text=True, check=True).stdout
        assert has_debug_info(library) == (".debug_" in sections), library


@pytest.mark.parametrize("content", [b"", b"\x7fELF", b"\x7fELF\x02\x01\x01" + bytes(9) + bytes(48), b"#!/bin/sh\necho hi\n", b"PK\x03\x04" * 20])
def test_files_that_are_not_whole_elf_files_have_no_debug_information(tmp_path, content):
    path = tmp_path / "file"
    path.write_bytes(content)
    assert not has_debug_info(path)


@needs_binutils
def test_only_libraries_with_debug_sections_are_replaced_by_a_stripped_copy(tmp_path):
    built = tmp_path / "built"
    built.mkdir()
    with_debug, without_debug = _compiled(built, "-g"), _compiled(built, "-g0", "-s")
    data = built / "settings.cfg"
    data.write_text("[x]\n", encoding="ascii")
    original = with_debug.read_bytes()
    entries = [
        ("pkg/_ext.so", str(with_debug), "EXTENSION"),
        ("libplain.so", str(without_debug), "BINARY"),
        ("pkg/settings.cfg", str(data), "DATA"),
    ]
    result = strip_debug_info(entries, tmp_path / "work")
    assert result[1:] == entries[1:]  # untouched: same source file, not rewritten
    dest, src, kind = result[0]
    assert (dest, kind) == ("pkg/_ext.so", "EXTENSION") and Path(src) == tmp_path / "work" / "pkg" / "_ext.so"
    assert not has_debug_info(src) and Path(src).stat().st_size < len(original)
    assert with_debug.read_bytes() == original  # the installed library itself is never modified


# ---------------------------------------------------------------- scipy's stand-in
STANDIN_CHECK = """
import sys
sys.path.insert(0, {standins!r})
import scipy
assert scipy.__file__.startswith({standins!r}), scipy.__file__
from datasketch import MinHash, MinHashLSH
from winnow.corpus.near_duplicates import DedupSettings

settings = DedupSettings()
index = MinHashLSH(num_perm=settings.num_perm, params=settings.lsh_shape)
words = "the harbour bridge reopened on tuesday after two years of repairs to every cable".split()
other = "a quiet village bakery won the regional prize for its rye bread this spring".split()
for key, text in (("a", words), ("b", words[:-1]), ("c", other)):
    minhash = MinHash(num_perm=settings.num_perm)
    minhash.update_batch(w.encode() for w in text)
    if key != "a":
        print(key, sorted(index.query(minhash)))
    index.insert(key, minhash)
try:
    MinHashLSH(threshold=0.5, num_perm=128)
except RuntimeError as error:
    print("refused:", error)
"""


def test_datasketch_runs_winnows_near_duplicate_index_on_the_frozen_apps_scipy_stand_in():
    code = STANDIN_CHECK.format(standins=str(REPO / "packaging" / "standins"))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == ["b ['a']", "c []"]
    assert lines[2].startswith("refused: scipy is not part of the frozen Winnow app")


BABEL_UNUSED = """
import sys
import babel.localedata

def refuse(*args, **kwargs):
    raise AssertionError(f"babel locale data asked for: {{args}}")

babel.localedata.load = babel.localedata.exists = refuse
from winnow.__main__ import main
sys.exit(main(["clean", {folder!r}, "--jobs", "1", "--format", "jsonl", "--output", {output!r}]))
"""


def test_cleaning_html_never_reads_babels_locale_data(tmp_path):
    """The frozen app keeps only babel's English locale: trafilatura's metadata (courlan) must not need more."""
    pages = tmp_path / "pages"
    pages.mkdir()
    stories = (
        "The city council approved next year's budget on Monday. Schools get more teachers, and the ring road is repaired.",
        "A storm flooded the harbour overnight; fishermen counted damaged boats while engineers inspected both bridges.",
        "Our village library reopens in May with a larger children's corner, longer evening hours and a small cafe.",
    )
    for story, lang, path in zip(stories, ("de", "fr", "en"), ("de-de/politik/haushalt", "fr/politique/budget", "en_GB/news/budget")):
        # the <h1> repeats the title, which goes to the metadata: the sentences alone must pass quality.words
        body = "".join(f"<p>{sentence}.</p>" for sentence in f"{story} Details of the plans follow in next week's edition.".split(". "))
        pages.joinpath(f"{lang}.html").write_text(
            f'<html lang="{lang}"><head><title>Budget</title><link rel="canonical" href="https://example.org/{path}.html"></head>'
            f"<body><article><h1>Budget</h1>{body}</article></body></html>",
            encoding="utf-8",
        )
    output = tmp_path / "out.jsonl"
    result = subprocess.run([sys.executable, "-c", BABEL_UNUSED.format(folder=str(pages), output=str(output))], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert output.read_text(encoding="utf-8").count("https://example.org/") == 3


# ---------------------------------------------------------------- packaging/sizes.py
@pytest.mark.parametrize(
    ("inside", "part"),
    [
        ("numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so", "numpy"),
        ("numpy.libs/libscipy_openblas64_-32a4b2a6.so", "numpy"),  # a wheel's vendored libraries count with it
        ("python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so", "python (standard library)"),
        ("base_library.zip", "python (standard library)"),
        ("_brotli.cpython-311-x86_64-linux-gnu.so", "brotli"),
        ("trafilatura-2.3.1.dist-info/METADATA", "trafilatura"),
        ("libpython3.11.so.1.0", "libpython3.11.so.1.0"),
    ],
)
def test_sizes_counts_each_file_with_the_part_it_belongs_to(inside, part):
    from sizes import part_of

    assert part_of(Path(inside)) == part


def test_sizes_adds_up_files_once_and_skips_links(tmp_path):
    from sizes import part_sizes

    internal = tmp_path / "_internal"
    (internal / "numpy.libs").mkdir(parents=True)
    (internal / "numpy").mkdir()
    (internal / "numpy" / "core.so").write_bytes(b"x" * 300)
    (internal / "numpy.libs" / "libblas.so").write_bytes(b"x" * 200)
    (internal / "libblas.so").symlink_to(internal / "numpy.libs" / "libblas.so")
    (tmp_path / "winnow").write_bytes(b"x" * 50)
    assert part_sizes(tmp_path) == {"numpy": 500, "executable (with the compiled Python modules)": 50}
