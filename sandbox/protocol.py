"""Length-prefixed msgpack frames: the only wire format between the caller and a worker.

Shared by both sides, so it imports nothing but the standard library and msgpack.
A 4-byte big-endian length precedes each msgpack body; a reader never waits on a
partial frame it cannot complete (see NOTES: a streaming Unpacker on a blocking
pipe can deadlock).
"""

from __future__ import annotations

import os
import struct
from typing import Any

import msgpack

FORMAT_VERSION = 1
_HEADER = struct.Struct(">I")
MAX_FRAME = 256 * 1024 * 1024


def pack(obj: Any) -> bytes:
    body = msgpack.packb(obj, use_bin_type=True)
    return _HEADER.pack(len(body)) + body


def unpack(body: bytes) -> Any:
    return msgpack.unpackb(body, raw=False, strict_map_key=False)


class FrameBuffer:
    """Accumulates bytes read from a pipe and yields complete frames."""

    def __init__(self, limit: int = MAX_FRAME) -> None:
        self._buf = bytearray()
        self._limit = limit

    def feed(self, data: bytes) -> list[Any]:
        self._buf += data
        frames = []
        while len(self._buf) >= _HEADER.size:
            (size,) = _HEADER.unpack_from(self._buf)
            if size > self._limit:
                raise ValueError(f"frame of {size} bytes exceeds the {self._limit}-byte limit")
            end = _HEADER.size + size
            if len(self._buf) < end:
                break
            frames.append(unpack(bytes(self._buf[_HEADER.size : end])))
            del self._buf[:end]
        return frames


def read_frame(fd: int, limit: int = MAX_FRAME) -> Any:
    """One frame from a blocking descriptor; EOFError when the other side closed it."""
    (size,) = _HEADER.unpack(_read_exactly(fd, _HEADER.size))
    if size > limit:
        raise ValueError(f"frame of {size} bytes exceeds the {limit}-byte limit")
    return unpack(_read_exactly(fd, size))


def write_frame(fd: int, obj: Any) -> None:
    view = memoryview(pack(obj))
    while view:
        view = view[os.write(fd, view) :]


def _read_exactly(fd: int, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError("the other side closed the channel")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
