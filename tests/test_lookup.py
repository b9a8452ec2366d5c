"""`alkannot lookup` and `alkannot kb` run as a user runs them (the installed entry point)."""

import json
import re

import pytest

from alkannot.bundle import read_tsv
from alkannot.kbfiles import load_knowledge_base
from alkannot.knowledge import KB_FILES

INHIBITORS = load_knowledge_base().inhibitor_names

import helpers

SOURCE_KEYS = {r["key"] for r in read_tsv("kb", "sources.tsv")}
REVIEWED = ["G1202R", "L1196M", "G1269A", "I1171N", "L1198F", "G1202R+L1196M", "C1156Y+L1198F"]


def run(*args):
    return helpers.run(*args, text=True)


def table_lines(out: str) -> dict[str, str]:
    """The call table: the lines before the notes and statements sections, by inhibitor key (the table writes
    each inhibitor as people do: 'TPX-0131' for tpx0131; KB audit 2026-12-01, finding 7)."""
    kb = load_knowledge_base()
    keys = {kb.inhibitor(i).agent: i for i in INHIBITORS}
    calls = out.split("\n# notes")[0].split("\n# statements")[0]
    return {
        keys[line.split()[0]]: line
        for line in calls.splitlines()
        if line and not line.startswith("#") and line.split()[0] in keys
    }


def source_key(label: str) -> str:
    key = label.split("(")[0]
    return "CIVIC" if key.startswith("EID") else key


@pytest.mark.parametrize("alteration", REVIEWED)
def test_lookup_table_every_line_traces_to_a_source(alteration):
    result = run("lookup", alteration)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    kb = load_knowledge_base()
    # L1198F alone has only a crizotinib-sensitive statement: no resistance call on its own (review 9, finding 8)
    expected = "residue" if alteration == "L1198F" else "known"
    assert f"knowledge base {kb.version}" in out and f"resistance class: {expected}" in out
    lines = table_lines(out)
    assert list(lines) == list(INHIBITORS)
    for inhibitor, line in lines.items():
        name, category, kinds, ic50, sources, note = re.split(r"\s{2,}", line, maxsplit=5)
        if category.startswith("unknown"):
            continue
        assert kinds != "-" and sources != "-", line
        assert all(source_key(s.strip()) in SOURCE_KEYS for s in sources.split("; ")), sources
        if "conflicting" in category and "inferred" not in category:
            assert note.startswith("conflicting: "), note


@pytest.mark.parametrize("alteration", REVIEWED)
def test_lookup_json_parses_and_sources_exist(alteration):
    result = run("lookup", "--json", alteration)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["knowledge_base"]["sha256"] == load_knowledge_base().sha256
    (entry,) = payload["results"]
    assert set(entry["calls"]) == set(INHIBITORS)
    for name, call in entry["calls"].items():
        if call["category"] != "unknown":
            assert call["sources"] and call["evidence_kinds"], name
        for label in call["sources"]:
            assert source_key(label) in SOURCE_KEYS
            assert source_key(label) in payload["sources"]


def test_lookup_g1202r_content():
    calls = json.loads(run("lookup", "--json", "p.Gly1202Arg").stdout)["results"][0]["calls"]
    assert [calls[i]["category"] for i in ("crizotinib", "ceritinib", "alectinib", "brigatinib", "lorlatinib")] == [
        "resistant",
        "resistant",
        "resistant",
        "resistant",
        "sensitive",
    ]
    assert calls["alectinib"]["ic50_nM"] == 868 and calls["alectinib"]["fold_vs_wt"] == 64.4
    assert "clinical_trial" not in calls["lorlatinib"]["evidence_kinds"]  # nothing stated more strongly
    assert "not G1202R-specific" in calls["lorlatinib"]["note"]
    assert calls["ensartinib"]["category"] == "unknown"


def test_lookup_compounds():
    payload = json.loads(run("lookup", "--json", "G1202R+L1196M", "C1156Y+L1198F").stdout)
    inferred, entry = payload["results"]
    assert inferred["compound_rule"] == "inferred_least_favourable"
    assert all(c["inferred"] for c in inferred["calls"].values())
    assert entry["compound_rule"] == "knowledge_base"
    assert entry["calls"]["crizotinib"]["category"] == "sensitive"
    assert entry["calls"]["lorlatinib"]["category"] == "resistant"
    text = run("lookup", "G1202R+L1196M").stdout
    assert "(inferred)" in text and "compound rule: inferred_least_favourable" in text


def test_lookup_classes_and_fusion():
    payload = json.loads(run("lookup", "--json", "G1202K", "A1200V", "EML4::ALK v3").stdout)
    residue, vus, fusion = payload["results"]
    assert residue["resistance"] == "residue" and vus["resistance"] == "kinase_domain_vus"
    assert {c["category"] for c in residue["calls"].values()} == {"unknown"}
    assert fusion["alteration"] == "EML4::ALK v3a/b"
    assert fusion["calls"]["lorlatinib"]["category"] == "sensitive"


@pytest.mark.parametrize("alteration", ["G1202del", "D1203N"])
def test_lookup_header_of_a_residue_class_change_reads_as_a_sentence(alteration):
    """'another change at this residue is (calls are not carried over)' lacked its object (clinical review
    2026-12-01, fourth reading, finding 8)."""
    result = run("lookup", alteration)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        f"# {alteration}  resistance class: residue (no statement on this change alone in the knowledge base; its "
        "residue is in a known resistance alteration, whose calls do not apply to this change)"
    )


def test_a_change_known_only_within_compounds_is_not_called_another_change_at_its_residue():
    """D1203N is in the knowledge base only as part of compounds: its note names them instead of claiming another
    change at residue 1203 (clinical review 2026-12-01, sixth reading, finding 5)."""
    payload = json.loads(run("lookup", "--json", "D1203N", "G1202del").stdout)
    d1203n, g1202del = payload["results"]
    note = d1203n["calls"]["crizotinib"]["note"]
    assert "only as part of the compounds C1156F+D1203N, D1203N+E1210K, L1196M+D1203N" in note
    assert "carries a known resistance change" not in note
    assert "residue 1202 carries a known resistance change" in g1202del["calls"]["crizotinib"]["note"]


def test_lookup_bad_alteration_is_one_line_and_exit_3():
    result = run("lookup", "X1202R")
    assert result.returncode == 3
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0 and "residue 1202" in result.stderr


def test_a_compound_cut_short_is_exit_3_not_a_single_change():
    """'G1202R+' (a pasted list cut short, `G1202R+$SECOND` with an unset variable) ran as G1202R alone, whose calls
    can differ from the compound's (pipeline review of stop 34, finding 6)."""
    for query in ("G1202R+", "+G1202R", "G1202R++L1196M", "G1202R/"):
        result = run("lookup", query)
        assert result.returncode == 3 and result.stdout == "", query
        assert result.stderr.strip().count("\n") == 0
        assert "a compound needs a change on each side of '+'" in result.stderr
    assert run("lookup", "G1202R + L1196M").returncode == 0


def test_kb_list_show_export(tmp_path):
    kb = load_knowledge_base()
    listing = run("kb", "list")
    assert listing.returncode == 0 and kb.sha256 in listing.stdout and kb.version in listing.stdout
    assert "G1202R" in listing.stdout and "C1156Y+L1198F" in listing.stdout
    shown = run("kb", "show", "G1202R").stdout
    assert "statements (calls.tsv rows" in shown and "EID1351(PMID:25727400)" in shown
    inhibitors = run("kb", "show", "inhibitors").stdout
    assert "ceritinib\t" in inhibitors and "\tyes\tKAT16" in inhibitors
    assert "26870817" in run("kb", "show", "sources").stdout
    exported = run("kb", "export", "-o", str(tmp_path / "kb"))
    assert exported.returncode == 0 and exported.stdout == ""
    assert sorted(p.name for p in (tmp_path / "kb").iterdir()) == sorted(KB_FILES)
    whole = run("kb", "export").stdout
    assert all(f"==> {name} <==" in whole for name in KB_FILES)
    assert run("kb", "export", "calls.tsv").stdout.startswith("alteration\t")
    assert run("kb", "show").returncode == 2  # a missing argument: usage (seventh reading, finding 14)


def test_kb_show_inhibitors_gives_every_figure_its_sources():
    """The CNS figures (45% vs 12%, ...) and the approval dates were printed without the sources inhibitors.tsv gives
    them (clinical review of stop 35, finding 8)."""
    lines = run("kb", "show", "inhibitors").stdout.splitlines()
    header = lines[1].split("\t")
    rows = [dict(zip(header, line.split("\t"))) for line in lines[2:]]
    assert header[-4:] == ["first_us_approval", "approval_sources_any_region", "cns_activity", "cns_sources"]
    for row in rows:
        if any(c.isdigit() for c in row["cns_activity"]):
            assert row["cns_sources"] != "-", row["inhibitor"]
        if re.search(r"\d{4}-\d\d-\d\d", row["first_us_approval"]):  # a date
            assert row["approval_sources_any_region"] != "-", row["inhibitor"]
    crizotinib = next(r for r in rows if r["inhibitor"] == "crizotinib")
    assert "45%" in crizotinib["cns_activity"] and "PET17" in crizotinib["cns_sources"].split(";")


def test_measurements_name_their_kind_and_all_are_shown():
    from alkannot.lookup import run_lookup

    text = run_lookup(["G1269A"], as_json=False)
    line = next(l for l in text.splitlines() if l.startswith("ceritinib"))
    assert "GI50 2.2 nM" in line and "[EID1342; CIViC: sensitivity/response]" in line
    assert "[EID1355; CIViC: sensitivity/response]" in line


def test_a_review_matrix_note_says_it_is_about_the_matrix_row():
    """'Lorlatinib/brigatinib categories left empty' printed under a brigatinib call from CIViC read as stale
    (clinical review 2026-12-01, second reading, finding 16): the note names the matrix row it speaks of."""
    import subprocess

    from helpers import ALKANNOT

    out = subprocess.run([ALKANNOT, "lookup", "V1180L"], capture_output=True, text=True, check=True).stdout
    assert "#   review matrix (shared mutations.tsv), V1180L row: Lorlatinib/brigatinib categories left empty" in out


def test_lookup_json_keeps_the_sources_that_decide_apart_from_those_listed():
    """`sources` are the statements that decided the call, `listed_sources` those listed beside it without counting
    (LIN18JTO's pooled I1171X/V1180L series beside I1171T x brigatinib, which SAB17's in-vitro listing decides), as
    the report's JSON gives them (clinical trace review of stop 33, finding 3)."""
    import json
    import subprocess

    from helpers import ALKANNOT

    done = subprocess.run([ALKANNOT, "lookup", "I1171T", "--json"], capture_output=True, text=True, check=True)
    call = json.loads(done.stdout)["results"][0]["calls"]["brigatinib"]
    assert call["sources"] == ["SAB17(PMID:28435288)"]
    assert call["listed_sources"] == ["LIN18JTO(PMID:29935304)"]
    assert {s["source"]: s["votes"] for s in call["statements"]}["LIN18JTO(PMID:29935304)"] is False


def test_an_x_is_said_to_be_read_as_any_amino_acid_not_a_stop():
    """Older papers write a stop as X ('G1202X'); HGVS reads X as any amino acid (Xaa). The lookup keeps HGVS's reading
    (class residue) and says so, naming the stop as it would be written (user52's finding)."""
    x = run("lookup", "G1202X")
    assert x.returncode == 0
    assert "# X read as any amino acid (HGVS Xaa), not a stop: a stop is written * or Ter (G1202*)" in x.stdout
    assert "resistance class: residue" in x.stdout
    stop = run("lookup", "G1202*")
    assert "resistance class: kinase_domain_vus (truncating" in stop.stdout and "Xaa" not in stop.stdout
    assert "Xaa" not in run("lookup", "G1202R").stdout
