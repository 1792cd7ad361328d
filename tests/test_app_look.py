"""Readable on light and dark palettes: removal tints come from the palette and keep the text legible."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app_helpers import import_and_wait, line_row, select_by_name, write_corpus
from winnow.app.theme import contrast_ratio, dark_palette, family_badge, family_tint, is_dark, removed_text_colour
from winnow.core.model import Family


def light_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Base, "#ffffff"),
        (QPalette.ColorRole.Text, "#000000"),
        (QPalette.ColorRole.Window, "#efefef"),
        (QPalette.ColorRole.WindowText, "#000000"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.mark.parametrize("palette_maker", [light_palette, dark_palette], ids=["light", "dark"])
def test_every_family_tint_keeps_text_readable(qapp, palette_maker):
    palette = palette_maker()
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    tints = set()
    for family in Family:
        tint = family_tint(family, palette)
        tints.add(tint.name())
        assert contrast_ratio(text, tint) >= 4.5, family
        assert contrast_ratio(removed_text_colour(palette), tint) >= 4.5, family
        assert contrast_ratio(text, family_badge(family, palette)) >= 4.5, family
        # a tint stays on the palette's side: dark on a dark theme, light on a light one
        assert is_dark(palette) == (tint.lightness() < 128)
        assert tint != base
    assert len(tints) == len(Family)  # every family can be told apart by its tint too


def test_contrast_ratio_reference_values():
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#777777")) == pytest.approx(1.0)
    assert contrast_ratio(QColor("#767676"), QColor("#ffffff")) == pytest.approx(4.54, abs=0.01)


@pytest.fixture
def dark_app(qapp):
    old = qapp.palette()
    qapp.setPalette(dark_palette())
    yield qapp
    qapp.setPalette(old)


def test_window_follows_a_dark_palette(qtbot, dark_app, main_window, tmp_path):
    import_and_wait(qtbot, main_window, [write_corpus(tmp_path)])
    select_by_name(main_window, "harbour.txt")
    view = main_window.preview.lines
    QApplication.processEvents()
    image = view.viewport().grab().toImage()
    removed = view.visualRect(main_window.preview.model.index(line_row(main_window, "ADVERTISEMENT")))
    kept = view.visualRect(main_window.preview.model.index(line_row(main_window, "Harbour council approves new flood barrier budget")))
    x = view.viewport().width() - 3  # right margin: background only
    removed_pixel = image.pixelColor(x, removed.center().y())
    kept_pixel = image.pixelColor(x, kept.center().y())
    palette = dark_palette()
    assert removed_pixel.name() == family_tint(Family.ADS, palette).name()
    assert kept_pixel.name() == palette.color(QPalette.ColorRole.Base).name()
    assert removed_pixel.lightness() < 100 and kept_pixel.lightness() < 100
