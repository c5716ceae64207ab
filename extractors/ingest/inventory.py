"""Survey folder -> inventory: every file under replies/, its sha256 and its kind sniffed from its bytes."""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from extractors.ingest.containers import CONTAINER_KINDS, ContainerError, Member, container_members
from extractors.ingest.received import (
    Received,
    copy_into_store,
    entry_to_received,
    list_entries,
    store_bytes,
    store_path,
)
from extractors.limits import Limits, size_in_words

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
    problem: str = ""  # why it is not read: a refused link, a container that cannot be unpacked, a bomb's member
    link: str = ""  # what a symbolic link under replies/ says it points at (followed only inside replies/)


__all__ = ["InventoryItem", "sniff_kind", "store_path", "survey_to_inventory"]


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


def looks_binary(head: bytes) -> bool:
    """Given a file's first bytes, return whether control bytes are too many for text (a stray NUL is allowed)."""
    sample = head[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 26))
    return controls > 0.05 * len(sample)


def text_kind(head: bytes, suffix: str) -> str:
    """Given the first bytes of a file that is not a known binary format, return its text kind."""
    if looks_binary(head):
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
    (b"\x78\x9f\x3e\x22", "tnef"),  # winmail.dat: TNEF's signature 0x223E9F78, little-endian
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


def problem_item(entry: Received, modified: float) -> InventoryItem:
    """Given an entry that is not read (a link refused, a pipe), return its row: the hash is of what the link says."""
    said = f"{entry.name} -> {entry.link}".encode()
    kind = "link" if entry.link else "special"
    return InventoryItem(entry.name, hashlib.sha256(said).hexdigest(), 0, kind, modified, problem=entry.problem,
                         link=entry.link)


def inventory_item(entry: Received, replies_dir: Path, store: Path, limits: Limits) -> InventoryItem:
    """Given one received entry, store its file by hash and return its inventory row (or why it is not read)."""
    modified = (replies_dir / entry.name).lstat().st_mtime
    if entry.path is None:
        return problem_item(entry, modified)
    try:
        digest, size, stored = copy_into_store(entry.path, store, limits.file_bytes)
    except OSError as exc:
        return problem_item(Received(entry.name, None, f"could not be opened as a file ({exc.strerror or exc})",
                                     entry.link), modified)
    if not stored:
        return InventoryItem(entry.name, digest, size, "oversize", modified,
                             problem=f"a file of {size_in_words(size)}, larger than the limit of "
                                     f"{size_in_words(limits.file_bytes)} (FOI_MAX_FILE_BYTES); not read")
    kind = sniff_kind(store_path(store, digest), Path(entry.name).suffix.lower())
    return InventoryItem(entry.name, digest, size, kind, modified, link=entry.link)


def member_item(member: Member, parent: InventoryItem, store: Path) -> InventoryItem:
    """Given a container's member, store its bytes and return its row (with why it was not taken out, if so)."""
    digest = store_bytes(member.data, store)
    kind = "member" if member.problem else sniff_kind(store_path(store, digest), Path(member.name).suffix.lower())
    return InventoryItem(f"{parent.source_file}/{member.name}", digest, len(member.data), kind, parent.modified,
                         parent=parent.source_file, problem=member.problem)


def expand(item: InventoryItem, store: Path, limits: Limits, depth: int = 1) -> list[InventoryItem]:
    """Given an inventory row, return it followed by its members' rows if it is a container (recursively)."""
    if item.kind not in CONTAINER_KINDS or item.problem:
        return [item]
    if depth > limits.depth:
        return [replace(item, problem=f"containers nested more than {limits.depth} deep are not unpacked "
                                      "(FOI_MAX_DEPTH)")]
    try:
        members = container_members(store_path(store, item.sha256), item.kind, limits)
    except ContainerError as exc:
        return [replace(item, problem=str(exc))]
    found = [item]
    for member in members:
        found += expand(member_item(member, item, store), store, limits, depth + 1)
    return found


def survey_to_inventory(survey_dir: Path, store: Path, limits: Limits | None = None) -> list[InventoryItem]:
    """Given a survey folder, return the inventory of replies/ with every file stored by hash."""
    limits = limits or Limits()
    replies_dir = Path(survey_dir) / "replies"
    if not replies_dir.is_dir():
        return []
    rows = []
    for path in list_entries(replies_dir):
        item = inventory_item(entry_to_received(path, replies_dir), replies_dir, store, limits)
        rows += expand(item, store, limits)
    return rows
