"""packaging/bundle.py: which files the frozen app keeps, and which orphaned libraries it leaves out."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "packaging"))
from bundle import is_plain_library, orphan_libraries, tree, wanted, without  # noqa: E402


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
