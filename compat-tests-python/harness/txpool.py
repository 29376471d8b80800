"""Expected differences of transaction pool mode (target gateway-txpool), from
tests/txpool_known_differences.txt: one test node id a line, with the target's name replaced by T,
and the reason after a `#`. Such tests still run on gateway-txpool and are reported as xfail there
(XPASS would mean the difference went away); on every other target they must pass as before."""
from __future__ import annotations

from pathlib import Path

import pytest

TXPOOL = "gateway-txpool"
_PATH = Path(__file__).resolve().parent.parent / "tests" / "txpool_known_differences.txt"


def known_differences() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in _PATH.read_text().splitlines() if _PATH.exists() else []:
        node, _, reason = line.partition("#")
        if node.strip():
            out[node.strip()] = reason.strip() or "transaction pool mode difference"
    return out


def mark_if_different(item, target_name: str, differences: dict[str, str]) -> bool:
    if target_name != TXPOOL:
        return False
    reason = differences.get(item.nodeid.replace(target_name, "T"))
    if reason is None:
        return False
    item.add_marker(pytest.mark.xfail(reason="transaction pool mode: " + reason, strict=False))
    return True
