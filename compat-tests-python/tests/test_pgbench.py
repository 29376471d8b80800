"""Debian's pgbench: initialise (COPY), then each query mode for 10 s with 4 clients, no failures."""
import os
import re
import shutil
import subprocess

import pytest


def pgbench(target, *args, timeout=120):
    exe = shutil.which("pgbench") or "/usr/lib/postgresql/15/bin/pgbench"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update(PGPASSWORD=target.password, PGSSLMODE="disable")
    argv = [exe, "-h", target.host, "-p", str(target.port), "-U", target.user, *args, target.dbname]
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=timeout)


@pytest.fixture(scope="module")
def initialised(target):
    r = pgbench(target, "-i", "-s", "1", "-q")
    assert r.returncode == 0, r.stderr
    return target


@pytest.mark.timeout(120)
@pytest.mark.parametrize("mode", ["simple", "extended", "prepared"])
def test_pgbench_mode_without_failures(initialised, mode):
    r = pgbench(initialised, "-M", mode, "-c", "4", "-j", "2", "-T", "10")
    assert r.returncode == 0, r.stdout + r.stderr
    done = re.search(r"number of transactions actually processed: (\d+)", r.stdout)
    assert done and int(done.group(1)) > 0, r.stdout
    failed = re.search(r"number of failed transactions: (\d+)", r.stdout)
    assert failed is None or int(failed.group(1)) == 0, r.stdout
