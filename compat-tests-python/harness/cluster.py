"""Several wiregate instances sharing one async query backend: a Debian PostgreSQL as their engine,
a Debian Redis as the metadata store, and one result storage (by default one local directory that
every instance uses; pass `storage` to use something else, e.g. S3)."""
from __future__ import annotations

import shutil
import subprocess

from . import servers, util

TIMEOUT = 30


class ClusterNode:
    """One started gateway of the cluster, with its HTTP base URL."""

    def __init__(self, name: str, gateway: servers.Gateway, http_port: int):
        self.name = name
        self.gateway = gateway
        self.http = f"http://{gateway.host}:{http_port}"
        self.ws = f"ws://{gateway.host}:{http_port}/v1/ws"


class GatewayCluster:
    """Shared PostgreSQL + Redis + storage; gateways join with `add(name)`. Users are added by the
    first gateway into one users file, which the others share, and so share its API tokens too."""

    def __init__(self, label: str, users: list[tuple[str, str]], storage: dict | None = None,
                 heartbeat_ms: int = 200, owner_timeout_ms: int = 1500):
        self.label = label
        self.users = users
        self.storage = storage
        self.heartbeat_ms = heartbeat_ms
        self.owner_timeout_ms = owner_timeout_ms
        self.pg = servers.DebianPostgres(f"{label}-pg")
        self.redis = servers.RedisServer(f"{label}-redis")
        self.tmp = None
        self.nodes: list[ClusterNode] = []

    def start(self) -> "GatewayCluster":
        self.tmp = util.make_tmp_dir(f"wiregate-compat-{self.label}-")
        self.pg.start()
        self.redis.start()
        if self.storage is None:
            results = self.tmp / "results"
            results.mkdir(mode=0o755)
            self.storage = {"kind": "local", "dir": str(results)}
        return self

    def add(self, name: str, extra: dict | None = None) -> ClusterNode:
        """Starts gateway `name` (also its async.instance-id) in the cluster; `extra` is merged into
        its configuration."""
        http = util.free_port()
        config = {
            "listeners": {"http": {"port": http}},
            "auth": {"users-file": str(self.tmp / "users.yaml")},
            "async": {
                "instance-id": name,
                "storage": self.storage,
                "metadata": {"kind": "redis", "redis-url": self.redis.url,
                             "heartbeat-ms": self.heartbeat_ms, "owner-timeout-ms": self.owner_timeout_ms},
            },
        }
        servers._deep_merge(config, extra or {})
        engine = {"kind": "postgres", "url": f"jdbc:postgresql://{self.pg.host}:{self.pg.port}/{servers.DBNAME}",
                  "user": servers.ADMIN_USER, "password": servers.ADMIN_PASSWORD, "pool": {"size": 8}}
        gateway = servers.Gateway(f"{self.label}-{name}", engine, servers.jar_or_skip(), config=config)
        gateway.start([] if self.nodes else self.users)
        node = ClusterNode(name, gateway, http)
        self.nodes.append(node)
        return node

    def create_token(self, user: str) -> str:
        """An API token for `user`, valid on every gateway of the cluster (they share the users file)."""
        gw = self.nodes[0].gateway
        r = subprocess.run(gw._java_cmd("token", "create", user, "--config", str(gw.config_path)),
                           capture_output=True, text=True, timeout=120)
        if r.returncode != 0 or not r.stdout.strip().startswith("wgt_"):
            raise servers.StartError(f"`token create {user}` failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
        return r.stdout.strip()

    def pg_params(self) -> dict:
        """psycopg2 connection parameters for the shared PostgreSQL, as its superuser."""
        return {"host": self.pg.host, "port": self.pg.port, "dbname": servers.DBNAME,
                "user": servers.ADMIN_USER, "password": servers.ADMIN_PASSWORD}

    def stop(self) -> None:
        for node in self.nodes:
            node.gateway.stop()
        self.nodes = []
        self.redis.stop()
        self.pg.stop()
        if self.tmp is not None and not servers.keep_tmp():
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None
