"""What is wrong with a VCF's #CHROM line that htslib refuses, in words: htslib says only "does not have valid
header - is it VCF/BCF format?" (vcfio.open_vcf asks here once htslib has failed; no I/O here)."""

from __future__ import annotations

from collections import Counter

# the #CHROM line's fixed columns, as htslib requires them (case and all): FORMAT where samples follow
FIXED_COLUMNS = (b"#CHROM", b"POS", b"ID", b"REF", b"ALT", b"QUAL", b"FILTER", b"INFO", b"FORMAT")


def chrom_line_problem(line: bytes) -> str | None:
    """Why htslib refuses the #CHROM `line` (its bytes, line ending included), or None where nothing is seen."""
    fields = line.rstrip(b"\r\n").split(b"\t")
    columns = len(fields)
    if columns < 8:
        return f"the #CHROM line has {columns} tab-separated columns; a VCF has at least 8"
    misnamed = misnamed_column(fields)
    if misnamed:
        return misnamed
    if columns == 9:  # htslib's own words for this leak Python's bytes (pipeline review, finding 13)
        return "the #CHROM line has a FORMAT column but no sample column"
    if b"" in fields[9:]:  # bcftools: 'Empty sample name: trailing spaces/tabs' (pipeline review, stop 35)
        where = "a trailing tab" if fields[-1] == b"" else "two tabs in a row"
        return f"the #CHROM line has an empty sample name ({where})"
    twice = {n: c for n, c in sorted(Counter(fields[9:]).items()) if c > 1}
    if twice:  # htslib: 'does not have valid header' (pipeline review of stop 30, finding 4)
        said = ", ".join(f"{n.decode('utf-8', 'replace')!r} {c} times" for n, c in twice.items())
        return f"the #CHROM line names a sample more than once: {said}"
    return None


def misnamed_column(fields: list[bytes]) -> str | None:
    """The first of the #CHROM line's fixed columns that is not named as htslib requires (`QOS` for QUAL, `format`,
    two names joined by a space), in words (pipe49b, finding 6: it was htslib's 'does not have valid header')."""
    for number, (field, expected) in enumerate(zip(fields, FIXED_COLUMNS), start=1):
        if field != expected:
            name = field.decode("utf-8", "replace")
            spaces = " (spaces where a tab belongs?)" if b" " in field.strip() else ""
            return (
                f"the #CHROM line's column {number} is {name!r}, not {expected.decode()!r}{spaces} (a VCF's columns: "
                "#CHROM POS ID REF ALT QUAL FILTER INFO, then FORMAT and the samples, tab-separated)"
            )
    return None


__all__ = ["FIXED_COLUMNS", "chrom_line_problem", "misnamed_column"]
