"""SV records -> junctions: what a structural-variant record says about the rearranged chromosome, read the way
each caller writes it. Pure functions over small frozen records (records.py), no I/O.

A structural-variant record is reduced to one or more *junctions*. A junction joins two breakends;
each breakend says which side of its position the rearranged chromosome keeps (VCF spec §5.4):

    ALT      local side kept         mate side kept
    t[p[     left  (bases <= POS)    right (bases >= p)
    t]p]     left                    left  (reverse complemented)
    ]p]t     right (bases >= POS)    left
    [p[t     right                   right (reverse complemented)
    t. / .t  left / right            unknown (single breakend)

How much read support a record has, per sample, depends on the caller: SV_CALLERS is the registry of those
conventions (adding a caller is one entry).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Mapping

from .filters import passed
from .genome import chrom_number
from .records import field, record
from .transcript import BUILDS, load_transcript

_NOT_SV = ("<*>", "<NON_REF>", "<X>", "*", ".")  # gVCF reference blocks and spanning deletions


@record(frozen=True)
class CallerConvention:
    """How one SV caller names itself and counts the reads that support an event."""

    caller: str
    source_names: tuple[str, ...]  # what its ##source line (or other header line) says, lower-case
    support_keys: tuple[str, ...]  # FORMAT/INFO keys counting ALT-supporting reads or pairs
    note: str = ""


# The conventions as the test files in tests/data/sv show them (written from each caller's documentation).
SV_CALLERS = (
    CallerConvention(
        "Manta",
        ("generatesvcandidates", "manta"),
        ("PR", "SR"),
        "Number=R ref,alt pairs: the ALT count is the last value",
    ),
    CallerConvention("DRAGEN", ("dragen_sv",), ("PR", "SR"), "as Manta, from which it derives"),
    CallerConvention(
        "DELLY", ("delly",), ("DV", "RV", "PE", "SR"), "DV/RV count ALT pairs/reads; DR/RR count reference pairs/reads"
    ),
    CallerConvention("GRIDSS", ("gridss", "gripss", "purple"), ("VF", "BVF", "RP", "SR"), "VF: fragments supporting"),
    CallerConvention("SvABA", ("svaba",), ("SR", "DR"), "DR counts ALT discordant pairs (unlike DELLY's)"),
    CallerConvention("LUMPY", ("lumpy", "smoove"), ("SU", "PE", "SR")),
    CallerConvention("others", ("tiddit", "sniffles", "cutesv", "pbsv", "novobreak", "brass", "svim", "arriba"), ()),
)
SUPPORT_KEYS = tuple(dict.fromkeys(k for c in SV_CALLERS for k in c.support_keys))
SV_CALLER_SOURCES = tuple(name for c in SV_CALLERS for name in c.source_names)


def names_sv_caller(sources: Iterable[str]) -> bool:
    """Whether a header's ##source values name a rearrangement-capable SV caller (SV_CALLER_SOURCES): the main
    input's test (survey.py) and an --sv file's (svio.py)."""
    said = " ".join(str(v).lower() for v in sources)
    return any(caller in said for caller in SV_CALLER_SOURCES)


@record(frozen=True)
class SvRecord:
    """One SV-like VCF record, as plain values (what a reader hands over)."""

    index: int
    source: str
    chrom: str
    pos: int
    id: str
    ref: str
    alts: tuple[str, ...]
    info: Mapping[str, object] = field(default_factory=dict, compare=False, hash=False)
    filter: str = "PASS"
    samples: Mapping[str, Mapping[str, object]] = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> tuple[str, int]:
        return (self.source, self.index)


@record(frozen=True)
class Breakend:
    """One side of a junction: where it is and which side of it the rearranged molecule keeps."""

    chrom: str  # normalised: '2', 'X'
    pos: int
    keeps: str  # 'left' | 'right' | '?'


@record(frozen=True)
class Junction:
    """Two joined breakends (or one single breakend) and the SV records that describe them."""

    a: Breakend
    b: Breakend | None  # None: single breakend, mate unresolved
    records: tuple[tuple[str, int], ...]
    orphan: bool = False  # the mate record named by MATEID/EVENT is absent
    filtered: bool = False  # every record of the junction failed a caller filter


def as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (tuple, list)):
        return as_text(value[0]) if value else None
    return str(value)


def as_int(value: object) -> int | None:
    text = as_text(value)
    if text is None or text in ("", "."):
        return None
    try:
        return int(float(text))
    except (ValueError, OverflowError):  # 'INF', 'NaN', '1e400': not a count or a position
        return None


def _flag(info: Mapping[str, object], key: str) -> bool:
    return key in info and info[key] not in (False, None, 0)


@lru_cache(maxsize=None)
def _bracket() -> re.Pattern[str]:
    """A breakend's ALT; compiled at its first use (about 0.5 M instructions; an input without breakends never
    needs it, issue 13)."""
    return re.compile(r"^(?P<pre>[^\[\]]*)(?P<br>[\[\]])(?P<mate>[^\[\]]+):(?P<pos>\d+)(?P=br)(?P<post>[^\[\]]*)$")


def parse_bracket(alt: str) -> tuple[str, str, int, str] | None:
    """'G]chr2:42299120]' -> (local_keeps, mate_chrom, mate_pos, mate_keeps)."""
    match = _bracket().match(alt)
    if not match or (match["pre"] and match["post"]) or not (match["pre"] or match["post"]):
        return None
    local = "left" if match["pre"] else "right"
    mate = "right" if match["br"] == "[" else "left"
    return local, match["mate"].lstrip("<").rstrip(">"), int(match["pos"]), mate


def single_breakend(alt: str) -> str | None:
    """'G.' keeps the left side, '.G' the right side (VCF single breakends)."""
    if len(alt) > 1 and alt.endswith(".") and "[" not in alt and "]" not in alt:
        return "left"
    if len(alt) > 1 and alt.startswith(".") and "[" not in alt and "]" not in alt:
        return "right"
    return None


def is_sv_record(alts: tuple[str, ...], info: Mapping[str, object]) -> bool:
    """Cheap test: symbolic ALT, breakend ALT, single breakend, or an SVTYPE in INFO."""
    if "SVTYPE" in info:
        return True
    for alt in alts:
        if not alt or alt in _NOT_SV:
            continue
        if alt.startswith("<") or "[" in alt or "]" in alt or single_breakend(alt):
            return True
    return False


REARRANGEMENT_TYPES = ("BND", "INV", "TRA", "CTX", "TRANSLOCATION", "INVERSION")


def is_rearrangement(rec: SvRecord) -> bool:
    """A breakend, inversion or translocation record: what only a rearrangement-capable caller writes, and what
    an ALK fusion is made of. A lone <DEL>/<DUP> (CNV and small-variant callers write those too) is not one."""
    svtype = str(rec.info.get("SVTYPE") or "").upper()
    if svtype in REARRANGEMENT_TYPES:
        return True
    chr2 = rec.info.get("CHR2")
    if chr2 is not None and str(chr2) != rec.chrom:
        return True
    for alt in rec.alts:
        if "[" in alt or "]" in alt or alt.upper() in ("<INV>", "<BND>", "<TRA>", "<CTX>") or single_breakend(alt):
            return True
    return False


_CT = {"3to5": ("left", "right"), "5to3": ("right", "left"), "3to3": ("left", "left"), "5to5": ("right", "right")}
_STRANDS = {"+-": ("left", "right"), "-+": ("right", "left"), "++": ("left", "left"), "--": ("right", "right")}


def _orientations(info: Mapping[str, object]) -> list[tuple[str, str]]:
    ct = as_text(info.get("CT"))
    if ct in _CT:
        return [_CT[ct]]
    strands = as_text(info.get("STRANDS"))
    if strands and strands[:2] in _STRANDS:
        return [_STRANDS[strands[:2]]]
    return []


def _copy_number_call(rec: SvRecord) -> bool:
    """A record that carries a copy number (INFO or FORMAT CN): a CNV caller's depth-based segment, whose ends are
    not junctions (README: such a <DUP> over ALK is never read as a fusion; review of 2026-12-01's changes)."""
    return "CN" in rec.info or any("CN" in values for values in rec.samples.values())


def _symbolic_junctions(rec: SvRecord, alt: str) -> list[tuple[Breakend, Breakend]]:
    kind = alt.strip("<>").split(":")[0].upper()
    if kind in ("DEL", "DUP") and _copy_number_call(rec):
        return []
    info = rec.info
    chrom = chrom_number(rec.chrom)
    chrom2 = chrom_number(as_text(info.get("CHR2")) or rec.chrom)
    end = as_int(info.get("POS2")) if kind in ("TRA", "BND") else None
    end = end or as_int(info.get("END"))
    if end is None:
        svlen = as_int(info.get("SVLEN"))
        end = rec.pos + abs(svlen) if svlen and kind in ("DEL", "DUP", "INV") else None
    if end is None:
        return []
    given = _orientations(info)
    if given:
        pairs = given
    elif kind == "DEL":
        pairs = [("left", "right")]
    elif kind == "DUP":
        pairs = [("right", "left")]
    elif kind == "INV":
        if _flag(info, "INV3"):
            pairs = [("left", "left")]
        elif _flag(info, "INV5"):
            pairs = [("right", "right")]
        else:  # a balanced inversion: both junctions
            pairs = [("left", "left"), ("right", "right")]
    elif kind in ("TRA", "BND"):
        pairs = [("?", "?")]
    else:
        return []
    # a deletion's right side starts after END; the other junction types break at END itself
    end_pos = end + 1 if kind == "DEL" else end
    return [(Breakend(chrom, rec.pos, a), Breakend(chrom2, end_pos, b)) for a, b in pairs]


def _mate_ids(rec: SvRecord) -> tuple[str, ...]:
    value = rec.info.get("MATEID")
    if value is None:
        return ()
    if isinstance(value, (tuple, list)):
        return tuple(str(v) for v in value if v not in (None, "", "."))
    return tuple(v for v in str(value).split(",") if v and v != ".")


def records_to_junctions(records: Iterable[SvRecord]) -> list[Junction]:
    """Pair breakend mates (MATEID, else EVENT, else coordinates) and expand symbolic SVs."""
    records = list(records)
    # ID may be a ';'-separated list (VCF 4.2 section 1.6.1; `bcftools merge` of per-sample SV VCFs writes one):
    # a mate named by any of them is found (cohort review of stop 36, finding 1)
    by_id: dict[tuple[str, str], SvRecord] = {
        (r.source, one): r for r in records for one in (r.id or "").split(";") if one and one != "."
    }
    bracket: dict[tuple[str, int], tuple[str, str, int, str]] = {}
    for rec in records:
        for alt in rec.alts:
            parsed = parse_bracket(alt or "")
            if parsed:
                bracket[rec.key] = parsed
                break
    by_event: dict[tuple[str, str], list[SvRecord]] = {}
    by_coord: dict[tuple[str, str, int], list[SvRecord]] = {}
    for rec in records:
        if rec.key in bracket:
            event = as_text(rec.info.get("EVENT"))
            if event:
                by_event.setdefault((rec.source, event), []).append(rec)
            by_coord.setdefault((rec.source, chrom_number(rec.chrom), rec.pos), []).append(rec)

    junctions: list[Junction] = []
    done: set[tuple[str, int]] = set()
    for rec in records:
        if rec.key in done:
            continue
        filtered = not passed(rec.filter)
        if rec.key in bracket:
            local, mchrom, mpos, mkeeps = bracket[rec.key]
            here = Breakend(chrom_number(rec.chrom), rec.pos, local)
            there = Breakend(chrom_number(mchrom), mpos, mkeeps)
            mate = _find_mate(rec, bracket, by_id, by_event, by_coord, here, there)
            if mate is not None:
                done.add(mate.key)
                junctions.append(
                    Junction(here, there, (rec.key, mate.key), filtered=filtered and not passed(mate.filter))
                )
            else:
                # no mate record: DELLY writes one record per junction (CHR2/POS2, no MATEID); a
                # record naming a MATEID that is absent lost its mate to a filter: only 'possible'
                junctions.append(Junction(here, there, (rec.key,), orphan=bool(_mate_ids(rec)), filtered=filtered))
            done.add(rec.key)
            continue
        for alt in rec.alts:
            if not alt:
                continue
            keeps = single_breakend(alt)
            if keeps:
                junctions.append(
                    Junction(Breakend(chrom_number(rec.chrom), rec.pos, keeps), None, (rec.key,), filtered=filtered)
                )
                break
            if alt.startswith("<"):
                for a, b in _symbolic_junctions(rec, alt):
                    junctions.append(Junction(a, b, (rec.key,), filtered=filtered))
                break
        done.add(rec.key)
    return junctions


def _find_mate(rec, bracket, by_id, by_event, by_coord, here: Breakend, there: Breakend):
    for mate_id in _mate_ids(rec):
        mate = by_id.get((rec.source, mate_id))
        if mate is not None and mate.key in bracket and mate.key != rec.key:
            return mate
    if _mate_ids(rec):
        return None
    event = as_text(rec.info.get("EVENT"))
    if event:
        matching = [
            r
            for r in by_event.get((rec.source, event), [])
            if r.key != rec.key and _points_back(r, bracket, here, there)
        ]
        if len(matching) == 1:
            return matching[0]
    for cand in by_coord.get((rec.source, there.chrom, there.pos), []):
        if cand.key != rec.key and _points_back(cand, bracket, here, there):
            return cand
    return None


def _points_back(cand: SvRecord, bracket, here: Breakend, there: Breakend) -> bool:
    local, mchrom, mpos, mkeeps = bracket[cand.key]
    return (
        chrom_number(cand.chrom) == there.chrom
        and abs(cand.pos - there.pos) <= 1
        and local == there.keeps
        and chrom_number(mchrom) == here.chrom
        and abs(mpos - here.pos) <= 1
        and mkeeps == here.keeps
    )


# ---------------------------------------------------------------- support
def _alt_count(value: object) -> int | None:
    if isinstance(value, (tuple, list)):  # Number=R (Manta PR/SR: ref,alt): the ALT count
        values = [v for v in value if v is not None]
        return as_int(values[-1]) if len(values) >= 2 else (as_int(values[0]) if values else None)
    return as_int(value)


def sample_support(fmt: Mapping[str, object]) -> dict[str, int]:
    """One sample's ALT read support as its caller names it (SUPPORT_KEYS: Manta's PR/SR ALT counts, DELLY's DV/RV,
    GRIDSS's VF, ...), each key that is written."""
    # DELLY's DR counts reference pairs (DV/RV are its ALT counts); SvABA's DR counts ALT pairs
    keys = [k for k in SUPPORT_KEYS if not (k == "DR" and ("DV" in fmt or "RV" in fmt))]
    return {k: n for k in keys if k in fmt and (n := _alt_count(fmt[k])) is not None}


def record_support(rec: SvRecord) -> dict[str, dict[str, int]]:
    """Read support as the caller names it, per sample; INFO-level counts under the key ''."""
    support: dict[str, dict[str, int]] = {sample: sample_support(fmt) for sample, fmt in rec.samples.items()}
    info_counts = {k: n for k in SUPPORT_KEYS if k in rec.info and (n := _alt_count(rec.info[k])) is not None}
    if info_counts:
        support[""] = info_counts
    return support


def _carries(fmt: Mapping[str, object], counts: Mapping[str, int]) -> bool:
    gt = fmt.get("GT")
    if isinstance(gt, (tuple, list)):
        if any(a not in (None, 0) for a in gt):
            return True
        if all(a is not None for a in gt) and gt:
            return False
    elif isinstance(gt, str) and gt not in ("", "."):
        alleles = re.split(r"[/|]", gt)
        if any(a not in ("0", ".") for a in alleles):
            return True
        if all(a == "0" for a in alleles):
            return False
    if counts:
        return any(v > 0 for v in counts.values())
    return True  # nothing says otherwise


def carriers_of(rec: SvRecord, support: Mapping[str, Mapping[str, int]]) -> list[str]:
    """The samples whose genotype or read support carries the record's event."""
    return [s for s, fmt in rec.samples.items() if _carries(fmt, support.get(s, {}))]


# ---------------------------------------------------------------- near ALK
ALK_REACH = 100_000  # bp around ALK (either build) where a breakend can still make an ALK fusion


def may_touch_alk(rec: SvRecord) -> bool:
    """Whether any breakend of an SV record lies within ALK_REACH of ALK in either build. Without one, the
    record cannot make an ALK fusion whatever the build, so an unknown build does not matter."""
    spans = [load_transcript(b) for b in BUILDS]
    lo, hi = min(t.start for t in spans) - ALK_REACH, max(t.end for t in spans) + ALK_REACH
    end = as_int(rec.info.get("END"))
    ends = [
        (rec.chrom, rec.pos),
        (rec.chrom, end),
        (as_text(rec.info.get("CHR2")) or rec.chrom, as_int(rec.info.get("POS2"))),
    ]
    ends += [(b[1], b[2]) for alt in rec.alts if (b := parse_bracket(alt))]
    if chrom_number(rec.chrom) == "2" and end is not None and rec.pos < lo and end > hi:
        return True  # spans the whole gene
    return any(pos is not None and chrom_number(str(chrom)) == "2" and lo <= pos <= hi for chrom, pos in ends)
