"""ZIP archives written byte by byte, so that a test can state sizes, flags and modes that zipfile would not write.

Bombs are made without ever holding the inflated bytes: one deflate block of a repeated chunk, ended with a full
flush, is byte-identical every time, so the archive repeats that block instead of compressing gigabytes.
"""

from __future__ import annotations

import stat
import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

CHUNK = 1 << 24  # 16 MiB of filler per repeated deflate block
ZIP64_LIMIT = 0xFFFFFFFF


@dataclass(frozen=True)
class Entry:
    """One member as it will be written: name, compressed bytes (pieces), and what the headers declare."""

    name: str
    pieces: tuple[bytes, ...] | list[bytes]
    repeat: int = 1  # how many times `pieces[1]` is repeated (a bomb's body); 1 for ordinary members
    crc: int = 0
    file_size: int = 0  # the uncompressed size the headers declare (a lying archive states less than the truth)
    method: int = 8  # 8 deflate, 0 stored
    flag_bits: int = 0
    external_attr: int = (stat.S_IFREG | 0o644) << 16
    extra: bytes = field(default=b"")

    @property
    def compress_size(self) -> int:
        """Given the pieces and the repeat count, return the compressed size in bytes."""
        if self.repeat == 1:
            return sum(len(p) for p in self.pieces)
        head, body, tail = self.pieces
        return len(head) + len(body) * self.repeat + len(tail)

    def chunks(self) -> Iterable[bytes]:
        """Yield the compressed bytes in order, repeating the body of a bomb without building it in memory."""
        if self.repeat == 1:
            yield from self.pieces
            return
        head, body, tail = self.pieces
        yield head
        for _ in range(self.repeat):
            yield body
        yield tail


def deflate(data: bytes) -> bytes:
    """Given bytes, return their raw deflate stream (as ZIP members carry it)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def plain_entry(name: str, data: bytes, *, method: int = 8, external_attr: int | None = None,
                flag_bits: int = 0) -> Entry:
    """Given a member name and its bytes, return an honest entry (deflated unless `method` is 0)."""
    body = deflate(data) if method == 8 else data
    attr = (stat.S_IFREG | 0o644) << 16 if external_attr is None else external_attr
    return Entry(name, (body,), crc=zlib.crc32(data), file_size=len(data), method=method, flag_bits=flag_bits,
                 external_attr=attr)


def symlink_entry(name: str, target: str) -> Entry:
    """Given a member name and a link target, return a member that unzip would restore as a symbolic link."""
    return plain_entry(name, target.encode(), method=0, external_attr=(stat.S_IFLNK | 0o777) << 16)


def bomb_entry(name: str, inflated_bytes: int, *, prefix: bytes = b"", suffix: bytes = b"", filler: bytes = b" ",
               declared: int | None = None) -> Entry:
    """Given a size to inflate to, return a member of prefix + filler + suffix deflated about 1000:1.

    `declared` states a different uncompressed size in the headers (a lying archive); the CRC is always true.
    """
    chunk = filler * (CHUNK // len(filler))
    count = max(1, -(-(inflated_bytes - len(prefix) - len(suffix)) // len(chunk)))  # at least the size asked
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = packer.compress(prefix) + packer.flush(zlib.Z_FULL_FLUSH)
    body = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    if packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH) != body:
        raise AssertionError("deflate blocks of a repeated chunk should be identical")
    tail = packer.compress(suffix) + packer.flush()
    crc = zlib.crc32(prefix)
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(suffix, crc)
    size = len(prefix) + count * len(chunk) + len(suffix)
    return Entry(name, (head, body, tail), repeat=count, crc=crc, file_size=size if declared is None else declared)


def local_header(entry: Entry, zip64: bool) -> bytes:
    """Given an entry, return its local file header (with a ZIP64 extra field when sizes need it)."""
    name = entry.name.encode("utf-8")
    sizes = (ZIP64_LIMIT, ZIP64_LIMIT) if zip64 else (entry.compress_size, entry.file_size)
    extra = struct.pack("<HHQQ", 1, 16, entry.file_size, entry.compress_size) if zip64 else b""
    extra += entry.extra
    flags = entry.flag_bits | 0x800  # names are UTF-8
    return struct.pack("<IHHHHHIIIHH", 0x04034B50, 45 if zip64 else 20, flags, entry.method, 0, 0x21, entry.crc,
                       *sizes, len(name), len(extra)) + name + extra


def central_header(entry: Entry, offset: int, zip64: bool) -> bytes:
    """Given an entry and where its local header starts, return its central directory record."""
    name = entry.name.encode("utf-8")
    sizes = (ZIP64_LIMIT, ZIP64_LIMIT) if zip64 else (entry.compress_size, entry.file_size)
    extra = struct.pack("<HHQQ", 1, 16, entry.file_size, entry.compress_size) if zip64 else b""
    extra += entry.extra
    flags = entry.flag_bits | 0x800
    return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x031E, 45 if zip64 else 20, flags, entry.method, 0, 0x21,
                       entry.crc, *sizes, len(name), len(extra), 0, 0, 0, entry.external_attr, offset) + name + extra


def write_zip(path: Path, entries: list[Entry]) -> Path:
    """Given entries, write them as a ZIP archive at `path` (streaming bombs) and return the path."""
    records = []
    with path.open("wb") as out:
        for entry in entries:
            zip64 = entry.file_size > ZIP64_LIMIT or entry.compress_size > ZIP64_LIMIT
            offset = out.tell()
            out.write(local_header(entry, zip64))
            for chunk in entry.chunks():
                out.write(chunk)
            records.append(central_header(entry, offset, zip64))
        start = out.tell()
        directory = b"".join(records)
        out.write(directory)
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), start, 0))
    return path
