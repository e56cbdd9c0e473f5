"""Decode: one place that turns input bytes into note text, for files and stdin alike.

Fail closed: bytes whose text we cannot be sure of are refused, never guessed at. A
UTF-16 file without a byte-order mark decodes as "valid UTF-8" with a NUL after every
character, and NUL or other control characters inside an identifier ("MRN 0048<NUL>2913")
hide it from every pattern; either would go out unredacted, so both are refused.

What is accepted, and how it is written back (bytes outside redactions stay exact):

- UTF-8, with or without a BOM: the BOM is kept out of the text (so it cannot glue onto
  the first word) and written back in front of the output.
- UTF-16 with a BOM (LE or BE): decoded, and written back as the same UTF-16 with the
  same BOM, the most faithful round trip.
- Any encoding the user names explicitly (``--encoding cp1252``): decoded with it and
  written back with it.

Refused: UTF-16 without a BOM, UTF-32, NUL bytes, other C0 control characters (except
tab, line feed, vertical tab, form feed and carriage return), DEL, and invalid UTF-8
(Latin-1 or Windows-1252 text) when no encoding was named.
"""

from __future__ import annotations

import bisect
import codecs
from dataclasses import dataclass

from redactphi.errors import RedactPHIError

UTF8_BOM = codecs.BOM_UTF8
_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
#: Control characters a note may hold: tab, LF, VT, FF, CR. Everything else below 0x20
#: (and DEL) marks binary data or an identifier split by an invisible character.
_ALLOWED_CONTROLS = frozenset("\t\n\x0b\x0c\r")
_BAD_CHARS = frozenset(chr(c) for c in range(0x20) if chr(c) not in _ALLOWED_CONTROLS) | {"\x7f"}


class DecodeError(RedactPHIError):
    """The bytes are not text we can redact safely; ``reason`` never quotes them."""


@dataclass(frozen=True)
class Decoded:
    """Note text and how to encode its redacted version back (same encoding, same BOM)."""

    text: str
    encoding: str = "utf-8"
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        """``text`` (the redacted note) in the input's encoding, BOM included."""
        return self.bom + text.encode(self.encoding)


def check_encoding_name(encoding: str) -> str:
    """The codec name for a user's ``--encoding``; raises on an unknown one."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise DecodeError("unknown --encoding; use a Python codec name such as utf-8, cp1252 or utf-16") from None


def _looks_utf16_without_bom(data: bytes) -> bool:
    """NULs on every other byte of the first 4 KB: ASCII text stored as UTF-16."""
    head = data[:4096]
    if len(head) < 2:
        return False
    even, odd = head[0::2], head[1::2]
    return even.count(0) > 0.3 * len(even) or odd.count(0) > 0.3 * len(odd)


def bad_character(text: str) -> str | None:
    """Why ``text`` must be refused (a NUL or other control character), or None. The
    reason gives the character's code and offset, never the text around it."""
    if not _BAD_CHARS.isdisjoint(text):
        at = next(i for i, c in enumerate(text) if c in _BAD_CHARS)
        what = "NUL byte" if text[at] == "\0" else f"control character U+{ord(text[at]):04X}"
        return f"binary content: {what} at character {at}; refused (it can hide an identifier)"
    return None


def decode_bytes(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode a whole input. Raises :class:`DecodeError` (content-free) when the bytes
    are not text we can be sure of; see the module docstring for what is accepted."""
    if encoding is not None:
        return _checked(_decode_as(data, check_encoding_name(encoding), b""))
    if data.startswith(_UTF32_BOMS):
        raise DecodeError("UTF-32 text is not supported; re-save it as UTF-8")
    for bom, codec in _UTF16_BOMS:
        if data.startswith(bom):
            return _checked(_decode_as(data[len(bom):], codec, bom))
    if data.startswith(UTF8_BOM):
        return _checked(_decode_as(data[len(UTF8_BOM):], "utf-8", UTF8_BOM))
    if _looks_utf16_without_bom(data):
        raise DecodeError(
            "looks like UTF-16 without a byte-order mark; refused - re-save it as UTF-8 "
            "or pass --encoding utf-16-le (or utf-16-be)"
        )
    nul = data.find(b"\0")
    if nul >= 0:  # before UTF-8 decoding, so binary data is called binary, not bad UTF-8
        raise DecodeError(f"binary content: NUL byte at byte offset {nul}; refused (it can hide an identifier)")
    return _checked(_decode_as(data, "utf-8", b""))


def _decode_as(data: bytes, codec: str, bom: bytes) -> Decoded:
    try:
        return Decoded(data.decode(codec), codec, bom)
    except UnicodeDecodeError as exc:
        hint = " (Latin-1 or Windows-1252? pass --encoding cp1252)" if codec == "utf-8" else ""
        raise DecodeError(f"not valid {codec.upper()} (byte offset {exc.start + len(bom)}){hint}") from None


def _checked(decoded: Decoded) -> Decoded:
    reason = bad_character(decoded.text)
    if reason is not None:
        raise DecodeError(reason)
    return decoded



@dataclass(frozen=True)
class LfView:
    """The copy of a note that detection reads: every CRLF as LF and every lone CR as
    LF, so a CRLF or CR note is read exactly as its LF twin. ``original`` maps an offset
    in this copy back to the note, whose own bytes are what get cut and written."""

    text: str
    crs: tuple[int, ...] = ()  # index in ``text`` of each LF that lost its CR

    def original(self, offset: int) -> int:
        return offset + bisect.bisect_left(self.crs, offset) if self.crs else offset


def lf_view(text: str) -> LfView:
    """See :class:`LfView`; a note without CR is its own view (no copy)."""
    if "\r" not in text:
        return LfView(text)
    crs: list[int] = []
    at = text.find("\r\n")
    while at >= 0:
        crs.append(at - len(crs))
        at = text.find("\r\n", at + 2)
    return LfView(text.replace("\r\n", "\n").replace("\r", "\n"), tuple(crs))
