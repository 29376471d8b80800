"""Small statistics helpers (no numpy: the harness venv is the test suite's)."""
from __future__ import annotations

import statistics


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def percentile(sorted_xs: list, p: float):
    """Nearest-rank percentile of an already sorted list (p in 0..100)."""
    if not sorted_xs:
        return None
    k = max(0, min(len(sorted_xs) - 1, int(-(-p * len(sorted_xs) // 100)) - 1))
    return sorted_xs[k]


def ratio(a, b):
    return a / b if a is not None and b else None
