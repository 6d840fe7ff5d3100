"""Loaded by every `digest` the tests start (PYTHONPATH): any attempt to open a network
connection fails and is logged to $DIGEST_NET_LOG, so tests can assert a build stayed offline."""

import os
import socket

_LOG = os.environ.get("DIGEST_NET_LOG")


def _refuse(_sock, address, *_args, **_kwargs):
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as handle:
            handle.write(f"{address!r}\n")
    raise OSError(f"network disabled in tests (tried {address!r})")


if _LOG:
    socket.socket.connect = _refuse
    socket.socket.connect_ex = _refuse
    socket.create_connection = lambda address, *a, **k: _refuse(None, address)
