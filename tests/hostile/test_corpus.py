"""The hostile corpus is what it says it is: bombs declare what they would inflate to, links and traversal names
are really there, the TNEF parses with a real TNEF reader, and the manifest names every file."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from tests.hostile.make_corpus import MANIFEST, Options, make_corpus, read_manifest
from tests.hostile.zipcraft import bomb_entry, write_zip

SMALL = Options(rows=2000, bomb_bytes=64 << 20, office_bomb_bytes=64 << 20, pages=5, maze_rules=20)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A small corpus (small bombs, few rows) in a temporary folder."""
    base = tmp_path_factory.mktemp("corpus")
    make_corpus(base / "replies", base / "outside", SMALL)
    return base / "replies"


def test_manifest_lists_every_file_written(corpus: Path):
    rows = read_manifest(corpus / MANIFEST)
    listed = {r.file for r in rows}
    written = {p.relative_to(corpus).as_posix() for p in corpus.rglob("*")
               if (p.is_file() or p.is_symlink() or p.is_fifo()) and p.name != MANIFEST}
    assert written <= listed
    assert all(r.what for r in rows)


def test_bombs_declare_a_huge_ratio_but_stay_small(corpus: Path):
    with zipfile.ZipFile(corpus / "bombs/bomb.zip") as archive:
        info = archive.infolist()[0]
    assert info.file_size >= 64 << 20 and info.file_size / info.compress_size > 500
    assert (corpus / "bombs/bomb.zip").stat().st_size < 5 << 20
    with zipfile.ZipFile(corpus / "bombs/Rotherham Council bomb.xlsx") as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
        assert sheet.file_size / sheet.compress_size > 500


def test_a_lying_bomb_inflates_past_what_it_declares(tmp_path: Path):
    path = write_zip(tmp_path / "lie.zip", [bomb_entry("x.csv", 32 << 20, declared=100)])
    with zipfile.ZipFile(path) as archive, pytest.raises(zipfile.BadZipFile):
        archive.read("x.csv")  # zipfile stops at the declared size, and the CRC then tells the truth


def test_traversal_and_symlink_members_are_there(corpus: Path):
    with zipfile.ZipFile(corpus / "archives/traversal.zip") as archive:
        names = archive.namelist()
    assert any(n.startswith("../../") for n in names) and any(n.startswith("/") for n in names)
    with zipfile.ZipFile(corpus / "archives/symlinks.zip") as archive:
        links = [i for i in archive.infolist() if stat.S_ISLNK(i.external_attr >> 16)]
    assert {i.filename for i in links} == {"passwd", "secret.csv", "up.csv"}
    assert (corpus / "links/to-etc-passwd.csv").is_symlink() and (corpus / "links/named-pipe.csv").is_fifo()


def test_winmail_dat_parses_with_a_real_tnef_reader(corpus: Path):
    tnefparse = pytest.importorskip("tnefparse")
    parsed = tnefparse.TNEF((corpus / "mail/winmail.dat").read_bytes(), do_checksum=True)
    assert all(o.good_checksum for o in parsed.objects)
    names = [a.long_filename() for a in parsed.attachments]
    assert names == ["Coventry City Council - return home interviews.csv", "../../etc/evil.csv"]
    assert parsed.attachments[0].data.startswith(b"Question,Part")
