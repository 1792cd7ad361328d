"""The window's watch for termination signals: the handler runs in the GUI thread while the event loop waits."""

from __future__ import annotations

import os
import signal

import pytest

from winnow.app.termination import TerminationWatch

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")


def test_a_signal_reaches_the_callback_through_the_event_loop(qtbot):
    calls: list[str] = []
    watch = TerminationWatch(lambda: calls.append("ended"))
    previous = signal.getsignal(signal.SIGHUP)
    assert watch.install()
    try:
        os.kill(os.getpid(), signal.SIGHUP)
        qtbot.waitUntil(lambda: calls == ["ended"], timeout=5000)
    finally:
        watch.uninstall()
    assert signal.getsignal(signal.SIGHUP) is previous  # the test process's own handling is back


def test_uninstalling_restores_the_previous_handlers(qtbot):
    previous = signal.getsignal(signal.SIGTERM)
    watch = TerminationWatch(lambda: None)
    watch.install()
    assert signal.getsignal(signal.SIGTERM) is not previous
    watch.uninstall()
    assert signal.getsignal(signal.SIGTERM) is previous
