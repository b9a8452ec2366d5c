"""Review 12 (clinical audit of the knowledge base's content and sentences), findings 9, 10 and 7: an inferred
compound call cites only the part call(s) that set it; the VCF header does not call the per-allele calls
predictions; a call whose sources disagree is marked where the report and `lookup` print it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from helpers import run
from test_compound_seen_at_resistance import HEADER, RECORDS

C1156Y_SOURCES = ["LIN17T2", "EID841(PMID:26698910)"]  # C1156Y x ceritinib: resistant
# G1269A x ceritinib: sensitive (SEED, a press release, listed, not counted since knowledge base 2.0.23)
G1269A_SOURCES = ["FRI14(PMID:24675041)", "EID1342(PMID:24675041)", "EID1355(PMID:25727400)"]


def _lookup(*alterations: str) -> dict:
    result = run("lookup", *alterations, "--json", text=True)
    assert result.returncode == 0, result.stderr
    return {r["alteration"]: r for r in json.loads(result.stdout)["results"]}


# ---------------------------------------------------------------- finding 9
def test_an_inferred_resistant_compound_call_cites_only_the_part_that_sets_it():
    """C1156Y+G1269A x ceritinib: resistant from C1156Y; G1269A's ceritinib-sensitivity sources are not reasons
    for it and are not among its sources, but stay in the note beside G1269A's call."""
    call = _lookup("C1156Y+G1269A")["C1156Y+G1269A"]["calls"]["ceritinib"]
    assert (call["category"], call["inferred"]) == ("resistant", True)
    assert call["sources"] == C1156Y_SOURCES
    assert call["evidence_kinds"] == ["case_report", "review"]  # EID1342/EID1355's 'preclinical' is G1269A's
    assert call["note"] == (
        "inferred, least favourable single-mutation call (C1156Y resistant [LIN17T2; EID841(PMID:26698910)]; "
        "G1269A sensitive [LIN17T2; FRI14, PMID 24675041; EID1342(PMID:24675041); EID1355(PMID:25727400)]); no IC50 "
        "measured on the compound"
    )


def test_l1196m_g1202r_cites_g1202r_not_the_l1196m_sensitivity_items():
    """L1196M+G1202R x ceritinib and alectinib: resistant from G1202R; EID1341 (L1196M ceritinib-sensitive) and
    EID141 (L1196M alectinib-sensitive) are in the note with L1196M's call, not among the call's sources."""
    calls = _lookup("L1196M+G1202R")["L1196M+G1202R"]["calls"]
    ceritinib, alectinib = calls["ceritinib"], calls["alectinib"]
    assert ceritinib["category"] == alectinib["category"] == "resistant"
    # SEED, a press release, is listed, not counted, since knowledge base 2.0.23 (clinical reading of stop 41, 9)
    assert ceritinib["sources"] == ["LIN17T2", "FRI14(PMID:24675041)", "EID1345(PMID:24675041)", "PEL21"]
    assert alectinib["sources"] == ["LIN17T2", "PEL21", "EID1350(PMID:25727400)"]
    assert ceritinib["listed_sources"] == alectinib["listed_sources"] == ["SEED"]
    assert "L1196M sensitive [LIN17T2; FRI14, PMID 24675041; EID1341(PMID:24675041)]" in ceritinib["note"]
    assert "L1196M sensitive [LIN17T2; EID141(PMID:21575866)]" in alectinib["note"]


def test_an_inferred_unknown_cites_no_part_of_another_direction():
    """C1156Y+G1269A x ensartinib: `unknown` because G1269A has no statement; C1156Y's ensartinib-sensitive source
    (LIN17T2) is not a reason for it and is named only with C1156Y's call in the note."""
    call = _lookup("C1156Y+G1269A")["C1156Y+G1269A"]["calls"]["ensartinib"]
    assert (call["category"], call["sources"]) == ("unknown", [])
    assert "(C1156Y sensitive (reviews only) [LIN17T2]; G1269A unknown)" in call["note"]  # the table's mark


def test_the_sample_report_cites_only_the_setting_part(tmp_path: Path):
    """The per-sample JSON and the TSV's inhibitor_sources of a tumour with C1156Y+G1269A in cis after
    crizotinib: the ceritinib call cites C1156Y's sources, not G1269A's ceritinib-sensitivity items."""
    vcf = tmp_path / "c.vcf"
    vcf.write_text(HEADER + RECORDS)
    sheet = tmp_path / "s.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\nT1\tpositive:IHC\tcrizotinib\n")
    result = run("-q", "report", vcf, "--samples", sheet, "--out", tmp_path / "r", text=True)
    assert result.returncode == 0, result.stderr
    (sample,) = json.loads((tmp_path / "r.json").read_text())["samples"]
    ceritinib = sample["inhibitors"]["ceritinib"]
    assert (ceritinib["category"], ceritinib["sources"]) == ("resistant", C1156Y_SOURCES)
    assert "G1269A sensitive [LIN17T2; FRI14, PMID 24675041; EID1342(PMID:24675041)" in ceritinib["note"]
    header, row = (line.split("\t") for line in (tmp_path / "r.tsv").read_text().splitlines())
    cited = row[header.index("inhibitor_sources")].split(";")
    # no call of this tumour rests on G1269A's ceritinib items
    assert not set(G1269A_SOURCES) & set(cited), cited


# ---------------------------------------------------------------- finding 10
OLD_DESCRIPTION = (  # as alkannot wrote it before review 12 (tests/golden/example_GRCh37.vcf of that time)
    "Predicted sensitivity of this allele alone to {}: sensitive, intermediate, resistant, conflicting or unknown "
    "(alkannot knowledge base; sources in ALK_EVIDENCE). Where the allele is a part of a compound (ALK_COMPOUND), "
    "this is not the compound's call, which is in the report (--report)"
)
# review 19, finding 4: no longer "not a prediction" (a source may itself be one: ALK_CALL_QUALIFIERS says where)
NEW_START = (
    "Sensitivity of this allele alone to {}, alkannot's summary of what its knowledge base's sources state (alkannot "
    "adds no prediction of its own; not a treatment recommendation)"
)


def _info_lines(text: str, key: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(f"##INFO=<ID={key},")]


def test_the_vcf_header_states_the_calls_as_the_sources_state_them(tmp_path: Path):
    vcf = tmp_path / "c.vcf"
    vcf.write_text(HEADER + RECORDS)
    result = run("annotate", vcf, "-o", tmp_path / "a.vcf", text=True)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "a.vcf").read_text()
    (line,) = _info_lines(text, "ALK_LORLATINIB")
    assert f'Description="{NEW_START.format("lorlatinib")}' in line
    assert "not a treatment recommendation" in line and "Predicted" not in text
    # the site VCF of the knowledge base says the same
    result = run("kb", "export", "--format", "vcf", "-o", tmp_path / "kb.vcf.gz", text=True)
    assert result.returncode == 0, result.stderr
    (line,) = _info_lines(gzip.decompress((tmp_path / "kb.vcf.gz").read_bytes()).decode(), "ALK_ALECTINIB")
    assert f'Description="{NEW_START.format("alectinib")}' in line


def test_an_output_with_the_old_description_is_recognised_and_its_lines_replaced(tmp_path: Path):
    """A file annotated before the rewording: its ##INFO lines (Source="alkannot") are alkannot's own whatever the
    Description says, so re-annotation replaces them, one line per key, in the new wording."""
    vcf = tmp_path / "c.vcf"
    vcf.write_text(HEADER + RECORDS)
    assert run("annotate", vcf, "-o", tmp_path / "a.vcf").returncode == 0
    text = (tmp_path / "a.vcf").read_text()
    for name in ("crizotinib", "lorlatinib"):
        (line,) = _info_lines(text, f"ALK_{name.upper()}")
        old = line.split('Description="')[0] + f'Description="{OLD_DESCRIPTION.format(name)}",Source="alkannot"'
        text = text.replace(line, old + line.split('",Source="alkannot"')[1])
    assert text.count("Predicted sensitivity of this allele alone") == 2
    old_file = tmp_path / "old.vcf"
    old_file.write_text(text)
    result = run("annotate", old_file, "-o", tmp_path / "again.vcf", text=True)
    assert result.returncode == 0, result.stderr
    again = (tmp_path / "again.vcf").read_text()
    assert "Predicted" not in again
    for name in ("crizotinib", "lorlatinib"):
        (line,) = _info_lines(again, f"ALK_{name.upper()}")
        assert f'Description="{NEW_START.format(name)}' in line
    records = [line for line in again.splitlines() if not line.startswith("#")]
    assert len(records) == 2 and all(r.count("ALK_LORLATINIB=") == 1 for r in records)


# ---------------------------------------------------------------- finding 7
G1269A_RECORD = RECORDS.splitlines()[0] + "\n"  # chr2:29209816 C>G, G1269A (c.3806G>C)


def test_lookup_marks_a_call_whose_sources_disagree():
    """G1269A x alectinib: `intermediate` (EID1354's 6x WT graded by the band; EID1354's own call is resistant)
    against LIN17T2 listing alectinib as active (SEED too, a press release listed without a vote since knowledge base
    2.0.23). The category stays; the call column says the sources
    disagree, the JSON has `disputed`, and a legend line says what the mark means."""
    result = run("lookup", "G1269A", text=True)
    assert result.returncode == 0, result.stderr
    calls_table = result.stdout.split("# notes on this alteration")[0].split("# statements")[0]
    rows = {line.split()[0]: line for line in calls_table.splitlines() if not line.startswith("#")}
    assert rows["alectinib"].startswith("alectinib     intermediate (sources disagree)  preclinical, review  ")
    assert "(sources disagree)" not in rows["ceritinib"] and "(sources disagree)" not in rows["crizotinib"]
    assert "# (sources disagree) = the statements that decided the call differ in direction" in result.stdout
    calls = _lookup("G1269A", "E1210K", "G1202R")
    alectinib = calls["G1269A"]["calls"]["alectinib"]
    assert (alectinib["category"], alectinib["disputed"]) == ("intermediate", True)
    assert alectinib["sources_disagree"] is True  # ALK_CALL_QUALIFIERS' token; `disputed` its older name (voc47)
    assert "listed sensitive per LIN17T2 |" in alectinib["note"] and "SEED: listed, not counted:" in alectinib["note"]
    # a conflicting call says so itself; agreeing sources are not a dispute
    assert calls["E1210K"]["calls"]["brigatinib"]["category"] == "conflicting"
    assert not calls["E1210K"]["calls"]["brigatinib"]["disputed"]
    assert not any(c["disputed"] for c in calls["G1202R"]["calls"].values())
    plain = run("lookup", "G1202R", text=True).stdout
    assert "sources disagree" not in plain


def _g1269a_report(tmp_path: Path, progressed_on: str) -> tuple[dict, dict, str]:
    vcf = tmp_path / "g.vcf"
    vcf.write_text(HEADER + G1269A_RECORD)
    sheet = tmp_path / "s.tsv"
    sheet.write_text(f"sample\talk_status\tprogressed_on\nT1\tpositive:IHC\t{progressed_on}\n")
    result = run("-q", "report", vcf, "--samples", sheet, "--out", tmp_path / "r", text=True)
    assert result.returncode == 0, result.stderr
    (sample,) = json.loads((tmp_path / "r.json").read_text())["samples"]
    header, row = (line.split("\t") for line in (tmp_path / "r.tsv").read_text().splitlines())
    return sample, dict(zip(header, row)), (tmp_path / "r.html").read_text()


def test_the_report_marks_the_disputed_call_where_it_prints_it(tmp_path: Path):
    """G1269A after crizotinib: alectinib (not yet given) is `intermediate`, its sources disagreeing: the TSV cell
    reads 'intermediate (sources disagree)', the JSON `disputed` is true, the HTML card says it beside the call and
    the grid cell carries 'd', explained in the legend and the cell's title. The category itself is unchanged."""
    sample, row, html = _g1269a_report(tmp_path, "crizotinib")
    alectinib = sample["inhibitors"]["alectinib"]
    assert (alectinib["category"], alectinib["disputed"]) == ("intermediate", True)
    # one token for the concept in the JSON and the VCF (schema 2.24, voc47); `disputed` kept as its older name
    for name, call in sample["inhibitors"].items():
        assert call["sources_disagree"] == call["disputed"], name
    assert row["alectinib"] == "intermediate (sources disagree)"
    assert row["ceritinib"] == "sensitive" and not sample["inhibitors"]["ceritinib"]["disputed"]
    assert row["crizotinib"] == "resistant" and not sample["inhibitors"]["crizotinib"]["disputed"]
    assert ">intermediate</span> (sources disagree)</td>" in html
    assert "alectinib: intermediate; basis: G1269A; sources:" in html
    assert "; sources disagree (see the card)</title>" in html  # the phrase the TSV and the card print
    # in the card's and lookup's words (readings.MARK_MEANINGS; stop 48 review), wrapped over the SVG's lines
    assert "d = (sources disagree): the statements that decided the call differ in direction; the" in html
    assert 'font-size="11" font-weight="bold" fill="#000">d</text>' in html


def test_a_call_set_by_the_progression_is_not_marked(tmp_path: Path):
    """G1269A after alectinib: the alectinib call is the patient's progression (`resistant`), not the disputed
    genotype call, so it carries no mark (the mechanism note still says whether G1269A explains it is unsettled)."""
    sample, row, html = _g1269a_report(tmp_path, "alectinib")
    alectinib = sample["inhibitors"]["alectinib"]
    assert (alectinib["category"], alectinib["progressed_on"], alectinib["disputed"]) == ("resistant", True, False)
    assert row["alectinib"] == "resistant"
    assert "(sources disagree)" not in html and "; sources disagree (see the card)" not in html


def test_a_trans_pair_set_by_the_disputed_call_is_marked():
    """G1269A and G1269S (one residue: trans): alectinib is G1269A's `intermediate`, the least favourable; the mark
    and the sources are G1269A's, not G1269S's (sensitive)."""
    call = _lookup("G1269A+G1269S")["G1269A+G1269S"]["calls"]["alectinib"]
    assert (call["category"], call["inferred"], call["disputed"]) == ("intermediate", True, True)
    assert call["sources"] == ["LIN17T2", "EID1354(PMID:25727400)"]
    text = run("lookup", "G1269A+G1269S", text=True).stdout
    assert any(
        line.startswith("alectinib     intermediate (inferred) (sources disagree)  ") for line in text.splitlines()
    )
