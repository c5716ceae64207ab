"""replies/ -> the entries received, read safely: links resolved only inside replies/, only regular files opened.

Nothing outside replies/ is ever read through a name: a symbolic link that leads outside it (or nowhere, or to a
folder) is listed with the reason and not followed, a named pipe or device is listed and not opened, and every
file is opened without following a link at the last step, so a link swapped in after the check is refused too.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

BLOCK = 1 << 20


@dataclass(frozen=True)
class Received:
    """One entry under replies/: its name there, the regular file to read (if any), or why it is not read."""

    name: str
    path: Path | None
    problem: str = ""
    link: str = ""  # what a symbolic link says it points at


def list_entries(replies_dir: Path) -> list[Path]:
    """Given replies/, return every entry below it (links to folders too, never entered), hidden ones skipped."""
    found = []
    for root, dirs, files in os.walk(replies_dir, followlinks=False):
        linked = [d for d in dirs if os.path.islink(os.path.join(root, d))]
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in linked)
        found += [Path(root) / name for name in sorted(files + linked) if not name.startswith(".")]
    return sorted(found, key=lambda p: p.relative_to(replies_dir).as_posix())


def link_target(path: Path, replies_dir: Path) -> tuple[Path | None, str]:
    """Given a symbolic link under replies/, return the file it resolves to inside replies/, or why it is refused."""
    said = os.readlink(path)
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None, f"a symbolic link to {said} that leads nowhere (missing or looping); not followed"
    if not resolved.is_relative_to(replies_dir.resolve()):
        return None, f"a symbolic link to {said}, outside replies/; not followed"
    if not resolved.is_file():
        return None, f"a symbolic link to {said}, which is not a file; not followed"
    return resolved, ""


def entry_to_received(path: Path, replies_dir: Path) -> Received:
    """Given one entry under replies/, return what may be read for it."""
    name = path.relative_to(replies_dir).as_posix()
    if path.is_symlink():
        target, problem = link_target(path, replies_dir)
        return Received(name, target, problem, os.readlink(path))
    mode = path.lstat().st_mode
    if not stat.S_ISREG(mode):
        return Received(name, None, "not a regular file (a named pipe, socket or device); not opened")
    return Received(name, path)


def open_regular(path: Path) -> int:
    """Given a path, return a descriptor open for reading, refusing links and anything but a regular file."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(f"{path.name} is not a regular file")
    return fd


def store_path(store: Path, sha256: str) -> Path:
    """Given the store folder and a hash, return where those bytes live."""
    return store / sha256[:2] / sha256


def settle(partial: Path, store: Path, sha256: str) -> None:
    """Given bytes written to a partial file and their hash, make them the store's read-only copy (once)."""
    final = store_path(store, sha256)
    if final.exists():
        partial.unlink()
        return
    final.parent.mkdir(parents=True, exist_ok=True)
    partial.chmod(0o444)
    partial.replace(final)


def copy_into_store(path: Path, store: Path, limit: int) -> tuple[str, int, bool]:
    """Given a regular file, copy it into the store by hash in one pass; return (sha256, size, stored).

    A file larger than `limit` bytes is hashed but not stored (it will not be read).
    """
    store.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    partial = store / f".incoming-{os.getpid()}"
    with os.fdopen(open_regular(path), "rb") as source, partial.open("wb") as target:
        while block := source.read(BLOCK):
            digest.update(block)
            size += len(block)
            if size <= limit:
                target.write(block)
    if size > limit:
        partial.unlink()
        return digest.hexdigest(), size, False
    settle(partial, store, digest.hexdigest())
    return digest.hexdigest(), size, True


def store_bytes(data: bytes, store: Path) -> str:
    """Given bytes (a container's member), store them by hash and return the hash."""
    digest = hashlib.sha256(data).hexdigest()
    if not store_path(store, digest).exists():
        partial = store / f".incoming-{os.getpid()}"
        store.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        settle(partial, store, digest)
    return digest
