"""`alkannot kb export`: the knowledge base as a directory (`--format tsv`, the `--kb DIR` layout)
or as a bgzipped, tabix-indexed site VCF (`--format vcf`) for other annotators.

The site VCF holds one record per nucleotide change that alkannot itself names as a knowledge-base
protein change on NM_004304.5 in the chosen build: every SNV of the codon for a substitution (and
the multi-base changes of that codon only where no SNV gives it), and every in-frame insertion or
deletion near the residue for an insertion, duplication or deletion the knowledge base names. Each
candidate is checked by annotating it with consequence.annotate_allele, so a record carries exactly
the ALK_* values `alkannot annotate` writes for that allele. Compound mutations are not site-level
facts and are left out (`alkannot lookup` and `annotate` call them).
"""

from __future__ import annotations

import itertools
from pathlib import Path

from . import TRANSCRIPT, __version__
from .alterations import change_position, parse_alteration
from .errors import InputError, UsageProblem
from .knowledge import KB_FILES, KnowledgeBase
from .log import log
from .messages import EXPORT_DIRECTORY
from .output import make_directory, write_bytes
from .records import record
from .transcript import CODON_TABLE, COMPLEMENT, Transcript, load_transcript

# chromosome 2 as public VCF headers of each build name it (resources/genome/assemblies.tsv sources)
CHROM_NAME = {"GRCh37": "2", "GRCh38": "chr2"}
# UCSC's names for the builds name it chr2 (hg19's chr2 is GRCh37's chromosome 2, the same length and sequence):
# `--build hg19` gives the site VCF that chr2-named hg19 files can be annotated from (pipeline review of stop 40,
# finding 4: with `2`, `bcftools annotate -a` added nothing, without a word)
UCSC_NAMES = {"hg19": "GRCh37", "hg38": "GRCh38"}
INDEL_WINDOW = 2  # codons either side of the residue where an in-frame indel may be written


@record(frozen=True, order=True)
class Site:
    """A genomic site of a knowledge-base alteration in the VCF export."""

    pos: int
    ref: str
    alt: str


# ----------------------------------------------------------------------------------------- tsv
def kb_directory(kb: KnowledgeBase) -> Path:
    from .kbfiles import bundled_directory

    return bundled_directory() if kb.origin == "bundled" else Path(kb.origin)


def export_tsv(kb: KnowledgeBase, output: str, only: str | None = None) -> str:
    """Copy the knowledge base's files to directory `output` (the `--kb DIR` layout); '-' prints them."""
    names = [only] if only else list(KB_FILES)
    for name in names:
        if name not in KB_FILES:
            raise UsageProblem(f"kb export: no knowledge-base file {name!r} (one of {', '.join(KB_FILES)})")
    source = kb_directory(kb)
    if output == "-":
        if len(names) == 1:
            return (source / names[0]).read_text(encoding="utf-8")
        return "".join(f"==> {n} <==\n" + (source / n).read_text(encoding="utf-8") + "\n" for n in names)
    target = Path(output)
    make_directory(output, EXPORT_DIRECTORY)
    for name in names:  # each file written as every output is (alkannot.output)
        write_bytes(str(target / name), (source / name).read_bytes())
    log.info("wrote %d knowledge-base file(s) (version %s, SHA256 %s) to %s", len(names), kb.version, kb.sha256, target)
    return ""


# ----------------------------------------------------------------------------------------- vcf
def _genomic(tx: Transcript, c: int) -> int:
    return tx.genomic_of_tx(tx.tx_of_c(c))


def _plus(tx: Transcript, base: str) -> str:
    return base if tx.strand > 0 else base.translate(COMPLEMENT)


def _codon_changes(tx: Transcript, residue: int, aa: str) -> list[Site]:
    """Changes of the residue's codon that encode `aa`: the SNVs, or, where no SNV does, the fewest
    base changes that do (written over the changed span, plus strand)."""
    codon = tx.cds[3 * residue - 3 : 3 * residue]
    genomic = [_genomic(tx, 3 * residue - 2 + k) for k in range(3)]
    wanted = [c for c in CODON_TABLE if CODON_TABLE[c] == aa and c != codon]
    fewest = min((sum(a != b for a, b in zip(c, codon)) for c in wanted), default=0)
    sites = []
    for new in wanted:
        changed = [k for k in range(3) if new[k] != codon[k]]
        if len(changed) != fewest:
            continue
        span = sorted(genomic[k] for k in range(min(changed), max(changed) + 1))
        if span[-1] - span[0] != len(span) - 1:  # a codon split by an intron: not one VCF record
            continue
        ref = tx.ref_seq(span[0], span[-1])
        if ref is None:  # coding bases are all bundled; a model without them cannot be exported from
            raise ValueError(f"the bundled sequence lacks chr{tx.chrom}:{span[0]}-{span[-1]} of codon {residue}")
        by_position = {genomic[k]: _plus(tx, new[k]) for k in range(3)}
        alt = "".join(by_position[p] for p in span)
        sites.append(Site(span[0], ref, alt))
    return sites


def _left_align(tx: Transcript, pos: int, ref: str, alt: str) -> Site:
    """A VCF indel (shared first base) moved left as far as the bundled sequence repeats."""
    while len(ref) != len(alt) and ref[-1] == alt[-1]:
        before = tx.ref_base(pos - 1)
        if before is None:
            break
        pos, ref, alt = pos - 1, before + ref[:-1], before + alt[:-1]
    return Site(pos, ref, alt)


def _indels(tx: Transcript, residue: int, length: int, insertion: bool) -> set[Site]:
    """Every in-frame insertion (any sequence) or deletion of `length` bases near the residue."""
    first = _genomic(tx, 3 * max(1, residue - INDEL_WINDOW) - 2)
    last = _genomic(tx, 3 * (residue + INDEL_WINDOW))
    sites = set()
    for pos in range(min(first, last) - 1, max(first, last) + 1):
        anchor = tx.ref_base(pos)
        if anchor is None:
            continue
        if insertion:
            for inserted in itertools.product("ACGT", repeat=length):
                sites.add(_left_align(tx, pos, anchor, anchor + "".join(inserted)))
        else:
            deleted = tx.ref_seq(pos + 1, pos + length)
            if deleted is not None:
                sites.add(_left_align(tx, pos, anchor + deleted, anchor))
    return sites


def candidate_sites(tx: Transcript, change: str) -> list[Site]:
    """Nucleotide changes that alkannot names `change` (e.g. 'G1202R', 'T1151dup') on NM_004304.5."""
    from .consequence import annotate_allele

    residue = change_position(change)
    if change.endswith(("dup", "del")) or "ins" in change:
        span = change.split("_")
        length = 3 * (change_position(span[-1]) - residue + 1) if len(span) > 1 else 3
        if "ins" in change:
            length = 3 * len(change.split("ins", 1)[1])
        candidates = _indels(tx, residue, length, insertion=not change.endswith("del"))
    else:
        candidates = set(_codon_changes(tx, residue, change[-1]))
    return sorted(s for s in candidates if annotate_allele(tx, s.pos, s.ref, s.alt).protein_change == change)


def _header(kb: KnowledgeBase, build: str, definitions: list[str], chrom: str) -> str:
    from .genome import assemblies

    length = next(a.chrom2_length for a in assemblies() if a.build == build)
    lines = [
        "##fileformat=VCFv4.2",
        f"##source=alkannot {__version__} kb export",
        f"##reference={build}",
        f"##contig=<ID={chrom},length={length},assembly={build}>",
        f"##alkannotVersion={__version__}",
        f"##alkannotTranscript={TRANSCRIPT}",
        f"##alkannotBuild={build}",
        kb.header_line(),
        '##alkannotExport=<Description="One record per nucleotide change that alkannot names as a '
        'knowledge-base protein change; compound mutations are not included">',
        *definitions,
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO",
    ]
    return "\n".join(lines) + "\n"


def site_records(kb: KnowledgeBase, build: str, chrom: str | None = None) -> tuple[list[str], list[str]]:
    """The ##INFO lines and the record lines of the site VCF (chromosome 2 named `chrom`, else as CHROM_NAME)."""
    from .consequence import annotate_allele
    from .infokeys import COMPOUND, DISCORDANT, allele_keys
    from .rewrite import allele_value, identifier
    from .survey import AlleleResult
    from .vcfio import percent_encode

    tx = load_transcript(build)
    # no sample: no compound
    keys = [k for k in allele_keys(kb.inhibitor_names, kb.agents) if k not in (DISCORDANT, COMPOUND)]
    lo, hi = kb.kinase_domain
    identify = identifier(kb)  # ALK_CALL_SOURCES: each source with its PMID or DOI, as annotate writes it
    records = []
    for alteration in kb.alterations():
        try:
            parsed = parse_alteration(alteration)
        except ValueError:
            continue
        if parsed.kind != "mutation":
            continue
        for site in candidate_sites(tx, parsed.text):
            consequence = annotate_allele(tx, site.pos, site.ref, site.alt)
            call = kb.call_variant(
                consequence.protein_change, consequence.aa_start, consequence.region == "kinase_domain"
            )
            result = AlleleResult(consequence, call)
            info = [(key.id, percent_encode(allele_value(result, key.id, identify))) for key in keys]
            text = ";".join(f"{k}={v}" for k, v in info if v != ".")
            records.append((site, f"{chrom or CHROM_NAME[build]}\t{site.pos}\t.\t{site.ref}\t{site.alt}\t.\t.\t{text}"))
    records.sort()
    return [key.definition(__version__) for key in keys], [line for _, line in records]


def export_vcf(kb: KnowledgeBase, build: str, output: str) -> str:
    """Write the bgzipped, tabix-indexed site VCF to `output` (and `output`.tbi): `build` GRCh37/GRCh38 names
    chromosome 2 as each build's public VCFs do (2, chr2), hg19/hg38 as UCSC does (chr2)."""
    from .bgzf import BgzfWriter
    from .vcfio import atomic_output, write_index

    if output == "-":
        raise UsageProblem("kb export: a site VCF is bgzipped and tabix-indexed: give -o PATH.vcf.gz")
    chrom = "chr2" if build in UCSC_NAMES else CHROM_NAME[build]
    build = UCSC_NAMES.get(build, build)
    definitions, records = site_records(kb, build, chrom)
    text = _header(kb, build, definitions, chrom) + "".join(r + "\n" for r in records)
    with atomic_output(output, None) as target:
        if not target.is_file:  # before opening: a FIFO would wait for a reader, then the index fails
            raise InputError("a site VCF is bgzipped and indexed: give a regular file path", target.display)
        try:
            with target.open() as handle:
                writer = BgzfWriter(handle)
                writer.write(text.encode("utf-8"))
                writer.close()
        except OSError as exc:
            raise InputError(f"cannot write: {exc.strerror}", target.display) from None
        write_index(target, "z", "tbi")
    log.info(
        "wrote %d sites (%s, knowledge base %s, SHA256 %s) to %s", len(records), build, kb.version, kb.sha256, output
    )
    return ""
