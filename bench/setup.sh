#!/usr/bin/env bash
# Gets the machine ready for bench/run and bench/profile, and prints the venv's python: installs the
# Debian packages that are missing, creates the compat-tests-python venv (shared with the tests) and
# builds the gateway jar when sources are newer than it.
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
log() { echo "bench: $*" >&2; }

# --- Debian packages, only when something is missing -------------------------------------------
pkgs=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || pkgs+=(postgresql)
command -v psql >/dev/null 2>&1 || pkgs+=(postgresql-client)
command -v pgbench >/dev/null 2>&1 || pkgs+=(postgresql-contrib)
[ -x /usr/sbin/pgbouncer ] || pkgs+=(pgbouncer)
command -v sysbench >/dev/null 2>&1 || pkgs+=(sysbench)
command -v setpriv >/dev/null 2>&1 || pkgs+=(util-linux)
command -v python3.11 >/dev/null 2>&1 || pkgs+=(python3.11 python3.11-venv)
if [ "${#pkgs[@]}" -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || { log "not root: install ${pkgs[*]} yourself"; exit 2; }
  log "installing Debian packages: ${pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q </dev/null
  # The packages' own services are never used: the harness starts its own servers.
  apt-get install -y -q --no-install-recommends "${pkgs[@]}" </dev/null
fi

# --- the test suite's venv (psycopg2, asyncpg, PyMySQL) and the gateway jar ---------------------
"$ROOT/gw" build --if-stale >&2
"$ROOT/compat-tests-python/ensure-venv.sh"
