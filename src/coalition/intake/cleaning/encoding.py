"""Bytes to text: byte-order marks, UTF-16 without one, UTF-8, else detection."""

from __future__ import annotations

import codecs
import re

import charset_normalizer
from charset_normalizer.md import mess_ratio

from coalition.errors import InvalidInput

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its mark begins the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_WESTERN = "cp1252"


def _marked_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark names, or UTF-16 recognised by its zero high bytes."""
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return encoding
    if len(data) < 2 or len(data) % 2:
        return None
    for zeros, others, encoding in (
        (data[1::2], data[0::2], "utf-16-le"),
        (data[0::2], data[1::2], "utf-16-be"),
    ):
        if zeros.count(0) * 2 >= len(zeros) and others.count(0) == 0:
            return encoding
    return None


def _decode_as(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InvalidInput(
            f"the bytes look like {encoding} but do not decode: {error.reason}"
        ) from None


def _western(data: bytes) -> str | None:
    try:
        return data.decode(_WESTERN)
    except UnicodeDecodeError:
        return None


def _utf8_or_detected(data: bytes) -> tuple[str, str]:
    """UTF-8 when the bytes are valid UTF-8 (nearly every report), else what detection finds."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InvalidInput("binary data: no text encoding fits these bytes")
    # Detection is unsure on short texts (a German paragraph came out as Big5). The reports
    # are English or Western European, so cp1252 wins unless it reads as more of a mess.
    western = _western(data)
    if western is not None and mess_ratio(western, 1.0) <= best.chaos:
        return western, _WESTERN
    return str(best), best.encoding


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to text, and the encoding used. Binary data raises `InvalidInput` with the reason,
    so that an ingest can report the file and go on with the others."""
    encoding = _marked_encoding(data)
    if encoding is None and b"\x00" in data:
        raise InvalidInput("binary data: NUL bytes in a file that is not UTF-16 or UTF-32")
    text, encoding = (_decode_as(data, encoding), encoding) if encoding else _utf8_or_detected(data)
    controls = len(_CONTROL.findall(text))
    if controls * 50 > len(text):
        raise InvalidInput(f"binary data: {controls} control characters in {len(text)}")
    return text, encoding
