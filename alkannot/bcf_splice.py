"""A BCF input written as BCF (-Ob/-Ou): every record the run does not edit is copied as the input's bytes, and the
records it edits get their INFO rewritten in BCF's own encoding (BCF 2.2, VCF spec section 6.3), so every value the
run does not touch keeps its bits: a Float stays the BCF's float, where text would print it with the 6 significant
digits htslib gives and parse it again (`0.123456789` became `0.123457`; pipeline reviews of stops 37 and 38).

The records' INFO keys, FILTERs and FORMAT keys are numbers into the header's dictionary, and CHROM a number into
its contigs, so the output header keeps every number the input's has: each FILTER/INFO/FORMAT/contig line carries
the IDX htslib gave it when it read the input (as htslib writes a BCF header), alkannot's new keys the next free
numbers htslib gave them, and an earlier alkannot run's key that this run replaces keeps its number.

Edited records are few (ALK, fusion and re-annotated records). Where pass 1 learnt the BCF's layout (bcf_layout.py:
a large BCF read as text), they are found from its checkpoints, and a bgzipped output copies every BGZF block no
edit touches as it is (only the header's and the edited records' blocks are deflated again, as the bgzipped VCF
splice does: splice.py); otherwise the file is walked by its records' two lengths, never parsed.
"""

from __future__ import annotations

import re
import struct
from typing import TYPE_CHECKING, Callable, Iterator, Mapping

from .bcf_layout import BcfLayout, bcf_chunks, header_end, record_spans
from .errors import InputError

if TYPE_CHECKING:
    import pysam

    from .splice import Edit

MAGIC = b"BCF\x02\x02"
_LENGTHS = struct.Struct("<II")
_U32 = struct.Struct("<I")
_INTS = {1: struct.Struct("<b"), 2: struct.Struct("<h"), 3: struct.Struct("<i")}
_WIDTH = {0: 0, 1: 1, 2: 2, 3: 4, 5: 4, 7: 1}  # BCF typed values: missing, int8, int16, int32, float, char
# one key=value of a structured line; a quoted value may hold commas, `ID=` and `>` (htslib keeps the keys in the
# input's order, so ID need not come first)
_FIELD = re.compile(r'\s*([^=,>]+)=("(?:[^"\\]|\\.)*"|[^,>]*)\s*[,>]?')
_DICTIONARY_LINES = (
    ("##FILTER=<", "filters"),
    ("##INFO=<", "info"),
    ("##FORMAT=<", "formats"),
    ("##contig=<", "contigs"),
)


class Unspliceable(Exception):
    """A header line htslib gave no number (not expected: the header is htslib's); found before any output is
    written, so the text path writes the BCF instead."""


def bcf_header_text(text: str, header: pysam.VariantHeader) -> str:
    """`text` (the output's VCF header) with the number htslib gave each FILTER/INFO/FORMAT/contig line's ID in
    `header` (the input's, alkannot's keys added) appended as IDX, as htslib writes a BCF header."""
    lines = []
    for line in text.splitlines():
        for prefix, table in _DICTIONARY_LINES:
            if line.startswith(prefix) and line.endswith(">"):
                line = f"{line[:-1]},IDX={_number(header, table, line[len(prefix) :])}>"
                break
        lines.append(line)
    return "\n".join(lines) + "\n"


def _number(header: pysam.VariantHeader, table: str, fields: str) -> int:
    name, at = None, 0
    while at < len(fields) and fields[at] != ">":
        found = _FIELD.match(fields, at)
        if found is None or found.end() == at:
            raise Unspliceable(f"a header line alkannot cannot split: {fields[:40]}")
        if found.group(1) == "ID":
            name = found.group(2)
            break
        at = found.end()
    if name is None:
        raise Unspliceable(f"a header line without an ID: {fields[:40]}")
    try:
        return getattr(header, table)[name].id
    except KeyError:
        raise Unspliceable(f"{name}: not in the header's dictionary") from None


def key_numbers(header: pysam.VariantHeader, keys: tuple[str, ...]) -> dict[str, int]:
    """The dictionary number of each INFO key of `keys` the header defines."""
    return {key: header.info[key].id for key in keys if key in header.info}  # type: ignore[attr-defined]


def typed_int(value: int) -> bytes:
    """One integer as a BCF typed value, in the smallest type htslib uses for it (bcf_enc_int1)."""
    if -120 <= value <= 127:
        return b"\x11" + _INTS[1].pack(value)
    if -32760 <= value <= 32767:
        return b"\x12" + _INTS[2].pack(value)
    return b"\x13" + _INTS[3].pack(value)


def typed_string(value: bytes) -> bytes:
    """A character vector as a BCF typed value (bcf_enc_vchar): its length in the type byte, or after it from 15."""
    if len(value) < 15:
        return bytes([len(value) << 4 | 7]) + value
    return b"\xf7" + typed_int(len(value)) + value


def _skip(data: bytes | memoryview, at: int) -> int:
    """The offset after the typed value at `at`."""
    kind = data[at]
    count, code = kind >> 4, kind & 0xF
    at += 1
    if count == 15:
        count, at = _read_int(data, at)
    if code not in _WIDTH:
        raise Unspliceable(f"a typed value of unknown type {code}")
    return at + count * _WIDTH[code]


def _read_int(data: bytes | memoryview, at: int) -> tuple[int, int]:
    code = data[at] & 0xF
    if data[at] >> 4 != 1 or code not in _INTS:
        raise Unspliceable("a malformed typed integer")
    unpack = _INTS[code]
    return unpack.unpack_from(data, at + 1)[0], at + 1 + unpack.size


def edit_record(record: bytes, drop: frozenset[int], added: list[tuple[int, bytes]]) -> bytes:
    """One BCF record (its two lengths, the shared and the per-sample part) with the INFO keys numbered in `drop`
    removed and `added` (key number, value) appended as character vectors; every other byte as it came."""
    shared_length, sample_length = _LENGTHS.unpack_from(record, 0)
    shared = record[8 : 8 + shared_length]
    alleles_info = _U32.unpack_from(shared, 16)[0]
    at = _skip(shared, 24)  # ID
    for _ in range(alleles_info >> 16):  # REF and ALTs
        at = _skip(shared, at)
    info = at = _skip(shared, at)  # FILTER
    kept = []
    for _ in range(alleles_info & 0xFFFF):
        start = at
        key, at = _read_int(shared, at)
        at = _skip(shared, at)
        if key not in drop:
            kept.append(shared[start:at])
    if at != len(shared):
        raise Unspliceable("a record whose INFO does not end its shared part")
    kept.extend(typed_int(key) + typed_string(value) for key, value in added)
    if len(kept) > 0xFFFF:
        raise Unspliceable("more INFO keys than BCF holds")
    body = shared[:16] + _U32.pack((alleles_info >> 16) << 16 | len(kept)) + shared[20:info] + b"".join(kept)
    return _LENGTHS.pack(len(body), sample_length) + body + record[8 + shared_length :]


def _edited(record: bytes, drop: frozenset[int], added: list[tuple[int, bytes]], index: int, display: str) -> bytes:
    try:
        return edit_record(record, drop, added)
    except (Unspliceable, IndexError, struct.error) as exc:  # htslib read it in pass 1: not expected
        raise InputError(f"record {index + 1}: cannot rewrite its BCF INFO ({exc or 'cut short'})", display) from None


def splice_records(
    path: str,
    display: str,
    header: bytes,
    edits: Mapping[int, list[tuple[int, bytes]]],
    drop: frozenset[int],
    write: Callable[[bytes], object],
    orphans: frozenset[int] = frozenset(),
) -> int:
    """Write the BCF `path` with `header` (the output's header text, IDX numbers included) for its own, and record
    `index` edited where `edits` names it: `write` gets the bytes of the uncompressed BCF stream. Returns the number
    of records."""
    pending = iter(sorted(edits))
    upcoming = next(pending, -1)
    buffer, index, in_header = bytearray(), 0, True
    for chunk in bcf_chunks(path, display):
        buffer += chunk
        at, end = 0, len(buffer)
        if in_header:
            first = header_end(buffer)
            if first is None:
                continue
            at, in_header = first, False
            write(_header_bytes(header))
        start = at
        while at + 8 <= end:
            shared, individual = _LENGTHS.unpack_from(buffer, at)
            stop = at + 8 + shared + individual
            if stop > end:
                break
            if index == upcoming:
                write(bytes(memoryview(buffer)[start:at]))
                write(_edited(bytes(buffer[at:stop]), drop, edits[index], index, display))
                upcoming = next(pending, -1)
                start = stop
            elif orphans:  # an earlier run's key whose definition this output drops, on a record it does not edit
                record = bytes(buffer[at:stop])
                stripped = _edited(record, orphans, [], index, display)
                if len(stripped) != len(record):
                    write(bytes(memoryview(buffer)[start:at]))
                    write(stripped)
                    start = stop
            at, index = stop, index + 1
        write(bytes(memoryview(buffer)[start:at]))
        del buffer[:at]
    if in_header or buffer:
        raise InputError(f"BCF cut short after record {index}", display)
    return index


def write_spliced_bcf(
    path: str,
    display: str,
    target,
    output_type: str,
    header: bytes,
    edits: Mapping[int, list[tuple[int, bytes]]],
    drop: frozenset[int],
    threads: int,
    level: int,
    orphans: frozenset[int] = frozenset(),
    layout: BcfLayout | None = None,
) -> int:
    """The BCF `path` with `header` and `edits` into `target` (what vcfio.atomic_output yields): raw BCF for -Ou,
    BGZF at `level` on `threads` deflating threads for -Ob, as bcftools writes them. Returns the number of records.
    Where pass 1 learnt the BCF's `layout` (bcf_layout.py), the edited records are found from its checkpoints and a
    BGZF output copies every block no edit touches as it is; where an earlier run's key whose definition this
    output drops may sit on any record (`orphans`), or without a layout, every record is walked (splice_records)."""
    from .bgzf import BgzfWriter
    from .splice import splice_blocks, write_edited_stream

    if layout is not None and orphans:
        layout = None
    if layout is not None and layout.blocks is not None and output_type == "b":
        splice_blocks(layout, target, _changes(layout, display, header, edits, drop), level)
        return layout.records
    handle = target.open()
    writer = BgzfWriter(handle, max(1, threads), level) if output_type == "b" else None
    write = handle.write if writer is None else writer.write
    try:
        if layout is not None:
            changes = _changes(layout, display, header, edits, drop)
            write_edited_stream(bcf_chunks(path, display), changes, write, display)
            count = layout.records
        else:
            count = splice_records(path, display, header, edits, drop, write, orphans)
        if writer is not None:
            writer.close()
        handle.close()
        return count
    except OSError as exc:
        _abandon(writer, handle)
        if isinstance(exc, BrokenPipeError) and not target.is_file:
            raise BrokenPipeError(str(exc)) from None  # the reader went away (`| head`): the CLI exits quietly
        raise InputError(f"cannot write output ({exc.strerror or exc})", target.display) from None
    except BaseException:
        _abandon(writer, handle)
        raise


def _changes(
    layout: BcfLayout, display: str, header: bytes, edits: Mapping[int, list[tuple[int, bytes]]], drop: frozenset[int]
) -> Iterator[Edit]:
    """The output's header, then each edited record, as replacements of the input's uncompressed bytes."""
    from .splice import Edit

    yield Edit(0, layout.header_end, _header_bytes(header))
    for index, start, record in record_spans(layout, sorted(edits)):
        yield Edit(start, start + len(record), _edited(record, drop, edits[index], index, display))


def _header_bytes(header: bytes) -> bytes:
    return MAGIC + _U32.pack(len(header) + 1) + header + b"\0"


def _abandon(writer, handle) -> None:
    if writer is not None:
        writer.abandon()
    try:
        handle.close()
    except OSError:
        pass
