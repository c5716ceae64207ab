"""TNEF (winmail.dat) written per MS-OXTNEF, so that a test holds what Outlook sends without Outlook.

A TNEF stream is a signature, a key, then attributes: level (message 1, attachment 2), attribute id and type,
length, data, and a 16-bit checksum of the data. Each attachment starts with attAttachRendData, names itself in
attAttachTitle (and its long name in the MAPI property PR_ATTACH_LONG_FILENAME) and carries its bytes in
attAttachData. The result is checked with tnefparse by the corpus tests.
"""

from __future__ import annotations

import struct

SIGNATURE = 0x223E9F78
LEVEL_MESSAGE, LEVEL_ATTACHMENT = 1, 2
ATP_STRING, ATP_BYTE, ATP_WORD, ATP_DWORD = 0x0001, 0x0006, 0x0007, 0x0008
ATT_TNEF_VERSION, ATT_OEM_CODEPAGE, ATT_MESSAGE_CLASS, ATT_SUBJECT = 0x9006, 0x9007, 0x8008, 0x8004
ATT_ATTACH_REND_DATA, ATT_ATTACH_TITLE, ATT_ATTACH_DATA, ATT_ATTACHMENT = 0x9002, 0x8010, 0x800F, 0x9005
PT_UNICODE, PR_ATTACH_LONG_FILENAME = 0x001F, 0x3707


def attribute(level: int, attr_id: int, attr_type: int, data: bytes) -> bytes:
    """Given an attribute's level, id, type and data, return its bytes with length and checksum."""
    checksum = sum(data) & 0xFFFF
    return struct.pack("<BHHI", level, attr_id, attr_type, len(data)) + data + struct.pack("<H", checksum)


def padded(data: bytes) -> bytes:
    """Given bytes, return them padded with NULs to a multiple of four (MAPI property values are)."""
    return data + b"\x00" * (-len(data) % 4)


def long_name_props(name: str) -> bytes:
    """Given a file name, return a MAPI property list holding it as PR_ATTACH_LONG_FILENAME (UTF-16)."""
    value = (name + "\x00").encode("utf-16-le")
    return struct.pack("<IHHII", 1, PT_UNICODE, PR_ATTACH_LONG_FILENAME, 1, len(value)) + padded(value)


def attachment_attributes(name: str, data: bytes) -> bytes:
    """Given an attachment's name and bytes, return its attributes in the order Outlook writes them."""
    rend = struct.pack("<HIHHI", 1, 0xFFFFFFFF, 0xFFFF, 0xFFFF, 0)  # a file, no position, no rendering size
    short = name.encode("cp1252", "replace") + b"\x00"
    return (attribute(LEVEL_ATTACHMENT, ATT_ATTACH_REND_DATA, ATP_BYTE, rend)
            + attribute(LEVEL_ATTACHMENT, ATT_ATTACH_TITLE, ATP_STRING, short)
            + attribute(LEVEL_ATTACHMENT, ATT_ATTACH_DATA, ATP_BYTE, data)
            + attribute(LEVEL_ATTACHMENT, ATT_ATTACHMENT, ATP_BYTE, long_name_props(name)))


def tnef_bytes(subject: str, attachments: list[tuple[str, bytes]]) -> bytes:
    """Given a subject and (name, bytes) attachments, return a winmail.dat holding them."""
    message = (attribute(LEVEL_MESSAGE, ATT_TNEF_VERSION, ATP_DWORD, struct.pack("<I", 0x00010000))
               + attribute(LEVEL_MESSAGE, ATT_OEM_CODEPAGE, ATP_BYTE, struct.pack("<II", 1252, 0))
               + attribute(LEVEL_MESSAGE, ATT_MESSAGE_CLASS, ATP_WORD, b"IPM.Microsoft Mail.Note\x00")
               + attribute(LEVEL_MESSAGE, ATT_SUBJECT, ATP_STRING, subject.encode("cp1252", "replace") + b"\x00"))
    parts = b"".join(attachment_attributes(name, data) for name, data in attachments)
    return struct.pack("<IH", SIGNATURE, 0x0001) + message + parts
