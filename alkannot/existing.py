"""Read the ALK protein change that other annotators already wrote (VEP CSQ, SnpEff ANN, bcftools
BCSQ), so alkannot can report where it disagrees."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import unquote

from .alterations import THREE_TO_ONE

log = logging.getLogger("alkannot")

ALK_FEATURES = ("ENST00000389048", "NM_004304")
_THREE = re.compile("|".join(THREE_TO_ONE))
_BCSQ_AA = re.compile(r"^(\d+)([A-Z*]+)(?:>(\d+)([A-Z*]+))?$")


def one_letter(hgvsp: str) -> str:
    """'ENSP00000373700.3:p.Gly1202Arg' -> 'p.G1202R'; 'p.(Leu1196ArgfsTer12)' -> 'p.L1196Rfs*12'."""
    text = unquote(hgvsp.split(":", 1)[-1]).replace("(", "").replace(")", "")
    return _THREE.sub(lambda m: THREE_TO_ONE[m.group(0)], text)


_FS_SHORT = re.compile(r"^p\.([A-Z*])(\d+)fs$")
_FS_LONG = re.compile(r"^p\.([A-Z*])(\d+)[A-Z*]?fs(\*(\d+|\?))?$")
_SAME_AA = re.compile(r"^p\.([A-Z*])(\d+)\1$")


def same_protein_change(ours: str, theirs: str) -> bool:
    """Whether another annotator's one-letter p. says what alkannot's does, allowing the short forms the
    tools write: SnpEff's frameshift without the new residue and length ('p.G1202fs' = 'p.G1202Efs*56'),
    a stop-loss extension of unknown length ('p.*1621Wext*?' = 'p.*1621Wext*39'), and a synonymous change
    written with its residue twice ('p.A1200A' = 'p.A1200=')."""
    if ours == theirs:
        return True
    same = _SAME_AA.match(theirs)
    if same and ours == f"p.{same.group(1)}{same.group(2)}=":
        return True
    short, long_ = _FS_SHORT.match(theirs), _FS_LONG.match(ours)
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


@dataclass
class ExistingAnnotations:
    """Which other annotators' INFO keys (VEP CSQ, SnpEff ANN, bcftools BCSQ) the input header declares."""

    vep_fields: tuple[str, ...] | None = None
    has_ann: bool = False
    has_bcsq: bool = False

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
        return cls(vep, usable["ANN"], usable["BCSQ"])

    @property
    def any(self) -> bool:
        return bool(self.vep_fields) or self.has_ann or self.has_bcsq

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

    def _vep(self, rec, allele_number: int, alt: str) -> str | None:
        if not self.vep_fields:
            return None
        fields = self.vep_fields
        col = {name: i for i, name in enumerate(fields)}
        if "HGVSp" not in col or "Feature" not in col:
            return None
        wanted = _vep_allele(rec.ref or "", rec.alts or (), alt)
        for entry in self._entries(rec, "CSQ"):
            parts = entry.split("|")
            if len(parts) != len(fields) or not _is_alk(parts[col["Feature"]]):
                continue
            if "ALLELE_NUM" in col and parts[col["ALLELE_NUM"]]:
                if parts[col["ALLELE_NUM"]] != str(allele_number):
                    continue
            elif "Allele" in col and parts[col["Allele"]] != wanted:
                continue
            if parts[col["HGVSp"]]:
                return one_letter(parts[col["HGVSp"]])
        return None

    def _snpeff(self, rec, allele_number: int, alt: str) -> str | None:
        if not self.has_ann:
            return None
        for entry in self._entries(rec, "ANN"):
            parts = entry.split("|")
            if len(parts) > 10 and _is_alk(parts[6]) and parts[0] == alt and parts[10]:
                return one_letter(parts[10])
        return None

    def _bcsq(self, rec, allele_number: int, alt: str) -> str | None:
        if not self.has_bcsq:
            return None
        for entry in self._entries(rec, "BCSQ"):
            parts = entry.split("|")
            if len(parts) < 7 or not _is_alk(parts[2]) or not parts[6].endswith(f">{alt}"):
                continue
            match = _BCSQ_AA.match(parts[5])
            if not match:
                continue
            pos, ref_aa, new_pos, new_aa = match.groups()
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
    )
)


def _gene_entries(annotations: ExistingAnnotations, rec, gene: str) -> list[tuple[str, str]]:
    """(tool, consequence terms) of every VEP/SnpEff/BCSQ entry of `rec` on `gene` (by gene symbol), of any ALT."""
    found: list[tuple[str, str]] = []
    col = {name: i for i, name in enumerate(annotations.vep_fields or ())}
    if {"Consequence", "SYMBOL"} <= col.keys():
        for entry in annotations._entries(rec, "CSQ"):
            parts = entry.split("|")
            if len(parts) == len(col) and parts[col["SYMBOL"]] == gene:
                found.append(("VEP", parts[col["Consequence"]]))
    if annotations.has_ann:
        for entry in annotations._entries(rec, "ANN"):
            parts = entry.split("|")
            if len(parts) > 3 and parts[3] == gene:
                found.append(("SnpEff", parts[1]))
    if annotations.has_bcsq:
        for entry in annotations._entries(rec, "BCSQ"):
            parts = entry.split("|")
            if len(parts) > 1 and parts[1] == gene:
                found.append(("BCSQ", parts[0].lstrip("*@")))
    return found


def gene_consequences(rec, gene: str) -> tuple[str, ...]:
    """The consequence terms the input's own annotation (VEP CSQ, SnpEff ANN, bcftools BCSQ) gives `rec` on
    `gene`, each as 'term (tool)'; () when the input does not annotate it. alkannot has no model of genes other
    than ALK (and EML4 for naming fusions), so this is the only way it knows what a bypass-gene change does."""
    annotations = ExistingAnnotations.from_header(rec.header)
    if not annotations.any:
        return ()
    terms: list[str] = []
    for tool, consequence in _gene_entries(annotations, rec, gene):
        terms.extend(f"{term} ({tool})" for term in consequence.split("&") if term)
    return tuple(dict.fromkeys(terms))


def truncating(consequences: tuple[str, ...]) -> tuple[str, ...]:
    """The truncating ones of gene_consequences()'s 'term (tool)' items."""
    return tuple(c for c in consequences if c.split(" (")[0] in TRUNCATING_TERMS)
