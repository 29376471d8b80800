"""The async API's WebSocket event stream, as a test reads it."""
from __future__ import annotations

import json

import websocket


def open_events(url: str, token: str, timeout: float = 30) -> websocket.WebSocket:
    """Subscribes to `url` (…/v1/ws?query_id=…) with a bearer token."""
    return websocket.create_connection(url, header=[f"Authorization: Bearer {token}"], timeout=timeout)


def read_until_closed(ws: websocket.WebSocket) -> list[dict]:
    """Every event the server sends until it closes the socket (after the final one)."""
    events = []
    try:
        while True:
            opcode, data = ws.recv_data()
            if opcode == websocket.ABNF.OPCODE_CLOSE:
                return events
            events.append(json.loads(data))
    finally:
        ws.close()
