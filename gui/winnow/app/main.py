"""Starting the window: `winnow [PATH...] [--no-session] [--screenshot FILE [--dark] [--size WxH]]`."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from winnow.app.preferences import THEME, apply_theme
from winnow.app.termination import TerminationWatch
from winnow.app.widgets import app_icon
from winnow.app.window import MainWindow
from winnow.rules import line_rules

SCREENSHOT_TIMEOUT_MS = 300_000
VIEWS = ("preview", "side", "removed", "rules")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="winnow", description="Open the Winnow window (run `winnow --help` for the command line).")
    parser.add_argument("paths", nargs="*", help="files or folders to import")
    parser.add_argument("--no-session", action="store_true", help="start empty: do not restore or save the last session")
    parser.add_argument("--screenshot", metavar="FILE", help="import PATHs, select the first document, save a PNG of the window, quit")
    parser.add_argument("--dark", action="store_true", help="use the dark theme this time (Edit › Settings keeps a choice)")
    parser.add_argument(
        "--view",
        choices=VIEWS,
        default="preview",
        help="what --screenshot shows: the annotated preview, the side-by-side view, the list of "
        "lines the busiest rule removed, or the rules panel at full height",
    )
    parser.add_argument("--size", default="1280x800", help="window size for --screenshot, WIDTHxHEIGHT (default 1280x800)")
    parser.add_argument("--settings", metavar="FILE", help="keep window settings (and the session) in this file instead of the user's")
    return parser.parse_args(argv)


def application(argv0: str = "winnow") -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([argv0])
    app.setApplicationName("Winnow")
    app.setOrganizationName("Winnow")
    app.setDesktopFileName("io.github.winnow.Winnow")
    app.setWindowIcon(app_icon())
    return app


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    app = application()
    if args.dark:
        apply_theme("dark")
    elif not args.screenshot:
        apply_theme(THEME.read(QSettings(args.settings, QSettings.Format.IniFormat) if args.settings else QSettings()))
    if args.screenshot:
        return screenshot(app, args)
    settings = QSettings(args.settings, QSettings.Format.IniFormat) if args.settings else None
    window = MainWindow(settings, restore_session=not args.no_session, restore_documents=not args.paths)
    window.show()

    def end_for_signal() -> None:
        window.end_for_signal()
        app.quit()

    watch = TerminationWatch(end_for_signal, app)
    watch.install()
    if args.paths:
        window.import_paths(args.paths)
    try:
        return app.exec()
    finally:
        watch.uninstall()


def screenshot(app: QApplication, args: argparse.Namespace) -> int:
    """Open the window on PATHs with throw-away settings, wait until the first document is shown, save it."""
    width, height = (int(n) for n in args.size.lower().split("x"))
    settings_dir = tempfile.TemporaryDirectory(prefix="winnow-screenshot-")
    settings = QSettings(str(Path(settings_dir.name) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, restore_session=False)
    window.resize(width, height)
    window.size_docks_to_window()  # as a first start on a screen of that size would lay it out
    window.show()
    target = Path(args.screenshot)
    status = {"code": 1}

    def grab() -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        shown: QWidget = window
        if args.view == "removed" and window.removed_lines_dialog is not None:
            shown = window.removed_lines_dialog
        elif args.view == "rules":
            shown = window.rules_dock
        if shown.grab().save(str(target)):
            print(f"saved {target}")
            status["code"] = 0
        else:
            print(f"could not save {target}", file=sys.stderr)
        window.shutdown()
        app.quit()

    def imported() -> None:
        window.select_document(0)
        window.preview.lines.setFocus()
        cleaned = window.current_cleaned
        if cleaned is not None:  # point at the first removed line, so its reason shows below the text
            rows = list(enumerate(cleaned.removals))
            first = next((i for i, r in rows if r is not None and r.family.value != "outside"), None)
            if first is None:
                first = next((i for i, r in rows if r is None and cleaned.lines[i].strip()), 0)
            window.preview.lines.setCurrentIndex(window.preview.model.index(first))
        if args.view == "side":
            window.preview.set_mode(window.preview.SIDE_BY_SIDE)
        elif args.view == "removed":
            counts = window.corpus.removed_by_rule
            busiest = max((r for r in counts if r != "html.outside-main"), key=lambda r: counts[r], default=None)
            if busiest:
                window.show_removed_lines(busiest)
        elif args.view == "rules":
            window.rules_dock.setFloating(True)
            # one family open with its thresholds, the rest folded, as a user would see it mid-tuning
            tuned = next((c.id for c in line_rules() if any(p.kind is not bool for p in c.params)), None)
            if tuned:
                window.rules_panel.show_rule(tuned, more=True)
            window.rules_dock.resize(380, height)
        QTimer.singleShot(1500, grab)

    if args.paths:
        window.importFinished.connect(imported)
        window.import_paths(args.paths)
    else:
        QTimer.singleShot(500, grab)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, lambda: (print("timed out", file=sys.stderr), app.exit(1)))
    app.exec()
    window.setWindowModified(False)
    window.deleteLater()
    settings_dir.cleanup()
    return status["code"]
