"""Containers -> member files: ZIP archives and e-mails (.eml, Outlook .msg) unpacked safely into the store.

Members are never written to disk under their own names: they are stored by hash, so a hostile name such as
`../../etc/passwd` cannot escape the store. Limits on count, size and depth stop zip bombs.
"""

from __future__ import annotations

import email
import email.policy
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

CONTAINER_KINDS = ("zip", "eml", "msg")
MAX_MEMBERS = 200
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_DEPTH = 3


class ContainerError(ValueError):
    """A container could not be unpacked safely; the message is a plain reason."""


@dataclass(frozen=True)
class Member:
    """One file found inside a container: its safe relative name and its bytes."""

    name: str
    data: bytes


def safe_member_name(name: str, index: int) -> str:
    """Given a member's name as the container states it, return a safe relative name with no folders above it."""
    parts = [p for p in PurePosixPath(name.replace("\\", "/")).parts if p not in ("", ".", "..", "/")]
    cleaned = "/".join(re.sub(r"[\x00-\x1f]", "", p) for p in parts).lstrip("/")
    return cleaned or f"member-{index}"


def zip_members(path: Path) -> list[Member]:
    """Given a ZIP archive, return its files, refusing archives over the count or size limits."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ContainerError("the ZIP archive is truncated or corrupt") from exc
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > MAX_MEMBERS:
            raise ContainerError(f"the ZIP archive holds {len(infos)} files, more than the limit of {MAX_MEMBERS}")
        if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
            raise ContainerError("the ZIP archive would unpack to more than 200 MB (a possible zip bomb)")
        members = []
        for index, info in enumerate(infos):
            if info.file_size > MAX_MEMBER_BYTES:
                raise ContainerError(f"{info.filename} in the ZIP archive is larger than 50 MB")
            if info.flag_bits & 0x1:
                raise ContainerError("the ZIP archive is password-protected: ask for an unprotected copy")
            try:
                data = archive.read(info)
            except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
                raise ContainerError(f"{info.filename} in the ZIP archive is corrupt") from exc
            members.append(Member(safe_member_name(info.filename, index), data))
        return members


def eml_members(path: Path) -> list[Member]:
    """Given a saved e-mail (.eml), return its attachments."""
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    members = []
    for index, part in enumerate(message.walk()):
        name = part.get_filename()
        if not name or part.is_multipart():
            continue
        data = part.get_payload(decode=True) or b""
        members.append(Member(safe_member_name(name, index), data))
    return members


def msg_members(path: Path) -> list[Member]:
    """Given an Outlook message (.msg), return its attachments (MAPI attachment streams)."""
    import olefile

    if not olefile.isOleFile(str(path)):
        raise ContainerError("the Outlook message is corrupt")
    members = []
    with olefile.OleFileIO(str(path)) as ole:
        storages = sorted({entry[0] for entry in ole.listdir() if entry[0].startswith("__attach_version1.0_")})
        for index, storage in enumerate(storages):
            data_stream = [storage, "__substg1.0_37010102"]
            if not ole.exists("/".join(data_stream)):
                continue  # an embedded message or OLE object, not a file
            name = ""
            for stream in ("__substg1.0_3707001F", "__substg1.0_3704001F"):
                if ole.exists(f"{storage}/{stream}"):
                    name = ole.openstream([storage, stream]).read().decode("utf-16-le", "ignore").rstrip("\x00")
                    break
            members.append(Member(safe_member_name(name, index), ole.openstream(data_stream).read()))
    return members


def container_members(path: Path, kind: str) -> list[Member]:
    """Given a container and its kind, return its member files or raise ContainerError with the reason."""
    readers = {"zip": zip_members, "eml": eml_members, "msg": msg_members}
    try:
        return readers[kind](path)
    except ContainerError:
        raise
    except Exception as exc:  # a library's own error on a malformed container: say so plainly
        raise ContainerError(f"the {kind} file could not be unpacked ({exc.__class__.__name__})") from exc
