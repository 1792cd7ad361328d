"""SIGTERM, SIGHUP and Ctrl+C end the window the way closing it does: background work stopped, the worker pool
shut down, the session saved — without asking about unsaved recipe changes (nobody is there to answer; the
session keeps them). Left to their default action, these signals kill the process outright: the session's last
edits are lost and multiprocessing's resource tracker reports the pool's semaphores as leaked.

Python runs a signal handler only between bytecodes, and the Qt event loop waits in C++: the signal's
wake-up byte goes to a socket a QSocketNotifier watches, so the loop wakes and the handler runs at once."""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

SIGNALS = ("SIGTERM", "SIGHUP", "SIGINT")


class TerminationWatch(QObject):
    """Calls `on_signal` in the GUI thread when the process is asked to end."""

    def __init__(self, on_signal: Callable[[], None], parent: QObject | None = None):
        super().__init__(parent)
        self._on_signal = on_signal
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._installed: list[tuple[int, object]] = []
        self._previous_fd = -1
        self._asked = False

    def install(self) -> bool:
        """False where signals cannot be caught here (not the main thread)."""
        try:
            self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        except ValueError:
            return False
        for name in SIGNALS:
            signum = getattr(signal, name, None)
            if signum is not None:
                with contextlib.suppress(ValueError, OSError):
                    self._installed.append((signum, signal.signal(signum, self._handle)))
        return True

    def uninstall(self) -> None:
        for signum, previous in self._installed:
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(signum, previous)  # type: ignore[arg-type]
        self._installed.clear()
        with contextlib.suppress(ValueError):
            signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()

    def _handle(self, signum: int, frame: object) -> None:
        if self._asked:  # asked twice (an impatient Ctrl+C): the default action, at once
            signal.signal(signum, signal.SIG_DFL)
            signal.raise_signal(signum)
            return
        self._asked = True
        self._on_signal()

    def _drain(self) -> None:
        with contextlib.suppress(OSError):
            while self._reader.recv(512):
                pass
