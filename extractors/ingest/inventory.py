"""Survey folder -> inventory: every file under replies/, its sha256 and its kind sniffed from its bytes."""

from __future__ import annotations

import hashlib
import os
import shutil
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from extractors.ingest.containers import CONTAINER_KINDS, MAX_DEPTH, ContainerError, container_members

# Kinds the readers handle; everything else is quarantined with a reason.
READABLE_KINDS = ("pdf", "csv", "xlsx", "xls")
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class InventoryItem:
    """One row per file received: where it sits under replies/, its bytes' hash and kind."""

    source_file: str
    sha256: str
    size: int
    kind: str
    modified: float
    parent: str = ""  # the archive or e-mail this file came out of, if any
    problem: str = ""  # why a container could not be unpacked


def sha256_of(path: Path) -> str:
    """Given a file, return the hex sha256 of its bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def zip_kind(path: Path) -> str:
    """Given a ZIP container, return the office format it holds, or 'zip'."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return "corrupt_zip"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("ppt/") for n in names):
        return "pptx"
    if "content.xml" in names:
        return "ods"
    return "zip"


def ole_kind(head: bytes, suffix: str) -> str:
    """Given the first bytes of an OLE2 file and its extension, return xls, doc or msg."""
    if b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k" in head or suffix == ".xls":
        return "xls"
    if b"W\x00o\x00r\x00d\x00D\x00o\x00c" in head or suffix == ".doc":
        return "doc"
    if b"_\x00_\x00s\x00u\x00b\x00s\x00t\x00g" in head or suffix == ".msg":
        return "msg"
    return "ole"


def text_kind(head: bytes, suffix: str) -> str:
    """Given the first bytes of a file that is not a known binary format, return its text kind."""
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    lowered = head[:4096].lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    if any(marker in lowered for marker in (b"\nmime-version:", b"\ncontent-type: multipart", b"received: from")):
        return "eml"
    if lowered.startswith((b"from:", b"return-path:", b"received:", b"mime-version:")):
        return "eml"
    if suffix in (".txt", ".md") and b"," not in lowered and b";" not in lowered:
        return "txt"
    return "csv"


MAGIC = (
    (b"%PDF", "pdf"),
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"GIF8", "gif"),
    (b"{\\rtf", "rtf"),
)


def sniff_kind(path: Path, suffix: str | None = None) -> str:
    """Given a file, return its kind judged from its bytes (the extension only breaks ties)."""
    with path.open("rb") as handle:
        head = handle.read(65536)
    suffix = path.suffix.lower() if suffix is None else suffix
    if not head.strip():
        return "empty"
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"PK\x03\x04"):
        return zip_kind(path)
    if head.startswith(OLE_SIGNATURE):
        return ole_kind(head, suffix)
    # Some PDFs carry a few junk bytes before the header; PDF readers accept up to 1 KiB of it.
    if b"%PDF" in head[:1024]:
        return "pdf"
    return text_kind(head, suffix)


def list_reply_files(replies_dir: Path) -> list[Path]:
    """Given replies/, return every regular file below it in a stable order, skipping hidden files."""
    found = []
    for root, dirs, files in os.walk(replies_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.relative_to(replies_dir).as_posix())


def store_path(store: Path, sha256: str) -> Path:
    """Given the store folder and a hash, return where those bytes live."""
    return store / sha256[:2] / sha256


def store_file(path: Path, sha256: str, store: Path) -> Path:
    """Given a file and its hash, copy it into the content-addressed store once and return the copy."""
    target = store_path(store, sha256)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        shutil.copyfile(path, partial)
        partial.chmod(0o444)
        partial.replace(target)
    return target


def store_bytes(data: bytes, store: Path) -> str:
    """Given bytes (a container's member), store them by hash and return the hash."""
    digest = hashlib.sha256(data).hexdigest()
    target = store_path(store, digest)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        partial.write_bytes(data)
        partial.chmod(0o444)
        partial.replace(target)
    return digest


def expand(item: InventoryItem, store: Path, depth: int = 1) -> list[InventoryItem]:
    """Given an inventory row, return it followed by its members' rows if it is a container (recursively)."""
    if item.kind not in CONTAINER_KINDS:
        return [item]
    if depth > MAX_DEPTH:
        return [replace(item, problem="archives nested more than three deep are not unpacked")]
    try:
        members = container_members(store_path(store, item.sha256), item.kind)
    except ContainerError as exc:
        return [replace(item, problem=str(exc))]
    found = [item]
    for member in members:
        digest = store_bytes(member.data, store)
        kind = sniff_kind(store_path(store, digest), Path(member.name).suffix.lower())
        child = InventoryItem(f"{item.source_file}/{member.name}", digest, len(member.data), kind, item.modified,
                              parent=item.source_file)
        found += expand(child, store, depth + 1)
    return found


def inventory_item(path: Path, replies_dir: Path, store: Path) -> InventoryItem:
    """Given one received file, store it by hash and return its inventory row."""
    digest = sha256_of(path)
    store_file(path, digest, store)
    stat = path.stat()
    return InventoryItem(
        source_file=path.relative_to(replies_dir).as_posix(),
        sha256=digest,
        size=stat.st_size,
        kind=sniff_kind(path),
        modified=stat.st_mtime,
    )


def survey_to_inventory(survey_dir: Path, store: Path) -> list[InventoryItem]:
    """Given a survey folder, return the inventory of replies/ with every file stored by hash."""
    replies_dir = Path(survey_dir) / "replies"
    if not replies_dir.is_dir():
        return []
    return [row for path in list_reply_files(replies_dir) for row in expand(inventory_item(path, replies_dir, store),
                                                                              store)]
