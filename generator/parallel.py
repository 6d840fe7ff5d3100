"""Work shared out over the machine's cores, for the one stage that is slow per document.

Garble repair spends about 0.05 s on each garbled span, and a densely damaged 5,000-character
article holds dozens.  Its parts are independent (garble.py cuts them), so helper processes
repair some while this one repairs the others.  Helpers are forked, not spawned: they share the
language model this process has loaded instead of loading their own, and they are kept, so that
only their first part pays for copying the pages of the model they touch (a fork shares memory
until it is written, and Python writes every object it reads: reference counts).

Only on Linux, where forking is the norm, and only from a process with no other thread yet (a
fork copies just the thread that calls it; locks held by others would never be released).
Anywhere else, or with $DIGEST_CORES=1, the parts are done one after another, with the same
result.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # imported when the first helper is forked, not with every command
    from concurrent.futures import ProcessPoolExecutor

_T = TypeVar("_T")
_P = TypeVar("_P")
CORES_VARIABLE = "DIGEST_CORES"
_HELPERS: list[ProcessPoolExecutor] = []  # created once, on first need


def spare_cores() -> int:
    """Cores this process may use besides its own: how many helpers it has or could fork."""
    if not _HELPERS and (sys.platform != "linux" or threading.active_count() > 1):
        return 0
    return min(len(os.sched_getaffinity(0)), cores_allowed() or sys.maxsize) - 1


def cores_allowed() -> int | None:
    """$DIGEST_CORES, the most cores a run may use (on a shared machine), if set."""
    value = os.environ.get(CORES_VARIABLE, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{CORES_VARIABLE} must be a whole number of cores, not {value!r}")
    return int(value)


def map_on_cores(work: Callable[[_P], _T], parts: list[_P]) -> list[_T]:
    """`work(part)` for every part, on every core: this process takes parts from the front,
    helpers from the back, until they meet.  `work` must pickle (a module-level function, or
    a partial of one).  A part a helper could not finish is done here, so an error in the part
    itself is raised here."""
    helpers = _helpers() if len(parts) > 1 else None
    if helpers is None:
        return [work(part) for part in parts]
    claims, results = _Claims(len(parts)), dict[int, _T]()

    def help_from_back() -> None:
        while (i := claims.back()) is not None:
            try:
                results[i] = helpers.submit(work, parts[i]).result()
            except Exception:  # the part is redone below, where its error, if any, is raised
                return

    threads = [threading.Thread(target=help_from_back) for _ in range(spare_cores())]
    for thread in threads:
        thread.start()
    try:
        while (i := claims.front()) is not None:
            results[i] = work(parts[i])
    finally:  # on an error or an interrupt here, the helpers take no further part
        claims.close()
        for thread in threads:
            thread.join()
    return [results[i] if i in results else work(part) for i, part in enumerate(parts)]


class _Claims:
    """Which parts are taken: from the front by this process, from the back by helpers."""

    def __init__(self, count: int) -> None:
        self._lock = threading.Lock()
        self._front, self._back = 0, count - 1

    def front(self) -> int | None:
        with self._lock:
            if self._front > self._back:
                return None
            self._front += 1
            return self._front - 1

    def close(self) -> None:
        with self._lock:
            self._front, self._back = 1, 0

    def back(self) -> int | None:
        with self._lock:
            if self._front > self._back:
                return None
            self._back -= 1
            return self._back + 1


def _helpers() -> ProcessPoolExecutor | None:
    """The helper processes, forked on first need from this thread (before any helper thread
    starts) and kept; None where there are none to fork."""
    if not _HELPERS and spare_cores() > 0:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        forking = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(spare_cores(), mp_context=forking)
        pool.submit(int).result()  # fork now, while this is the only thread
        _HELPERS.append(pool)
        atexit.register(_HELPERS.clear)  # let it go while the modules it needs still exist
    return _HELPERS[0] if _HELPERS else None
