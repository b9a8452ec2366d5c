"""The L1196M note no longer repeats a press release's paraphrased frequency claim (clinical review hN, finding 4):
SEED (a press release, secondary) was quoted as calling L1196M "the most frequent crizotinib-resistance mechanism",
while the knowledge base's own GAI13 has ALK kinase-domain mutations of any kind in 7/34 crizotinib-resistant
re-biopsies, and SEED's text is not in the knowledge base to quote exactly. The note is the knowledge base's own
(tools/kb_build/notes.py REWORDED_NOTES), naming SEED a press release and giving GAI13's numbers."""

from __future__ import annotations

import importlib.util
import json
import subprocess
from pathlib import Path

from helpers import ALKANNOT

from alkannot.kbfiles import load_knowledge_base
from alkannot.lookup import run_lookup

ROOT = Path(__file__).resolve().parent.parent
NOTE = (
    "SEED, a press release (secondary, not counted for any call), says alectinib and ceritinib are effective against "
    "the L1196M gatekeeper mutation. In GAI13's series, ALK kinase-domain mutations of any kind were found in 7/34 "
    "(20.6%) crizotinib-resistant re-biopsies; how many of the 7 were L1196M is not recorded in the knowledge base."
)
ORIGIN = "tools/kb_build/notes.py REWORDED_NOTES, replacing mutations.tsv:L1196M:clinical_evidence_notes"


def test_the_l1196m_note_names_the_press_release_and_drops_the_frequency_claim():
    notes = [n for n in load_knowledge_base().notes_for("L1196M") if n.note.startswith("SEED")]
    assert [(n.note, n.sources) for n in notes] == [(NOTE, ("SEED", "GAI13"))]
    assert notes[0].origin == ORIGIN


def test_lookup_prints_it_as_the_knowledge_bases_note_not_the_matrixs():
    out = subprocess.run([ALKANNOT, "lookup", "L1196M"], capture_output=True, text=True, check=True).stdout
    assert f"#   {NOTE} [SEED, GAI13]\n" in out
    assert "most frequent" not in out and "review matrix (shared mutations.tsv), L1196M row: SEED" not in out
    doc = json.loads(run_lookup(["L1196M"], as_json=True))["results"][0]
    assert [n for n in doc["notes"] if n["note"].startswith("SEED")] == [
        {"note": NOTE, "sources": ["SEED", "GAI13"], "origin": ORIGIN}
    ]


def test_the_rewording_replaces_only_the_sentence_it_names():
    spec = importlib.util.spec_from_file_location("build_kb", ROOT / "tools" / "build_kb.py")
    build_kb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_kb)
    text = "SEED: the L1196M gatekeeper mutation is described as X; Y. GAI16: more."
    assert build_kb.reworded("L1196M", text) == f"{NOTE} GAI16: more."
    assert build_kb.reworded("G1202R", text) == text
