"""Names of ALK alterations as people write them: 'G1202R', 'p.Gly1202Arg', 'G1202R+L1196M', 'EML4::ALK v3',
'1151Tins', normalised to alkannot's one-letter form and checked against NP_004295.2. Pure: no I/O beyond the
bundled protein sequence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .bundle import read_fasta
from .records import record

THREE_TO_ONE = {
    "Ala": "A",
    "Arg": "R",
    "Asn": "N",
    "Asp": "D",
    "Cys": "C",
    "Gln": "Q",
    "Glu": "E",
    "Gly": "G",
    "His": "H",
    "Ile": "I",
    "Leu": "L",
    "Lys": "K",
    "Met": "M",
    "Phe": "F",
    "Pro": "P",
    "Ser": "S",
    "Thr": "T",
    "Trp": "W",
    "Tyr": "Y",
    "Val": "V",
    "Ter": "*",
    "Sec": "U",
    "Pyl": "O",
    "Xaa": "X",
}


@record(frozen=True)
class ParsedAlteration:
    """An alteration name parsed into its kind and canonical text (alterations.parse_alteration)."""

    kind: str  # mutation | compound | fusion | amplification
    text: str  # canonical: 'G1202R', 'L1196M+G1202R', 'EML4::ALK v3a/b'
    changes: tuple[str, ...] = ()  # canonical one-letter changes, sorted by position
    partner: str | None = None
    variant: str | None = None


# --------------------------------------------------------------------------------------------
# parsing alteration names
# --------------------------------------------------------------------------------------------
# a change in alkannot's one-letter form: compiled at its first use (about 1.9 M instructions), as a substitution, most
# changes a run reads, is read without it (single_change, issue 13)
_SINGLE = (
    r"^(?P<aa1>[A-Z*])(?P<pos1>\d+)(?:(?P<sub>[A-Z*=])|(?:_(?P<aa2>[A-Z*])(?P<pos2>\d+))?"
    r"(?P<op>del|dup|ins[A-Z]+|delins[A-Z]+)|(?P<fs>[A-Z]?fs\*?\d*\??))$"
)
_RESIDUES = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ*")
# two insertions written otherwise, each pattern compiled at its first use (re's cache): a change without 'ins' takes
# neither (issue 13). '1151Tins' as written in the literature:
_LITERATURE_INS = r"^[A-Z]?(\d+)([A-Z]+)ins$"
# 'T1151insT' as CIViC (VID 173) and ic50.tsv (EID444) write it: the insertion after residue 1151, one position
# where HGVS names both flanking residues ('T1151_L1152insT', which is T1151dup)
_INS_AFTER = r"^([A-Z])(\d+)ins([A-Z]+)$"
# a fusion's name; like _GENE, _CHANGE_START and _PROTEIN a pattern compiled at its first use (re's cache), as most
# runs name no fusion and no gene (issue 13)
_FUSION = (
    r"^(?:(?P<partner>[A-Z0-9]+|v)\s*(?:::|-|/)\s*)?ALK(?:\s+fusion)?"
    r"(?:\s+(?:variant\s*|v)(?P<variant>[0-9]+[a-z/']*))?$"
)


def single_change(change: str) -> dict | None:
    """The parts of a change in alkannot's one-letter form ('G1202R', 'T1151dup', 'L1152_P1153insG', 'G1202fs'), as
    the groups of _SINGLE's match, else None. A substitution ('G1202R', 'G1202*', 'G1202=': a residue, its decimal
    digits, a residue or '=') is read with str methods, without compiling the pattern."""
    if len(change) > 2 and change[0] in _RESIDUES and change[1:-1].isdecimal():
        if change[-1] in _RESIDUES or change[-1] == "=":
            return dict(aa1=change[0], pos1=change[1:-1], sub=change[-1], aa2=None, pos2=None, op=None, fs=None)
    m = re.match(_SINGLE, change)
    return m.groupdict() if m else None


@lru_cache(maxsize=None)
def reference_protein() -> str:
    return read_fasta("transcript", "alk_protein.fa")


def _one_letter(text: str) -> str:
    if text == text.upper():  # every three-letter code has lower-case letters: 'G1202R' holds none
        return text
    return re.sub("|".join(THREE_TO_ONE), lambda m: THREE_TO_ONE[m.group()], text)


@lru_cache(maxsize=None)
def _any_case() -> re.Pattern[str]:
    """A one-letter change in any case ('g1202r', 'p.g1202r', 't1151dup', 'l1152_p1153insg'): its residues are upper
    case and its operation lower case, whatever was typed; one reading only (a three-letter form, whose case tells
    'Gly' from 'G' 'l' 'y', and an HGVS c. change are left as they are). Compiled at its first use: re.I over these
    classes costs about 7 M instructions, and a change already in alkannot's form never needs it (issue 13)."""
    return re.compile(
        r"(?P<aa1>[a-z*])(?P<pos1>\d+)(?:(?P<sub>[a-z*=])|(?:_(?P<aa2>[a-z*])(?P<pos2>\d+))?"
        r"(?:(?P<op>del|dup)|(?P<ins>delins|ins)(?P<seq>[a-z]+)))",
        re.I,
    )


def _one_letter_upper(change: str) -> str:
    """'g1202r' -> 'G1202R', 'g1202DEL' -> 'G1202del'; any other text unchanged (lookup typed in lower case was exit
    3: pipeline review, finding left open after stop 45)."""
    if single_change(change):  # already in alkannot's form
        return change
    m = _any_case().fullmatch(change)
    if m is None:
        return change
    head = m["aa1"].upper() + m["pos1"]
    if m["sub"]:
        return head + m["sub"].upper()
    span = f"{head}_{m['aa2'].upper()}{m['pos2']}" if m["aa2"] else head
    return span + (m["op"].lower() if m["op"] else m["ins"].lower() + m["seq"].upper())


def _check_residue(aa: str, pos: int, text: str) -> None:
    protein = reference_protein()
    if not 1 <= pos <= len(protein):
        raise ValueError(f"{text!r}: ALK (NP_004295.2) has residues 1-{len(protein)}, not {pos}")
    if aa != "*" and protein[pos - 1] != aa:
        raise ValueError(f"{text!r}: residue {pos} of ALK (NP_004295.2) is {protein[pos - 1]}, not {aa}")


def normalise_change(text: str) -> str:
    """A protein change in alkannot's one-letter form: 'p.Gly1202Arg' -> 'G1202R';
    an insertion that repeats the residues before it -> dup ('T1151_L1152insT' -> 'T1151dup'), also where it is
    written after one residue ('T1151insT', as CIViC writes it, or '1151Tins')."""
    raw = text.strip()
    change = raw[2:] if raw.startswith("p.") else raw
    change = change.strip("()")
    change = _one_letter(change)
    change = _one_letter_upper(change)
    insertion = "ins" in change  # in both forms below
    literature = re.match(_LITERATURE_INS, change) if insertion else None
    if literature:
        pos, inserted = int(literature.group(1)), literature.group(2)
        change = f"{reference_protein()[pos - 1]}{pos}_{reference_protein()[pos]}{pos + 1}ins{inserted}"
    after = re.match(_INS_AFTER, change) if insertion else None
    if after:  # 'T1151insT' was a change of its own, every call unknown (clinical audit of stop 34, finding 1)
        aa, pos, inserted = after.group(1), int(after.group(2)), after.group(3)
        _check_residue(aa, pos, raw)
        protein = reference_protein()
        if pos == len(protein) and protein[pos - len(inserted) : pos] == inserted:  # 'P1620insP': P1620dup
            return _dup(protein, pos - len(inserted) + 1, pos)
        _before_the_end(pos, raw)
        change = f"{aa}{pos}_{protein[pos]}{pos + 1}ins{inserted}"
    m = single_change(change)
    if not m:
        raise ValueError(f"{raw!r} is not a protein change such as G1202R, p.Gly1202Arg, T1151dup or G1202del")
    _check_residue(m["aa1"], int(m["pos1"]), raw)
    if m["aa2"]:
        _check_residue(m["aa2"], int(m["pos2"]), raw)
    op = m["op"] or ""
    if op.startswith("ins") and m["aa2"]:
        inserted, end, protein = op[3:], int(m["pos1"]), reference_protein()
        while end < len(protein) and protein[end] == inserted[0]:  # HGVS 3' rule: the same insertion further on
            inserted, end = inserted[1:] + inserted[0], end + 1
        before = protein[end - len(inserted) : end]
        if before == inserted:  # HGVS: an insertion equal to the preceding residues is a dup
            return _dup(protein, end - len(inserted) + 1, end)
        if end != int(m["pos1"]) and end < len(protein):  # shifted, with a residue after it to name
            return f"{protein[end - 1]}{end}_{protein[end]}{end + 1}ins{inserted}"
    return change


def _dup(protein: str, start: int, end: int) -> str:
    """'T1151dup', 'L1152_P1153dup': the duplication of residues start..end (1-based)."""
    first = f"{protein[start - 1]}{start}"
    return f"{first}dup" if start == end else f"{first}_{protein[end - 1]}{end}dup"


def _before_the_end(position: int, raw: str) -> None:
    """An insertion after `position` needs a residue after it: after the last one (1620) it lengthens the protein, an
    extension, not an insertion (it ended in an IndexError: review of stop 34's changes, finding 2)."""
    last = len(reference_protein())
    if position >= last:
        raise ValueError(f"{raw!r}: an insertion after the last residue ({last}) is an extension, not an insertion")


def change_position(change: str) -> int:
    """The first residue number in a one-letter change ('G1202R' -> 1202): the first run of decimal digits
    (str.isdecimal, the pattern \\d's), read without a pattern to compile (issue 13)."""
    start = next((i for i, c in enumerate(change) if c.isdecimal()), None)
    if start is None:
        raise ValueError(f"{change!r} names no residue position")
    end = start + 1
    while end < len(change) and change[end].isdecimal():
        end += 1
    return int(change[start:end])


def truncating_change(change: str) -> bool:
    """A stop-gained ('G1202*') or frameshift ('T1211Pfs*47') change in alkannot's one-letter form. It cannot make a
    drug-resistant active kinase, so it is not a resistance candidate and takes no part in a compound (RULES.md
    sections 4 and 5); a change of the stop codon that lengthens the protein ('*1621Qext*?') is not one."""
    return "ext" not in change and (change.endswith("*") or "fs" in change)


def canonical_compound(changes) -> str:
    return "+".join(sorted(changes, key=change_position))


@lru_cache(maxsize=4096)  # the knowledge base names most alterations once per inhibitor
def parse_alteration(text: str) -> ParsedAlteration:
    """'G1202R', 'p.Gly1202Arg', 'G1202R+L1196M', 'G1202R/L1196M', 'EML4::ALK v3', 'EML4-ALK',
    'amplification'. Raises ValueError with the reason."""
    raw = " ".join(str(text).split())
    if not raw:
        raise ValueError("empty alteration")
    if re.fullmatch(r"(?:ALK\s+)?(?:amplification|amp|copy[- ]number gain)", raw, re.I):
        return ParsedAlteration("amplification", "amplification")
    fusion = re.match(_FUSION, raw, re.I)
    if fusion and ("ALK" in raw.upper()) and (fusion.group("partner") or re.search(r"fusion", raw, re.I)):
        partner = (fusion.group("partner") or "UNKNOWN").upper()
        partner = "UNKNOWN" if partner == "V" else partner
        variant = variant_name(fusion.group("variant")) if fusion.group("variant") else None
        if variant and partner != "EML4":
            raise ValueError(f"{raw!r}: numbered variants (v1, v2, v3a/b...) are EML4-ALK variants")
        name = f"{partner}::ALK" + (f" {variant}" if variant else "")
        return ParsedAlteration("fusion", name, partner=partner, variant=variant)
    raw = _without_gene(raw)
    parts = re.split(r"\s*[+/,]\s*|\s+and\s+", raw)
    if len(parts) > 1 and not all(parts):  # 'G1202R+': a compound cut short is no single change (pipeline review)
        raise ValueError(f"{raw!r}: a compound needs a change on each side of '+' (or '/', ',', 'and')")
    changes = [normalise_change(p) for p in parts]
    if len(set(changes)) != len(changes):
        raise ValueError(f"{raw!r} names the same change twice")
    if len(changes) == 1:
        return ParsedAlteration("mutation", changes[0], tuple(changes))
    ordered = tuple(sorted(changes, key=change_position))
    return ParsedAlteration("compound", "+".join(ordered), ordered)


_GENE = r"([A-Za-z][A-Za-z0-9-]*)(?:\s*:\s*|\s+)(\S.*)"
_CHANGE_START = r"(?:[A-Za-z]|[A-Z][a-z]{2}|p)[.\d]"  # 'G1202R', 'Gly1202Arg', 'p.G1202R': no gene


# ALK's protein as HGVS names it ('NP_004295.2:p.Gly1202Arg', the RefSeq protein of ALK_HGVSP), any version as for
# NM_004304 (hgvs._TRANSCRIPT_IDS): the residue check (_check_residue) refuses a numbering that is not NP_004295.2's
_PROTEIN = r"NP_004295(?:\.\d+)?(?:\(ALK\))?\s*:\s*(\S.*)"


def _without_gene(raw: str) -> str:
    """'ALK G1202R', 'ALK:p.G1202R' or 'NP_004295.2:p.G1202R' -> the change alone; a change named with another gene
    ('EGFR T790M') is an error that says so, not 'not a protein change' (clinical read h1, finding 9: alkannot looks
    up ALK only)."""
    protein = re.fullmatch(_PROTEIN, raw, re.I)
    if protein:
        return protein.group(1)
    m = re.fullmatch(_GENE, raw)
    if not m or re.match(_CHANGE_START, m.group(1)):
        return raw
    if m.group(1).upper() == "ALK":
        return m.group(2)
    raise ValueError(
        f"{raw!r} names {m.group(1)}: alkannot looks up ALK alterations only (a change such as G1202R, "
        "p.Gly1202Arg or ALK G1202R, a compound such as G1202R+L1196M, or a fusion such as EML4::ALK v3)"
    )


def variant_name(text: str) -> str:
    """'3', '3a', '3b', '3a/b' -> 'v3a/b' as alkannot names EML4-ALK variants (fusion.py)."""
    text = text.lower().lstrip("v")
    m = re.fullmatch(r"(\d+)([ab]|a/b)?('?)", text)
    if not m:
        raise ValueError(f"unknown EML4-ALK variant {text!r}")
    number = m.group(1)
    split = {"3", "5", "8"}  # variants with a/b isoforms a DNA breakpoint cannot tell apart
    return f"v{number}a/b{m.group(3)}" if number in split and m.group(3) == "" else f"v{number}{m.group(3)}"
