"""A minimal raw PostgreSQL v3 protocol client for sending malformed traffic in tests.

Only what the bad-input tests need: startup, SCRAM-SHA-256 / MD5 / cleartext login,
message framing, ErrorResponse parsing, and "wait until the server closes".
"""
from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import socket
import struct
import time
import unicodedata

PROTOCOL_3_0 = 196608
SSL_REQUEST_CODE = 80877103
CANCEL_REQUEST_CODE = 80877102


class ProtocolError(AssertionError):
    pass


def startup_packet(params: dict[str, str], version: int = PROTOCOL_3_0) -> bytes:
    body = struct.pack("!I", version)
    for k, v in params.items():
        body += k.encode() + b"\0" + v.encode() + b"\0"
    body += b"\0"
    return struct.pack("!I", len(body) + 4) + body


def message(kind: bytes, payload: bytes = b"") -> bytes:
    return kind + struct.pack("!I", len(payload) + 4) + payload


def parse_error_fields(payload: bytes) -> dict[str, str]:
    """ErrorResponse/NoticeResponse body -> {field code: value}, e.g. {'S': 'FATAL', 'C': '08P01'}."""
    fields = {}
    i = 0
    while i < len(payload) and payload[i] != 0:
        code = chr(payload[i])
        end = payload.index(b"\0", i + 1)
        fields[code] = payload[i + 1:end].decode("utf-8", "replace")
        i = end + 1
    return fields


def _saslprep(password: str) -> bytes:
    # Good enough for the passwords this suite uses (NFKC; no prohibited code points).
    return unicodedata.normalize("NFKC", password).encode("utf-8")


class RawConnection:
    def __init__(self, host: str, port: int, timeout: float = 10.0):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.settimeout(timeout)
        self.buf = b""
        self.closed_by_peer = False

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def _fill(self, n: int) -> bool:
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                self.closed_by_peer = True
                return False
            self.buf += chunk
        return True

    def read_byte(self) -> bytes | None:
        if not self._fill(1):
            return None
        b, self.buf = self.buf[:1], self.buf[1:]
        return b

    def read_message(self) -> tuple[bytes, bytes] | None:
        """One backend message (type, payload), or None at EOF."""
        if not self._fill(5):
            return None
        kind = self.buf[:1]
        (length,) = struct.unpack("!I", self.buf[1:5])
        if length < 4 or length > 64 * 1024 * 1024:
            raise ProtocolError(f"bad backend message length {length} for type {kind!r}")
        if not self._fill(1 + length):
            return None
        payload = self.buf[5:1 + length]
        self.buf = self.buf[1 + length:]
        return kind, payload

    def read_until_closed(self, timeout: float) -> tuple[bytes, bool]:
        """Everything the server sends until it closes (True) or timeout passes (False)."""
        data, self.buf = self.buf, b""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return data, False
            self.sock.settimeout(remaining)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return data, False
            except ConnectionResetError:
                return data, True
            if not chunk:
                return data, True
            data += chunk

    # ------------------------------------------------------------------ login

    def login(self, user: str, password: str, database: str, version: int = PROTOCOL_3_0,
              extra: dict[str, str] | None = None) -> list[tuple[bytes, bytes]]:
        """Startup + authentication until ReadyForQuery; returns the messages after AuthenticationOk.

        A NegotiateProtocolVersion message before authentication is kept in self.negotiated as
        (newest supported minor version, [unrecognised options]).
        """
        self.negotiated = None
        params = {"user": user, "database": database, "application_name": "wiregate-raw", **(extra or {})}
        self.send(startup_packet(params, version))
        after_ok = []
        authenticated = False
        scram = None
        while True:
            msg = self.read_message()
            if msg is None:
                raise ProtocolError("server closed the connection during login")
            kind, payload = msg
            if kind == b"E":
                raise ProtocolError(f"login failed: {parse_error_fields(payload)}")
            if kind == b"v" and not authenticated and scram is None:
                minor, n = struct.unpack("!II", payload[:8])
                names = [x.decode() for x in payload[8:].split(b"\0")[:n]]
                self.negotiated = (minor, names)
                continue
            if kind == b"R":
                (code,) = struct.unpack("!I", payload[:4])
                if code == 0:
                    authenticated = True
                elif code == 3:
                    self.send(message(b"p", password.encode() + b"\0"))
                elif code == 5:
                    salt = payload[4:8]
                    inner = hashlib.md5(password.encode() + user.encode()).hexdigest().encode()
                    outer = "md5" + hashlib.md5(inner + salt).hexdigest()
                    self.send(message(b"p", outer.encode() + b"\0"))
                elif code == 10:
                    mechs = [m.decode() for m in payload[4:].split(b"\0") if m]
                    if "SCRAM-SHA-256" not in mechs:
                        raise ProtocolError(f"no SCRAM-SHA-256 among {mechs}")
                    scram = _Scram(password)
                    first = scram.client_first().encode()
                    self.send(message(b"p", b"SCRAM-SHA-256\0" + struct.pack("!i", len(first)) + first))
                elif code == 11:
                    self.send(message(b"p", scram.client_final(payload[4:].decode()).encode()))
                elif code == 12:
                    scram.verify_server_final(payload[4:].decode())
                else:
                    raise ProtocolError(f"unsupported authentication request {code}")
            elif authenticated:
                after_ok.append(msg)
                if kind == b"Z":
                    return after_ok
            else:
                raise ProtocolError(f"unexpected message {kind!r} before AuthenticationOk")

    def simple_query(self, sql: str) -> list[tuple[bytes, bytes]]:
        self.send(message(b"Q", sql.encode() + b"\0"))
        out = []
        while True:
            msg = self.read_message()
            if msg is None:
                raise ProtocolError("server closed the connection during a query")
            out.append(msg)
            if msg[0] == b"Z":
                return out


@functools.lru_cache(maxsize=64)
def _salted_password(password: bytes, salt: bytes, iterations: int) -> bytes:
    """PBKDF2 is the client's whole cost of a SCRAM login; it depends only on these three, so
    a loader opening thousands of connections as one user computes it once."""
    return hashlib.pbkdf2_hmac("sha256", password, salt, iterations)


class _Scram:
    def __init__(self, password: str):
        self.password = _saslprep(password)
        self.nonce = base64.b64encode(os.urandom(18)).decode()
        self.first_bare = f"n=,r={self.nonce}"

    def client_first(self) -> str:
        return "n,," + self.first_bare

    def client_final(self, server_first: str) -> str:
        attrs = dict(a.split("=", 1) for a in server_first.split(","))
        if not attrs["r"].startswith(self.nonce):
            raise ProtocolError("server nonce does not extend the client nonce")
        salt = base64.b64decode(attrs["s"])
        iterations = int(attrs["i"])
        self.salted = _salted_password(self.password, salt, iterations)
        client_key = hmac.new(self.salted, b"Client Key", hashlib.sha256).digest()
        stored_key = hashlib.sha256(client_key).digest()
        without_proof = f"c=biws,r={attrs['r']}"
        self.auth_message = f"{self.first_bare},{server_first},{without_proof}".encode()
        signature = hmac.new(stored_key, self.auth_message, hashlib.sha256).digest()
        proof = bytes(a ^ b for a, b in zip(client_key, signature))
        return f"{without_proof},p={base64.b64encode(proof).decode()}"

    def verify_server_final(self, server_final: str) -> None:
        attrs = dict(a.split("=", 1) for a in server_final.split(","))
        server_key = hmac.new(self.salted, b"Server Key", hashlib.sha256).digest()
        expected = hmac.new(server_key, self.auth_message, hashlib.sha256).digest()
        if base64.b64decode(attrs.get("v", "")) != expected:
            raise ProtocolError("server SCRAM signature does not verify")
