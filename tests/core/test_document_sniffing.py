"""Judging an uploaded document by its content never fails on a hostile ZIP: an encrypted, oddly compressed,
truncated, corrupt or oversized ``mimetype`` member makes the file "not a document", not an error, and the
member is never read whole into memory."""

from __future__ import annotations

import io
import zipfile

import pytest

from korkyt.core.uploads import sniff_document
from tests.zips import ODT_MIMETYPE, rewrite_member, zip_of


def _corrupt_deflate() -> bytes:
    data = bytearray(zip_of({"mimetype": ODT_MIMETYPE * 2}, compression=zipfile.ZIP_DEFLATED))
    start = data.index(b"mimetype") + len(b"mimetype")  # the member's data follows its local header's name
    data[start : start + 10] = b"\xff" * 10
    return bytes(data)


ODT = zip_of({"mimetype": ODT_MIMETYPE, "content.xml": b"<x/>"})


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(rewrite_member(ODT, "mimetype", flag_bits=0x1), id="encrypted"),
        pytest.param(rewrite_member(ODT, "mimetype", compress_type=99), id="unknown-compression"),
        pytest.param(
            rewrite_member(zip_of({"mimetype": b"x"}), "mimetype", compress_size=100, file_size=100),
            id="truncated",
        ),
        pytest.param(_corrupt_deflate(), id="corrupt-deflate"),
        pytest.param(
            zip_of({"mimetype": ODT_MIMETYPE + b" " * 20_000_000}, compression=zipfile.ZIP_DEFLATED),
            id="bomb",
        ),
        pytest.param(rewrite_member(ODT, "mimetype", file_size=5_000_000_000 % 2**32), id="size-lies"),
        pytest.param(rewrite_member(ODT, "mimetype", compress_size=2**32 - 1), id="compressed-size-lies"),
    ],
)
def test_a_hostile_mimetype_member_is_not_a_document(data: bytes) -> None:
    upload = io.BytesIO(data)
    assert sniff_document(upload) is None
    assert upload.tell() == 0


def test_a_deflated_odf_mimetype_is_still_recognised() -> None:
    data = zip_of({"mimetype": ODT_MIMETYPE, "content.xml": b"<x/>"}, compression=zipfile.ZIP_DEFLATED)
    assert sniff_document(io.BytesIO(data)) == "odt"
    assert sniff_document(io.BytesIO(ODT)) == "odt"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param("Жел".encode("cp1251"), None, id="short-cp1251"),
        pytest.param("Жел".encode(), "txt", id="short-utf8"),
        pytest.param(b"\xd0", None, id="cut-at-the-end-of-a-whole-file"),
        pytest.param(b"a" + ("ж" * 4096).encode(), "txt", id="cut-at-the-end-of-the-sample"),
        pytest.param(b"a" * 8000 + b"\xff" + b"a" * 1000, None, id="bad-byte-inside-the-sample"),
    ],
)
def test_plain_text_must_be_utf8_to_its_last_byte(data: bytes, expected: str | None) -> None:
    assert sniff_document(io.BytesIO(data)) == expected
