#!/usr/bin/env bash
# Creates (or refreshes) compat-tests-python/.venv from requirements.txt and prints the path of its
# python. Shared by run-tests.sh and bench/run, so the tests and the benchmarks use one venv.
# Usage: ensure-venv.sh [PYTHON3.11]   (default: the first python3.11 on PATH)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

python="${1:-}"
if [ -z "$python" ]; then
  for p in python3.11 /usr/bin/python3.11; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import ensurepip, venv' >/dev/null 2>&1; then
      python="$(command -v "$p")"; break
    fi
  done
fi
[ -n "$python" ] || { echo "ensure-venv.sh: python3.11 with venv is needed" >&2; exit 2; }

# Reused while requirements.txt is unchanged (its hash is stamped into the venv).
venv=.venv
stamp="$venv/.requirements.sha256"
want="$(sha256sum requirements.txt | cut -d' ' -f1)"
is_311() { [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import sys; assert sys.version_info[:2] == (3, 11)' 2>/dev/null; }
if ! { is_311 && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; }; then
  if ! is_311; then
    echo "ensure-venv.sh: creating $venv with $python" >&2
    rm -rf "$venv"
    "$python" -m venv "$venv"
  fi
  echo "ensure-venv.sh: installing requirements.txt into $venv" >&2
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-input -r requirements.txt >&2
  echo "$want" > "$stamp"
fi
echo "$PWD/$venv/bin/python"
