"""The rules panel, drawn from the rule registry: a switch, parameter controls and live counts for every rule,
and the user's own lists (phrases, regular expressions, selectors, keep-exceptions) edited in place.

The panel never changes the recipe itself: it emits what the user asked for, and the window turns that
into an undoable command. `set_recipe` shows a recipe without emitting anything.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Callable

from PySide6.QtCore import QSettings, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat, QTextCursor, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from winnow import rules
from winnow.app.preferences import setting
from winnow.app.theme import FAMILY_DESCRIPTIONS, family_badge
from winnow.app.widgets import SecondaryLabel
from winnow.core.model import Family
from winnow.core.wording import plural
from winnow.pipeline import selector_error
from winnow.recipe import ANALYSE, ANALYSE_PARAMS, CustomRules, Recipe
from winnow.rules.base import Param, Rule
from winnow.rules.custom import KEEP_PHRASE, KEEP_REGEX, regex_error

Validator = Callable[[str], "str | None"]
INT_LIMIT = 1_000_000_000
EDIT_DELAY_MS = 500  # typing in a list is applied once the user pauses
UNFOLDED_KEY = "rules_panel/unfolded"  # QSettings: the families the user left unfolded
NEAR_DUPLICATES = "duplicates.near"

# One line per family, in a reader's words: what it takes out of a page.
FAMILY_SUMMARIES = {
    "ads": "Takes out ad labels and affiliate notices.",
    "cookies": "Takes out cookie and consent banners and their buttons.",
    "furniture": "Takes out counters, reading times, photo credits, bare dates and bylines.",
    "prompts": "Takes out calls to share, follow, subscribe or donate.",
    "headlines": "Takes out headlines that point to other articles.",
    "boilerplate": "Keeps the article and takes out the menus, teasers and footers around it.",
    "repeats": "Takes out later copies of a line repeated in the same page.",
    "contact": "Takes out contact lines; can hide e-mail addresses and phone numbers.",
    "template": "Takes out the menus and footers most pages of one site carry.",
    "duplicate": "Leaves out copies of a story already in the corpus.",
    "language": "Leaves out pages in languages you did not ask for.",
    "quality": "Leaves out pages that are not prose: lists, symbols, placeholders.",
}


class ListEditor(QWidget):
    """One entry per line; invalid entries are underlined with their error listed below, and not applied."""

    entriesChanged = Signal(tuple)

    def __init__(self, placeholder: str, validator: Validator | None = None, parent=None) -> None:
        super().__init__(parent)
        self.validator = validator
        self.edit = QPlainTextEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setTabChangesFocus(True)
        self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        lines = 4
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * lines + 12)
        self.errors = QLabel()
        self.errors.setWordWrap(True)
        self.errors.setVisible(False)
        self.errors.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.errors)
        self._applied: tuple[str, ...] = ()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(EDIT_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.edit.textChanged.connect(self._text_changed)
        self.edit.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.edit and event.type() == event.Type.FocusOut:
            self.flush()
        return False

    def _text_changed(self) -> None:
        self.validate()
        self._timer.start()

    def lines(self) -> list[str]:
        return self.edit.toPlainText().split("\n")

    def problems(self) -> dict[int, str]:
        """0-based line number -> why that entry is not used."""
        if self.validator is None:
            return {}
        out = {}
        for n, line in enumerate(self.lines()):
            if line.strip():
                error = self.validator(line.strip())
                if error:
                    out[n] = error
        return out

    def entries(self) -> tuple[str, ...]:
        """The valid entries, in order, without blanks and duplicates."""
        bad = self.problems()
        return tuple(dict.fromkeys(line.strip() for n, line in enumerate(self.lines()) if line.strip() and n not in bad))

    def validate(self) -> None:
        bad = self.problems()
        selections = []
        for n in bad:
            block = self.edit.document().findBlockByNumber(n)
            selection = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor("#e03131"))
            fmt.setToolTip(bad[n])
            selection.format = fmt
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        self.edit.setExtraSelections(selections)
        if bad:
            text = "\n".join(f"⚠ Line {n + 1} is not applied: {message}" for n, message in sorted(bad.items()))
            self.errors.setText(text)
        self.errors.setVisible(bool(bad))
        self.edit.setToolTip("\n".join(f"Line {n + 1}: {m}" for n, m in sorted(bad.items())))

    def flush(self) -> None:
        """Apply now what was typed (the window calls this before saving or exporting)."""
        self._timer.stop()
        entries = self.entries()
        if entries != self._applied:
            self._applied = entries
            self.entriesChanged.emit(entries)

    def set_entries(self, entries: tuple[str, ...]) -> None:
        """Show the recipe's entries, unless they are what is typed already (keeps invalid lines being edited)."""
        entries = tuple(entries)
        self._applied = entries
        if entries == self.entries():
            return
        with QSignalBlocker(self.edit):
            self.edit.setPlainText("\n".join(entries))
        self.validate()


def wheel_only_with_focus(control: QAbstractSpinBox, event: QWheelEvent, handle: Callable[[QWheelEvent], None]) -> None:
    """Scrolling the panel must not change a parameter the wheel happens to pass over: a control takes
    the wheel only once the user has clicked or tabbed into it."""
    if control.hasFocus():
        handle(event)
    else:
        event.ignore()  # the scroll area scrolls instead


class ParamSpinBox(QSpinBox):
    def wheelEvent(self, event: QWheelEvent) -> None:
        wheel_only_with_focus(self, event, super().wheelEvent)


class ParamDoubleSpinBox(QDoubleSpinBox):
    def wheelEvent(self, event: QWheelEvent) -> None:
        wheel_only_with_focus(self, event, super().wheelEvent)


def param_control(param: Param, changed: Callable[[Any], None]) -> QWidget:
    """A control for a typed, bounded parameter; `changed` gets the new value once the user commits it."""
    kind = param.kind
    if kind is bool:
        box = QCheckBox(param.label)
        box.toggled.connect(changed)
        return box
    if kind is int:
        spin = ParamSpinBox()
        spin.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # not WheelFocus: a passing wheel does not focus it
        spin.setRange(int(param.minimum) if param.minimum is not None else -INT_LIMIT, int(param.maximum) if param.maximum is not None else INT_LIMIT)
        spin.setSingleStep(int(param.step or 1))
        spin.setKeyboardTracking(False)  # typed digits apply on Enter or focus-out, not per keystroke
        spin.setMaximumWidth(120)
        spin.valueChanged.connect(changed)
        return spin
    if kind is float:
        fspin = ParamDoubleSpinBox()
        fspin.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        step = float(param.step or 0.1)
        decimals = max(1, len(f"{step:g}".split(".")[1]) if "." in f"{step:g}" else 1)
        fspin.setDecimals(decimals)
        fspin.setRange(float(param.minimum) if param.minimum is not None else -INT_LIMIT, float(param.maximum) if param.maximum is not None else INT_LIMIT)
        fspin.setSingleStep(step)
        fspin.setKeyboardTracking(False)
        fspin.setMaximumWidth(120)
        fspin.valueChanged.connect(changed)
        return fspin
    if kind is str and param.choices:
        combo = QComboBox()
        for choice in param.choices:
            combo.addItem(choice, choice)
        combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        combo.currentIndexChanged.connect(lambda _n: changed(combo.currentData()))
        return combo
    if kind is str:
        line = QLineEdit()
        line.editingFinished.connect(lambda: changed(line.text()))
        return line
    editor = ListEditor("One entry per line")
    editor.entriesChanged.connect(changed)
    return editor


def value_emitter(panel: RulesPanel, rule_id: str, name: str) -> Callable[[Any], None]:
    return lambda value: panel.valueChanged.emit(rule_id, name, value)


def show_value(control: QWidget, value: Any) -> None:
    with QSignalBlocker(control):
        if isinstance(control, QCheckBox):
            control.setChecked(bool(value))
        elif isinstance(control, (QSpinBox, QDoubleSpinBox)):
            control.setValue(value)
        elif isinstance(control, QComboBox):
            control.setCurrentIndex(max(0, control.findData(value)))
        elif isinstance(control, QLineEdit):
            control.setText(str(value))
        elif isinstance(control, ListEditor):
            control.set_entries(tuple(value))


def count_text(here: int | None, everywhere: int, recounting: bool, verb: str = "Removes", link: bool = False) -> str:
    """“Removes 3 lines here · 40 in all”; with `link`, the corpus figure opens the list of those lines."""
    here_text = "no document selected" if here is None else f"{plural(here, 'line')} here"
    everywhere_text = f"{everywhere:,} in all{' (counting…)' if recounting else ''}"
    if link and everywhere:
        everywhere_text = f'<a href="removed">{everywhere_text}</a>'
    return f"{verb} {here_text} · {everywhere_text}"


def document_count_text(here: bool | None, everywhere: int, recounting: bool) -> str:
    """“Leaves out 3 documents in all · not this one”."""
    here_text = "" if here is None else " · this one" if here else " · not this one"
    return f"Leaves out {plural(everywhere, 'document')} in all{' (counting…)' if recounting else ''}{here_text}"


HAND_CHOSEN = ("keep_ids", "distinct_ids")  # chosen in the Duplicates view, not typed in the panel


def language_code_error(code: str) -> str | None:
    """Why `code` is not an ISO 639-1 language code (as the language filter compares them), or None."""
    if len(code) == 2 and code.isascii() and code.isalpha():
        return None
    return f"“{code}” is not a two-letter language code (en, de, fr …)"


def link_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)  # a narrow panel wraps the figures instead of clipping them ("6… in all")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
    return label


class RuleRow(QFrame):
    """A rule's switch, counts, description and parameters."""

    def __init__(self, cls: type[Rule], panel: RulesPanel, switch: QCheckBox | None = None, document_rule: bool = False) -> None:
        """`switch`: the family header's, when the rule is its family's only one (one switch, not two).
        `document_rule`: it leaves out whole documents (counted in documents, with no list of lines)."""
        super().__init__()
        self.rule_id = cls.id
        self.document_rule = document_rule
        own_switch = switch is None
        self.switch = switch if switch is not None else bold_checkbox(cls.name)
        self.switch.setToolTip(f"{cls.description}\n(rule {cls.id})")
        self.switch.setAccessibleDescription(cls.description)
        self.switch.toggled.connect(lambda on: panel.enabledChanged.emit(cls.id, on))
        self.counts = link_label()
        if document_rule:
            self.counts.setToolTip("Whether this rule leaves out the selected document, and how many documents it leaves out of the corpus")
        else:
            self.counts.setToolTip(
                "Lines this rule removes in the selected document, and in all imported documents; click the second figure for the list of every line it removes"
            )
            self.counts.linkActivated.connect(lambda _link: panel.showRemovedLines.emit(cls.id))
        self.counts.setContentsMargins(22, 0, 0, 0)
        description = SecondaryLabel(cls.description)
        description.setContentsMargins(22, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        if own_switch:
            layout.addWidget(self.switch)
        layout.addWidget(description)
        layout.addWidget(self.counts)
        self.controls: dict[str, QWidget] = {}
        # Switches read as plain choices and stay in view; numeric thresholds are for tuning, folded away.
        # (a document rule's lists and choices — languages, which copy to keep — are its main settings)
        shown = [p for p in cls.params if p.name not in HAND_CHOSEN]
        basic = [p for p in shown if p.kind is bool or (document_rule and (p.choices or p.kind in (list, tuple)))]
        advanced = [p for p in shown if p not in basic]
        if basic:
            layout.addLayout(self._form(cls, basic, panel))
        self.more: QToolButton | None = None
        self.advanced: QWidget | None = None
        if advanced:
            self.more = QToolButton()
            self.more.setText("More settings")
            self.more.setCheckable(True)
            self.more.setAutoRaise(True)
            self.more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self.more.setArrowType(Qt.ArrowType.RightArrow)
            self.more.setToolTip("Show the thresholds of this rule: " + ", ".join(p.label for p in advanced))
            self.more.toggled.connect(self.show_more)
            self.advanced = QWidget()
            self.advanced.setLayout(self._form(cls, advanced, panel))
            self.advanced.setVisible(False)
            more_row = QHBoxLayout()
            more_row.setContentsMargins(18, 0, 0, 0)
            more_row.addWidget(self.more)
            more_row.addStretch(1)
            layout.addLayout(more_row)
            layout.addWidget(self.advanced)

    def _form(self, cls: type[Rule], params: list[Param], panel: RulesPanel) -> QFormLayout:
        form = QFormLayout()
        form.setContentsMargins(22, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for param in params:
            control = param_control(param, value_emitter(panel, cls.id, param.name))
            if isinstance(control, ListEditor) and param.name == "languages":
                control.edit.setPlaceholderText("One language code per line, e.g. en; empty keeps every language")
                control.validator = language_code_error
            # the label is plain language; the tooltip gives the exact meaning and the recipe's key
            tip = f"{param.help}\n(recipe: {param.name}, default {param.default!r})"
            control.setToolTip(tip)
            self.controls[param.name] = control
            if isinstance(control, QCheckBox):
                # a checkbox's own text cannot wrap: its caption is a label beside it that can
                caption = ClickableLabel(control.text(), control)
                caption.setToolTip(tip)
                control.setAccessibleName(control.text())
                control.setText("")
                form.addRow(control, caption)
            else:
                label = QLabel(param.label + ":")
                label.setToolTip(tip)
                label.setWordWrap(True)
                label.setBuddy(control)
                form.addRow(label, control)
        return form

    def show_more(self, shown: bool) -> None:
        """Unfold (or fold) the rule's thresholds."""
        if self.more is None or self.advanced is None:
            return
        with QSignalBlocker(self.more):
            self.more.setChecked(shown)
        self.more.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.advanced.setVisible(shown)

    def show_recipe(self, recipe: Recipe) -> None:
        enabled = recipe.enabled(self.rule_id)
        with QSignalBlocker(self.switch):
            self.switch.setChecked(enabled)
        for name, control in self.controls.items():
            show_value(control, recipe.value(self.rule_id, name))
            control.setEnabled(enabled)


def bold_checkbox(text: str) -> QCheckBox:
    box = QCheckBox(text)
    font = QFont(box.font())
    font.setBold(True)
    box.setFont(font)
    return box


class ClickableLabel(QLabel):
    """A word-wrapping caption for a checkbox (a QCheckBox's own text cannot wrap); clicking it toggles the box."""

    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self.box = box
        self.setWordWrap(True)
        self.setBuddy(box)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.box.isEnabled():
            self.box.click()
        super().mouseReleaseEvent(event)


class FamilyHeader(QWidget):
    """A family's fold arrow, coloured label (as in the preview), its on/off switch and title, and its total."""

    def __init__(self, family: Family, palette: QPalette, title: str, switchable: bool, with_total: bool = True, foldable: bool = False) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 2)
        layout.setSpacing(4)
        self.fold: QToolButton | None = None
        if foldable:
            self.fold = QToolButton()
            self.fold.setCheckable(True)
            self.fold.setAutoRaise(True)
            self.fold.setArrowType(Qt.ArrowType.RightArrow)
            self.fold.setToolTip(f"Show or hide the rules for {family.description}")
            self.fold.setAccessibleName(f"Show the rules: {title}")
            layout.addWidget(self.fold, 0, Qt.AlignmentFlag.AlignTop)
        badge = QLabel(f" {family.label} ")
        badge.setAutoFillBackground(True)
        pal = badge.palette()
        pal.setColor(QPalette.ColorRole.Window, family_badge(family, palette))
        pal.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.Text))
        badge.setPalette(pal)
        badge.setToolTip(f"Lines removed by these rules are labelled “{family.label}” in the preview")
        layout.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        self.switch: QCheckBox | None = None
        if switchable:
            self.switch = QCheckBox()
            self.switch.setAccessibleName(title)
            layout.addWidget(self.switch, 0, Qt.AlignmentFlag.AlignTop)
            heading: QLabel = ClickableLabel(title, self.switch)
        else:
            heading = QLabel(title)
            heading.setWordWrap(True)
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading, 1)
        self.total = QLabel()
        self.total.setWordWrap(True)  # "1,234 lines in all" wraps rather than reading as cut off
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        if with_total:
            layout.addWidget(self.total, 0, Qt.AlignmentFlag.AlignTop)


CUSTOM_FIELDS: tuple[tuple[str, str, str, str | None, Validator | None], ...] = (
    # field, label, placeholder, counted rule id, validator
    ("drop_containing", "Remove lines containing", "One phrase per line, e.g. Read more", "custom.drop-containing", None),
    ("drop_equal", "Remove lines equal to", "One whole line per line, e.g. Share this article", "custom.drop-equal", None),
    ("drop_regex", "Remove lines matching (regular expressions)", r"One pattern per line, e.g. ^Photo: .*$", "custom.drop-regex", regex_error),
    ("selectors", "Remove HTML elements (CSS selectors)", "One selector per line, e.g. div.related, aside", None, selector_error),
    ("keep_containing", "Always keep lines containing", "One phrase per line; wins over every removal rule", KEEP_PHRASE, None),
    ("keep_regex", "Always keep lines matching (regular expressions)", "One pattern per line", KEEP_REGEX, regex_error),
)
assert {f[0] for f in CUSTOM_FIELDS} == set(CustomRules.FIELDS)


class RulesPanel(QScrollArea):
    enabledChanged = Signal(str, bool)
    familyEnabledChanged = Signal(object, bool)  # the family's rule ids, on
    valueChanged = Signal(str, str, object)
    customChanged = Signal(str, tuple)
    clearHandDecisions = Signal()
    showRemovedLines = Signal(str)  # a rule id: list every line it removes in the corpus

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(8, 4, 8, 8)
        self.layout_.setSpacing(2)
        intro = QLabel("Switch rules on or off and tune them; the preview and the counts follow at once. Every change can be undone (Ctrl+Z).")
        intro.setWordWrap(True)
        self.layout_.addWidget(intro)
        # the analyse stage's settings (how dates are read), whichever rules are on
        self.analyse_controls: dict[str, QWidget] = {}
        for param in ANALYSE_PARAMS:
            control = param_control(param, value_emitter(self, ANALYSE, param.name))
            control.setToolTip(f"{param.help}\n(read for the metadata whichever rules are on)")
            self.analyse_controls[param.name] = control
            self.layout_.addWidget(control)

        self.rows: dict[str, RuleRow] = {}  # line rules
        self.document_rows: dict[str, RuleRow] = {}  # document rules: language, quality, near-duplicates
        self.family_totals: dict[Family, tuple[QLabel, list[str]]] = {}
        self.document_family_totals: dict[Family, tuple[QLabel, list[str]]] = {}
        self.family_switches: dict[Family, tuple[QCheckBox, list[str]]] = {}  # families of several rules
        self.family_groups: dict[Family, tuple[QToolButton, QWidget]] = {}  # fold arrow, the rules it folds
        self._recipe = Recipe()
        self._settings: QSettings | None = None
        self._add_families(rules.line_rules(), self.rows, self.family_totals, document_rules=False)
        if not self.rows:
            note = QLabel("No line rules are available in this build; your own rules below still apply.")
            note.setWordWrap(True)
            self.layout_.addWidget(note)

        documents_title = QLabel("<b>Whole documents</b>")
        documents_title.setContentsMargins(0, 12, 0, 0)
        self.layout_.addWidget(documents_title)
        documents_note = SecondaryLabel(
            "These rules judge a whole document after its lines are cleaned; a document they leave out is not exported "
            "(File › Export can write it to a file of its own, with the reason)."
        )
        self.layout_.addWidget(documents_note)
        self._add_families(rules.document_rules(), self.document_rows, self.document_family_totals, document_rules=True)
        self.hand_chosen = SecondaryLabel("")
        self.hand_chosen.setContentsMargins(30, 0, 0, 0)
        near = self.document_rows.get(NEAR_DUPLICATES)
        if near is not None and (near_layout := near.layout()) is not None:
            near_layout.addWidget(self.hand_chosen)

        palette = self.palette()
        self.layout_.addWidget(FamilyHeader(Family.CUSTOM, palette, "Your own rules", switchable=False, with_total=False))
        self.editors: dict[str, ListEditor] = {}
        self.custom_counts: dict[str, tuple[QLabel, str | None]] = {}
        for field_name, label, placeholder, rule_id, validator in CUSTOM_FIELDS:
            editor = ListEditor(placeholder, validator)
            editor.setObjectName(field_name)
            editor.entriesChanged.connect(lambda entries, f=field_name: self.customChanged.emit(f, entries))
            caption = QLabel(f"<b>{label}</b>")
            caption.setWordWrap(True)
            caption.setBuddy(editor.edit)
            counts = link_label()
            if rule_id is not None and not field_name.startswith("keep"):
                counts.linkActivated.connect(lambda _link, r=rule_id: self.showRemovedLines.emit(r))
            self.layout_.addWidget(caption)
            self.layout_.addWidget(editor)
            self.layout_.addWidget(counts)
            self.editors[field_name] = editor
            self.custom_counts[field_name] = (counts, rule_id)

        self.layout_.addWidget(FamilyHeader(Family.MANUAL, palette, "Decided by hand", switchable=False, with_total=False))
        self.hand = QLabel()
        self.hand.setWordWrap(True)
        self.clear_hand = QPushButton("Clear hand decisions in this document")
        self.clear_hand.clicked.connect(self.clearHandDecisions)
        self.layout_.addWidget(self.hand)
        self.layout_.addWidget(self.clear_hand, 0, Qt.AlignmentFlag.AlignLeft)
        self.layout_.addStretch(1)
        self.setWidget(body)
        body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def _add_families(
        self, classes: tuple[type[Rule], ...], rows: dict[str, RuleRow], totals: dict[Family, tuple[QLabel, list[str]]], document_rules: bool
    ) -> None:
        """A folded group per family: its header (switch, title), a one-line summary with its total, its rules."""
        palette = self.palette()
        by_family: dict[Family, list[type[Rule]]] = {}
        for cls in classes:  # built-in and plugin rules alike
            by_family.setdefault(cls.family, []).append(cls)
        for family in Family:
            members = by_family.get(family)
            if not members:
                continue
            ids = [cls.id for cls in members]
            single = len(members) == 1
            title = members[0].name if single else FAMILY_DESCRIPTIONS[family].capitalize()
            # the title gets the whole first line; the family's total sits beside the summary below it
            header = FamilyHeader(family, palette, title, switchable=True, with_total=False, foldable=True)
            self.layout_.addWidget(header)
            summary = SecondaryLabel(FAMILY_SUMMARIES.get(family.id, FAMILY_DESCRIPTIONS[family].capitalize() + "."))
            summary_line = QHBoxLayout()
            summary_line.setContentsMargins(26, 0, 0, 0)
            summary_line.addWidget(summary, 1)
            summary_line.addWidget(header.total, 0, Qt.AlignmentFlag.AlignTop)
            self.layout_.addLayout(summary_line)
            totals[family] = (header.total, ids)
            if not single and header.switch is not None:
                header.switch.setToolTip(f"Switch all {len(members)} rules of this family on or off")
                header.switch.clicked.connect(lambda _checked=False, f=family: self._family_clicked(f))
                self.family_switches[family] = (header.switch, ids)
            rules_box = QWidget()
            rules_layout = QVBoxLayout(rules_box)
            rules_layout.setContentsMargins(8, 0, 0, 0)
            rules_layout.setSpacing(2)
            for cls in members:
                row = RuleRow(cls, self, header.switch if single else None, document_rule=document_rules)
                rows[cls.id] = row
                rules_layout.addWidget(row)
            self.layout_.addWidget(rules_box)
            assert header.fold is not None
            self.family_groups[family] = (header.fold, rules_box)
            header.fold.toggled.connect(lambda shown, f=family: self._fold_clicked(f, shown))
            self.unfold(family, False)  # folded: the panel opens as one line and a summary per family

    def unfold(self, family: Family, shown: bool = True) -> None:
        """Show (or fold away) a family's rules."""
        fold, body = self.family_groups[family]
        with QSignalBlocker(fold):
            fold.setChecked(shown)
        fold.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        body.setVisible(shown)

    def _fold_clicked(self, family: Family, shown: bool) -> None:
        self.unfold(family, shown)
        if self._settings is not None:
            self._settings.setValue(UNFOLDED_KEY, self.unfolded())

    def unfolded(self) -> list[str]:
        """Ids of the families shown unfolded."""
        return [family.id for family, (fold, _body) in self.family_groups.items() if fold.isChecked()]

    def remember_folds(self, settings: QSettings) -> None:
        """Unfold the families unfolded last time, and remember from now on which ones the user unfolds."""
        self._settings = settings
        shown = setting(settings, UNFOLDED_KEY, [])
        for family in self.family_groups:
            self.unfold(family, family.id in shown)

    def show_rule(self, rule_id: str, more: bool = False) -> RuleRow:
        """Unfold the family of a rule (and with `more`, its thresholds) and scroll it into view."""
        row = self.rows[rule_id]
        for family, (_fold, body) in self.family_groups.items():
            if body.isAncestorOf(row):
                self.unfold(family)
        if more:
            row.show_more(True)
        self.ensureWidgetVisible(row)
        return row

    def _family_clicked(self, family: Family) -> None:
        """A family switch turns all its rules on, unless all are on already: then off."""
        switch, ids = self.family_switches[family]
        all_on = all(self._recipe.enabled(rule_id) for rule_id in ids)
        self.familyEnabledChanged.emit(ids, not all_on)
        self._show_family_switches()  # in case the recipe did not change

    def _show_family_switches(self) -> None:
        for switch, ids in self.family_switches.values():
            on = [self._recipe.enabled(rule_id) for rule_id in ids]
            state = Qt.CheckState.Checked if all(on) else Qt.CheckState.Unchecked if not any(on) else Qt.CheckState.PartiallyChecked
            with QSignalBlocker(switch):
                switch.setTristate(state == Qt.CheckState.PartiallyChecked)
                switch.setCheckState(state)

    def set_recipe(self, recipe: Recipe) -> None:
        self._recipe = recipe
        self._show_family_switches()
        for row in (*self.rows.values(), *self.document_rows.values()):
            row.show_recipe(recipe)
        if NEAR_DUPLICATES in self.document_rows:
            kept, split = (len(recipe.value(NEAR_DUPLICATES, name)) for name in HAND_CHOSEN)
            self.hand_chosen.setText(
                f"Chosen by hand in View › Duplicates: {kept:,} {'copy' if kept == 1 else 'copies'} kept, {plural(split, 'document')} split off."
                if kept or split
                else "Choose another copy to keep, or split a cluster, in View › Duplicates."
            )
        for name, control in self.analyse_controls.items():
            show_value(control, recipe.value(ANALYSE, name))
        for field_name, editor in self.editors.items():
            editor.set_entries(getattr(recipe.custom, field_name))

    def flush(self) -> None:
        for editor in self.editors.values():
            editor.flush()
        for row in (*self.rows.values(), *self.document_rows.values()):
            for control in row.controls.values():
                if isinstance(control, ListEditor):
                    control.flush()
                elif isinstance(control, (QSpinBox, QDoubleSpinBox)):
                    control.interpretText()  # a typed, not yet committed number (keyboard tracking is off)
                elif isinstance(control, QLineEdit) and control.isModified():
                    control.editingFinished.emit()

    def set_counts(
        self,
        corpus_removed: Counter,
        corpus_kept: Counter,
        here_removed: Counter | None,
        here_kept: Counter | None,
        recounting: bool,
        hand_here: int | None,
        hand_all: int,
        left_out: Counter | None = None,
        left_out_here: str | None = None,
    ) -> None:
        """`left_out`: documents each document rule leaves out of the corpus; `left_out_here`: the rule that
        leaves out the selected document ("" when it stays, None when none is selected)."""

        def here(counter: Counter | None, key: str) -> int | None:
            return None if counter is None else counter.get(key, 0)

        for rule_id, row in self.rows.items():
            row.counts.setText(count_text(here(here_removed, rule_id), corpus_removed.get(rule_id, 0), recounting, link=True))
        for total_label, rule_ids in self.family_totals.values():
            everywhere = sum(corpus_removed.get(r, 0) for r in rule_ids)
            total_label.setText(f"{plural(everywhere, 'line')} in all{' (counting…)' if recounting else ''}")
        left_out = left_out or Counter()
        for rule_id, row in self.document_rows.items():
            row.counts.setText(document_count_text(None if left_out_here is None else left_out_here == rule_id, left_out.get(rule_id, 0), recounting))
        for total_label, rule_ids in self.document_family_totals.values():
            everywhere = sum(left_out.get(r, 0) for r in rule_ids)
            total_label.setText(f"{plural(everywhere, 'document')} left out{' (counting…)' if recounting else ''}")
        for field_name, (label, counted) in self.custom_counts.items():
            if counted is None:
                label.setText("")
            elif field_name.startswith("keep"):
                label.setText(count_text(here(here_kept, counted), corpus_kept.get(counted, 0), recounting, "Keeps"))
            else:
                label.setText(count_text(here(here_removed, counted), corpus_removed.get(counted, 0), recounting, link=True))
        here_text = "No document selected" if hand_here is None else f"{plural(hand_here, 'line')} decided by hand in this document"
        self.hand.setText(f"{here_text}; {hand_all:,} in all. Tick or untick a line's box in the preview to decide it by hand.")
        self.clear_hand.setEnabled(bool(hand_here))
