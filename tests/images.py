"""Images for the tests, made here rather than kept as binary files."""

from __future__ import annotations

import struct
import zlib


def png(text: str = "") -> bytes:
    """A PNG of one white pixel; with text, carrying it in a tEXt chunk (a token a test looks for in
    the output, since Sphinx copies an image as it is)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    comment = [chunk(b"tEXt", b"Comment\x00" + text.encode())] if text else []
    pixels = chunk(b"IDAT", zlib.compress(b"\0\xff\xff\xff"))
    return b"\x89PNG\r\n\x1a\n" + b"".join([chunk(b"IHDR", header), *comment, pixels, chunk(b"IEND", b"")])
