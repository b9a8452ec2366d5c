"""The one-line note of a combined call: what each statement's own note adds to its category, each part said once
(evidence.combine)."""

from __future__ import annotations

import re

# parts of statement notes that only restate the category; left out of the one-line note
_GENERIC_NOTES = (
    "review table: listed",
    "CGI curation",
    "CIViC: resistance",
    "CIViC: sensitivity/response",
    "read via the MOAlmanac",
)
# CIViC's therapy interaction of a trial item lists the drugs it compared (EID4858, ALEX: alectinib against
# crizotinib) as 'substitutes', which in a drug's cell reads as 'either drug will do' (clinical review of stop 31,
# finding 3): left out of the one-line note, with its ';'-joined drug list (the note's last part); `kb show` keeps it
# (compiled at its first use, re's cache: only a note naming substitutes is searched, issue 13)
_SUBSTITUTES = r"(?:^|; )therapies substitutes: .*$"


def specific_notes(statements) -> list[str]:
    """Each statement's note, as 'KEY: part, part'; a part an earlier statement's note already said is not said
    again (C1156Y+L1198F and crizotinib: LIN17T2's and CGI's rows both carry the curators' inference and its
    caveat; clinical review of stop 31, finding 4)."""
    notes = []
    said: set[str] = set()
    for s in statements:
        note = re.sub(_SUBSTITUTES, "", s.note) if "therapies substitutes: " in s.note else s.note
        parts = [p for p in note.split("; ") if p and not p.startswith(_GENERIC_NOTES) and p not in said]
        said.update(parts)
        if parts:
            notes.append(f"{s.key}: {', '.join(parts)}")
    return list(dict.fromkeys(notes))


__all__ = ["specific_notes"]
