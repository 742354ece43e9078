"""A lean asyncio HTTP/1.1 keep-alive server answering canned JSON, run in its own process.

The async benchmark needs a server that costs little per request, so that the clients'
own costs are what the figures compare. ``python -m benchmarks.canned_asyncio`` prints
``PORT <n>`` once it listens; SIGTERM stops it. It reads each request head, skips a
``Content-Length`` body and answers the canned body of ``(method, path)`` (404 otherwise).
"""

from __future__ import annotations

import asyncio
import signal
import sys

from .payloads import canned_bytes

CANNED = canned_bytes()
NOT_FOUND = b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n"


def _answer(status: int, body: bytes) -> bytes:
    kind = b"content-type: application/json\r\n" if body else b""
    return b"HTTP/1.1 %d X\r\n%scontent-length: %d\r\n\r\n" % (status, kind, len(body)) + body


ANSWERS = {key: _answer(status, body) for key, (status, body) in CANNED.items()}


class Canned(asyncio.Protocol):
    def __init__(self) -> None:
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buffer[:end].decode("latin-1")
            lines = head.split("\r\n")
            length = 0
            for line in lines[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if len(self.buffer) < end + 4 + length:
                return
            self.buffer = self.buffer[end + 4 + length :]
            method, target, _ = lines[0].split(" ", 2)
            assert self.transport is not None
            self.transport.write(ANSWERS.get((method, target.split("?", 1)[0]), NOT_FOUND))


async def serve() -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Canned, "127.0.0.1", 0, backlog=1024)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    async with server:
        await stop.wait()


if __name__ == "__main__":
    sys.exit(asyncio.run(serve()))
