"""Just enough of the MySQL client/server protocol to send malformed traffic on purpose.

RawMyConnection reads the greeting, logs in (mysql_native_password or caching_sha2_password, in
clear or after an SSLRequest), and sends packets with any sequence id and payload. The password
scrambles reuse PyMySQL's functions (they are the clients' own arithmetic).
"""
from __future__ import annotations

import socket
import ssl
import struct
import time
from dataclasses import dataclass, field

# Capability flags (protocol docs: "Capabilities Flags").
CLIENT_LONG_PASSWORD = 1
CLIENT_FOUND_ROWS = 1 << 1
CLIENT_CONNECT_WITH_DB = 1 << 3
CLIENT_PROTOCOL_41 = 1 << 9
CLIENT_SSL = 1 << 11
CLIENT_TRANSACTIONS = 1 << 13
CLIENT_SECURE_CONNECTION = 1 << 15
CLIENT_MULTI_STATEMENTS = 1 << 16
CLIENT_MULTI_RESULTS = 1 << 17
CLIENT_PLUGIN_AUTH = 1 << 19
CLIENT_PLUGIN_AUTH_LENENC = 1 << 21
CLIENT_DEPRECATE_EOF = 1 << 24

COM_QUIT = 0x01
COM_INIT_DB = 0x02
COM_QUERY = 0x03
COM_PING = 0x0E
COM_STMT_PREPARE = 0x16
COM_STMT_EXECUTE = 0x17
COM_STMT_CLOSE = 0x19
COM_STMT_RESET = 0x1A
COM_STMT_FETCH = 0x1C

MAX_PACKET = 0xFFFFFF
UTF8MB4_GENERAL_CI = 45


class ProtocolError(AssertionError):
    pass


@dataclass
class Greeting:
    protocol: int
    version: str
    connection_id: int
    salt: bytes
    capabilities: int
    charset: int
    status: int
    auth_plugin: str


@dataclass
class MyError:
    errno: int
    sqlstate: str
    message: str


@dataclass
class Ok:
    affected_rows: int
    last_insert_id: int
    status: int
    warnings: int
    info: bytes = b""


@dataclass
class ResultSet:
    columns: list[str] = field(default_factory=list)
    rows: list[list[bytes | None]] = field(default_factory=list)
    status: int = 0


def lenenc_int(data: bytes, i: int) -> tuple[int | None, int]:
    b = data[i]
    if b < 0xFB:
        return b, i + 1
    if b == 0xFB:
        return None, i + 1
    if b == 0xFC:
        return struct.unpack_from("<H", data, i + 1)[0], i + 3
    if b == 0xFD:
        return int.from_bytes(data[i + 1:i + 4], "little"), i + 4
    return struct.unpack_from("<Q", data, i + 1)[0], i + 9


def lenenc_bytes(data: bytes, i: int) -> tuple[bytes | None, int]:
    n, i = lenenc_int(data, i)
    if n is None:
        return None, i
    return data[i:i + n], i + n


def encode_lenenc(n: int) -> bytes:
    if n < 0xFB:
        return bytes([n])
    if n < 1 << 16:
        return b"\xfc" + struct.pack("<H", n)
    if n < 1 << 24:
        return b"\xfd" + n.to_bytes(3, "little")
    return b"\xfe" + struct.pack("<Q", n)


def parse_error(payload: bytes) -> MyError:
    if payload[:1] != b"\xff":
        raise ProtocolError(f"not an ERR packet: {payload[:60]!r}")
    errno = struct.unpack_from("<H", payload, 1)[0]
    if payload[3:4] == b"#":
        return MyError(errno, payload[4:9].decode("ascii"), payload[9:].decode("utf-8", "replace"))
    return MyError(errno, "", payload[3:].decode("utf-8", "replace"))


def parse_ok(payload: bytes) -> Ok:
    affected, i = lenenc_int(payload, 1)
    last_id, i = lenenc_int(payload, i)
    status, warnings = struct.unpack_from("<HH", payload, i)
    return Ok(affected, last_id, status, warnings, payload[i + 4:])


def parse_greeting(p: bytes) -> Greeting:
    if p[:1] == b"\xff":
        e = parse_error(p)
        raise ProtocolError(f"server refused the connection: {e}")
    proto = p[0]
    end = p.index(b"\0", 1)
    version = p[1:end].decode()
    i = end + 1
    conn_id = struct.unpack_from("<I", p, i)[0]
    i += 4
    salt1 = p[i:i + 8]
    i += 9  # salt part 1 + filler
    cap_lo = struct.unpack_from("<H", p, i)[0]
    i += 2
    charset = p[i]
    status = struct.unpack_from("<H", p, i + 1)[0]
    cap_hi = struct.unpack_from("<H", p, i + 3)[0]
    auth_len = p[i + 5]
    i += 6 + 10  # + reserved
    caps = cap_lo | (cap_hi << 16)
    n2 = max(13, auth_len - 8)
    salt2 = p[i:i + n2].rstrip(b"\0")
    i += n2
    plugin = ""
    if caps & CLIENT_PLUGIN_AUTH:
        plugin = p[i:].split(b"\0", 1)[0].decode()
    return Greeting(proto, version, conn_id, salt1 + salt2, caps, charset, status, plugin)


class RawMyConnection:
    def __init__(self, host: str, port: int, timeout: float = 10.0):
        self.sock: socket.socket = socket.create_connection((host, port), timeout=timeout)
        self.timeout = timeout
        self.buf = b""
        self.greeting: Greeting | None = None
        self.seq = 0
        self.tls = False
        self.server_public_key: bytes | None = None
        self.auth_trace: list[str] = []
        self.logged_in = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self, quit: bool = True):
        """Closes the socket, after a COM_QUIT when logged in (quit=False: just drop the socket)."""
        try:
            if quit and self.logged_in:
                self.sock.settimeout(1.0)
                self.send_packet(bytes([COM_QUIT]), seq=0)
        except (OSError, ValueError):
            pass
        try:
            self.sock.close()
        except OSError:
            pass

    # ------------------------------------------------------------------ packets

    def _recv_exact(self, n: int) -> bytes:
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError(f"server closed the connection (wanted {n} bytes, have {len(self.buf)})")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def read_packet(self) -> tuple[int, bytes]:
        """(sequence id, payload); joins 16 MiB continuation packets."""
        payload = b""
        while True:
            hdr = self._recv_exact(4)
            n = int.from_bytes(hdr[:3], "little")
            seq = hdr[3]
            payload += self._recv_exact(n)
            self.seq = (seq + 1) & 0xFF
            if n < MAX_PACKET:
                return seq, payload

    def send_packet(self, payload: bytes, seq: int | None = None) -> None:
        """One logical packet (split at 16 MiB); seq defaults to the next expected sequence id."""
        s = self.seq if seq is None else seq
        out = bytearray()
        while True:
            part, payload = payload[:MAX_PACKET], payload[MAX_PACKET:]
            out += len(part).to_bytes(3, "little") + bytes([s & 0xFF]) + part
            s += 1
            if len(part) < MAX_PACKET:
                break
        self.seq = s & 0xFF
        self.sock.sendall(bytes(out))

    def send_raw(self, data: bytes) -> None:
        self.sock.sendall(data)

    def command(self, cmd: int, body: bytes = b"", seq: int = 0) -> None:
        self.send_packet(bytes([cmd]) + body, seq=seq)

    # ------------------------------------------------------------------ login

    def read_greeting(self) -> Greeting:
        _, p = self.read_packet()
        self.greeting = parse_greeting(p)
        return self.greeting

    def login(self, user: str, password: str, database: str | None = None, *, use_tls: bool = False,
              plugin: str | None = None, capabilities: int = 0, cafile: str | None = None) -> Ok:
        """Handshake response with `plugin` (default: the one the server proposed); follows
        AuthSwitchRequest and caching_sha2 fast/full authentication. Returns the final OK."""
        from pymysql import _auth

        g = self.greeting or self.read_greeting()
        caps = (CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_TRANSACTIONS | CLIENT_SECURE_CONNECTION
                | CLIENT_PLUGIN_AUTH | CLIENT_MULTI_RESULTS | capabilities)
        if database:
            caps |= CLIENT_CONNECT_WITH_DB
        caps &= g.capabilities  # ask only for what the server offers
        if use_tls:
            if not g.capabilities & CLIENT_SSL:
                raise ProtocolError("server does not offer SSL")
            caps |= CLIENT_SSL
            self.send_packet(struct.pack("<IIB", caps, MAX_PACKET, UTF8MB4_GENERAL_CI) + b"\0" * 23)
            ctx = ssl.create_default_context(cafile=cafile) if cafile else ssl._create_unverified_context()
            if cafile:
                ctx.check_hostname = False
            self.sock = ctx.wrap_socket(self.sock, server_hostname="localhost")
            self.tls = True
        pw = password.encode("utf-8")
        plugin = plugin or g.auth_plugin or "mysql_native_password"
        auth = self._scramble(plugin, pw, g.salt)
        body = struct.pack("<IIB", caps, MAX_PACKET, UTF8MB4_GENERAL_CI) + b"\0" * 23
        body += user.encode("utf-8") + b"\0" + bytes([len(auth)]) + auth
        if database:
            body += database.encode("utf-8") + b"\0"
        body += plugin.encode() + b"\0"
        self.send_packet(body)
        salt = g.salt
        while True:
            _, p = self.read_packet()
            kind = p[:1]
            if kind == b"\x00":
                self.auth_trace.append("ok")
                self.logged_in = True
                return parse_ok(p)
            if kind == b"\xff":
                e = parse_error(p)
                raise MyServerError(e)
            if kind == b"\xfe":  # AuthSwitchRequest
                end = p.index(b"\0", 1)
                plugin = p[1:end].decode()
                salt = p[end + 1:].rstrip(b"\0")
                self.auth_trace.append(f"switch:{plugin}")
                self.send_packet(self._scramble(plugin, pw, salt))
                continue
            if kind == b"\x01":  # extra auth data
                if plugin != "caching_sha2_password":
                    raise ProtocolError(f"unexpected AuthMoreData for {plugin}: {p!r}")
                if p[1:2] == b"\x03":
                    self.auth_trace.append("fast")
                    continue
                if p[1:2] == b"\x04":
                    self.auth_trace.append("full")
                    if self.tls:
                        self.send_packet(pw + b"\0")
                    else:
                        self.send_packet(b"\x02")
                        _, k = self.read_packet()
                        if k[:1] != b"\x01":
                            raise ProtocolError(f"expected the public key, got {k[:40]!r}")
                        self.server_public_key = k[1:]
                        self.auth_trace.append("rsa")
                        self.send_packet(_auth.sha2_rsa_encrypt(pw, salt, self.server_public_key))
                    continue
                raise ProtocolError(f"unknown AuthMoreData {p!r}")
            raise ProtocolError(f"unexpected packet during login: {p[:60]!r}")

    @staticmethod
    def _scramble(plugin: str, pw: bytes, salt: bytes) -> bytes:
        from pymysql import _auth

        if not pw:
            return b""
        if plugin == "mysql_native_password":
            return _auth.scramble_native_password(pw, salt[:20])
        if plugin == "caching_sha2_password":
            return _auth.scramble_caching_sha2(pw, salt[:20])
        raise ProtocolError(f"raw client has no {plugin}")

    # ------------------------------------------------------------------ responses

    def read_response(self) -> Ok | MyError | ResultSet:
        """One command response: OK, ERR or a text result set (without DEPRECATE_EOF)."""
        _, p = self.read_packet()
        if p[:1] == b"\x00":
            return parse_ok(p)
        if p[:1] == b"\xff":
            return parse_error(p)
        ncols, _ = lenenc_int(p, 0)
        rs = ResultSet()
        for _ in range(ncols):
            _, c = self.read_packet()
            i = 0
            fields = []
            for _ in range(6):  # catalog, schema, table, org_table, name, org_name
                v, i = lenenc_bytes(c, i)
                fields.append(v)
            rs.columns.append(fields[4].decode())
        _, eof = self.read_packet()
        if eof[:1] != b"\xfe":
            raise ProtocolError(f"expected EOF after column definitions, got {eof[:20]!r}")
        while True:
            _, r = self.read_packet()
            if r[:1] == b"\xfe" and len(r) < 9:
                rs.status = struct.unpack_from("<H", r, 3)[0]
                return rs
            if r[:1] == b"\xff":
                raise MyServerError(parse_error(r))
            row, i = [], 0
            for _ in range(ncols):
                v, i = lenenc_bytes(r, i)
                row.append(v)
            rs.rows.append(row)

    def query(self, sql: str) -> Ok | MyError | ResultSet:
        self.command(COM_QUERY, sql.encode("utf-8"))
        return self.read_response()

    def read_until_closed(self, timeout: float) -> tuple[bytes, bool]:
        """Everything the server sends until it closes (True) or `timeout` passes (False)."""
        data, self.buf = self.buf, b""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return data, False
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except (socket.timeout, TimeoutError):
                return data, False
            except (ConnectionResetError, BrokenPipeError, ssl.SSLError):
                return data, True
            finally:
                self.sock.settimeout(self.timeout)
            if not chunk:
                return data, True
            data += chunk


class MyServerError(Exception):
    def __init__(self, error: MyError):
        super().__init__(f"{error.errno} ({error.sqlstate}): {error.message}")
        self.error = error


def packets_in(data: bytes) -> list[bytes]:
    """Split raw bytes into packet payloads (complete packets only)."""
    out, i = [], 0
    while i + 4 <= len(data):
        n = int.from_bytes(data[i:i + 3], "little")
        if i + 4 + n > len(data):
            break
        out.append(data[i + 4:i + 4 + n])
        i += 4 + n
    return out
