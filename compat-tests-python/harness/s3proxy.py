"""s3proxy: an S3-compatible server for the gateway's S3 result storage, run as its own process.

The jar (Maven Central org.gaul:s3proxy:4.1.0, classifier jar-with-dependencies) comes through
Maven: compat-tests-python/pom.xml declares it and passes its path in WIREGATE_S3PROXY_JAR. Run
by hand (./run-tests.sh), the harness looks in the local Maven repository and, failing that, asks
Maven to fetch it; without Maven the tests skip (or fail when CI is set).

s3proxy serves a file-system blob store: a bucket is a directory under the base directory and an
object a file under it, which is also how the tests look at what the gateway stored. It checks
AWS signatures (v2 or v4) against one key pair, like a real S3 would.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

from . import servers, util

VERSION = "4.1.0"
ARTIFACT = f"org.gaul:s3proxy:{VERSION}:jar:jar-with-dependencies"
ACCESS_KEY = "wiregate-compat"
SECRET_KEY = "wiregate-compat-secret"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def _local_repository_jar() -> Path:
    repo = Path(os.environ.get("WIREGATE_M2_REPO", Path.home() / ".m2" / "repository"))
    return repo / "org" / "gaul" / "s3proxy" / VERSION / f"s3proxy-{VERSION}-jar-with-dependencies.jar"


def find_jar() -> Path | None:
    env = os.environ.get("WIREGATE_S3PROXY_JAR")
    if env and Path(env).is_file():
        return Path(env)
    local = _local_repository_jar()
    if local.is_file():
        return local
    mvn = shutil.which("mvn")
    if mvn is None:
        return None
    # Same artifact as the pom's, fetched into the local repository.
    r = subprocess.run([mvn, "-B", "-q", "dependency:get", f"-Dartifact={ARTIFACT}", "-Dtransitive=false"],
                       capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    return local if r.returncode == 0 and local.is_file() else None


def jar_or_skip() -> Path:
    import pytest

    jar = find_jar()
    if jar is None:
        msg = (f"no s3proxy jar ({ARTIFACT}): run through Maven (./gw test), or fetch it with "
               f"`mvn dependency:get -Dartifact={ARTIFACT} -Dtransitive=false`, or set WIREGATE_S3PROXY_JAR")
        if _in_ci():
            pytest.fail(msg + " and CI is set: S3 tests must run", pytrace=False)
        pytest.skip(msg)
    return jar


class S3Proxy:
    """One s3proxy on 127.0.0.1 and a free port, with the given buckets; stopped by pid."""

    def __init__(self, label: str, jar: Path, buckets: tuple[str, ...] = ("results",)):
        self.label = label
        self.jar = jar
        self.buckets = buckets
        self.host = "127.0.0.1"
        self.port = 0
        self.tmp: Path | None = None
        self.blobs: Path | None = None
        self.proc: subprocess.Popen | None = None
        self.log_path: Path | None = None

    @property
    def endpoint(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> "S3Proxy":
        self.tmp = util.make_tmp_dir(f"wiregate-compat-{self.label}-")
        self.blobs = self.tmp / "blobs"
        # The file-system blob store's buckets are its base directory's subdirectories: making one
        # is creating the bucket (no S3 client library needed just for that).
        for bucket in self.buckets:
            (self.blobs / bucket).mkdir(parents=True)
        self.port = util.free_port()
        properties = self.tmp / "s3proxy.properties"
        properties.write_text("\n".join([
            f"s3proxy.endpoint={self.endpoint}",
            "s3proxy.authorization=aws-v2-or-v4",
            f"s3proxy.identity={ACCESS_KEY}",
            f"s3proxy.credential={SECRET_KEY}",
            "jclouds.provider=filesystem",
            f"jclouds.filesystem.basedir={self.blobs}",
            "jclouds.identity=unused",
            "jclouds.credential=unused",
        ]) + "\n")
        self.log_path = self.tmp / "s3proxy.log"
        java = servers.find_java()
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen([str(java), "-Xmx256m", "-jar", str(self.jar), "--properties", str(properties)],
                                         stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=self.tmp,
                                         preexec_fn=util.parent_death_signal(signal.SIGTERM))
        if not util.wait_for_port(self.host, self.port, 60, self.proc):
            out = util.tail(self.log_path)
            self.stop()
            raise servers.StartError(f"s3proxy ({self.label}) did not listen on {self.endpoint}:\n{out}")
        return self

    def gateway_settings(self, bucket: str = "results", prefix: str = "wiregate/results/") -> dict:
        """The gateway's async.storage for this server."""
        return {"kind": "s3", "s3": {"endpoint": self.endpoint, "region": "us-east-1", "bucket": bucket,
                                     "prefix": prefix, "access-key": ACCESS_KEY, "secret-key": SECRET_KEY,
                                     "path-style": True}}

    def object_path(self, bucket: str, key: str) -> Path:
        """Where the blob store keeps an object."""
        return self.blobs / bucket / key

    def stop(self) -> None:
        if self.proc is not None:
            util.terminate(self.proc, sig_timeout=20)
            self.proc = None
        if self.tmp is not None and not servers.keep_tmp():
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None
