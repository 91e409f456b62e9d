"""Big batches of texts shared over the machine's cores.

Cutting texts into terms and shingles is Python work on one text at a time, so one process keeps one core
busy while the others idle.  :func:`shared` cuts a batch into consecutive shares, hands all but the first to
helper processes and works the first itself; the results come back in order, exactly as one process would
have made them.  A batch under ``2 × MIN_SHARE`` items stays in this process: sending it costs more than it
saves, and a folder of captures never starts a helper.

Helpers are spawned, not forked (a model or a thread pool loaded in this process is not copied into them),
on first use, and kept for the rest of the run.  If they cannot start or one dies, the work is done here and
no helper is tried again: a batch is never lost to them.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

__all__ = ["MIN_SHARE", "cores", "shared", "share_count", "stop"]

MIN_SHARE = 500   # items: a smaller share costs more to send to a helper than to work here
_log = logging.getLogger(__name__)
_helpers: ProcessPoolExecutor | None = None
_helper_count = 0
_broken = False


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def share_count(processes: int, items: int) -> int:
    """How many shares a batch of ``items`` is cut into: ``processes`` (0 = one per core), fewer when a share
    would hold under ``MIN_SHARE`` items, and one once helpers have failed."""
    wanted = cores() if processes <= 0 else processes
    return 1 if _broken else max(1, min(wanted, items // MIN_SHARE))


def shared(work, items: list, *args, processes: int = 0) -> list:
    """``work(share, *args)`` for each consecutive share of ``items``, the results in order.

    ``work`` must be a module-level function and ``args`` picklable: helpers get them by reference and copy.
    """
    global _broken
    count = share_count(processes, len(items))
    if count == 1:
        return [work(items, *args)]
    size = -(-len(items) // count)
    parts = [items[k:k + size] for k in range(0, len(items), size)]
    try:
        helpers = _pool(len(parts) - 1)
        futures = [helpers.submit(work, part, *args) for part in parts[1:]]
    except Exception as error:  # no helper could start (a sandbox, no /dev/shm): work here
        _give_up(error)
        return [work(part, *args) for part in parts]
    results = [work(parts[0], *args)]
    for part, future in zip(parts[1:], futures):
        try:
            results.append(future.result())
        except Exception as error:
            if not isinstance(error, _HELPER_FAILURES):
                raise  # the work itself failed: the same error as in this process
            _give_up(error)
            results.append(work(part, *args))
    return results


def stop() -> None:
    """End the helper processes (they start again when a big batch needs them)."""
    global _helpers, _helper_count
    if _helpers is not None:
        _helpers.shutdown()
        _helpers, _helper_count = None, 0


def _pool(count: int) -> ProcessPoolExecutor:
    global _helpers, _helper_count
    if _helpers is None or _helper_count < count:
        if _helpers is not None:
            _helpers.shutdown()
        _helpers = ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn"))
        _helper_count = count
    return _helpers


def _give_up(error: BaseException) -> None:
    global _broken, _helpers
    _log.warning("helper processes failed (%s); working in one process", error)
    _broken = True
    if _helpers is not None:
        _helpers.shutdown(wait=False, cancel_futures=True)
        _helpers = None


def _helper_failures() -> tuple[type[BaseException], ...]:
    from concurrent.futures.process import BrokenProcessPool
    return (BrokenProcessPool, OSError, EOFError)


_HELPER_FAILURES = _helper_failures()
