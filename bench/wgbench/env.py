"""Where things are, and the compat-tests-python harness on sys.path (its server launchers are reused)."""
from __future__ import annotations

import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent.parent
ROOT = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"

_compat = str(ROOT / "compat-tests-python")
if _compat not in sys.path:
    sys.path.insert(0, _compat)

from harness import servers, util  # noqa: E402  (re-exported for the bench modules)

__all__ = ["BENCH_DIR", "ROOT", "RESULTS_DIR", "servers", "util"]
