"""Media signatures: an upload's first bytes must be of the type it declares."""

from __future__ import annotations

import pytest

from domain.media import KNOWN_TYPES, matches, normalize

SAMPLES = {
    "image/png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "image/jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    "image/gif": b"GIF89a\x01\x00\x01\x00",
    "image/webp": b"RIFF\x24\x00\x00\x00WEBPVP8 ",
    "video/mp4": b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2",
    "video/webm": b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm\x42\x87",
    "video/quicktime": b"\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00qt  ",
    "application/pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
}


def test_every_known_type_has_a_sample() -> None:
    assert set(SAMPLES) == {t for types in KNOWN_TYPES.values() for t in types}


@pytest.mark.parametrize(("declared", "head"), list(SAMPLES.items()))
def test_a_file_matches_its_own_type_only(declared: str, head: bytes) -> None:
    assert matches(declared, head)
    iso = {"video/mp4", "video/quicktime"}  # one container, labelled either way by phones
    others = [t for t in SAMPLES if t != declared and not ({t, declared} <= iso)]
    assert not any(matches(other, head) for other in others)


@pytest.mark.parametrize(
    "head",
    [
        b"",
        b"MZ\x90\x00\x03\x00\x00\x00",  # a Windows executable
        b"<svg xmlns='http://www.w3.org/2000/svg'>",
        b"GIF90a",
        b"RIFF\x24\x00\x00\x00WAVEfmt ",  # a RIFF that is not WebP
        b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x88matroska",  # Matroska, not WebM
    ],
)
def test_other_bytes_match_no_image_or_video(head: bytes) -> None:
    assert not any(matches(t, head) for t in SAMPLES)


def test_old_quicktime_files_without_ftyp() -> None:
    assert matches("video/quicktime", b"\x00\x00\x00\x08wide\x00\x00\x00\x00mdat")
    assert not matches("video/mp4", b"\x00\x00\x00\x08wide\x00\x00\x00\x00mdat")


def test_declared_types_are_normalised() -> None:
    assert normalize(" Image/PNG ; charset=binary") == "image/png"
    assert normalize(None) == ""
    assert matches("IMAGE/PNG", SAMPLES["image/png"])
    assert not matches("image/bmp", b"BM")
