"""Real ZIP archives for upload tests, and hostile variants made by rewriting their headers: an encrypted
member, an unknown compression method, sizes that lie."""

from __future__ import annotations

import io
import struct
import zipfile

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def zip_of(members: dict[str, bytes], *, compression: int = zipfile.ZIP_STORED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


def rewrite_member(
    data: bytes,
    name: str,
    *,
    flag_bits: int = 0,
    compress_type: int | None = None,
    compress_size: int | None = None,
    file_size: int | None = None,
) -> bytes:
    """``data`` with the local and central headers of member ``name`` changed alike."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
        local = info.header_offset
    central = data.index(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(name)] != name.encode():
        central = data.index(b"PK\x01\x02", central + 4)
    # (offset of flags, method, compressed size, size) in the local and the central header
    for base, (flags, method, csize, usize) in ((local, (6, 8, 18, 22)), (central, (8, 10, 20, 24))):
        (old_flags,) = struct.unpack_from("<H", out, base + flags)
        struct.pack_into("<H", out, base + flags, old_flags | flag_bits)
        if compress_type is not None:
            struct.pack_into("<H", out, base + method, compress_type)
        if compress_size is not None:
            struct.pack_into("<I", out, base + csize, compress_size)
        if file_size is not None:
            struct.pack_into("<I", out, base + usize, file_size)
    return bytes(out)
