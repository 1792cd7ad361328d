"""Worker processes end with the process that started them, however it ends (a crash, SIGKILL, a closed terminal).

Left alone, a pool's workers outlive a parent that was killed: an idle one waits forever for its next task, a
busy one for someone to read its result, and both keep their memory and open files. So every worker calls
`watch_parent()` as it starts: a daemon thread blocks on the sentinel multiprocessing keeps for the parent
(the read end of a pipe only the parent writes to on POSIX, so it reads end-of-file once the parent is gone;
the parent's process handle on Windows) and ends the worker at once. One blocked thread: no CPU, no polling.

On Linux the kernel can also kill the worker itself when its parent dies (PR_SET_PDEATHSIG): that works even
while the worker is inside a long C call that holds the GIL, where the thread would have to wait its turn.
The kernel sends it when the *thread* that started the worker ends, so only a pool whose workers are all
started by the main thread may ask for it (the window's pool starts workers from task threads, which come
and go).
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import multiprocessing.process
import os
import signal
import sys
import threading

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
PARENT_GONE = 1  # the exit status of a worker whose parent died (no one is left to read it)


def watch_parent(started_by_main_thread: bool = False) -> None:
    """In a worker process of a pool (its initializer): end this process as soon as its parent is gone.

    `started_by_main_thread`: the pool's workers were all started by the parent's main thread (see above)."""
    parent = multiprocessing.parent_process()
    if parent is None:  # not a pool's worker: the process itself
        return
    if started_by_main_thread and sys.platform.startswith("linux"):
        _die_with_parent(parent.pid)
    threading.Thread(target=_exit_when_gone, args=(parent,), name="winnow-parent-watch", daemon=True).start()


def _exit_when_gone(parent: multiprocessing.process.BaseProcess) -> None:
    parent.join()  # a wait on the parent's sentinel: returns only when the parent has ended (or already had)
    os._exit(PARENT_GONE)  # nothing of a worker's is worth saving: its results had no one left to go to


def _die_with_parent(parent_pid: int | None) -> None:
    """Ask Linux to SIGKILL this process when its parent dies; if the parent died before the request, exit now."""
    with contextlib.suppress(OSError, AttributeError):  # no libc with prctl (musl without it): the thread suffices
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            return
        if parent_pid is not None and os.getppid() != parent_pid:
            os._exit(PARENT_GONE)
