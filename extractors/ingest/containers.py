"""Containers -> member files: ZIP archives, e-mails (.eml), Outlook messages (.msg) and winmail.dat (TNEF).

Members are never written to disk under their own names: they are stored by hash, so a hostile name such as
`../../etc/passwd` cannot escape the store. Every size an archive declares is checked against the limits before
anything is inflated, and reading stops at the limit whatever the archive declared. A member that cannot be
taken out (a symbolic link, an encrypted file, an embedded Outlook item) is still listed, with the reason.
"""

from __future__ import annotations

import email
import email.policy
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from extractors.limits import Limits, size_in_words

CONTAINER_KINDS = ("zip", "eml", "msg", "tnef")
MAX_MEMBERS = Limits().members
RATIO_FLOOR = 1_000_000  # members smaller than this inflate as much as they like: their ratio is not a danger


class ContainerError(ValueError):
    """A container could not be unpacked safely; the message is a plain reason."""


@dataclass(frozen=True)
class Member:
    """One file found inside a container: its safe relative name, its bytes, and why it was not taken out."""

    name: str
    data: bytes
    problem: str = ""


def safe_member_name(name: str, index: int) -> str:
    """Given a member's name as the container states it, return a safe relative name with no folders above it."""
    parts = [p for p in PurePosixPath(name.replace("\\", "/")).parts if p not in ("", ".", "..", "/")]
    cleaned = "/".join(re.sub(r"[\x00-\x1f]", "", p) for p in parts).lstrip("/")
    return cleaned or f"member-{index}"


def ratio_of(info: zipfile.ZipInfo) -> float:
    """Given a ZIP member, return how many times larger than its compressed bytes it says it inflates."""
    return info.file_size / max(info.compress_size, 1)


def expansion_problem(infos: list[zipfile.ZipInfo], limits: Limits, what: str) -> str:
    """Given a ZIP-based file's members, return why inflating it would break the limits, or ''."""
    total = sum(i.file_size for i in infos)
    worst = max(infos, key=ratio_of, default=None)
    ratio = ratio_of(worst) if worst else 0
    if total > limits.expanded_bytes or (ratio > limits.ratio and worst.file_size > RATIO_FLOOR):
        return (f"{what} that would expand to {size_in_words(total)} (ratio 1:{ratio:.0f}); not opened "
                f"(limits: {size_in_words(limits.expanded_bytes)}, 1:{limits.ratio})")
    return ""


def zip_problem(path: Path, limits: Limits, what: str = "a ZIP archive") -> str:
    """Given a ZIP-based file (zip, xlsx, docx, ods), return why it must not be inflated, or '' (corrupt: '')."""
    try:
        with zipfile.ZipFile(path) as archive:
            return expansion_problem(archive.infolist(), limits, what)
    except (zipfile.BadZipFile, OSError, ValueError):
        return ""  # the reader says it is corrupt, in its own words


def is_link(info: zipfile.ZipInfo) -> bool:
    """Given a ZIP member, return whether unzip would restore it as a symbolic link."""
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


def read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Given a member, return its bytes, stopping past `limit` whatever the archive declared."""
    with archive.open(info) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ContainerError(f"it inflates past {size_in_words(limit)}; not read")
    return data


def member_problem(info: zipfile.ZipInfo, limits: Limits, room: int) -> str:
    """Given a ZIP member and the bytes the archive may still expand to, return why it is not taken out, or ''."""
    ratio = ratio_of(info)
    if info.file_size > min(limits.file_bytes, room) or (ratio > limits.ratio and info.file_size > RATIO_FLOOR):
        return (f"a member that would expand to {size_in_words(info.file_size)} (ratio 1:{ratio:.0f}); not "
                f"inflated (limits: {size_in_words(min(limits.file_bytes, limits.expanded_bytes))}, 1:{limits.ratio})")
    if info.flag_bits & 0x1:
        return "encrypted inside the ZIP archive: ask for an unprotected copy (password-protected)"
    return ""


def zip_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, index: int, limits: Limits, room: int) -> Member:
    """Given one ZIP member and the room left in the expansion budget, return it taken out, or why it was not."""
    name = safe_member_name(info.filename, index)
    if is_link(info):
        target = archive.read(info)[:300].decode("utf-8", "replace")
        return Member(name, target.encode(), f"a symbolic link inside the archive (to {target}); not followed")
    if problem := member_problem(info, limits, room):
        return Member(name, b"", problem)
    try:
        return Member(name, read_bounded(archive, info, min(limits.file_bytes, room)))
    except ContainerError as exc:
        return Member(name, b"", f"a member that lies about its size: {exc}")
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, ValueError, NotImplementedError) as exc:
        return Member(name, b"", f"corrupt inside the ZIP archive ({exc.__class__.__name__}); not read")


def zip_members(path: Path, limits: Limits | None = None) -> list[Member]:
    """Given a ZIP archive, return every member, each taken out or listed with why not (expansion budgeted)."""
    limits = limits or Limits()
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ContainerError("the ZIP archive is truncated or corrupt") from exc
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > limits.members:
            raise ContainerError(f"the ZIP archive holds {len(infos)} files, more than the limit of {limits.members}")
        members, room = [], limits.expanded_bytes
        for index, info in enumerate(infos):
            members.append(zip_member(archive, info, index, limits, room))
            room -= len(members[-1].data)
        return members


def eml_members(path: Path, limits: Limits | None = None) -> list[Member]:
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


def tnef_members(path: Path, limits: Limits | None = None) -> list[Member]:
    """Given a winmail.dat (TNEF), return its attachments, read with tnefparse."""
    from tnefparse import TNEF

    members = []
    for index, attachment in enumerate(TNEF(path.read_bytes(), do_checksum=False).attachments):
        name = safe_member_name(attachment.long_filename() or attachment.name, index)
        if getattr(attachment, "embed", None) is not None:
            members.append(Member(name, attachment.data, "an Outlook item embedded in the winmail.dat, not a file"))
        else:
            members.append(Member(name, attachment.data))
    return members


def msg_attachment(ole: object, storage: str, index: int) -> Member:
    """Given an Outlook message's attachment storage, return its file, or list it as an embedded item."""
    name = ""
    for stream in ("__substg1.0_3707001F", "__substg1.0_3704001F", "__substg1.0_3001001F"):
        if ole.exists(f"{storage}/{stream}"):
            name = ole.openstream([storage, stream]).read().decode("utf-16-le", "ignore").rstrip("\x00")
            break
    data_stream = [storage, "__substg1.0_37010102"]
    if not ole.exists("/".join(data_stream)):
        return Member(safe_member_name(name, index), b"", "an Outlook item or object embedded in the message, "
                                                           "not a file; open it in Outlook")
    return Member(safe_member_name(name, index), ole.openstream(data_stream).read())


def msg_members(path: Path, limits: Limits | None = None) -> list[Member]:
    """Given an Outlook message (.msg), return its attachments (MAPI attachment storages, read with olefile)."""
    import olefile

    if not olefile.isOleFile(str(path)):
        raise ContainerError("the Outlook message is corrupt")
    with olefile.OleFileIO(str(path)) as ole:
        storages = sorted({entry[0] for entry in ole.listdir() if entry[0].startswith("__attach_version1.0_")})
        return [msg_attachment(ole, storage, index) for index, storage in enumerate(storages)]


def container_members(path: Path, kind: str, limits: Limits | None = None) -> list[Member]:
    """Given a container and its kind, return its member files or raise ContainerError with the reason."""
    limits = limits or Limits()
    readers = {"zip": zip_members, "eml": eml_members, "msg": msg_members, "tnef": tnef_members}
    try:
        members = readers[kind](path, limits)
    except ContainerError:
        raise
    except Exception as exc:  # a library's own error on a malformed container: say so plainly
        raise ContainerError(f"the {kind} file could not be unpacked ({exc.__class__.__name__})") from exc
    if len(members) > limits.members:
        raise ContainerError(f"the {kind} file holds {len(members)} files, more than the limit of {limits.members}")
    return members
