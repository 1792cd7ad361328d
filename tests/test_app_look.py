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


# ---------------------------------------------------------------- one icon set, themable


def stroke_colours(icon, size: int = 32, mode=None) -> set[str]:
    """The colours of the icon's fully opaque pixels (the strokes' insides, not their anti-aliased edges)."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    image = icon.pixmap(QSize(size, size), mode or QIcon.Mode.Normal).toImage()
    return {image.pixelColor(x, y).name() for x in range(size) for y in range(size) if image.pixelColor(x, y).alpha() == 255}


def test_every_action_icon_is_a_square_line_drawing_in_the_current_colour(qapp):
    import re
    import xml.etree.ElementTree as ET

    from PySide6.QtCore import QByteArray
    from PySide6.QtSvg import QSvgRenderer

    from winnow.app.theme import ACTION_ICONS, action_svg

    for name in ACTION_ICONS:
        svg = action_svg(name)
        root = ET.fromstring(svg)
        assert root.attrib["viewBox"] == "0 0 24 24", name
        assert QSvgRenderer(QByteArray(svg.encode())).isValid(), name
        assert not re.search(r"#[0-9a-fA-F]{3,6}\b|rgb\(", svg), f"{name} hard-codes a colour"
        assert root.attrib["stroke"] == "currentColor" and root.attrib["fill"] == "none", name


def test_action_icons_are_drawn_in_the_palettes_text_colour_and_follow_a_theme_switch(qapp):
    from PySide6.QtGui import QIcon

    from winnow.app.theme import action_icon

    undo = action_icon("undo")
    before = QApplication.palette()
    try:
        QApplication.setPalette(light_palette())
        assert stroke_colours(undo) == {QApplication.palette().color(QPalette.ColorRole.ButtonText).name()}
        QApplication.setPalette(dark_palette())
        assert stroke_colours(undo) == {"#e6e6e6"}  # the same QIcon, recoloured when painted
        assert stroke_colours(undo, mode=QIcon.Mode.Disabled) == {"#7a7a7a"}
    finally:
        QApplication.setPalette(before)


def test_the_toolbar_and_menus_use_the_one_icon_set(qtbot, main_window):
    from PySide6.QtWidgets import QToolBar

    toolbar = main_window.findChild(QToolBar, "toolbar-main")
    with_icons = [a for a in toolbar.actions() if not a.isSeparator()]
    assert with_icons and all(a.icon().name().startswith("winnow-") for a in with_icons), [a.text() for a in with_icons]
    for action in (main_window.act_quit, main_window.act_new_recipe, main_window.act_save_recipe_as, main_window.act_next, main_window.act_keep):
        assert action.icon().name().startswith("winnow-"), action.text()


def test_the_chosen_preview_view_reads_as_chosen_on_any_palette(qtbot, main_window):
    preview = main_window.preview
    assert preview.annotated_button.font().bold() and not preview.side_button.font().bold()
    preview.set_mode(preview.SIDE_BY_SIDE)
    assert preview.side_button.font().bold() and not preview.annotated_button.font().bold()


@pytest.mark.parametrize("kind", ["check box", "radio button"])
def test_an_unchecked_box_shows_its_frame_on_the_dark_theme(qtbot, kind):
    """Fusion frames an indicator in the window colour darkened: on a dark palette an unchecked rule was a
    dark square on a dark panel. The dark theme's style frames it in a colour readable on the panel."""
    from PySide6.QtWidgets import QCheckBox, QRadioButton, QStyle, QStyleOptionButton

    from winnow.app.theme import OutlinedIndicators, indicator_frame

    style = OutlinedIndicators()
    palette = dark_palette()
    box = QCheckBox("Month before day") if kind == "check box" else QRadioButton("JSONL")
    qtbot.addWidget(box)
    box.setStyle(style)
    box.setPalette(palette)
    box.resize(box.sizeHint())
    option = QStyleOptionButton()
    option.initFrom(box)
    element = QStyle.SubElement.SE_CheckBoxIndicator if kind == "check box" else QStyle.SubElement.SE_RadioButtonIndicator
    indicator = style.subElementRect(element, option, box)
    image = box.grab().toImage()
    panel = palette.color(QPalette.ColorRole.Window)
    pixels = [QColor(image.pixel(x, y)) for x in range(indicator.left(), indicator.right() + 1) for y in range(indicator.top(), indicator.bottom() + 1)]
    assert max(contrast_ratio(c, panel) for c in pixels) >= 2.0  # the frame, not only the box's fill, stands out
    assert contrast_ratio(indicator_frame(palette), panel) >= 3.0
