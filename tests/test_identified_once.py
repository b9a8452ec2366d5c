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


def test_a_source_named_bare_first_gets_its_identifier_there():
    """A note whose first bracket names a source by its key alone and a later one with its identifier (a subclonal
    basis, then a compound's parts): the identifier moves to the first citation, never out of the note (clinical
    review of stop 42)."""
    note = "G1202R on its own: sensitive [LIN17T2; PEL21]; G1202R sensitive [LIN17T2; PEL21, doi:10.1158/x]"
    assert identified_once(note) == (
        "G1202R on its own: sensitive [LIN17T2; PEL21, doi:10.1158/x]; G1202R sensitive [LIN17T2; PEL21]"
    )
    assert identified_once("[A]; [A]") == "[A]; [A]"  # a key with no identifier anywhere is left as written


def test_a_compound_note_identifies_each_source_once(tmp_path):
    """L1196M+G1202R: PEL21 cited for G1202R's calls and for the escape caveat (lorlatinib), FRI14 for both parts'
    ceritinib calls; each identifier once in the compound's note (as `lookup` prints it) and in the example's P3_T cells (after
    lorlatinib), every key kept (clinical review of stop 42: PEL21's DOI printed twice)."""
    from alkannot.kbfiles import load_knowledge_base

    calls = load_knowledge_base().call_compound(["L1196M", "G1202R"], phase="cis").calls
    assert calls["lorlatinib"].note.startswith(
        "inferred: no statement on the compound alone, only on I1171N+L1196M+G1202R, which contains it; each single "
        "change is sensitive or intermediate (L1196M "
        "sensitive (reviews only) [LIN17T2]; G1202R sensitive (reviews only) [LIN17T2; PEL21, doi:10.1158/1538-7445.AM2021-1468]), and compound "
        "mutations can escape an inhibitor that covers each single change [REC20, PMID 31585938; PEL21]: not called "
        "sensitive"
    )
    assert calls["ceritinib"].note.startswith(
        "inferred, least favourable single-mutation call (L1196M sensitive [LIN17T2; FRI14, PMID 24675041; "
        "EID1341(PMID:24675041)]; G1202R resistant [LIN17T2; FRI14; EID1345(PMID:24675041); PEL21, "
        "doi:10.1158/1538-7445.AM2021-1468]); no IC50 measured on the compound"
    )
    cells = _example(tmp_path)["P3_T"]["inhibitors"]
    for drug, source, identifier in (
        ("lorlatinib", "PEL21", "doi:10.1158/1538-7445.AM2021-1468"),
        ("ceritinib", "FRI14", "PMID 24675041"),
    ):
        note = cells[drug]["note"]
        assert note.count(f"{source}, {identifier}") == 1, (drug, note)
        assert note.count(source) >= 2  # the key stays in every bracket that cites it
