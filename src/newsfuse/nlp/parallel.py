"""Big batches of texts shared over the machine's cores.

Cutting texts into terms and shingles is Python work on one text at a time, so one process keeps one core
busy while the others idle.  :func:`shared` cuts a batch into consecutive shares, hands all but the first to
helper processes and works the first itself; the results come back in order, exactly as one process would
have made them.  A batch under ``2 × MIN_SHARE`` items stays in this process: sending it costs more than it
saves, and a folder of captures never starts a helper.

A helper is a program of its own (``python -m newsfuse.nlp.helper``, which runs :func:`serve`), started on
first use and kept for the rest of the run.  It reads (work, share, arguments) from its standard input and writes the
result to its standard output, both pickled.  Unlike :mod:`multiprocessing`'s spawned workers it never
imports the caller's main script, so a script without an ``if __name__ == "__main__":`` guard is not run
again, and nothing loaded in this process (a model, a thread pool) is copied into it.  If a helper cannot
start or dies, its share is worked here and no helper is tried again: a batch is never lost to them.
"""
from __future__ import annotations

import atexit
import logging
import os
import pickle
import subprocess
import sys
import threading

__all__ = ["MIN_SHARE", "cores", "serve", "shared", "share_count", "stop"]

MIN_SHARE = 500   # items: a smaller share costs more to send to a helper than to work here
_log = logging.getLogger(__name__)
_helpers: list[subprocess.Popen] = []
_broken = False
_in_use = threading.Lock()  # one batch at a time talks to the helpers


class _HelperFailed(Exception):
    """A helper could not take or return a share (it did not start, died, or its pipe broke)."""


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

    ``work`` must be a module-level function and ``args`` picklable: helpers import the one and get a copy of
    the others.  An exception raised by ``work`` is raised here, from whichever process worked the share.
    """
    count = share_count(processes, len(items))
    if count == 1 or not _in_use.acquire(blocking=False):  # another thread has the helpers: work here
        return [work(items, *args)]
    try:
        return _share(work, items, args, count)
    finally:
        _in_use.release()


def _share(work, items: list, args: tuple, count: int) -> list:
    size = -(-len(items) // count)
    parts = [items[k:k + size] for k in range(0, len(items), size)]
    # pickled whole before anything is sent: a share that cannot be pickled raises with no helper waiting
    requests = [pickle.dumps((work, part, args), protocol=pickle.HIGHEST_PROTOCOL) for part in parts[1:]]
    sent: list[subprocess.Popen | None] = []
    for k, request in enumerate(requests):
        helper = None
        if not _broken:
            try:
                helper = _helper(k)
                _send(helper, request)
            except _HelperFailed as error:
                _give_up(error)
                helper = None
        sent.append(helper)
    try:
        results = [work(parts[0], *args)]
    finally:  # every answer is read, even when this share fails, so that no stale one meets the next batch
        answers = [_answer(helper) for helper in sent]
    for part, answer in zip(parts[1:], answers):
        if answer is None:
            results.append(work(part, *args))
        elif answer[0] == "error":
            raise answer[1]
        else:
            results.append(answer[1])
    return results


def stop() -> None:
    """End the helper processes (they start again when a big batch needs them)."""
    while _helpers:
        helper = _helpers.pop()
        try:
            helper.stdin.close()
        except OSError:
            pass
        try:
            helper.wait(timeout=10)
        except subprocess.TimeoutExpired:
            helper.kill()
            helper.wait()


atexit.register(stop)


def _helper(k: int) -> subprocess.Popen:
    """The k-th helper, started when there is none yet."""
    while len(_helpers) <= k:
        environment = dict(os.environ, PYTHONPATH=os.pathsep.join(p or os.curdir for p in sys.path))
        try:
            _helpers.append(subprocess.Popen([sys.executable, "-m", "newsfuse.nlp.helper"], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, env=environment))
        except OSError as error:
            raise _HelperFailed(f"could not start: {error}") from error
    return _helpers[k]


def _send(helper: subprocess.Popen, request: bytes) -> None:
    try:
        helper.stdin.write(request)
        helper.stdin.flush()
    except (OSError, ValueError) as error:  # a closed or broken pipe: the helper is gone
        raise _HelperFailed(f"could not send a share: {error}") from error


def _answer(helper: subprocess.Popen | None):
    """A helper's ("ok", result) or ("error", exception), or None when there is no helper or it failed."""
    if helper is None or _broken:  # after a failure every helper was ended: its share is worked here
        return None
    try:
        data = pickle.load(helper.stdout)  # the answer's own pickle, whole: the pipe stays in step
    except (OSError, EOFError, pickle.UnpicklingError) as error:
        _give_up(_HelperFailed(f"no answer (exit code {helper.poll()}): {error}"))
        return None
    try:
        return pickle.loads(data)
    except Exception as error:  # e.g. an exception class that cannot be rebuilt from its pickle
        return "error", RuntimeError(f"a helper's answer could not be read: {type(error).__name__}: {error}")


def _give_up(error: BaseException) -> None:
    global _broken
    _log.warning("helper processes failed (%s); working in one process", error)
    _broken = True
    for helper in _helpers:
        helper.kill()
    stop()


def serve() -> None:
    """A helper's loop: answer each pickled (work, share, arguments) with ("ok", result) or ("error",
    exception) until standard input closes."""
    requests = sys.stdin.buffer
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print must not corrupt the answers
    while True:
        try:
            work, part, args = pickle.load(requests)
        except EOFError:
            return
        try:
            answer = ("ok", work(part, *args))
        except Exception as error:  # the caller raises it, as if it had worked the share itself
            answer = ("error", error)
        try:
            data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # a result or exception that cannot be pickled: say what happened
            failed = RuntimeError(f"{type(answer[1]).__name__}: {answer[1]}" if answer[0] == "error"
                                  else f"the result cannot be sent back: {error}")
            data = pickle.dumps(("error", failed), protocol=pickle.HIGHEST_PROTOCOL)
        answers.write(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))  # framed: read whole, then opened
        answers.flush()
