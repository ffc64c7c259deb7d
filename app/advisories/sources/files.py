"""Offline import: OSV JSON/YAML files in directories (recursively) or zips (OSV's `all.zip`),
Node.js Security WG entries and RustSec Markdown advisories, detected per document. Streams one
document at a time; a bad file or zip member becomes an `ImportItem` with an error and the import
goes on.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from app.advisories.osv import InvalidRecord
from app.advisories.sources import nswg, rustsec

MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
SUFFIXES = (".json", ".yaml", ".yml", ".md")  # .md: RustSec's native advisories
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class ImportItem:
    origin: str  # file path, or `archive.zip!member`
    record: dict[str, Any] | None = None
    source: str = "osv-files"
    error: str | None = None  # why the document was rejected
    skipped: str | None = None  # why it was left out on purpose (an index file, a core entry)


def _plain(value: Any, seen: set[int], depth: int = 0) -> Any:
    """JSON-ready copy of a parsed document: YAML timestamps become RFC 3339 strings; YAML aliases
    (shared nodes: the billion-laughs bomb) and absurd nesting are rejected."""
    if depth > MAX_DEPTH:
        raise InvalidRecord(f"nested deeper than {MAX_DEPTH} levels")
    if isinstance(value, dict | list):
        if id(value) in seen:
            raise InvalidRecord("YAML aliases are not allowed in advisories")
        seen.add(id(value))
        if isinstance(value, list):
            return [_plain(child, seen, depth + 1) for child in value]
        return {str(key): _plain(child, seen, depth + 1) for key, child in value.items()}
    if isinstance(value, datetime):
        stamp = value if value.tzinfo else value.replace(tzinfo=UTC)
        return stamp.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return f"{value.isoformat()}T00:00:00Z"
    return value


def parse_document(name: str, data: bytes) -> Any:
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InvalidRecord(f"larger than {MAX_DOCUMENT_BYTES} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidRecord(f"not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    is_json = name.lower().endswith(".json")
    if is_json and "\\u0000" in text:  # PostgreSQL's JSONB cannot hold NUL characters
        raise InvalidRecord("contains a NUL character (\\u0000)")
    try:
        doc = json.loads(text) if is_json else yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 - safe
    except json.JSONDecodeError as exc:
        raise InvalidRecord(f"invalid JSON: {exc.msg} at line {exc.lineno}") from exc
    except yaml.YAMLError as exc:
        raise InvalidRecord(f"invalid YAML: {str(exc).splitlines()[0]}") from exc
    except RecursionError as exc:
        raise InvalidRecord("nested too deeply") from exc
    # JSON has no aliases and json.loads bounds nesting itself (RecursionError above): no copy needed
    return doc if is_json else _plain(doc, set())


def classify(origin: str, data: bytes) -> ImportItem:
    """One document as an OSV record (converted when it is a WG entry), or the reason it is not."""
    if PurePosixPath(origin.replace("!", "/")).name == "index.json":
        return ImportItem(origin, skipped="index file")
    if origin.lower().endswith(".md"):
        return _markdown(origin, data)
    try:
        doc = parse_document(origin, data)
        if nswg.is_wg_npm_entry(doc):
            return ImportItem(origin, nswg.convert(doc), source="nodejs-security-wg")
        if nswg.is_wg_core_entry(doc):
            return ImportItem(origin, skipped="Node.js core entry (affects Node.js itself, not a package)")
        if not isinstance(doc, dict) or "id" not in doc:
            raise InvalidRecord("neither an OSV record nor a Node.js Security WG entry")
        return ImportItem(origin, doc)
    except InvalidRecord as exc:
        return ImportItem(origin, error=str(exc))


def _markdown(origin: str, data: bytes) -> ImportItem:
    text = data.decode("utf-8", errors="replace")
    if not rustsec.is_rustsec_markdown(origin, text):
        return ImportItem(origin, skipped="Markdown without a RustSec front matter")
    try:
        if len(data) > MAX_DOCUMENT_BYTES:
            raise InvalidRecord(f"larger than {MAX_DOCUMENT_BYTES} bytes")
        return ImportItem(origin, rustsec.convert(text), source="rustsec")
    except InvalidRecord as exc:
        return ImportItem(origin, error=str(exc))


def _from_zip(path: Path) -> Iterator[ImportItem]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        yield ImportItem(str(path), error=f"cannot open zip: {exc}")
        return
    with archive:
        for member in archive.infolist():
            origin = f"{path}!{member.filename}"
            if member.is_dir() or not member.filename.lower().endswith(SUFFIXES):
                continue
            if member.file_size > MAX_DOCUMENT_BYTES:
                yield ImportItem(origin, error=f"larger than {MAX_DOCUMENT_BYTES} bytes")
                continue
            try:
                with archive.open(member) as handle:
                    data = handle.read(MAX_DOCUMENT_BYTES + 1)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
                yield ImportItem(origin, error=f"unreadable zip member: {exc}")
                continue
            yield classify(origin, data)


def _from_file(path: Path) -> ImportItem:
    try:
        if path.stat().st_size > MAX_DOCUMENT_BYTES:
            return ImportItem(str(path), error=f"larger than {MAX_DOCUMENT_BYTES} bytes")
        data = path.read_bytes()
    except OSError as exc:
        return ImportItem(str(path), error=f"unreadable: {exc.strerror or exc}")
    return classify(str(path), data)


def iter_path(path: Path) -> Iterator[ImportItem]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if any(part.startswith(".") for part in child.relative_to(path).parts):
                continue  # .git and other hidden folders
            if child.is_file() and child.suffix.lower() == ".zip":
                yield from _from_zip(child)
            elif child.is_file() and child.name.lower().endswith(SUFFIXES):
                yield _from_file(child)
    elif path.is_file() and path.suffix.lower() == ".zip":
        yield from _from_zip(path)
    elif path.is_file():
        yield _from_file(path)
    else:
        yield ImportItem(str(path), error="no such file or directory")


def iter_paths(paths: Iterable[Path]) -> Iterator[ImportItem]:
    for path in paths:
        yield from iter_path(path)
