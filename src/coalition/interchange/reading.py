"""Reading a record file (YAML, JSON, or a directory of CSV files) and locating its lines.

Validation errors come back as paths like ("meetings", 3, "start"); a `Locator` turns such a path
into "record.yaml:41" so that every error names the file and the line.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from coalition.errors import InvalidInput

Loc = Sequence[str | int]
LIST_TABLES = ("evidence", "aliases")


# libyaml's parser when PyYAML was built with it: about twenty times faster than pure Python.
_Safe: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextDates(_Safe):  # type: ignore[valid-type,misc]
    """YAML without implicit timestamps: dates stay text, so that a bad date such as 2014-13-45
    reaches validation (which names its line) instead of failing inside the YAML parser."""


def _no_repeated_keys(loader: _TextDates, node: yaml.MappingNode, deep: bool = False) -> Any:
    """YAML keeps the last of two equal keys; a second `figures:` block would silently replace
    the first, so a repeated key is an error with its line."""
    seen: dict[Any, int] = {}
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"the key {key!r} appears twice (first on line {seen[key]})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


_TextDates.add_constructor("tag:yaml.org,2002:map", _no_repeated_keys)
_TextDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class ImportFailed(InvalidInput):
    """A record file that cannot be imported; the message names file, line and field."""


@dataclass
class Locator:
    """Maps a path inside the document to the line it came from."""

    file: str
    lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)
    files: dict[tuple[str | int, ...], str] = field(default_factory=dict)
    text: str | None = None  # YAML or JSON whose lines are read only when an error needs them

    def __call__(self, loc: Loc) -> str:
        if self.text is not None:
            self.lines, self.text = _yaml_lines(self.text), None
        path = tuple(loc)
        while path:
            if path in self.lines:
                return f"{self.files.get(path, self.file)}:{self.lines[path]}"
            path = path[:-1]
        return self.file

    def fail(self, loc: Loc, message: str) -> ImportFailed:
        return ImportFailed(
            f"{self(loc)}: {dotted(loc)}: {message}" if loc else f"{self(loc)}: {message}"
        )


def dotted(loc: Loc) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_document(path: Path) -> tuple[Any, Locator]:
    if path.is_dir():
        return (
            _read_csv_dir(path)
            if not (path / "record.json").exists()
            else read_document(path / "record.json")
        )
    if not path.exists():
        raise ImportFailed(f"{path}: no such file")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ImportFailed(
            f"{path}: not UTF-8 text ({error.reason} at byte {error.start})"
        ) from None
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ImportFailed(f"{path}:{error.lineno}: malformed JSON: {error.msg}") from None
    else:
        try:
            data = yaml.load(text, Loader=_TextDates)  # a SafeLoader subclass: safe
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"{path}:{mark.line + 1}" if mark else str(path)
            problem = getattr(error, "problem", None) or str(error)
            raise ImportFailed(f"{where}: malformed YAML: {problem}") from None
    if not isinstance(data, dict):
        raise ImportFailed(f"{path}: a record file is a mapping with `format: coalition-record`")
    return data, Locator(str(path), text=text)


def _yaml_lines(text: str) -> dict[tuple[str | int, ...], int]:
    """Line numbers of every mapping key and list item, read from YAML's node tree.

    JSON is (nearly) YAML, so the same walk serves both; if YAML cannot read a JSON file, errors
    simply name the file without a line.
    """
    try:
        root = yaml.compose(text, Loader=_Safe)
    except yaml.YAMLError:
        return {}
    lines: dict[tuple[str | int, ...], int] = {}

    def walk(node: yaml.Node, path: tuple[str | int, ...]) -> None:
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                child = (*path, str(key_node.value))
                lines[child] = key_node.start_mark.line + 1
                walk(value_node, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*path, index))

    if root is not None:
        walk(root, ())
    return lines


def _read_csv_dir(directory: Path) -> tuple[Any, Locator]:
    """Rebuild the document from `export --format csv` output."""
    locator = Locator(str(directory))
    children: dict[str, dict[str, list[tuple[dict[str, Any], str, int]]]] = {
        table: _children(directory / f"{table}.csv") for table in LIST_TABLES
    }
    document: dict[str, Any] = {"format": "coalition-record", "version": 1}
    meta = directory / "format.csv"
    if meta.exists():
        for row, _line in _rows(meta):
            document[row["name"]] = int(row["value"]) if row["name"] == "version" else row["value"]
    for csv_path in sorted(directory.glob("*.csv")):
        section = csv_path.stem
        if section in (*LIST_TABLES, "format"):
            continue
        items = []
        for index, (row, line) in enumerate(_rows(csv_path)):
            locator.lines[(section, index)] = line
            locator.files[(section, index)] = str(csv_path)
            if section != "sources":
                _attach(row, children, section, index, locator)
            items.append(row)
        document[section] = items
    return document, locator


def _attach(
    row: dict[str, Any], children: dict[str, Any], section: str, index: int, locator: Locator
) -> None:
    for table in LIST_TABLES:
        owned = children[table].get(row.get("key") or "", [])
        if table == "aliases" and section != "actors":
            continue
        values: list[Any] = []
        for position, (child, file, line) in enumerate(owned):
            locator.lines[(section, index, table, position)] = line
            locator.files[(section, index, table, position)] = file
            values.append(child["alias"] if table == "aliases" else _evidence_item(child))
        row[table] = values


def _evidence_item(row: dict[str, Any]) -> dict[str, Any]:
    # A missing column reads as empty, and validation then names the row and the field.
    if row.get("source"):
        return {k: row.get(k) for k in ("source", "start", "end", "text")}
    return {k: row.get(k) for k in ("entered_by", "entered_at", "note")}


def _children(path: Path) -> dict[str, list[tuple[dict[str, Any], str, int]]]:
    grouped: dict[str, list[tuple[dict[str, Any], str, int]]] = defaultdict(list)
    if path.exists():
        owner = "actor" if path.stem == "aliases" else "record"
        for row, line in _rows(path):
            grouped[row.pop(owner)].append((row, str(path), line))
    return grouped


def _rows(path: Path) -> list[tuple[dict[str, Any], int]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = []
            for row in reader:
                if None in row:
                    raise ImportFailed(f"{path}:{reader.line_num}: more cells than columns")
                rows.append((dict(row), reader.line_num))
            return rows
    except UnicodeDecodeError as error:
        raise ImportFailed(f"{path}: not UTF-8 text ({error.reason})") from None
    except csv.Error as error:
        raise ImportFailed(f"{path}: malformed CSV: {error}") from None
