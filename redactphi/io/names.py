"""File names can carry PHI ("Okafor, Maria MRN 40718263.txt"). Folder mode copies the
relative path into the output tree and the audit, so it checks each path with the same
detector as the notes (one short extra text per note), warns by count, and offers
``--hash-names``: every output is then named by a keyed hash of its relative path
(HMAC-SHA256, truncated) plus its extension, flat in OUT, and the audit holds only that
id. The key lives beside the output folder (never inside it, so it does not travel with
the outputs), is created on first use with mode 0600 and reused, so a resumed run gives
the same names; whoever holds the key and the inputs can map ids back to files with
:func:`hashed_name`, nobody else can (an unkeyed hash of a guessable name such as an
MRN could be reversed by trying every number).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from redactphi.pipeline.read import Note

if TYPE_CHECKING:
    from redactphi.api import Redactor

#: Hex characters of the HMAC kept: 80 bits, far beyond any folder's collision risk.
ID_CHARS = 20
_SIMPLE_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}")
# Separators that are punctuation in a path but spaces to a reader of the name.
_SEPARATORS = str.maketrans({"/": " ", "_": " ", "\\": " "})


def name_text(rel: str) -> str:
    """The text the detector reads for a relative path (same length, separators as
    spaces, so "Okafor_Maria/MRN_40718263.txt" reads like a sentence)."""
    return rel.translate(_SEPARATORS)


def name_phi_types(redactor: Redactor, rels: Iterable[str]) -> list[tuple[str, ...]]:
    """PHI types the detector finds in each relative path, in order (a path that could
    not be checked counts as PHI, "UNCHECKED": a name not checked is not known to be safe)."""
    names = (Note(str(i), "<file name>", name_text(rel)) for i, rel in enumerate(rels))
    return [
        tuple(sorted({r.entity for r in o.result.redactions})) if o.result else ("UNCHECKED",)
        for o in redactor.process(names)
    ]


def key_path_for(out_dir: Path) -> Path:
    """Where the --hash-names key lives: beside OUT, never inside it."""
    return out_dir.with_name(out_dir.name + ".names.key")


def load_or_create_key(path: Path) -> bytes:
    """The key at ``path``, created (32 random bytes, hex, mode 0600) if absent."""
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key.hex() + "\n")
    return key


def hashed_name(key: bytes, rel: str) -> str:
    """The output name for ``rel`` under --hash-names: keyed hash plus a plain extension
    (".txt"); an extension that is not short and alphanumeric is dropped too."""
    digest = hmac.new(key, rel.encode("utf-8", "surrogateescape"), hashlib.sha256).hexdigest()[:ID_CHARS]
    suffix = PurePosixPath(rel).suffix
    return digest + (suffix if _SIMPLE_SUFFIX.fullmatch(suffix) else "")


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def printable(name: str) -> str:
    """A path safe to print on one line: control characters (newline, carriage return,
    escape sequences) and undecodable bytes become visible escapes, so a file name cannot fake output lines."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", name)
