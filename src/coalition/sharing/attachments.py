"""What an attachment may be: its type is read from its bytes, never taken from its name.

Only types a partner would reasonably share and a reader can open without running anything are
accepted; executables, scripts, HTML and unknown binaries are refused, because an attachment is
handed to other partners' browsers.
"""

from __future__ import annotations

import hashlib
import io
import zipfile

from coalition.errors import InvalidInput

MAX_BYTES = 10 * 1024 * 1024

_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
_OFFICE = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
_TEXT_EXTENSIONS = {".txt": "text/plain", ".csv": "text/csv", ".md": "text/markdown"}


def sniff(data: bytes, filename: str) -> str:
    """The media type of `data`, or InvalidInput saying why it is not accepted."""
    for magic, media_type in _MAGIC:
        if data.startswith(magic):
            return media_type
    if data.startswith(b"PK\x03\x04"):
        return _office(data)
    if _is_text(data):
        if data.lstrip()[:1] == b"<":
            raise InvalidInput("markup files (HTML, XML, SVG) are not accepted as attachments")
        suffix = filename[filename.rfind(".") :].lower() if "." in filename else ""
        return _TEXT_EXTENSIONS.get(suffix, "text/plain")
    raise InvalidInput(
        "not an accepted file type: PDF, PNG, JPEG, GIF, Office documents and UTF-8 text are"
    )


def _office(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        raise InvalidInput("a damaged ZIP archive") from None
    if "[Content_Types].xml" in names:
        for prefix, media_type in _OFFICE.items():
            if any(name.startswith(prefix) for name in names):
                return media_type
    raise InvalidInput("ZIP archives are accepted only as Office documents")


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def checked(data: bytes, filename: str) -> tuple[str, str]:
    """(sha256, media type) of an acceptable attachment."""
    if not data:
        raise InvalidInput("the file is empty")
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"the file is over {MAX_BYTES // (1024 * 1024)} MB")
    if not filename.strip() or "/" in filename or "\\" in filename:
        raise InvalidInput("a file name without folders is needed")
    return hashlib.sha256(data).hexdigest(), sniff(data, filename)
