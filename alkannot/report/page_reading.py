"""What the HTML page's summary boxes, call grid and kinase map need of every sample, gathered in one reading of the
samples: they may be read from disk one at a time (report/sample_store.py), and the page read them once for each
box row, the grid's legend and the kinase map (stop 47). Each module says what it takes of a sample (box_saying,
pgp_marks, triage_said); view lays out what was gathered."""

from __future__ import annotations

from collections.abc import Sequence

from ..transcript import kinase_domain
from .input_labels import label_saying, sample_labels
from .mechanism_words import box_saying
from .tags import LABELS, pgp_marks, untested_drug

GRID_MARKS = ("progressed_on", "resensitised", "subclonal", "inferred", "sources_disagree", "pgp_unsettled")


class PageReading:
    """The samples read once for the page: `box_said` (mechanism_words.box_saying) and `box_shown` (each label with
    it, mechanism_words.box_names), `pgp` (the IHC-positive labels,
    those waiting for the ALK status and those after an untested drug: tags.pgp_boxes), `triage` (the P-gp triage
    box's names), `occurring` and `marked` (the grid's categories and GRID_MARKS), `kinase_found` and
    `kinase_outside` (view.kinase_map's stems and the changes outside the kinase domain)."""

    def __init__(self, samples: Sequence[dict]) -> None:
        self.box_said: dict[str, str] = {}
        self.box_shown: dict[str, str] = {}  # label -> the label with box_said beside it (input_labels.label_saying)
        self.pgp: tuple[set[str], dict[str, str], dict[str, str]] = (set(), {}, {})
        self.triage: list[str] = []
        self.occurring: set[str] = set()
        self.marked: set[str] = set()
        self.kinase_found: dict[tuple[int, str, bool], list[str]] = {}
        self.kinase_outside: list[str] = []
        drugs: list[str] | None = None  # the first sample's, as the grid's columns
        domain = kinase_domain()
        for s, label in zip(samples, sample_labels(samples)):
            said = box_saying(s)
            if said:
                self.box_said[label] = said
                self.box_shown[label] = label_saying(label, s["sample"], said)
            pgp_marks(s, label, *self.pgp)
            if s["pgp_triage"]:
                self.triage.append(label_saying(s.get("label") or s["sample"], s["sample"], triage_said(s)))
            drugs = list(s["inhibitors"]) if drugs is None else drugs
            for d in drugs:
                call = s["inhibitors"][d]
                self.occurring.add(call["category"])
                # a re-sensitised call is drawn 'R', not 'P': it records no 'P' legend line (clinical review of stop
                # 49, task 3), as the card's legend holds (inhibitor_rows.mark_legend)
                drawn = {m for m in GRID_MARKS if call.get(m)} - (
                    {"progressed_on"} if call.get("resensitised") else set()
                )
                self.marked.update(drawn)
            self._kinase(s, label, domain)

    def _kinase(self, s: dict, name: str, domain: tuple[int, int]) -> None:
        start, end = domain
        for m in s["alk_mutations"]:
            if m["aa_position"] is not None and start <= m["aa_position"] <= end:
                self.kinase_found.setdefault((m["aa_position"], m["label"], m["ref_mismatch"]), []).append(name)
            else:
                # 'D1529V in TUMOR (pA)': one bracket, the label's own (stop 54; it was 'D1529V (TUMOR (pA))')
                self.kinase_outside.append(f"{m['label']} in {name}")


def triage_said(s: dict) -> str:
    """What the P-gp triage box says beside a sample's name (JSON summary.pgp_triage, each sample's `pgp_triage`):
    its P-gp check, 'P-gp check low yield'; where the sheet gives the ABCB1 IHC, its result: 'P-gp check done: IHC
    negative' (review 10, finding 2), after a low-yield check 'P-gp check low yield; ABCB1 IHC positive in the
    sample sheet'."""
    ihc = s["pgp"].get("abcb1_ihc")
    if ihc not in ("positive", "negative"):  # after brigatinib, say so (clinical review of stop 32, finding 1)
        return "; ".join(filter(None, (LABELS[s["pgp_check"]], untested_drug(s))))
    if s["pgp_check"] in ("low_yield", "if_progressed"):  # the check's own value first (clinical review of stop
        return f"{LABELS[s['pgp_check']]}; ABCB1 IHC {ihc} in the sample sheet"  # 31, finding 7)
    return "; ".join(filter(None, (f"P-gp check done: IHC {ihc}", untested_drug(s))))


__all__ = ["PageReading", "GRID_MARKS", "triage_said"]
