"""Hostile containers: zip bombs (.zip, .xlsx, .docx), traversal and absolute names, symlink members, deep nesting,
encrypted members, TNEF and e-mails whose subject and attachment names carry payloads."""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage
from pathlib import Path

from tests.hostile.tnef import tnef_bytes
from tests.hostile.zipcraft import Entry, bomb_entry, plain_entry, symlink_entry, write_zip

GIB = 1 << 30
XLSX_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.'
    'xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
    'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org'
    '/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}
SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
              b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Q5a</t></is></c>'
              b'<c r="B1"><v>12</v></c></row>')
SHEET_TAIL = b"</sheetData></worksheet>"
DOCX_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
    'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '</Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
}
DOC_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Question 5 (a): 120</w:t></w:r></w:p>')
DOC_TAIL = b"</w:body></w:document>"


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """Given member names and bytes, return an ordinary ZIP archive holding them (zipfile)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def zip_bomb(path: Path, inflated: int = 4 * GIB) -> Path:
    """Given a path, write a small ZIP whose one CSV member honestly declares it inflates to `inflated` bytes."""
    return write_zip(path, [bomb_entry("extract.csv", inflated, prefix=b"child_id,episode\n")])


def lying_zip_bomb(path: Path, inflated: int = GIB) -> Path:
    """Given a path, write a ZIP whose member declares 2 kB but whose stream inflates to `inflated` bytes."""
    return write_zip(path, [bomb_entry("figures.csv", inflated, prefix=b"Question,Response\n", declared=2048)])


def office_bomb(path: Path, parts: dict[str, str], bomb_name: str, head: bytes, tail: bytes, inflated: int) -> Path:
    """Given an Office package's small parts and its main XML part's head and tail, write a bomb of that format."""
    entries: list[Entry] = [plain_entry(name, text.encode()) for name, text in parts.items()]
    entries.append(bomb_entry(bomb_name, inflated, prefix=head, suffix=tail))
    return write_zip(path, entries)


def xlsx_bomb(path: Path, inflated: int = 2 * GIB) -> Path:
    """Given a path, write a valid-looking .xlsx whose sheet XML inflates to `inflated` bytes of whitespace."""
    return office_bomb(path, XLSX_PARTS, "xl/worksheets/sheet1.xml", SHEET_HEAD, SHEET_TAIL, inflated)


def docx_bomb(path: Path, inflated: int = 2 * GIB) -> Path:
    """Given a path, write a .docx whose document XML inflates to `inflated` bytes of whitespace."""
    return office_bomb(path, DOCX_PARTS, "word/document.xml", DOC_HEAD, DOC_TAIL, inflated)


def traversal_zip(path: Path, replies: dict[str, bytes]) -> Path:
    """Given (hostile name, bytes) members, write an archive whose names climb out or are absolute."""
    return write_zip(path, [plain_entry(name, data) for name, data in replies.items()])


def symlink_zip(path: Path, links: dict[str, str], regular: dict[str, bytes]) -> Path:
    """Given link members (name -> target) and regular members, write an archive holding both."""
    entries = [symlink_entry(name, target) for name, target in links.items()]
    return write_zip(path, entries + [plain_entry(name, data) for name, data in regular.items()])


def encrypted_member_zip(path: Path, name: str, data: bytes) -> Path:
    """Given a member, write an archive whose member is flagged as encrypted (ZipCrypto bit set)."""
    return write_zip(path, [plain_entry(name, data, method=0, flag_bits=0x1)])


def nested_zip(innermost_name: str, innermost: bytes, depth: int) -> bytes:
    """Given an innermost file and a depth, return that file wrapped in `depth` ZIP archives."""
    data, name = innermost, innermost_name
    for level in range(depth, 0, -1):
        data, name = zip_bytes({name: data}), f"level{level}.zip"
    return data


def email_bytes(sender: str, subject: str, attachments: list[tuple[str, str, bytes]]) -> bytes:
    """Given a sender, subject and (name, mime type, bytes) attachments, return a saved e-mail (.eml)."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "research@example.org"
    message["Subject"] = subject
    message.set_content(f"Please find our response attached.\n{subject}\n")
    for name, mime, data in attachments:
        maintype, subtype = mime.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def tnef_email(sender: str, subject: str, attachments: list[tuple[str, bytes]]) -> bytes:
    """Given a sender and attachments, return an e-mail whose attachments travel inside a winmail.dat (TNEF)."""
    return email_bytes(sender, subject, [("winmail.dat", "application/ms-tnef", tnef_bytes(subject, attachments))])
