#!/usr/bin/env bash
# Runs the Python/CLI compatibility suite. Called by Maven (cwd = compat-tests-python/, WIREGATE_JAR
# set) and runnable by hand; extra arguments go to pytest. Exit code = pytest's.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export WIREGATE_JAR="${WIREGATE_JAR:-$PWD/../gateway-server/target/wiregate.jar}"
export PYTHONDONTWRITEBYTECODE=1

log() { echo "run-tests.sh: $*" >&2; }

# --- Debian packages, only when something is missing -------------------------------------------
pg_bin="${WIREGATE_PG_BIN:-/usr/lib/postgresql/15/bin}"
pkgs=()
command -v psql >/dev/null 2>&1 || pkgs+=(postgresql-client)
[ -x "$pg_bin/postgres" ] && [ -x "$pg_bin/initdb" ] || pkgs+=(postgresql)
command -v openssl >/dev/null 2>&1 || pkgs+=(openssl)
command -v mariadb >/dev/null 2>&1 || pkgs+=(mariadb-client)
# The mysql-direct reference target (a MariaDB started by the harness, like PostgreSQL for direct).
[ -x /usr/sbin/mariadbd ] && command -v mariadb-install-db >/dev/null 2>&1 || pkgs+=(mariadb-server)
command -v setpriv >/dev/null 2>&1 || pkgs+=(util-linux)
# The metadata store shared by the gateways of the async cluster tests.
[ -x /usr/bin/redis-server ] || pkgs+=(redis-server)
python=""
for p in python3.11 /usr/bin/python3.11; do
  if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    python="$(command -v "$p")"; break
  fi
done
[ -n "$python" ] || pkgs+=(python3.11 python3.11-venv)
if [ "${#pkgs[@]}" -gt 0 ]; then
  log "installing missing Debian packages: ${pkgs[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    log "not root: install ${pkgs[*]} yourself"; exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q </dev/null
  apt-get install -y -q --no-install-recommends "${pkgs[@]}" </dev/null
  [ -n "$python" ] || python=/usr/bin/python3.11
fi

# --- virtualenv (shared with bench/run) ------------------------------------------------------
venv_python="$(./ensure-venv.sh "$python")"

set +e
"$venv_python" -m pytest -v -p no:cacheprovider "$@"
rc=$?
exit "$rc"
