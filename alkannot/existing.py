"""Read the ALK protein change that other annotators already wrote (VEP CSQ, SnpEff ANN, bcftools
BCSQ), so alkannot can report where it disagrees; and what they (or a MAF's Variant_Classification) say a change
does to a bypass gene."""

from __future__ import annotations

import re

from .alterations import THREE_TO_ONE
from .log import log
from .records import record

ALK_FEATURES = ("ENST00000389048", "NM_004304")
# the INFO key of the VCF alkannot makes from a MAF (maf.py): the row's 'Hugo_Symbol|Variant_Classification'
MAF_CLASS_KEY = "alkannotMafClass"
# the patterns of other annotators' values, compiled at their first use (re's cache): most inputs carry none (issue 13)
_THREE = "|".join(THREE_TO_ONE)
_BCSQ_AA = r"^(\d+)([A-Z*]+)(?:>(\d+)([A-Z*]+))?$"


def one_letter(hgvsp: str) -> str:
    """'ENSP00000373700.3:p.Gly1202Arg' -> 'p.G1202R'; 'p.(Leu1196ArgfsTer12)' -> 'p.L1196Rfs*12'."""
    text = hgvsp.split(":", 1)[-1]
    if "%" in text:  # urllib.parse (2 ms to import) only for an escaped HGVS, as unquote leaves the rest as it is
        from urllib.parse import unquote

        text = unquote(text)
    text = text.replace("(", "").replace(")", "")
    return re.sub(_THREE, lambda m: THREE_TO_ONE[m.group(0)], text)


_FS_SHORT = r"^p\.([A-Z*])(\d+)fs$"
_FS_LONG = r"^p\.([A-Z*])(\d+)[A-Z*]?fs(\*(\d+|\?))?$"
_SAME_AA = r"^p\.([A-Z*])(\d+)\1$"


def same_protein_change(ours: str, theirs: str) -> bool:
    """Whether another annotator's one-letter p. says what alkannot's does, allowing the short forms the
    tools write: SnpEff's frameshift without the new residue and length ('p.G1202fs' = 'p.G1202Efs*56'),
    a stop-loss extension of unknown length ('p.*1621Wext*?' = 'p.*1621Wext*39'), and a synonymous change
    written with its residue twice ('p.A1200A' = 'p.A1200=')."""
    if ours == theirs:
        return True
    same = re.match(_SAME_AA, theirs)
    if same and ours == f"p.{same.group(1)}{same.group(2)}=":
        return True
    short, long_ = re.match(_FS_SHORT, theirs), re.match(_FS_LONG, ours)
    if short and long_:
        return short.groups() == long_.groups()[:2]
    if theirs.endswith("ext*?") and "ext*" in ours:
        return ours.split("ext*")[0] == theirs[: -len("ext*?")]
    return False


def _is_alk(feature: str) -> bool:
    return feature.split(".")[0] in ALK_FEATURES


def _vep_allele(ref: str, alts: tuple[str, ...], alt: str) -> str:
    alleles = (ref,) + tuple(alts)
    if all(a and a[0] == ref[0] for a in alleles) and any(len(a) != len(ref) for a in alleles):
        return alt[1:] or "-"
    return alt


def _declared_text(header, key: str, display: str) -> bool:
    if key not in header.info:
        return False
    kind = header.info[key].type
    if kind == "String":
        return True
    log.warning(
        "%s: INFO/%s is declared Type=%s, not String: not read as another annotator's consequences", display, key, kind
    )
    return False


@record
class ExistingAnnotations:
    """Which other annotators' INFO keys (VEP CSQ, SnpEff ANN, bcftools BCSQ) the input header declares."""

    vep_fields: tuple[str, ...] | None = None
    has_ann: bool = False
    has_bcsq: bool = False
    has_maf_class: bool = False  # a VCF alkannot made from a MAF (MAF_CLASS_KEY)

    @classmethod
    def from_header(cls, header, display: str = "input") -> "ExistingAnnotations":
        """The keys the header declares as text; one declared with another type (Integer, Float, Flag) holds no
        consequence annotation htslib can hand over: it is not read, with a warning."""
        usable = {key: _declared_text(header, key, display) for key in ("CSQ", "ANN", "BCSQ")}
        vep = None
        if usable["CSQ"]:
            description = header.info["CSQ"].description or ""
            if "Format:" in description:
                vep = tuple(f.strip() for f in description.split("Format:", 1)[1].strip().strip('"').split("|"))
        return cls(vep, usable["ANN"], usable["BCSQ"], MAF_CLASS_KEY in header.info)

    @property
    def any(self) -> bool:
        return bool(self.vep_fields) or self.has_ann or self.has_bcsq or self.has_maf_class

    def protein_change(self, rec, allele_number: int, alt: str) -> tuple[str, str] | None:
        """(tool, one-letter p.) that an existing annotation gives for this ALT on ALK, if any."""
        if not self.any:
            return None
        for tool, finder in (("VEP", self._vep), ("SnpEff", self._snpeff), ("BCSQ", self._bcsq)):
            found = finder(rec, allele_number, alt)
            if found:
                return tool, found
        return None

    def _entries(self, rec, key: str) -> tuple[str, ...]:
        try:
            value = rec.info[key]
        except (KeyError, ValueError):
            return ()
        return tuple(v for v in (value if isinstance(value, tuple) else (value,)) if isinstance(v, str))

    def vep_columns(self) -> dict[str, int]:
        """Column of each field of the header's CSQ Format."""
        return {name: i for i, name in enumerate(self.vep_fields or ())}

    def vep_entries(self, rec, allele_number: int, alt: str):
        """The CSQ entries (split into fields) of one ALT allele: by ALLELE_NUM where VEP wrote it, else by its
        Allele (VEP drops the first base shared by every allele of an indel)."""
        col = self.vep_columns()
        wanted = _vep_allele(rec.ref or "", rec.alts or (), alt)
        for entry in self._entries(rec, "CSQ"):
            parts = entry.split("|")
            if len(parts) != len(col):
                continue
            if "ALLELE_NUM" in col and parts[col["ALLELE_NUM"]]:
                if parts[col["ALLELE_NUM"]] != str(allele_number):
                    continue
            elif "Allele" in col and parts[col["Allele"]] != wanted:
                continue
            yield parts

    def ann_entries(self, rec, alt: str):
        """The SnpEff ANN entries (split) of one ALT allele (ANN's first field is the allele)."""
        for entry in self._entries(rec, "ANN") if self.has_ann else ():
            parts = entry.split("|")
            if len(parts) > 7 and parts[0] == alt:
                yield parts

    def bcsq_entries(self, rec, alt: str):
        """The bcftools BCSQ entries (split) of one ALT allele (by the DNA change, `29654000C>T`, it names: position,
        REF and ALT, so that a multi-allelic record's entries are not mixed up). A haplotype-aware entry names every
        record of the compound, `+`-joined (`122106101G>A+122106102G>A`, bcftools manual): it is this allele's where
        one of them is."""
        change = f"{rec.pos}{rec.ref}>{alt}"  # this record's, as bcftools csq writes it (a piece, by position)
        for entry in self._entries(rec, "BCSQ") if self.has_bcsq else ():
            parts = entry.split("|")
            if len(parts) >= 7 and change in parts[6].split("+"):
                yield parts

    def _vep(self, rec, allele_number: int, alt: str) -> str | None:
        col = self.vep_columns()
        if "HGVSp" not in col or "Feature" not in col:
            return None
        for parts in self.vep_entries(rec, allele_number, alt):
            if _is_alk(parts[col["Feature"]]) and parts[col["HGVSp"]]:
                return one_letter(parts[col["HGVSp"]])
        return None

    def _snpeff(self, rec, allele_number: int, alt: str) -> str | None:
        for parts in self.ann_entries(rec, alt):
            if len(parts) > 10 and _is_alk(parts[6]) and parts[10]:
                return one_letter(parts[10])
        return None

    def _bcsq(self, rec, allele_number: int, alt: str) -> str | None:
        for parts in self.bcsq_entries(rec, alt):
            if _is_alk(parts[2]):
                found = bcsq_protein(parts[5])
                if found:
                    return found
        return None


def bcsq_protein(amino_acids: str) -> str | None:
    """'12G>12C' (bcftools csq's amino-acid change) -> 'p.G12C'; '12G' -> 'p.G12='; None for another form."""
    match = re.match(_BCSQ_AA, amino_acids)
    if not match:
        return None
    pos, ref_aa, _, new_aa = match.groups()
    if new_aa is None:
        return f"p.{ref_aa}{pos}="
    if len(ref_aa) == 1 and len(new_aa) == 1:
        return f"p.{ref_aa}{pos}{new_aa}"
    return None


# SO terms (and bcftools csq's short forms) that truncate the protein: what `bypass.md` calls a truncating record
TRUNCATING_TERMS = frozenset(
    (
        "stop_gained",
        "frameshift_variant",
        "frameshift",
        "splice_acceptor_variant",
        "splice_donor_variant",
        "splice_acceptor",
        "splice_donor",
        # a MAF's Variant_Classification (GDC MAF Format v1.0.0; vcf2maf maps stop_gained to Nonsense_Mutation,
        # frameshift_variant to Frame_Shift_Del/Ins, splice_acceptor/donor_variant to Splice_Site)
        "Nonsense_Mutation",
        "Frame_Shift_Del",
        "Frame_Shift_Ins",
        "Splice_Site",
    )
)


# entries on a transcript that makes no protein (VEP/SnpEff terms, bcftools csq's short form), or a biotype other
# than protein-coding: what they say is not what the change does to the gene's protein (review 7, finding 9)
NOT_PROTEIN_TERMS = frozenset(
    ("non_coding_transcript_variant", "non_coding_transcript_exon_variant", "NMD_transcript_variant", "non_coding")
)


# a transcript's biotype that makes a protein: Ensembl's and GENCODE's `protein_coding`, SnpEff's `Coding` (what it
# writes where its database has no biotype, e.g. a RefSeq one), and none given
PROTEIN_CODING_BIOTYPES = ("", "protein_coding", "Coding")


@record(frozen=True)
class _Entry:
    tool: str
    terms: str  # 'splice_donor_variant&non_coding_transcript_variant'
    feature: str
    biotype: str
    canonical: bool  # VEP's CANONICAL=YES or a MANE_SELECT value
    protein: str = ""  # the one-letter p. change the entry gives ('p.G12C'), '' where it gives none


def _allele_entries(annotations: ExistingAnnotations, rec, allele: int, alt: str, gene: str) -> list[_Entry]:
    """Every VEP/SnpEff/BCSQ entry on `gene` (by symbol) of ALT allele `allele` (1-based) only."""
    found: list[_Entry] = []
    col = annotations.vep_columns()
    if {"Consequence", "SYMBOL"} <= col.keys():

        def field(parts: list[str], name: str) -> str:
            return parts[col[name]] if name in col else ""

        for parts in annotations.vep_entries(rec, allele, alt):
            if parts[col["SYMBOL"]] == gene:
                canonical = field(parts, "CANONICAL") == "YES" or bool(field(parts, "MANE_SELECT"))
                said = field(parts, "HGVSp")
                found.append(
                    _Entry(
                        "VEP",
                        parts[col["Consequence"]],
                        field(parts, "Feature"),
                        field(parts, "BIOTYPE"),
                        canonical,
                        one_letter(said) if said else "",
                    )
                )
    found.extend(
        _Entry("SnpEff", p[1], p[6], p[7], False, one_letter(p[10]) if len(p) > 10 and p[10] else "")
        for p in annotations.ann_entries(rec, alt)
        if p[3] == gene
    )
    found.extend(
        _Entry("BCSQ", p[0].lstrip("*@"), p[2], p[3], False, bcsq_protein(p[5]) or "")
        for p in annotations.bcsq_entries(rec, alt)
        if p[1] == gene
    )
    if annotations.has_maf_class:  # one ALT per record in a VCF made from a MAF
        symbol, _, classification = (annotations._entries(rec, MAF_CLASS_KEY) or ("",))[0].partition("|")
        if symbol == gene and classification:
            found.append(_Entry("MAF", classification, "", "", True))
    return found


def _protein_entries(entries: list[_Entry], mane: tuple[str, ...]) -> list[_Entry]:
    """Of one tool's entries, those on the MANE Select (genes.tsv) or canonical transcript where the tool gives
    one, else those on any protein-coding transcript; never a non-coding, NMD or retained-intron one."""
    coding = [
        e for e in entries if e.biotype in PROTEIN_CODING_BIOTYPES and not NOT_PROTEIN_TERMS & set(e.terms.split("&"))
    ]
    chosen = [e for e in coding if e.canonical or e.feature.split(".")[0] in mane]
    return chosen or coding


@record(frozen=True)
class AlleleAnnotation:
    """What the input's own annotation says of one ALT allele on one gene (gene_annotations)."""

    consequences: tuple[str, ...] = ()  # ('missense_variant (VEP)', ...); () where it says nothing
    protein: str = ""  # 'p.G12C, VEP': the first one-letter protein change it gives; '' for none
    population_af: float | None = None  # the highest population allele frequency VEP's CSQ gives; None for none


def gene_annotations(
    annotations: ExistingAnnotations, rec, gene: str, mane: tuple[str, ...] = ()
) -> tuple[AlleleAnnotation, ...]:
    """Per ALT allele of `rec` (first ALT first), read once: the consequence terms the input's own annotation (VEP
    CSQ, SnpEff ANN, bcftools BCSQ, a MAF's Variant_Classification) gives that allele on `gene`, each as
    'term (tool)', read from the MANE Select (`mane`: versionless transcript IDs) or canonical transcript where the
    tool annotates one, else from the protein-coding ones (_protein_entries); the protein change those entries give;
    and the allele's population frequency (population_af). alkannot has no model of genes other than ALK (and EML4
    for naming fusions), so this is the only way it knows what a bypass-gene change does. `annotations` is the
    input's own, made once from its header (survey.survey_input)."""
    if not annotations.any:
        return tuple(AlleleAnnotation() for _ in rec.alts or ())
    found: list[AlleleAnnotation] = []
    for allele, alt in enumerate(rec.alts or (), start=1):
        entries = _allele_entries(annotations, rec, allele, alt, gene)
        chosen = [e for tool in _TOOLS for e in _protein_entries([x for x in entries if x.tool == tool], mane)]
        terms = [f"{term} ({e.tool})" for e in chosen for term in e.terms.split("&") if term]
        if not terms:  # a record of a haplotype-aware compound whose consequence bcftools csq gives at another
            terms = _annotated_at(annotations, rec)
        if not terms:  # annotated, but on no protein-coding transcript of this gene: outside its coding transcripts
            terms = [f"{NO_CODING_ENTRY} ({tool})" for tool in _tools_annotating(annotations, rec, allele, alt)]
        said = next((e for e in chosen if e.protein), None)
        af = population_af(annotations, rec, allele, alt) if annotations.vep_fields else None
        found.append(AlleleAnnotation(tuple(dict.fromkeys(terms)), f"{said.protein}, {said.tool}" if said else "", af))
    return tuple(found)


def gene_consequences(
    annotations: ExistingAnnotations, rec, gene: str, mane: tuple[str, ...] = ()
) -> tuple[tuple[str, ...], ...]:
    """Per ALT allele of `rec`: gene_annotations' consequence terms only."""
    return tuple(a.consequences for a in gene_annotations(annotations, rec, gene, mane))


_TOOLS = ("VEP", "SnpEff", "BCSQ", "MAF")  # the order gene_annotations reads the annotators in


# what gene_consequences says of an allele the input's annotation gives for other genes only, or on this gene's
# non-coding transcripts only (the gene's span in genes.tsv reaches past the transcripts the annotator knows: ABCB1's
# runs ~112 kb past its MANE transcript): not a change to this gene's protein
NO_CODING_ENTRY = "no_entry_on_a_protein_coding_transcript"


# what gene_consequences says of a record whose BCSQ is a pointer (`@122106101`: bcftools csq gives the consequence of
# a compound, e.g. two changes in one codon, at one of its records, and a pointer to it at the others; bcftools
# manual, csq): that record's consequence is the compound's, read there, so this one is not a change of its own
ANNOTATED_AT = "consequence_given_at_"


def _annotated_at(annotations: ExistingAnnotations, rec) -> list[str]:
    """['consequence_given_at_25245350 (BCSQ)'] for a record whose BCSQ points to another record; [] otherwise."""
    if not annotations.has_bcsq:
        return []
    pointers = [e[1:] for e in annotations._entries(rec, "BCSQ") if e.startswith("@") and e[1:].isdigit()]
    return [f"{ANNOTATED_AT}{position} (BCSQ)" for position in dict.fromkeys(pointers)]


def _tools_annotating(annotations: ExistingAnnotations, rec, allele: int, alt: str) -> tuple[str, ...]:
    """The annotators that give ALT allele `allele` any entry, on any gene."""
    tools = []
    if annotations.vep_fields and any(True for _ in annotations.vep_entries(rec, allele, alt)):
        tools.append("VEP")
    if any(True for _ in annotations.ann_entries(rec, alt)):
        tools.append("SnpEff")
    if any(True for _ in annotations.bcsq_entries(rec, alt)):
        tools.append("BCSQ")
    if annotations.has_maf_class and annotations._entries(rec, MAF_CLASS_KEY):
        tools.append("MAF")
    return tuple(tools)


def truncating(consequences: tuple[str, ...]) -> tuple[str, ...]:
    """The truncating ones of gene_consequences()'s 'term (tool)' items."""
    return tuple(c for c in consequences if c.split(" (")[0] in TRUNCATING_TERMS)


# SO terms (and SnpEff's, bcftools csq's and a MAF's names for them) of a change to the protein's sequence: the
# truncating ones and VEP's other HIGH and MODERATE impact terms of a small variant (Ensembl's "Calculated variant
# consequences" table; the vareffect crate's documentation gives the same IMPACT per term). A synonymous, intronic,
# UTR, up/downstream or splice-region change is not one: an input's annotation that says only those says the change
# leaves the protein as it is.
PROTEIN_ALTERING_TERMS = TRUNCATING_TERMS | frozenset(
    (
        "transcript_ablation",
        "stop_lost",
        "start_lost",
        "missense_variant",
        "inframe_insertion",
        "inframe_deletion",
        "protein_altering_variant",
        # SnpEff's finer in-frame terms, its exon_loss_variant and feature_ablation
        "feature_ablation",
        "disruptive_inframe_insertion",
        "disruptive_inframe_deletion",
        "conservative_inframe_insertion",
        "conservative_inframe_deletion",
        "exon_loss_variant",
        # bcftools csq's short forms
        "missense",
        "inframe_altering",
        # a MAF's Variant_Classification (GDC MAF Format v1.0.0)
        "Missense_Mutation",
        "In_Frame_Del",
        "In_Frame_Ins",
        "Translation_Start_Site",
        "Nonstop_Mutation",
    )
)


def protein_altering(consequences: tuple[str, ...]) -> tuple[str, ...]:
    """The protein-altering ones (PROTEIN_ALTERING_TERMS) of gene_consequences()'s 'term (tool)' items."""
    return tuple(c for c in consequences if c.split(" (")[0] in PROTEIN_ALTERING_TERMS)


# terms that do not say whether the protein changes: a splice-region change (3-8 bases into the intron, or near the
# donor: MET exon 14 skipping is caused by such changes as well as by donor and acceptor ones), a coding change VEP
# could not resolve, a MAF's Splice_Region, Unknown or Targeted_Region
UNCLEAR_TERMS = frozenset(
    (
        "splice_region_variant",
        "splice_donor_5th_base_variant",
        "splice_donor_region_variant",
        "splice_polypyrimidine_tract_variant",
        "coding_sequence_variant",
        "splice_region",
        "coding_sequence",
        "Splice_Region",
        "Unknown",
        "Targeted_Region",
    )
)


def unclear(consequences: tuple[str, ...]) -> tuple[str, ...]:
    """The terms (UNCLEAR_TERMS) of gene_consequences()'s items that leave open whether the protein changes; and a
    bcftools csq pointer to another record (ANNOTATED_AT), where that record is not read (bypass_fold.py)."""
    return tuple(c for c in consequences if c.split(" (")[0] in UNCLEAR_TERMS or c.startswith(ANNOTATED_AT))


# the population allele frequency at or above which a change is a common polymorphism, benign or likely benign, not
# an off-target change: minor allele frequency >= 1% in the general population (AMP/ASCO/CAP 2017, Li et al.,
# J Mol Diagn, PMID 27993330, Table 7, tier IV); > 1% in any gnomAD continental population, strong evidence of a
# benign somatic variant (ClinGen/CGC/VICC 2022, Horak et al., Genet Med, PMID 35101336, SBS1)
COMMON_POPULATION_AF = 0.01


def population_af(annotations: ExistingAnnotations, rec, allele: int, alt: str) -> float | None:
    """The highest population allele frequency VEP's CSQ gives ALT allele `allele` (MAX_AF, gnomAD's and 1000
    Genomes' *_AF columns; '&'-joined values of co-located variants each read); None where it gives none."""
    col = annotations.vep_columns()
    names = [n for n in col if n == "MAX_AF" or n == "AF" or n.endswith("_AF")]
    found: list[float] = []
    for parts in annotations.vep_entries(rec, allele, alt) if names else ():
        for name in names:
            for value in parts[col[name]].split("&"):
                try:
                    found.append(float(value))
                except ValueError:
                    continue
    return max(found) if found else None
