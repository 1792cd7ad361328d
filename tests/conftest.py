"""Shared test set-up: Qt runs headless, and no test ever touches the user's settings or session."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


# The offscreen platform plugin itself says this whenever a shown window's size constraints change (it
# cannot pass size hints to a window manager it does not have); it is not a warning about Winnow.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(scope="session", autouse=True)
def _qt_test_paths():
    """QStandardPaths in test mode: anything that asks for the user's folders gets throw-away test ones."""
    from PySide6.QtCore import QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    yield


@pytest.fixture
def app_settings(tmp_path):
    """An isolated QSettings file (the window keeps its session database beside it)."""
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "settings" / "winnow.ini"), QSettings.Format.IniFormat)
    yield settings
    settings.sync()


@pytest.fixture
def answer_questions(monkeypatch):
    """Question boxes answer without blocking; tests change `answer["button"]` to choose the reply."""
    from PySide6.QtWidgets import QMessageBox

    answer = {"button": QMessageBox.StandardButton.Discard, "asked": []}

    def question(parent, title, text, *args, **kwargs):
        answer["asked"].append(text)
        return answer["button"]

    monkeypatch.setattr(QMessageBox, "question", question)
    return answer


@pytest.fixture
def main_window(qtbot, app_settings, answer_questions):
    """A shown main window with isolated settings and no session restore; its workers are stopped after."""
    from winnow.app.window import MainWindow

    window = MainWindow(app_settings, restore_session=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.shutdown()
