"""A long P-gp note gives each source's PMID, DOI or 'press release on' at its first citation only; later brackets
name the key alone, and every key stays where it was (review 21, finding 12). And a note whose flag is 'Not
indicated' because ALK positivity is not established gives the conditional advice's reason only, not the trial
figures and P-gp facts it would give an ALK-positive tumour. Through the installed entry point."""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import readme_example

from alkannot.sourced_text import bracketed_keys, identified_once


def _example(tmp_path: Path) -> dict[str, dict]:
    done = readme_example(tmp_path / "r")
    assert done.returncode == 0, done.stderr
    return {s["sample"]: s for s in json.loads((tmp_path / "r.json").read_text())["samples"]}


def test_each_identifier_is_given_once_in_a_p_gp_note(tmp_path):
    note = _example(tmp_path)["P4_T"]["pgp"]["note"]
    assert note.count("KAT16, PMID 26870817") == 1 and note.count("SEED, press release on KAT16") == 1
    assert note.count("[KAT16; SEED]") >= 3  # the later citations, keys kept
    first = note.index("KAT16, PMID 26870817")
    assert all(m.start() > first for m in re.finditer(r"\[KAT16; SEED\]", note))


def test_identified_once_keeps_every_key_and_the_first_identifier():
    note = "A [KAT16, PMID 26870817; SEED, press release on KAT16]. B [KAT16, PMID 26870817; LI18LOR, PMID 29744867]."
    once = identified_once(note)
    assert once == "A [KAT16, PMID 26870817; SEED, press release on KAT16]. B [KAT16; LI18LOR, PMID 29744867]."
    assert bracketed_keys(once) == bracketed_keys(note)
    assert identified_once("[EID1350(PMID:25727400); EID1350(PMID:25727400)]") == (
        "[EID1350(PMID:25727400); EID1350(PMID:25727400)]"
    )  # a key without a separate identifier is left as written


def test_alk_not_established_gives_the_reason_only(tmp_path):
    note = _example(tmp_path)["P7_T"]["pgp"]["note"]
    assert note.startswith("Not indicated: ALK positivity is not established")
    assert "If the tumour is ALK-positive, the check is recommended: progressed most recently on crizotinib" in note
    assert note.endswith(
        "Give the ALK status in the sample sheet for the full P-gp advice, which adds how often P-gp overexpression "
        "was found, what was seen in P-gp-overexpressing cells (if P-gp IHC is positive), the P-gp inhibitor "
        "combination (preclinical), the P-gp facts per inhibitor, which inhibitors ABCB1 transports (a "
        "pharmacokinetic question) and the prompt to review the re-biopsy's histology "
        "for small-cell transformation."
    )
    assert "P-gp facts:" not in note and "Sourced activity" not in note
    # it was 3,136 characters (review 21, finding 12); the closing sentence naming what the full note adds
    # (oncologist reading of stop 28) made it 886, the bypass-screen result (final review of stop 28, finding 4) and
    # its polymorphism clause 1,429, that clause's sources (AMP17, HORAK22: stop 34) 1,501, naming the transport facts
    # among what the full note adds (clinical review of stop 41, finding 5) 1,580
    assert len(note) < 1650
