"""Write the hostile corpus: `python -m tests.hostile.make_corpus OUT_DIR [--outside DIR] [--rows N] [--small]`.

OUT_DIR is laid out as a survey's replies/ folder; manifest.csv beside the files says, per file and per container
member: what it is, the states it may end in (`a|b`), and a word its reason must contain (a regular expression).
`--outside` is a folder outside the survey that symbolic links point into: it holds `secret.csv`, whose canary
text must never reach the store or the publication. Nothing here inflates a bomb.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.hostile import containers as c
from tests.hostile import documents as d
from tests.hostile.tnef import tnef_bytes

CANARY = "CANARY-14-do-not-read-7f3a9c"
MANIFEST = "manifest.csv"
QUARANTINED, REVIEW, LOADED = "quarantined", "needs_review", "loaded"
NOT_LOADED = f"{QUARANTINED}|{REVIEW}"
COVENTRY = "Coventry City Council - return home interviews.csv"
ANY = f"{LOADED}|{REVIEW}|{QUARANTINED}|duplicate|superseded"


@dataclass(frozen=True)
class Row:
    """One row per file or container member of the corpus: what it is, where it may end, why."""

    file: str
    what: str
    expected: str
    reason: str = ""


@dataclass(frozen=True)
class Options:
    """How big to make the big files: rows of the case-level CSV and bytes a bomb inflates to."""

    rows: int = 1_000_000
    bomb_bytes: int = 4 * c.GIB
    office_bomb_bytes: int = 2 * c.GIB
    pages: int = 300
    maze_rules: int = 150


def council_csv(name: str, seed: int, extra: tuple[tuple[str, ...], ...] = ()) -> bytes:
    """Given a council's file name and a seed, return its ordinary answers CSV."""
    return d.reply_csv(seed, extra).encode()


def broken_files(out: Path, opts: Options) -> list[Row]:
    """Write empty, truncated and garbage files; return their rows."""
    letter = d.letter_pdf("Sefton Council", d.answers_letter_lines(1))
    rng = random.Random(3)
    files = {
        "broken/empty.pdf": (b"", "an empty file", QUARANTINED, "empty"),
        "broken/truncated.pdf": (letter[: len(letter) // 3], "the first third of a PDF", QUARANTINED, "corrupt"),
        "broken/garbage.pdf": (b"%PDF-1.7\n" + rng.randbytes(4000), "a PDF header then noise", QUARANTINED, ""),
        "broken/garbage.bin": (rng.randbytes(4000), "random bytes", QUARANTINED, ""),
        "broken/truncated.xlsx": (d.payload_workbook(2)[:700], "the first 700 bytes of a workbook", QUARANTINED,
                                  "corrupt"),
        "broken/nul-laden.csv": (b"\x00" * 3000 + b"a,b\n", "NUL bytes named .csv", NOT_LOADED, ""),
        "broken/page.html": (f"<html><body>{d.SCRIPTS[0]}</body></html>".encode(), "a web page with a script",
                             QUARANTINED, "web page"),
    }
    rows = []
    for name, (data, what, expected, reason) in files.items():
        write(out / name, data)
        rows.append(Row(name, what, expected, reason))
    return rows


def pdf_files(out: Path, opts: Options) -> list[Row]:
    """Write encrypted, unmapped-font, long and slow PDFs; return their rows."""
    owner_only = d.encrypted_pdf(d.letter_pdf("Sefton Council", d.answers_letter_lines(4)), "", "owner-secret")
    locked = d.encrypted_pdf(d.letter_pdf("Wigan Council", d.answers_letter_lines(5)), "user-secret", "owner")
    long_letter = d.letter_pdf("Tameside Council", d.answers_letter_lines(6), pages=opts.pages)
    files = {
        "pdf/Wigan Council locked reply.pdf": (locked, "AES-256 with a user password", QUARANTINED, "password"),
        "pdf/Sefton Council owner-password reply.pdf": (owner_only, "owner password only (opens without one)",
                                                        f"{LOADED}|{REVIEW}", ""),
        "pdf/Bolton Council no unicode map.pdf": (d.no_unicode_font_pdf("Bolton Council", 7),
                                                 "embedded CID font with ToUnicode removed (read by OCR, if there)",
                                                 ANY, ""),
        f"pdf/Tameside Council {opts.pages} pages.pdf": (long_letter, f"a {opts.pages}-page letter", ANY, ""),
        "pdf/ruled maze.pdf": (d.ruled_maze_pdf(opts.maze_rules), "a page of rules that table finding chokes on",
                               ANY, ""),
        "pdf/North Tyneside Council payload letter.pdf": (
            d.letter_pdf("North Tyneside Council", d.answers_letter_lines(8, payloads=True)),
            "a letter whose answers carry formula and script payloads", ANY, ""),
    }
    rows = []
    for name, (data, what, expected, reason) in files.items():
        write(out / name, data)
        rows.append(Row(name, what, expected, reason))
    return rows


def bomb_files(out: Path, opts: Options) -> list[Row]:
    """Write zip bombs as .zip, .xlsx, .docx, a lying bomb and a bomb inside an archive; return their rows."""
    (out / "bombs").mkdir(parents=True, exist_ok=True)
    c.zip_bomb(out / "bombs/bomb.zip", opts.bomb_bytes)
    c.lying_zip_bomb(out / "bombs/lying-bomb.zip", min(opts.bomb_bytes, c.GIB))
    c.xlsx_bomb(out / "bombs/Rotherham Council bomb.xlsx", opts.office_bomb_bytes)
    c.docx_bomb(out / "bombs/Doncaster Council bomb.docx", opts.office_bomb_bytes)
    inner = out / "bombs/inner.xlsx"
    c.xlsx_bomb(inner, opts.office_bomb_bytes)
    write(out / "bombs/wrapped-bomb.zip", c.zip_bytes({"reply.xlsx": inner.read_bytes()}))
    inner.unlink()
    gib = opts.bomb_bytes / c.GIB
    return [
        Row("bombs/bomb.zip", f"a ZIP declaring {gib:g} GiB (ratio ~1:1000)", QUARANTINED, "expand"),
        Row("bombs/bomb.zip/extract.csv", "the bomb's member", "", ""),
        Row("bombs/lying-bomb.zip", "a ZIP whose member declares 2 kB but inflates to 1 GiB", ANY, ""),
        Row("bombs/lying-bomb.zip/figures.csv", "the lying member", f"{NOT_LOADED}|", ""),
        Row("bombs/Rotherham Council bomb.xlsx", "an .xlsx whose sheet XML is a bomb", QUARANTINED, "expand"),
        Row("bombs/Doncaster Council bomb.docx", "a .docx whose document XML is a bomb", QUARANTINED, "expand"),
        Row("bombs/wrapped-bomb.zip", "a small ZIP holding an .xlsx bomb", ANY, ""),
        Row("bombs/wrapped-bomb.zip/reply.xlsx", "an .xlsx bomb inside an archive", QUARANTINED, "expand"),
    ]


def archive_files(out: Path, outside: Path, opts: Options) -> list[Row]:
    """Write archives with traversal names, symlink members, deep nesting and encryption; return their rows."""
    (out / "archives").mkdir(parents=True, exist_ok=True)
    c.traversal_zip(out / "archives/traversal.zip", {
        "../../etc/Salford Council - return home interviews.csv": council_csv("Salford", 11),
        "/abs/path/Leeds City Council - return home interviews.csv": council_csv("Leeds", 12),
        "..\\..\\win\\Sheffield City Council - return home interviews.csv": council_csv("Sheffield", 13)})
    c.symlink_zip(out / "archives/symlinks.zip", {"passwd": "/etc/passwd", "secret.csv": str(outside / "secret.csv"),
                                                  "up.csv": "../../../../outside/secret.csv"},
                  {"Bradford Council - return home interviews.csv": council_csv("Bradford", 14)})
    write(out / "archives/nested-deep.zip", c.nested_zip("Calderdale Council - return home interviews.csv",
                                                         council_csv("Calderdale", 15), 12))
    write(out / "archives/nested-ok.zip", c.nested_zip("Sunderland City Council - return home interviews.csv",
                                                       council_csv("Sunderland", 16), 2))
    c.encrypted_member_zip(out / "archives/encrypted.zip", "Walsall Council - return home interviews.csv",
                           council_csv("Walsall", 17))
    deep = "archives/nested-deep.zip/" + "/".join(f"level{i}.zip" for i in range(2, 5))  # past the default 3
    return [
        Row("archives/traversal.zip", "members named ../../etc/..., /abs/path/..., ..\\..\\win\\...", ANY, ""),
        Row("archives/traversal.zip/etc/Salford Council - return home interviews.csv", "a ../ member", ANY, ""),
        Row("archives/traversal.zip/abs/path/Leeds City Council - return home interviews.csv", "an absolute member",
            ANY, ""),
        Row("archives/traversal.zip/win/Sheffield City Council - return home interviews.csv", "a ..\\ member", ANY, ""),
        Row("archives/symlinks.zip", "symbolic-link members to /etc/passwd and outside the survey", ANY, ""),
        Row("archives/symlinks.zip/passwd", "a link member to /etc/passwd", QUARANTINED, "link"),
        Row("archives/symlinks.zip/secret.csv", "a link member to a file outside the survey", QUARANTINED, "link"),
        Row("archives/symlinks.zip/up.csv", "a relative link member climbing out", QUARANTINED, "link"),
        Row("archives/symlinks.zip/Bradford Council - return home interviews.csv", "a regular member", ANY, ""),
        Row("archives/nested-deep.zip", "an archive nested twelve deep", ANY, ""),
        Row(deep, "the level past the nesting limit", NOT_LOADED, "nested|deep"),
        Row("archives/nested-ok.zip", "an archive in an archive", ANY, ""),
        Row("archives/nested-ok.zip/level2.zip/Sunderland City Council - return home interviews.csv",
            "a reply two deep", LOADED, ""),
        Row("archives/encrypted.zip", "a ZIP whose member is encrypted", QUARANTINED, "password"),
    ]


def mail_files(out: Path, opts: Options) -> list[Row]:
    """Write a bare winmail.dat, an e-mail carrying one, and an e-mail whose names and subject are payloads."""
    pdf_reply = d.letter_pdf("Dudley Metropolitan Borough Council", d.answers_letter_lines(18))
    write(out / "mail/winmail.dat", tnef_bytes("FOI response", [
        (COVENTRY, council_csv("Coventry", 19)), ("../../etc/evil.csv", b"a,b\n1,2\n")]))
    write(out / "mail/tnef reply.eml", c.tnef_email("foi@dudley.gov.uk", "FOI response 4471",
                                                    [("Dudley Council reply.pdf", pdf_reply)]))
    subject = f'{d.FORMULAS[0]} {d.SCRIPTS[0]} FOI reply'
    payload = d.reply_csv(20, d.payload_rows()).encode()
    write(out / "mail/payload.eml", c.email_bytes("foi@stockton.gov.uk", subject, [
        ("=HYPERLINK(1).csv", "text/csv", payload), ("@SUM(1).csv", "text/csv", payload[:-40]),
        ("<script>alert(1)</script>.csv", "text/csv", payload[:-60]),
        ("../../../tmp/escape.csv", "text/csv", payload[:-80])]))
    return [
        Row("mail/winmail.dat", "a TNEF file with a reply and a ../ attachment", ANY, ""),
        Row(f"mail/winmail.dat/{COVENTRY}", "a reply inside TNEF", ANY, ""),
        Row("mail/winmail.dat/etc/evil.csv", "a ../ attachment name inside TNEF", ANY, ""),
        Row("mail/tnef reply.eml", "an e-mail whose attachment is a winmail.dat", ANY, ""),
        Row("mail/tnef reply.eml/winmail.dat", "the winmail.dat", ANY, ""),
        Row("mail/tnef reply.eml/winmail.dat/Dudley Council reply.pdf", "a PDF inside TNEF inside e-mail", ANY, ""),
        Row("mail/payload.eml", "an e-mail with formula and script subject and attachment names", ANY, ""),
        Row("mail/payload.eml/=HYPERLINK(1).csv", "a formula attachment name", ANY, ""),
        Row("mail/payload.eml/@SUM(1).csv", "a formula attachment name", ANY, ""),
        Row("mail/payload.eml/<script>alert(1)</script>.csv", "a script attachment name", ANY, ""),
        Row("mail/payload.eml/tmp/escape.csv", "a ../ attachment name", ANY, ""),
    ]


def text_files(out: Path, opts: Options) -> list[Row]:
    """Write mixed-encoding and case-level files and files whose names and cells are payloads; return rows."""
    mixed = "text/Sandwell Council - return home interviews.csv"
    write(out / mixed, d.mixed_encoding_csv(21))
    (out / "text").mkdir(parents=True, exist_ok=True)
    d.case_level_csv(out / "text/St Helens case level extract.csv", opts.rows)
    write(out / "text/Sefton case level extract.xlsx", d.case_level_workbook(5000))
    write(out / "text/Wigan Council payloads.xlsx", d.payload_workbook(22))
    rows = [
        Row(mixed, "lines in UTF-8 and cp1252 with NUL bytes", LOADED, ""),
        Row("text/St Helens case level extract.csv", f"a case-level extract of {opts.rows:,} rows", NOT_LOADED,
            "case-level"),
        Row("text/Sefton case level extract.xlsx", "a case-level spreadsheet of 5,000 rows", NOT_LOADED,
            "case-level"),
        Row("text/Wigan Council payloads.xlsx", "sheet names and cells that are formulas and scripts", ANY, ""),
    ]
    payload = d.reply_csv(23, d.payload_rows()).encode()
    for name in ('=HYPERLINK("http-evil","x").csv', "+cmd calc.csv", "-2+3.csv", "@SUM(1).csv",
                 "<svg onload=alert(1)>.csv"):
        write(out / name, payload + name.encode())  # at the top of replies/, so source_file starts with it
        rows.append(Row(name, "a file name that is a formula or a script", ANY, ""))
    return rows


def link_files(out: Path, outside: Path, opts: Options) -> list[Row]:
    """Write symbolic links in replies/: outside the survey, to a folder, dangling, looping, and inside."""
    links = out / "links"
    links.mkdir(parents=True, exist_ok=True)
    targets = {
        "to-outside-secret.csv": (outside / "secret.csv", QUARANTINED, "link"),
        "to-etc-passwd.csv": (Path("/etc/passwd"), QUARANTINED, "link"),
        "to-outside-folder": (outside, QUARANTINED, "link"),
        "to-survey-yaml.yaml": (Path("../../survey.yaml"), QUARANTINED, "link"),
        "dangling.csv": (Path("nowhere/missing.csv"), QUARANTINED, "link"),
        "loop.csv": (Path("loop.csv"), QUARANTINED, "link"),
        "to-inside-reply.csv": (Path("../text/Sandwell Council - return home interviews.csv"), "duplicate|loaded", ""),
    }
    rows = []
    for name, (target, expected, reason) in targets.items():
        os.symlink(target, links / name)
        rows.append(Row(f"links/{name}", f"a symbolic link to {target}", expected, reason))
    os.mkfifo(links / "named-pipe.csv")  # opening it for reading would wait for a writer for ever
    return rows + [Row("links/named-pipe.csv", "a named pipe (FIFO)", QUARANTINED, "regular")]


def write(path: Path, data: bytes) -> Path:
    """Given a path and bytes, write them, making the folder first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def write_outside(outside: Path) -> None:
    """Given the folder outside the survey, write the canary files that links point at."""
    outside.mkdir(parents=True, exist_ok=True)
    text = d.reply_csv(99) + f"Q9,a,{CANARY},{CANARY}\n"
    (outside / "secret.csv").write_text(text)


BUILDERS: tuple[Callable[..., list[Row]], ...] = (broken_files, pdf_files, bomb_files, text_files, mail_files)


def make_corpus(out: Path, outside: Path, opts: Options = Options(), manifest: Path | None = None) -> list[Row]:
    """Given the corpus folder and a folder outside the survey, write every hostile file and the manifest.

    The manifest goes to `manifest` (default OUT_DIR/manifest.csv; keep it out of replies/ for a run).
    """
    out.mkdir(parents=True, exist_ok=True)
    write_outside(outside)
    rows = [row for build in BUILDERS for row in build(out, opts)]
    rows += archive_files(out, outside, opts) + link_files(out, outside, opts)
    with (manifest or out / MANIFEST).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "what", "expected", "reason"])
        writer.writerows([r.file, r.what, r.expected, r.reason] for r in rows)
    return rows


def read_manifest(path: Path) -> list[Row]:
    """Given a manifest.csv, return its rows."""
    with path.open(newline="", encoding="utf-8") as handle:
        return [Row(r["file"], r["what"], r["expected"], r["reason"]) for r in csv.DictReader(handle)]


def main() -> None:
    """Parse the command line and write the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--outside", type=Path, help="folder for link targets (default: OUT/../outside)")
    parser.add_argument("--manifest", type=Path, help="where to write manifest.csv (default: OUT/manifest.csv)")
    parser.add_argument("--rows", type=int, default=Options.rows, help="rows of the case-level CSV")
    parser.add_argument("--small", action="store_true", help="small bombs and files, for quick looks")
    args = parser.parse_args()
    opts = Options(rows=args.rows)
    if args.small:
        opts = Options(rows=min(args.rows, 20_000), bomb_bytes=64 << 20, office_bomb_bytes=64 << 20, pages=30,
                       maze_rules=40)
    manifest = args.manifest or args.out / MANIFEST
    rows = make_corpus(args.out, args.outside or args.out.parent / "outside", opts, manifest)
    print(f"{len(rows)} files and members described in {manifest}")


if __name__ == "__main__":
    main()
