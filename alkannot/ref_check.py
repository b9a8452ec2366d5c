"""What an ALK record's REF says against the bundled reference, said once per record on stderr: a REF that disagrees
(no c./p. change and no call are derived from it), and a REF whose N bases the bundled reference fills in (pipeline
review of stop 31, finding 3: `N>T` at G1202R's position got a resistance call without a word)."""

from __future__ import annotations

from . import TRANSCRIPT
from .consequence import ref_mismatch
from .log import log


def _shown(ref: str) -> str:
    return ref if len(ref) <= 50 else f"{ref[:20]}...({len(ref):,} bp)"


# records whose disagreeing REF is named one by one; the rest are counted in the input's summary line (pipeline
# review of stop 32, finding 8: a wrong-build input printed 430 warnings before its one-line error)
SHOWN_MISMATCHES = 10


def check_ref(display: str, tx, rec, mismatch: bool, said: int = 0) -> bool | None:
    """`ref_mismatch` of the record (None: no base of REF is in the bundled sequence), warning where REF disagrees
    with the reference (`mismatch`: an allele's consequence says so; not once `said` such records were named,
    SHOWN_MISMATCHES) or holds an N the reference fills in."""
    ref = rec.ref or ""
    checked = ref_mismatch(tx, rec.pos, ref)
    if mismatch and said >= SHOWN_MISMATCHES:
        return checked
    if mismatch:
        log.warning(
            "%s: %s:%d: REF %s disagrees with %s on %s", display, rec.chrom, rec.pos, _shown(ref), TRANSCRIPT, tx.build
        )
        return checked
    bases = "".join(tx.ref_base(rec.pos + k) or "." for k in range(len(ref)))
    if any(b == "N" and known != "." for b, known in zip(ref.upper(), bases)):
        log.warning(
            "%s: %s:%d: REF %s holds an ambiguous base (N) where %s on %s reads %s: the bundled bases stand in "
            "for REF's N in the change named",
            display,
            rec.chrom,
            rec.pos,
            _shown(ref),
            TRANSCRIPT,
            tx.build,
            _shown(bases),
        )
    return checked


__all__ = ["SHOWN_MISMATCHES", "check_ref"]
