"""Finding and reading the documents to ingest: files, folders, globs; text, HTML, JSON, JSONL.

Nothing here raises for one bad input: each problem becomes a `Failure` with its reason, so that the
rest of a batch goes through.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from coalition.errors import CoalitionError
from coalition.intake.cleaning import decode
from coalition.intake.pipeline import MAX_BYTES, Document

FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


@dataclass(frozen=True)
class Failure:
    origin: str
    reason: str


@dataclass(frozen=True)
class JsonFields:
    """Which fields of a JSON item hold what (configurable with --text-field and friends)."""

    text: str = "text"
    title: str = "title"
    url: str = "url"
    published: str = "published"
    html: bool = False  # the text field holds HTML


def expand(paths: list[str]) -> Iterator[Path | Failure]:
    """Every file named by the arguments: files, folders (recursively) and glob patterns."""
    for given in paths:
        # glob.glob, not Path.glob: the pattern may be absolute ("/data/**/*.txt").
        matches = sorted(glob.glob(given, recursive=True)) if glob.has_magic(given) else [given]  # noqa: PTH207
        if not matches:
            yield Failure(given, "no file matches this pattern")
        for match in matches:
            path = Path(match)
            if path.is_dir():
                yield from sorted(
                    p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FORMATS
                )
            elif path.is_file():
                yield path
            else:
                yield Failure(given, "no such file or folder")


def read(path: Path, fields: JsonFields, published: date | None) -> Iterator[Document | Failure]:
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        yield Failure(str(path), f"unsupported file type {path.suffix or '(none)'!r}")
        return
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield Failure(str(path), f"{size / 1e6:.1f} MB is over the 20 MB limit")
            return
        if size == 0:
            yield Failure(str(path), "empty file")
            return
        text, encoding = decode(path.read_bytes())
    except OSError as error:
        yield Failure(str(path), f"cannot read: {error.strerror}")
        return
    except CoalitionError as error:
        yield Failure(str(path), str(error))
        return
    if not text.strip():
        yield Failure(str(path), "no text in the file")
    elif kind in ("txt", "html"):
        yield Document(str(path), path.name, text, kind, encoding, published=published)
    elif kind == "json":
        yield from _json(path, text, encoding, fields, published)
    else:
        yield from _jsonl(path, text, encoding, fields, published)


def _json(
    path: Path, text: str, encoding: str, fields: JsonFields, published: date | None
) -> Iterator[Document | Failure]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield Failure(str(path), f"invalid JSON at line {error.lineno}: {error.msg}")
        return
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items):
        yield _item(path, f"{path.name}#{index}", item, encoding, fields, published)


def _jsonl(
    path: Path, text: str, encoding: str, fields: JsonFields, published: date | None
) -> Iterator[Document | Failure]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            yield Failure(f"{path}:{number}", f"invalid JSON: {error.msg}")
            continue
        yield _item(path, f"{path.name}#{number}", item, encoding, fields, published)


def _item(
    path: Path, name: str, item: Any, encoding: str, fields: JsonFields, published: date | None
) -> Document | Failure:
    """One JSON item as a document, with the date, title and URL it carries."""
    origin = f"{path}#{name.rsplit('#', 1)[1]}"
    if not isinstance(item, dict):
        return Failure(origin, "a JSON item must be an object")
    text = item.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        return Failure(origin, f"no text in field {fields.text!r}")
    return Document(
        origin,
        name,
        text,
        "html" if fields.html else "txt",
        encoding,
        title=_string(item.get(fields.title)),
        url=_string(item.get(fields.url)),
        published=published or _day(item.get(fields.published)),
    )


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
