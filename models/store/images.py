"""What a picture that comes in claims to be, read from its header only (no decoding):
PNG or JPEG, and its size in pixels. A file that is not one of them, or that claims more
pixels than a poster's logo could need (a decompression bomb), is refused."""

from __future__ import annotations

import struct

MAX_BYTES = 512 * 1024
MAX_PIXELS = 25_000_000  # a 5000 × 5000 logo is already far more than A3 needs
MAX_SIDE = 10_000
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
# JPEG markers that start a frame and carry its size (SOF0–SOF15 but DHT, JPG, DAC).
_SOF = set(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def png_size(data: bytes) -> tuple[int, int] | None:
    if not data.startswith(PNG_MAGIC) or data[12:16] != b"IHDR" or len(data) < 24:
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def jpeg_size(data: bytes) -> tuple[int, int] | None:
    if not data.startswith(JPEG_MAGIC):
        return None
    at = 2
    while at + 9 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        length = struct.unpack(">H", data[at + 2 : at + 4])[0]
        if marker in _SOF:
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        if length < 2:
            return None
        at += 2 + length
    return None


def checked_picture(data: bytes) -> tuple[int, int]:
    """The (width, height) of a PNG or JPEG fit for a logo; ValueError otherwise."""
    if len(data) > MAX_BYTES:
        raise ValueError("too_large")
    size = png_size(data) or jpeg_size(data)
    if size is None:
        raise ValueError("not_image")
    width, height = size
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE) or width * height > MAX_PIXELS:
        raise ValueError("too_many_pixels")
    return size
