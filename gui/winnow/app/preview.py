"""The preview: the selected document's lines, each with its decision, label, tint and reason.

A QListView over LineModel with a painting delegate, so a document of ten thousand lines stays fast:
only visible rows are painted and row heights are measured in batches. Each row shows the line
number, a keep box, the removing family's short label (so colour never carries the meaning alone)
and the text, struck through when removed.
"""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPalette,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from winnow.app.models import (
    KEPT_LABELS,
    LineModel,
    LineRole,
    SideBySideModel,
    line_explanation,
)
from winnow.app.theme import (
    FAMILY_DESCRIPTIONS,
    FAMILY_HUES,
    KEPT_HUE,
    badge_colour,
    family_badge,
    family_tint,
    mix,
    removed_text_colour,
)
from winnow.app.widgets import SecondaryLabel
from winnow.core.model import FAMILY_LABELS, Cleaned, Family

PAD = 4
COMPACT_BELOW = 600  # viewport width under which the label column folds into a chip before the text
SHOWN_CHARACTERS = 2000  # of one line; a scraped page can hold a single line of megabytes
CLEAN_TEXT_SHOWN = 200_000  # characters of the clean result shown; the export has all of it
BATCHED_LAYOUT_LINES = 1000  # measuring a row's wrapped height takes ~0.1 ms
NOTHING_LEFT = "Nothing left: every line of this document is removed. Switch to “Annotated” (Ctrl+1) to see why."
ALL_LABELS = [*FAMILY_LABELS.values(), "By hand", *KEPT_LABELS.values()]


def shown_text(text: str) -> str:
    """A line as the preview shows it: a giant line is cut, and says how much is not shown."""
    if len(text) <= SHOWN_CHARACTERS:
        return text
    return f"{text[:SHOWN_CHARACTERS]} … [{len(text) - SHOWN_CHARACTERS:,} more characters, all exported]"


def small_font(font: QFont) -> QFont:
    small = QFont(font)
    if small.pointSizeF() > 0:
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    else:
        small.setPixelSize(max(9, int(font.pixelSize() * 0.85)))
    return small


def wrapped_layout(text: str, font: QFont, width: int, indent: int = 0) -> tuple[QTextLayout, float]:
    """The text laid out in `width`, breaking at word boundaries (or anywhere, for a long URL); the first
    line starts `indent` pixels in (room for the label chip in the compact layout)."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        first = y == 0.0 and indent
        line.setLineWidth(max(20, width - indent if first else width))
        line.setPosition(QPointF(indent if first else 0, y))
        y += line.height()
    layout.endLayout()
    return layout, y


class LineDelegate(QStyledItemDelegate):
    """Paints a line as: number | keep box | family label | text (struck through and tinted when removed)."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view
        self._heights: dict[tuple[int, int], int] = {}
        self._column_widths: dict[str, tuple[int, int, int]] = {}

    def clear_cache(self) -> None:
        self._heights.clear()
        self._column_widths.clear()

    # ---- geometry ----
    def _widths(self, font: QFont) -> tuple[int, int, int]:
        """Widths of the number, box and label columns for `font` (measured once per font)."""
        key = font.key()
        widths = self._column_widths.get(key)
        if widths is None:
            small = QFontMetrics(small_font(font))
            widths = (
                QFontMetrics(font).horizontalAdvance("00000") + PAD,
                self.view.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 2 * PAD,
                max(small.horizontalAdvance(label) for label in ALL_LABELS) + 2 * PAD + 2,
            )
            self._column_widths[key] = widths
        return widths

    def compact(self) -> bool:
        """Short of room, labels sit as a chip at the start of their line instead of in a column of their own:
        the text gets the width."""
        return self.view.viewport().width() < COMPACT_BELOW

    def chip_indent(self, label: str, font: QFont) -> int:
        return QFontMetrics(small_font(font)).horizontalAdvance(label) + 2 * PAD + 2 + PAD if label and self.compact() else 0

    def _columns(self, rect: QRect, font: QFont) -> tuple[QRect, QRect, QRect, QRect]:
        number_w, check_w, label_w = self._widths(font)
        if self.compact():
            label_w = 0
        x = rect.left() + PAD
        number = QRect(x, rect.top(), number_w, rect.height())
        check = QRect(number.right() + PAD, rect.top(), check_w, rect.height())
        label = QRect(check.right() + 1, rect.top(), label_w, rect.height())
        text = QRect(label.right() + 2 * PAD, rect.top() + PAD, rect.right() - label.right() - 3 * PAD, rect.height() - 2 * PAD)
        return number, check, label, text

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        width = self.view.viewport().width()
        key = (index.row(), width)
        height = self._heights.get(key)
        if height is None:
            fm = QFontMetrics(option.font)
            if index.data(LineRole.BLANK):
                height = max(6, fm.height() // 2)
            else:
                text_width = self._columns(QRect(0, 0, width, 100), option.font)[3].width()
                full = index.data() or ""
                text = shown_text(full)
                indent = self.chip_indent(index.data(LineRole.LABEL) or "", option.font)
                if len(full) > SHOWN_CHARACTERS:  # a giant line: estimated, as laying it out takes milliseconds
                    sample = text[:200]
                    per_char = fm.horizontalAdvance(sample) / max(1, len(sample))
                    text_h = float((int((per_char * len(text) + indent) / max(20, text_width)) + 2) * fm.lineSpacing())
                elif fm.horizontalAdvance(text) + indent < text_width:  # the common short line: no layout needed
                    text_h = float(fm.lineSpacing())
                else:
                    _, text_h = wrapped_layout(text, option.font, text_width, indent)
                height = max(int(text_h + 0.999), fm.height()) + 2 * PAD + 2
            self._heights[key] = height
        return QSize(width, height)

    # ---- painting ----
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        painter.save()
        painter.setClipRect(option.rect)  # an estimated height (a giant line) must not spill onto the next row
        palette: QPalette = option.palette
        rect = option.rect
        value = index.data(LineRole.FAMILY)
        family = Family.by_id(value) if value else None
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        base = palette.color(QPalette.ColorRole.Base)
        painter.fillRect(rect, family_tint(family, palette) if family else base)
        if selected:
            highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
            highlight.setAlphaF(0.30)
            painter.fillRect(rect, highlight)
        if family is not None:  # a stripe in the family's hue, visible even when selected
            painter.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), QColor(FAMILY_HUES[family]))
        if not index.data(LineRole.BLANK):
            self._paint_line(painter, option, index, family)
        if option.state & QStyle.StateFlag.State_HasFocus:
            pen = painter.pen()
            pen.setColor(palette.color(QPalette.ColorRole.Highlight))
            pen.setWidth(1)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)  # the badge's brush would fill the row and hide the line
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.restore()

    def _paint_line(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex, family: Family | None) -> None:
        palette = option.palette
        number_rect, check_rect, label_rect, text_rect = self._columns(option.rect, option.font)
        fm = QFontMetrics(option.font)
        first_line = QRect(option.rect.left(), option.rect.top() + PAD, option.rect.width(), fm.height())

        painter.setFont(option.font)
        painter.setPen(mix(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.45))
        number_box = QRect(number_rect.left(), first_line.top(), number_rect.width() - PAD, fm.height())
        painter.drawText(number_box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(index.data(LineRole.NUMBER)))

        check = QStyleOptionViewItem(option)
        size = self.view.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
        check.rect = QRect(check_rect.left() + PAD, first_line.top() + (fm.height() - size) // 2, size, size)
        kept = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        check.state = (option.state & ~QStyle.StateFlag.State_HasFocus) | (QStyle.StateFlag.State_On if kept else QStyle.StateFlag.State_Off)
        self.view.style().drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck, check, painter, self.view)

        label = index.data(LineRole.LABEL)
        indent = self.chip_indent(label or "", option.font)
        if label:
            if indent:  # compact: the chip starts the text's first line
                chip = QRect(text_rect.left() - 1, label_rect.top(), indent - PAD, label_rect.height())
                self._paint_badge(painter, option, chip, first_line, label, family)
            else:
                self._paint_badge(painter, option, label_rect, first_line, label, family)

        font = QFont(option.font)
        font.setStrikeOut(family is not None)
        painter.setFont(font)
        painter.setPen(removed_text_colour(palette) if family is not None else palette.color(QPalette.ColorRole.Text))
        layout, _ = wrapped_layout(shown_text(index.data() or ""), font, text_rect.width(), indent)
        layout.draw(painter, QPointF(text_rect.topLeft()))

    @staticmethod
    def badge_rect(label_rect: QRect, first_line: QRect, label: str, font: QFont) -> QRect:
        """Right-aligned in the label column: a short label sits next to its line's text, not across a gap
        sized for the longest label."""
        sfm = QFontMetrics(small_font(font))
        width = sfm.horizontalAdvance(label) + 2 * PAD + 2
        return QRect(label_rect.right() - width + 1, first_line.top() + (first_line.height() - sfm.height() - 2) // 2, width, sfm.height() + 2)

    def _paint_badge(self, painter: QPainter, option, label_rect: QRect, first_line: QRect, label: str, family: Family | None) -> None:
        palette = option.palette
        small = small_font(option.font)
        badge = self.badge_rect(label_rect, first_line, label, option.font)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if family is not None:
            painter.setBrush(family_badge(family, palette))
            painter.setPen(Qt.PenStyle.NoPen)
        else:  # kept by a keep rule or by hand: green, with an outline
            painter.setBrush(badge_colour(KEPT_HUE, palette))
            painter.setPen(QColor(KEPT_HUE))
        painter.drawRoundedRect(badge, 3, 3)
        painter.setFont(small)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)

    # ---- interaction: the keep box and double-click toggle the line ----
    def editorEvent(self, event: QEvent, model, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> bool:
        if not index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            if event.button() != Qt.MouseButton.LeftButton:
                return False
            check_rect = self._columns(option.rect, option.font)[1]
            if not check_rect.contains(event.position().toPoint()):
                return False
        elif kind == QEvent.Type.MouseButtonDblClick:
            pass
        elif kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            check_rect = self._columns(option.rect, option.font)[1]
            return check_rect.contains(event.position().toPoint())  # a press on the box does not select
        else:
            return False
        kept = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        return model.setData(index, Qt.CheckState.Unchecked if kept else Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)


class LineView(QListView):
    contextMenuRequested = Signal(object)  # QMenu to fill, shown after

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setUniformItemSizes(False)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(200)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setWordWrap(True)
        self.setMouseTracking(True)
        self.delegate = LineDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setAccessibleName("Lines of the selected document")

    def setModel(self, model) -> None:
        super().setModel(model)
        model.modelReset.connect(self.delegate.clear_cache)
        model.layoutChanged.connect(self.delegate.clear_cache)

    def dataChanged(self, top_left, bottom_right, roles=()) -> None:
        """Repaint only. The model emits dataChanged just for new decisions on the same lines, which leave
        every row's height as it was; QListView's own handler would lay out all rows again, which in batched
        mode (long documents) throws the view back to the top after every edit."""
        QAbstractItemView.dataChanged(self, top_left, bottom_right, list(roles))

    def moveCursor(self, action, modifiers):
        """Blank lines only keep paragraphs apart: the keys step over them, one press per visible line."""
        index = super().moveCursor(action, modifiers)
        model = self.model()
        if model is None or not index.isValid() or not index.data(LineRole.BLANK):
            return index
        Move = QAbstractItemView.CursorAction
        back = action in (Move.MoveUp, Move.MovePageUp, Move.MovePrevious, Move.MoveEnd)
        for step in (-1, 1) if back else (1, -1):
            row = index.row()
            while 0 <= row < model.rowCount() and model.index(row, 0).data(LineRole.BLANK):
                row += step
            if 0 <= row < model.rowCount():
                return model.index(row, 0)
        return index

    def contextMenuEvent(self, event) -> None:
        menu = QMenu(self)
        self.contextMenuRequested.emit(menu)
        if not menu.isEmpty():
            menu.exec(event.globalPos())

    def selected_rows(self) -> list[int]:
        rows = sorted({i.row() for i in self.selectionModel().selectedIndexes()})
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        return rows


class CleanTextView(QPlainTextEdit):
    """The clean result, as exported; select text and right-click to turn it into a rule."""

    contextMenuRequested = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setAccessibleName("Clean text of the selected document")
        self.setPlaceholderText(NOTHING_LEFT)

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu(event.pos())
        self.contextMenuRequested.emit(menu)
        menu.exec(event.globalPos())


class TitleLabel(QLabel):
    """A wrapping title whose words wider than the label (a long file name, a URL) are elided in the middle,
    where a plain QLabel would clip them at the pane's edge; the full title is in the tooltip."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.full_text = ""

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self._fit()

    def _fit(self) -> None:
        fm = QFontMetrics(self.font())
        width = max(40, self.contentsRect().width())
        words = [fm.elidedText(w, Qt.TextElideMode.ElideMiddle, width) if fm.horizontalAdvance(w) > width else w for w in self.full_text.split(" ")]
        shown = " ".join(words)
        if shown != self.text():
            self.setText(shown)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()


def badge_html(text: str, colour: QColor, palette: QPalette) -> str:
    return f'<span style="background-color:{colour.name()}; color:{palette.color(QPalette.ColorRole.Text).name()};">&nbsp;{html.escape(text)}&nbsp;</span>'


def legend_tooltip(palette: QPalette) -> str:
    rows = "".join(f"<tr><td>{badge_html(f.label, family_badge(f, palette), palette)}</td><td>{html.escape(FAMILY_DESCRIPTIONS[f])}</td></tr>" for f in Family)
    return f"<b>What the labels mean</b><table cellspacing='3'>{rows}</table>"


class SideBySideDelegate(QStyledItemDelegate):
    """The original's removed lines tinted by their family, as in the annotated view (the struck-through
    text and its [label] stay the cues that do not rely on colour)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        value = index.data(LineRole.FAMILY)
        if value and index.column() == SideBySideModel.ORIGINAL:
            option.backgroundBrush = QBrush(family_tint(Family.by_id(value), option.palette))


class PreviewPane(QWidget):
    """Metadata, legend, the annotated/clean toggle, the lines, and the current line's explanation."""

    ANNOTATED, CLEAN, SIDE_BY_SIDE = 0, 1, 2
    modeChanged = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = LineModel(self)
        self.cleaned: Cleaned | None = None
        self._scroll_target: tuple[str, int] | None = None
        self._clean_text_of: Cleaned | None = None  # the document whose clean text the clean view holds

        self.title = TitleLabel()
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25 if title_font.pointSizeF() > 0 else 12)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.RichText)
        # links by mouse only: a keyboard focus inside this label is invisible, and Tab must reach the lines
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.meta.setOpenExternalLinks(True)

        self.annotated_button = self._mode_button("Annotated", "The annotated original: every line, removed ones struck through with their reason (Ctrl+1)")
        self.clean_button = self._mode_button("Clean", "The clean result: the text as it will be exported (Ctrl+2)")
        self.annotated_button.setChecked(True)
        self.modes = QButtonGroup(self)
        self.modes.addButton(self.annotated_button, self.ANNOTATED)
        self.modes.addButton(self.clean_button, self.CLEAN)
        self.side_button = self._mode_button("Side by side", "Original | Clean, a removed line beside the gap it leaves (Ctrl+3)")
        self.modes.addButton(self.side_button, self.SIDE_BY_SIDE)
        self.modes.idToggled.connect(self._mode_toggled)
        self.summary = QLabel()
        self.summary.setWordWrap(True)  # the pane's minimum width must not depend on the document shown
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.legend.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        self.lines = LineView()
        self.lines.setModel(self.model)
        self.clean_text = CleanTextView()
        self.placeholder = SecondaryLabel("Select a document to see what is removed and why.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.side_model = SideBySideModel(self)
        self.side = QTableView()
        self.side.setModel(self.side_model)
        self.side.setItemDelegate(SideBySideDelegate(self.side))
        self.side.setWordWrap(True)
        self.side.setAccessibleName("Original and clean text side by side")
        self.side.setTabKeyNavigation(False)
        self.side.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.side.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.side.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.side.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._side_of: Cleaned | None = None
        for widget in (self.lines, self.clean_text, self.side, self.placeholder):
            self.stack.addWidget(widget)
        self.stack.setCurrentWidget(self.placeholder)

        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines.selectionModel().currentChanged.connect(self._show_detail)

        for label in (self.title, self.meta, self.summary, self.legend, self.detail):
            label.setMinimumWidth(60)  # long words (paths, URLs) must not widen the pane: they are clipped instead
        modes = QHBoxLayout()
        modes.setSpacing(0)
        modes.addWidget(self.annotated_button)
        modes.addWidget(self.clean_button)
        modes.addWidget(self.side_button)
        modes.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addLayout(modes)
        layout.addWidget(self.summary)  # its own line: beside the buttons it wrapped into a column on small screens
        layout.addWidget(self.legend)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.detail)
        self.show_cleaned(None)

    def _mode_button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setCheckable(True)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Ctrl+1 / Ctrl+2 from the keyboard; Tab goes to the lines
        button.toggled.connect(lambda on: self._mark_mode(button, on))
        return button

    @staticmethod
    def _mark_mode(button: QToolButton, on: bool) -> None:
        """The chosen view's button in bold: a pressed look alone is faint on some styles and dark palettes."""
        font = button.font()
        font.setBold(on)
        button.setFont(font)

    @property
    def mode(self) -> int:
        return self.modes.checkedId()

    def set_mode(self, mode: int) -> None:
        self.modes.button(mode).setChecked(True)

    def _mode_toggled(self, mode: int, checked: bool) -> None:
        if checked:
            self._fill_clean_text()
            self._fill_side()
            self._show_stack()
            self._show_detail(self.lines.currentIndex())
            self.modeChanged.emit(mode)

    def _show_stack(self) -> None:
        if self.cleaned is None:
            self.stack.setCurrentWidget(self.placeholder)
        else:
            self.stack.setCurrentWidget({self.ANNOTATED: self.lines, self.CLEAN: self.clean_text}.get(self.mode, self.side))

    def show_cleaned(self, cleaned: Cleaned | None, overrides: dict[int, str] | None = None, words: int | None = None) -> None:
        """Show a document's decisions; the same document updates in place (selection and scroll stay)."""
        new_document = cleaned is None or self.cleaned is None or cleaned.document.id != self.cleaned.document.id
        self.cleaned = cleaned
        if new_document and cleaned is not None:
            # all rows measured at once lets us scroll anywhere at once; a very long document is measured
            # in batches instead, so showing it never freezes the window
            batched = len(cleaned.lines) > BATCHED_LAYOUT_LINES
            self.lines.setLayoutMode(QListView.LayoutMode.Batched if batched else QListView.LayoutMode.SinglePass)
        self.model.set_cleaned(cleaned, overrides)
        self._show_stack()
        if cleaned is not None and new_document:
            self._scroll_to_main_text(cleaned)
        if cleaned is None:
            self.title.set_full_text("No document selected")
            self.meta.setText("")
            self.summary.setText("")
            self.legend.setText("")
            self.detail.setText("")
            self.clean_text.clear()
            return
        self._show_metadata(cleaned)
        self._clean_text_of = None
        self._fill_clean_text()
        self._fill_side()
        words = cleaned.words_kept if words is None else words
        self.summary.setText(f"{cleaned.lines_kept:,} lines kept · {cleaned.lines_removed:,} removed · {words:,} words")
        self._show_legend(cleaned)
        self._show_detail(self.lines.currentIndex())

    def _fill_side(self) -> None:
        """The side-by-side rows, filled when shown; rows fit their text unless the document is very long."""
        cleaned = self.cleaned
        if self.mode != self.SIDE_BY_SIDE or self._side_of is cleaned:
            return
        self._side_of = cleaned
        self.side_model.set_cleaned(cleaned)
        fit = cleaned is not None and len(cleaned.lines) <= BATCHED_LAYOUT_LINES
        self.side.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents if fit else QHeaderView.ResizeMode.Interactive)

    def _fill_clean_text(self) -> None:
        """The clean result, filled when it is shown: a long document's text need not be laid out unseen."""
        cleaned = self.cleaned
        if cleaned is None or self.mode != self.CLEAN or self._clean_text_of is cleaned:
            return
        self._clean_text_of = cleaned
        text = cleaned.text
        if len(text) > CLEAN_TEXT_SHOWN:
            text = text[:CLEAN_TEXT_SHOWN] + f"\n\n[… {len(text) - CLEAN_TEXT_SHOWN:,} more characters: all of them are exported]"
        if text != self.clean_text.toPlainText():
            self.clean_text.setPlainText(text)

    def _scroll_to_main_text(self, cleaned: Cleaned) -> None:
        """A web page's navigation can run for hundreds of lines: start where the kept text starts."""
        first = next((i for i, (line, r) in enumerate(zip(cleaned.lines, cleaned.removals)) if r is None and line.strip()), 0)
        self._scroll_target = None
        self.lines.scrollToTop()
        if first > 8:
            self._scroll_target = (cleaned.document.id, max(0, first - 2))
            self.lines.doItemsLayout()
            self._scroll_when_laid_out()

    def _scroll_when_laid_out(self) -> None:
        """Rows of a long document are placed in batches while the window idles: scroll once ours is placed."""
        target = self._scroll_target
        if target is None or self.cleaned is None or self.cleaned.document.id != target[0]:
            return
        index = self.model.index(target[1])
        if self.lines.visualRect(index).height() > 0 or self.lines.layoutMode() == QListView.LayoutMode.SinglePass:
            self._scroll_target = None
            self.lines.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
        else:
            QTimer.singleShot(20, self._scroll_when_laid_out)

    def _show_metadata(self, cleaned: Cleaned) -> None:
        meta = cleaned.metadata
        self.title.set_full_text(meta.get("title") or cleaned.document.name)
        where = "the title found in the document" if meta.get("title") else "no title was found: this is the file name"
        self.title.setToolTip(f"{self.title.full_text}\n({where})")
        parts = []
        for key, label in (("date", "Date"), ("author", "Author"), ("sitename", "Site")):
            if meta.get(key):
                parts.append(f"{label}: <b>{html.escape(meta[key])}</b>")
        url = meta.get("url")
        if url:
            shown = QFontMetrics(self.meta.font()).elidedText(url, Qt.TextElideMode.ElideMiddle, 360)
            parts.append(f'URL: <a href="{html.escape(url, quote=True)}">{html.escape(shown)}</a>')
        source = QFontMetrics(self.meta.font()).elidedText(cleaned.document.source, Qt.TextElideMode.ElideMiddle, 360)
        parts.append(f"File: {html.escape(source)}")
        if not any(meta.get(k) for k in ("title", "date", "author", "url")):
            parts.insert(0, "<i>No title, date or author found</i>")
        self.meta.setText(" · ".join(parts))
        self.meta.setToolTip(cleaned.document.path or cleaned.document.source)

    def _show_legend(self, cleaned: Cleaned) -> None:
        counts: dict[Family, int] = {}
        for removal in cleaned.removals:
            if removal is not None:
                counts[removal.family] = counts.get(removal.family, 0) + 1
        palette = self.palette()
        if not counts:
            self.legend.setText("Nothing removed from this document.")
        else:
            items = [
                f"{badge_html('By hand' if f is Family.MANUAL else f.label, family_badge(f, palette), palette)}&nbsp;×{n}"
                for f, n in sorted(counts.items(), key=lambda kv: list(Family).index(kv[0]))
            ]
            self.legend.setText("Removed here: " + " &nbsp; ".join(items) + " &nbsp; <i>(hover a line for the reason)</i>")
        self.legend.setToolTip(legend_tooltip(palette))

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        cleaned = self.cleaned
        if self.mode == self.SIDE_BY_SIDE:
            self.detail.setText("Removed lines are struck through on the left, with their label; the right shows what is exported.")
            return
        if self.mode == self.CLEAN:
            self.detail.setText("Select text and right-click (or press Ctrl+Shift+P) to remove every line containing it.")
            return
        if cleaned is None or not current.isValid() or current.row() >= len(cleaned.lines):
            self.detail.setText("Click a line's box (or select it and press Space) to keep or remove it by hand.")
            return
        row = current.row()
        text = f"Line {row + 1}: {line_explanation(cleaned, row)}"
        if cleaned.lines[row].strip():
            text += ". Untick its box to remove it by hand." if cleaned.removals[row] is None else ". Tick its box to keep it by hand."
        self.detail.setText(text)

    def current_row(self) -> int | None:
        index = self.lines.currentIndex()
        return index.row() if index.isValid() else None
