"""Which inhibitors a source supports after a given treatment history (resources/triage/lines_of_therapy.tsv):
the rows the P-gp note may offer as options (CONTRACT.md version 2: no option without a source for that line)."""

from __future__ import annotations

from functools import lru_cache

from .bundle import read_tsv
from .records import record


@record(frozen=True)
class LineOfTherapy:
    """A next-line option after given inhibitors, with its statement and sources (lines_of_therapy.tsv)."""

    after: str  # 'only:crizotinib' | 'one_not:crizotinib' | 'at_least:2' | 'latest:alectinib'
    inhibitor: str
    pgp_overexpressed: bool  # the statement is about P-gp-overexpressing tumours/cells only
    statement: str
    evidence_kind: str
    sources: tuple[str, ...]
    only_after: tuple[str, ...] = ()  # the inhibitors the source's patients or cells had received, where it names them
    together: str = ""  # a statements.tsv key saying in one sentence what the rows with this key say drug by drug (said
    # for a row alone too: sourced_text._together)

    @property
    def names_the_drugs(self) -> bool:
        """'only:crizotinib' and 'latest:alectinib' name the earlier drug; 'one_not:' and 'at_least:' count them."""
        return self.after.startswith(("only:", "latest:"))

    def applies(self, history: tuple[str, ...]) -> bool:
        """Whether this history is the one the row's source shows: its pattern, and no drug outside `only_after`."""
        if self.only_after and any(drug not in self.only_after for drug in history):
            return False
        kind, _, value = self.after.partition(":")
        if kind == "only":
            return history == (value,)
        if kind == "one_not":
            return len(history) == 1 and history[0] != value
        if kind == "at_least":
            return len(set(history)) >= int(value)
        if kind == "between":  # SOL18's EXP4-5: two or three previous ALK TKIs (review of stop 38, finding 8)
            low, _, high = value.partition("-")
            return int(low) <= len(set(history)) <= int(high)
        if kind == "latest":
            return bool(history) and history[-1] == value
        raise ValueError(f"lines_of_therapy.tsv: unknown 'after' pattern {self.after!r}")


@lru_cache(maxsize=None)
def lines_of_therapy() -> tuple[LineOfTherapy, ...]:
    return tuple(
        LineOfTherapy(
            r["after"],
            r["inhibitor"],
            r["pgp_overexpressed"] == "yes",
            r["statement"],
            r["evidence_kind"],
            tuple(s for s in r["sources"].split(";") if s),
            tuple(d for d in r["only_after"].split(";") if d),
            r["together"] or "",
        )
        for r in read_tsv("triage", "lines_of_therapy.tsv")
    )
