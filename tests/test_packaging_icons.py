"""The application icon: an SVG source, committed PNG renders that match it, and .ico/.icns containers."""

from __future__ import annotations

import os
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "packaging"))
import render_icons  # noqa: E402

from PySide6.QtCore import QBuffer, QByteArray, QIODevice  # noqa: E402
from PySide6.QtGui import QColor, QImage, QImageReader  # noqa: E402

ICONS = REPO / "resources" / "icons"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def _app(qapp):
    """pytest-qt's QApplication, so render_icons never makes a bare QGuiApplication other tests cannot use."""
    return qapp


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    return struct.unpack(">II", data[16:24])


def test_svg_is_a_square_drawing_qt_can_render():
    root = ET.parse(ICONS / "winnow.svg").getroot()
    _x, _y, width, height = (float(v) for v in root.attrib["viewBox"].split())
    assert width == height
    from PySide6.QtSvg import QSvgRenderer

    assert QSvgRenderer(str(ICONS / "winnow.svg")).isValid()


@pytest.mark.parametrize("size", render_icons.SIZES)
def test_committed_png_has_its_size_and_a_transparent_corner(size):
    image = QImage(str(ICONS / f"winnow-{size}.png"))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    assert image.pixelColor(0, 0).alpha() == 0  # rounded tile: the very corner is see-through
    assert image.pixelColor(size // 2, size // 2).alpha() == 255


@pytest.mark.parametrize("size", [16, 64, 256])
def test_committed_png_matches_a_fresh_render_of_the_svg(size):
    """Fails when someone edits winnow.svg and forgets `python packaging/render_icons.py`."""
    fresh = QImage.fromData(render_icons.render_png(size))
    committed = QImage(str(ICONS / f"winnow-{size}.png"))
    worst = 0
    for y in range(size):
        for x in range(size):
            a, b = fresh.pixelColor(x, y), committed.pixelColor(x, y)
            worst = max(worst, *(abs(p - q) for p, q in zip(a.getRgb(), b.getRgb())))
    assert worst <= 16


def test_small_icon_still_shows_light_text_lines_on_the_dark_tile():
    image = QImage(str(ICONS / "winnow-16.png"))
    lightness = [image.pixelColor(x, 3).lightness() for x in range(3, 10)]  # the first text line
    tile = image.pixelColor(1, 6).lightness()
    assert min(lightness) > tile + 80


def _ico_entries(data: bytes) -> list[tuple[int, bytes]]:
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    entries = []
    for index in range(count):
        width, _h, _c, _r, _planes, _bpp, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        entries.append((width or 256, data[offset : offset + length]))
    return entries


def test_ico_holds_every_size_as_png_and_qt_reads_it(tmp_path):
    path = render_icons.write_ico(tmp_path / "winnow.ico")
    data = path.read_bytes()
    entries = _ico_entries(data)
    assert sorted(size for size, _ in entries) == sorted(render_icons.ICO_SIZES)
    for size, payload in entries:
        assert png_size(payload) == (size, size)
    array = QByteArray(data)  # kept in a name: QBuffer does not own it
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, b"ico")
    assert reader.imageCount() == len(render_icons.ICO_SIZES)


def test_ico_directory_encodes_256_as_zero():
    fake = {16: PNG_SIGNATURE + b"\0" * 8 + struct.pack(">II", 16, 16), 256: PNG_SIGNATURE + b"x" * 20}
    data = render_icons.ico_bytes(fake)
    widths = [data[6], data[6 + 16]]
    assert widths == [16, 0]


def test_icns_lists_each_slot_with_a_png_of_the_right_size(tmp_path):
    data = render_icons.write_icns(tmp_path / "winnow.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    found, offset = {}, 8
    while offset < len(data):
        ostype, length = data[offset : offset + 4].decode(), struct.unpack(">I", data[offset + 4 : offset + 8])[0]
        found[ostype] = png_size(data[offset + 8 : offset + length])
        offset += length
    assert offset == len(data)
    assert found == {ostype: (size, size) for ostype, size in render_icons.ICNS_TYPES}


@pytest.mark.qt_log_ignore(".*")
def test_invalid_svg_is_refused(tmp_path):
    broken = tmp_path / "broken.svg"
    broken.write_text("<svg this is not xml", encoding="utf-8")
    with pytest.raises(ValueError):
        render_icons.render_png(16, broken)
