"""Compressed data alkannot cannot read as it is, named with the command that reads it (pipeline review of stop 43 by
h2, finding 9): a VCF in xz, bzip2, zstd or zip (htslib reads plain text, gzip/BGZF and BCF only), and a sample sheet
or fusion table in any compression, gzip included (they are read as UTF-8 text)."""

from __future__ import annotations

# (leading bytes, name, the command that writes the data out as it was before compression)
OTHER_COMPRESSIONS = (
    (b"\xfd7zXZ\x00", "xz", "xz -dc"),
    (b"BZh", "bzip2", "bzip2 -dc"),
    (b"\x28\xb5\x2f\xfd", "zstd", "zstd -dc"),
    (b"PK\x03\x04", "zip", "unzip -p"),
)
GZIP = (b"\x1f\x8b", "gzip", "gzip -dc")


def compression_of(head: bytes, gzip: bool = False) -> tuple[str, str] | None:
    """(name, command) of the compression `head` starts with, among OTHER_COMPRESSIONS (and gzip where `gzip`); None
    for data that starts otherwise."""
    for magic, name, command in OTHER_COMPRESSIONS + ((GZIP,) if gzip else ()):
        if head.startswith(magic):
            return name, command
    return None


def compressed_table_reason(head: bytes, what: str) -> str | None:
    """'a sample sheet compressed with xz, not text: decompress it first (`xz -dc FILE > FILE.tsv`)' for a table
    whose bytes start as compressed data; None otherwise."""
    found = compression_of(head, gzip=True)
    if found is None:
        return None
    name, command = found
    return f"{name}-compressed data, not a text {what}: decompress it first (`{command} FILE > FILE.tsv`)"


__all__ = ["GZIP", "OTHER_COMPRESSIONS", "compressed_table_reason", "compression_of"]
