"""Worst-case time of regular expressions: no note may stall a batch (issue 9).

A backtracking pattern can take exponential or quadratic time on text no clinician
writes but anyone can paste: "Aaaa-" repeated, "a." repeated then "@", a page of "(".
``growth`` runs a pattern over such inputs at two sizes and reports the first input on
which the time grows faster than about linearly; ``check_user_pattern`` turns that into a
:class:`ConfigError` for a site's ``id_patterns`` before the first note is read. The
built-in patterns are held to the same bound by tests/test_regex_bounds.py.

The inputs are synthetic; nothing here ever sees note text.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from redactphi.errors import ConfigError

#: name -> text of about n characters. Runs of one kind of character and the repeated
#: units that made our own and Presidio's patterns backtrack.
PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "digits": lambda n: "1" * n,
    "spaced digits": lambda n: "12 " * (n // 3),
    "spaces": lambda n: " " * n,
    "newlines": lambda n: "\n" * n,
    "letters": lambda n: "a" * n,
    "capitalised words": lambda n: "Word " * (n // 5),
    "repeated titles": lambda n: "Dr. " * (n // 4),
    "hyphenated capitals": lambda n: "Aaaa-" * (n // 5),
    "dotted letters": lambda n: "a." * (n // 2),
    "dotted letters then @": lambda n: "a." * (n // 2) + "@",
    "url then dotted letters": lambda n: "http://" + "a." * (n // 2),
    "open parentheses": lambda n: "(" * n,
    "dots": lambda n: "." * n,
    "dashes": lambda n: "-" * n,
    "digit dashes": lambda n: "1-" * (n // 2),
    "slashed digits": lambda n: "1/" * (n // 2),
    "label: digits": lambda n: "Label: 123456 " * (n // 14),
    "labelled MRN lines": lambda n: "MRN: 12345678\n" * (n // 14),
}

#: t(factor * n) may be at most RATIO * t(n) + SLACK seconds (linear gives ~factor).
FACTOR = 8
RATIO = 20.0
SLACK = 0.05


class _Timeout(Exception):
    pass


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise _Timeout after ``seconds`` (main thread only; elsewhere no deadline). The
    regex engine checks for signals while it backtracks, so this stops a runaway match."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def fire(signum: int, frame: object) -> None:
        raise _Timeout

    old = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _time(run: Callable[[str], object], text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        run(text)
        best = min(best, time.perf_counter() - t)
    return best


def growth(
    run: Callable[[str], object],
    n: int = 400,
    *,
    limit: float = 2.0,
    inputs: dict[str, Callable[[int], str]] | None = None,
) -> str | None:
    """The first input on which ``run`` (e.g. ``lambda s: list(rx.finditer(s))``) grows
    faster than the bound, as "<input>: <why>", or None when every input passes. Each run
    is stopped after ``limit`` seconds (which counts as a failure)."""
    for name, make in (inputs or PATHOLOGICAL).items():
        small, big = make(n), make(FACTOR * n)
        try:
            with _deadline(limit):
                t1 = _time(run, small, 3)
                t8 = _time(run, big, 1)
                if t8 > RATIO * t1 + SLACK:
                    t8 = min(t8, _time(run, big, 2))  # one slow run on a busy machine is noise
        except _Timeout:
            return f"{name}: over {limit:g} s on {len(big)} characters"
        if t8 > RATIO * t1 + SLACK:
            return f"{name}: {t1 * 1000:.1f} ms at {len(small)} characters but {t8 * 1000:.0f} ms at {len(big)}"
    return None


def check_user_pattern(label: str, regex: str, flags: int = 0) -> None:
    """Raise ConfigError naming ``label`` when a site pattern can stall on hostile input."""
    rx = re.compile(regex, flags)
    # n=1000: large enough that quadratic growth (64x at 8n) clears the fixed slack by a wide
    # margin (at n=400 a quadratic pattern came within 3% of passing); a linear pattern
    # still takes milliseconds
    why = growth(lambda s: sum(1 for _ in rx.finditer(s)), n=1000, limit=2.0)
    if why:
        raise ConfigError(
            f"{label}: the regex takes far more than linear time on some input ({why}); "
            "rewrite it without nested or overlapping repeats such as (a+)+ or (\\w|\\d)*, and start it "
            "at a boundary, e.g. \\b or (?<!\\d), so a long run is not rescanned from every position"
        )
