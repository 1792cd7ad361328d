"""Render Winnow's icon from resources/icons/winnow.svg: the committed PNG sizes, and .ico/.icns on demand.

    .venv/bin/python packaging/render_icons.py            # rewrite resources/icons/winnow-<size>.png
    .venv/bin/python packaging/render_icons.py --ico X    # also write a Windows .ico to X
    .venv/bin/python packaging/render_icons.py --icns X   # also write a macOS .icns to X

.ico and .icns are containers of PNG images, so they are assembled here from the rendered PNGs rather than
needing Pillow or the platform's own tools (the spec calls this when building on Windows or macOS).
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SVG = REPO / "resources" / "icons" / "winnow.svg"
ICON_DIR = SVG.parent
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an .ico entry can describe
# .icns PNG slots: OSType -> pixel size (the @2x slots reuse the larger renders)
ICNS_TYPES = (
    ("icp4", 16),
    ("icp5", 32),
    ("icp6", 64),
    ("ic07", 128),
    ("ic08", 256),
    ("ic09", 512),
    ("ic11", 32),
    ("ic12", 64),
    ("ic13", 256),
    ("ic14", 512),
    ("ic10", 1024),
)


def png_name(size: int) -> str:
    return f"winnow-{size}.png"


def render_png(size: int, svg: Path = SVG) -> bytes:
    """Rasterise the SVG at size x size pixels with Qt's SVG renderer; returns PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _ensure_gui_app()
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def _ensure_gui_app() -> None:
    """QPainter needs a QGuiApplication; create a headless one if the caller has none."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _ensure_gui_app.app = QGuiApplication([sys.argv[0]])  # kept alive for the process


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico whose entries are PNG images (supported since Windows Vista)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    directory, images = b"", b""
    for size in sizes:
        data = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        directory += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        images += data
    return header + directory + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns whose elements are PNG images, one per slot in ICNS_TYPES."""
    body = b""
    for ostype, size in ICNS_TYPES:
        data = pngs[size]
        body += ostype.encode("ascii") + struct.pack(">I", 8 + len(data)) + data
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_pngs(target: Path = ICON_DIR, svg: Path = SVG) -> list[Path]:
    written = []
    for size in SIZES:
        path = target / png_name(size)
        path.write_bytes(render_png(size, svg))
        written.append(path)
    return written


def write_ico(path: Path, svg: Path = SVG) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(ico_bytes({size: render_png(size, svg) for size in ICO_SIZES}))
    return path


def write_icns(path: Path, svg: Path = SVG) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    sizes = {size for _, size in ICNS_TYPES}
    path.write_bytes(icns_bytes({size: render_png(size, svg) for size in sizes}))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ico", type=Path, help="also write a Windows .ico here")
    parser.add_argument("--icns", type=Path, help="also write a macOS .icns here")
    parser.add_argument("--no-png", action="store_true", help="do not rewrite the committed PNGs")
    args = parser.parse_args(argv)
    if not args.no_png:
        for path in write_pngs():
            print(path.relative_to(REPO))
    for path, writer in ((args.ico, write_ico), (args.icns, write_icns)):
        if path:
            print(writer(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
