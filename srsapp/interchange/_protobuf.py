"""A tiny protobuf wire-format codec: just enough for Anki's package metadata,
media list and the config blobs of schema 18 collections.

Messages decode to ``{field_number: [values]}`` where a value is an ``int``
(varint / fixed) or ``bytes`` (length-delimited: strings, nested messages,
packed repeats).
"""

from __future__ import annotations

import struct


class ProtobufError(ValueError):
    pass


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    result = 0
    shift = 0
    while True:
        if pos >= len(buf):
            raise ProtobufError("truncated varint")
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7
        if shift > 70:
            raise ProtobufError("varint too long")


def decode(buf: bytes) -> dict[int, list[int | bytes]]:
    out: dict[int, list[int | bytes]] = {}
    pos = 0
    while pos < len(buf):
        key, pos = _varint(buf, pos)
        number, wire = key >> 3, key & 7
        value: int | bytes
        if wire == 0:
            value, pos = _varint(buf, pos)
        elif wire == 1:
            if pos + 8 > len(buf):
                raise ProtobufError("truncated fixed64")
            value = int.from_bytes(buf[pos : pos + 8], "little")
            pos += 8
        elif wire == 2:
            size, pos = _varint(buf, pos)
            if pos + size > len(buf):
                raise ProtobufError("truncated bytes")
            value = bytes(buf[pos : pos + size])
            pos += size
        elif wire == 5:
            if pos + 4 > len(buf):
                raise ProtobufError("truncated fixed32")
            value = int.from_bytes(buf[pos : pos + 4], "little")
            pos += 4
        else:
            raise ProtobufError(f"unsupported wire type {wire}")
        out.setdefault(number, []).append(value)
    return out


def get_int(msg: dict[int, list[int | bytes]], number: int, default: int = 0) -> int:
    values = msg.get(number)
    if not values:
        return default
    v = values[-1]
    return v if isinstance(v, int) else default


def get_bytes(msg: dict[int, list[int | bytes]], number: int) -> bytes:
    values = msg.get(number)
    if not values:
        return b""
    v = values[-1]
    return v if isinstance(v, bytes) else b""


def get_str(msg: dict[int, list[int | bytes]], number: int) -> str:
    return get_bytes(msg, number).decode("utf-8", errors="replace")


def get_float(msg: dict[int, list[int | bytes]], number: int) -> float | None:
    """A ``float`` (fixed32) field."""
    values = msg.get(number)
    if not values or not isinstance(values[-1], int):
        return None
    return float(struct.unpack("<f", values[-1].to_bytes(4, "little"))[0])


def _enc_varint(value: int) -> bytes:
    if value < 0:
        value += 1 << 64
    out = bytearray()
    while True:
        b = value & 0x7F
        value >>= 7
        if value:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def enc_int(number: int, value: int) -> bytes:
    return _enc_varint(number << 3) + _enc_varint(value)


def enc_bytes(number: int, value: bytes) -> bytes:
    return _enc_varint((number << 3) | 2) + _enc_varint(len(value)) + value


def enc_str(number: int, value: str) -> bytes:
    return enc_bytes(number, value.encode("utf-8"))
