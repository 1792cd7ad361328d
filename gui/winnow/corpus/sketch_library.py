"""datasketch (MinHash, its shingle hash, MinHashLSH), imported without the part of scipy it never uses here.

`import datasketch` imports `scipy.integrate` (about 0.6 s of CPU, in every process that deduplicates) for one
function, `quad`, which MinHashLSH calls only to choose its (bands, rows) when it is given none; Winnow always
gives them (`lsh_bands.band_shape`). So while datasketch is imported, `scipy.integrate` is a stand-in whose
`quad` imports the real one when it is first called: a caller that does need it gets the same answer, a second
later. The stand-in is taken out of `sys.modules` at once, so any later `import scipy.integrate` is the real one.
(The frozen app, which ships without scipy, has its own stand-in: packaging/standins/scipy.)
"""

from __future__ import annotations

import sys
import threading
import types
from typing import Any

_lock = threading.Lock()  # the command line imports it in a thread while the main thread may ask for it too


def import_datasketch() -> None:
    """Make `from datasketch import …` cheap: datasketch imported, without loading `scipy.integrate`."""
    if "datasketch" in sys.modules:
        return
    with _lock:
        if "scipy.integrate" in sys.modules:  # loaded already (by someone else): nothing to save
            import datasketch  # noqa: F401

            return
        stand_in = types.ModuleType("scipy.integrate", "Imports the real scipy.integrate when `quad` is called.")
        stand_in.quad = _quad  # type: ignore[attr-defined]
        sys.modules["scipy.integrate"] = stand_in
        try:
            import datasketch  # noqa: F401, F811
        finally:
            if sys.modules.get("scipy.integrate") is stand_in:
                del sys.modules["scipy.integrate"]


def _quad(*args: Any, **kwargs: Any) -> Any:
    from scipy.integrate import quad  # the real one: the stand-in is no longer in sys.modules

    return quad(*args, **kwargs)
