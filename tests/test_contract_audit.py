"""Conformance audit of the product contract (CONTRACT.md, version 2) by helper c1, stop 45: the gaps it found, each
run through the installed entry point on real files."""

import json
import re
from pathlib import Path

from helpers import run

DATA = Path(__file__).parent / "data"
SNVS = DATA / "alk_snvs_grch37.vcf"


def test_the_contracts_insertion_example_is_the_hgvs_duplication_alkannot_writes():
    """The contract's ALK_HGVSP example `p.T1151_L1152insT` is written `p.T1151dup` (HGVS: a copy inserted directly
    C-terminal of the same residue is a duplication, and must be described as one); README says why, and `lookup`
    reads the contract's form, its three-letter form and the literature's `1151Tins` as that change."""
    annotated = run("annotate", SNVS, text=True)
    assert annotated.returncode == 0, annotated.stderr
    assert "ALK_HGVSC=c.3451_3453dup;ALK_HGVSP=p.T1151dup;" in annotated.stdout
    for written in ("p.T1151_L1152insT", "p.Thr1151_Leu1152insThr", "1151Tins"):
        looked_up = run("lookup", written, text=True)
        assert looked_up.returncode == 0, looked_up.stderr
        assert looked_up.stdout.splitlines()[0].startswith("# T1151dup  resistance class: known"), looked_up.stdout
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    assert "writes `p.T1151_L1152insT`: HGVS describes a copy inserted directly C-terminal" in readme


EXAMPLE = Path(__file__).parent.parent / "example_vcfs"
# LI18BRIG too: a pharmacokinetic transport paper, cited for brigatinib's P-gp effect only to say it was not tested
TRANSPORT_ONLY = ("TANG14", "KORT_CER", "ALEC_IC14", "NEUONC_T2", "YANG17", "HOF19", "LI18LOR", "LI18BRIG")


def _sample_lines(vcf: Path) -> dict[str, str]:
    lines = [l for l in vcf.read_text().splitlines() if l.startswith("##alkannotSample=<ID=")]
    return {l.split("ID=", 1)[1].split(",", 1)[0]: l for l in lines}


def _pgp_sources(line: str) -> list[str]:
    """PgpSources' keys: quoted where there are several (';'), bare where one."""
    value = line.split("PgpSources=", 1)[1] if "PgpSources=" in line else ""
    if not value:
        return []
    return (value[1:].split('"', 1)[0] if value.startswith('"') else re.split(r"[,>]", value, 1)[0]).split(";")


def _annotated_lines(tmp_path: Path, *extra) -> dict[str, str]:
    """The ##alkannotSample lines of the GRCh38 example annotated with its SV file, EXTRA options and --report."""
    out = tmp_path / "a.vcf"
    args = [EXAMPLE / "GRCh38" / "tumor_normal.vcf", "--sv", EXAMPLE / "GRCh38" / "sv.vcf", *extra]
    result = run("annotate", *args, "-o", out, "--report", tmp_path / "r", text=True)
    assert result.returncode == 0, result.stderr
    return _sample_lines(out)


def test_the_vcf_header_carries_the_sources_of_each_p_gp_flag(tmp_path):
    """Every call traces to a source the output shows: a pipeline that keeps only the VCF read `PgpCheck=recommended`
    in `##alkannotSample` with no source. `PgpSources` names the sources the flag rests on, with their identifiers:
    KAT16 (PMID 26870817) after ceritinib (not SEED, the press release that restates it); the explaining mutation's
    calls where a mutation explains the progression (L1196M after crizotinib); none where the flag rests on the ALK
    status; each one the report's P-gp note cites."""
    lines = _annotated_lines(
        tmp_path, "--fusions", f"P5_T={EXAMPLE / 'GRCh38' / 'fusions.tsv'}", "--samples", EXAMPLE / "samples.tsv",
        "--min-vaf", "0.05",
    )  # fmt: skip
    assert "PgpCheck=recommended,PgpContext=after_affected,PgpSources=KAT16(PMID:26870817)," in lines["P4_T"]
    assert _pgp_sources(lines["P2_T"]) == ["LIN17T2", "EID237(PMID:20979473)", "EID442(PMID:22277784)"]
    assert "PgpCheck=low_yield" in lines["P5_T"] and _pgp_sources(lines["P5_T"]) == ["KAT16(PMID:26870817)"]
    for unestablished in ("P6_T", "P7_T"):  # not indicated: ALK positivity not established, a fact of the input
        assert "PgpContext=alk_not_established" in lines[unestablished] and "PgpSources" not in lines[unestablished]
    report = json.loads((tmp_path / "r.json").read_text())
    for sample in report["samples"]:
        for key in _pgp_sources(lines[sample["sample"]]):
            bare = key.split("(", 1)[0] if not key.startswith("EID") else key
            assert bare in sample["pgp"]["sources"], (sample["sample"], key, sample["pgp"]["sources"])


def test_the_sources_of_a_flag_after_ceritinib_name_the_mutation_that_does_not_explain_it(tmp_path):
    """L1196M after crizotinib then ceritinib (clinical review 2026-11, defect 1): the check stays recommended and
    its sources are L1196M's ceritinib call (sensitive) and KAT16's P-gp effect on ceritinib; with no treatment
    history, the sources are what P-gp overexpression does to each drug in the tumour, never the pharmacokinetic
    transport papers (which drugs ABCB1 transports is another question)."""
    sheet = tmp_path / "s.tsv"
    sheet.write_text(
        "sample\talk_status\tprogressed_on\nP2_T\tpositive:FISH\tcrizotinib;ceritinib\nP4_T\tpositive:IHC\t\n"
    )
    out = tmp_path / "a.vcf"
    result = run("annotate", EXAMPLE / "GRCh38" / "tumor_normal.vcf", "--samples", sheet, "-o", out, text=True)
    assert result.returncode == 0, result.stderr
    lines = _sample_lines(out)
    assert "PgpCheck=recommended" in lines["P2_T"]
    assert _pgp_sources(lines["P2_T"]) == [
        "LIN17T2",
        "FRI14(PMID:24675041)",
        "EID1341(PMID:24675041)",
        "KAT16(PMID:26870817)",
    ]
    assert "PgpCheck=if_progressed" in lines["P4_T"]
    history_unknown = _pgp_sources(lines["P4_T"])
    assert history_unknown == [
        "KAT16(PMID:26870817)",
        "WU22ENS(doi:10.3390/cancers14092341)",
        "VAG20(doi:10.3390/cancers12040813)",
    ]
    assert not [k for k in history_unknown if k.split("(", 1)[0] in TRANSPORT_ONLY], history_unknown


def test_no_pharmacokinetic_transport_paper_is_a_source_of_the_p_gp_flag(tmp_path):
    """Clinical read of stop 45 by helper r1, finding 1: LI18BRIG (Li et al., Pharmacol Res 2018: brigatinib's
    transport by ABCB1, brain accumulation in knockout mice) was listed in `PgpSources` without a treatment history and
    was the only source of the flag after a progression on brigatinib: the knowledge base cites it for brigatinib's
    tumour effect only to say that none was tested. The report's note still cites it where it says so; the flag's
    sources never do, nor any other transport paper, whatever the history."""
    sheet = tmp_path / "s.tsv"
    sheet.write_text(
        "sample\talk_status\tprogressed_on\n"
        "P1_T\tpositive:IHC\t\n"  # G1202R, no history
        "P4_T\tpositive:IHC\tensartinib\n"  # no ALK mutation, sources disagree on ensartinib
        "P5_T\tpositive:IHC\tbrigatinib\n"  # no ALK mutation, brigatinib's tumour effect untested
        "P6_T\tpositive:IHC\tcrizotinib;brigatinib\n"  # L1240S, of unknown significance
    )
    lines = _annotated_lines(tmp_path, "--samples", sheet)
    for sample, line in lines.items():
        assert not [k for k in _pgp_sources(line) if k.split("(", 1)[0] in TRANSPORT_ONLY], (sample, line)
    assert "PgpCheck=if_progressed" in lines["P1_T"] and "KAT16(PMID:26870817)" in _pgp_sources(lines["P1_T"])
    assert _pgp_sources(lines["P4_T"]) == ["WU22ENS(doi:10.3390/cancers14092341)", "VAG20(doi:10.3390/cancers12040813)"]
    for after_brigatinib in ("P5_T", "P6_T"):
        assert "PgpCheck=recommended,PgpContext=after_possibly_affected," in lines[after_brigatinib]
        assert "PgpSources" not in lines[after_brigatinib], lines[after_brigatinib]
    notes = {s["sample"]: s["pgp"] for s in json.loads((tmp_path / "r.json").read_text())["samples"]}
    untested = "reduces the activity of brigatinib has not been tested in the sources read (the one read on brigatinib and P-gp [LI18BRIG"
    assert untested in notes["P6_T"]["note"] and "LI18BRIG" in notes["P6_T"]["sources"]


def test_the_json_schema_keeps_the_tumour_effect_of_p_gp_apart_from_abcb1_transport(tmp_path):
    """The report's `pgp.affected` and `pgp.not_affected` are the tumour-cell finding (KAT16), not which drugs ABCB1
    transports: the schema said so of neither list (`not_affected` had no description), and lorlatinib, listed there,
    is transported by ABCB1 (LI18LOR). The example's lists are the knowledge base's pgp_confers_resistance yes/no."""
    schema = json.loads((Path(__file__).parent.parent / "alkannot" / "report" / "schema.json").read_text())
    pgp = schema["properties"]["samples"]["items"]["properties"]["pgp"]["properties"]
    for field in ("affected", "not_affected"):
        assert "tumour cells" in pgp[field]["description"] and "abcb1_transport" in pgp[field]["description"]
    result = run(
        "annotate", EXAMPLE / "GRCh38" / "tumor_normal.vcf", "-o", tmp_path / "a.vcf", "--report", tmp_path / "r"
    )
    assert result.returncode == 0, result.stderr
    inhibitors = run("kb", "show", "inhibitors", text=True).stdout.splitlines()
    header = inhibitors[1].split("\t")
    effect = {row.split("\t")[0]: row.split("\t")[header.index("pgp_confers_resistance")] for row in inhibitors[2:]}
    for sample in json.loads((tmp_path / "r.json").read_text())["samples"]:
        assert sample["pgp"]["affected"] == [d for d, e in effect.items() if e == "yes"]
        assert sample["pgp"]["not_affected"] == [d for d, e in effect.items() if e == "no"]


def test_a_press_release_the_calls_do_not_count_is_not_a_source_of_the_p_gp_flag(tmp_path):
    """Traceability review of stop 46: SEED, the AMED/JFCR press release on KAT16, was listed in `PgpSources` beside
    KAT16, while the calls list SEED and do not count it (RULES.md 3.7: it restates KAT16 and has no data of its
    own). The flag rests on KAT16, which `PgpSources` names; the report's P-gp note still cites SEED where it uses
    it, and the calls still list it (`inhibitor_listed_sources`), as before. With no treatment history too."""
    sheet = tmp_path / "s.tsv"
    sheet.write_text(
        "sample\talk_status\tprogressed_on\n"
        "P4_T\tpositive:IHC\tcrizotinib;ceritinib\n"  # recommended, after ceritinib
        "P5_T\tpositive:IHC\talectinib\n"  # low yield, after alectinib
        "P1_T\tpositive:IHC\t\n"  # no history: what P-gp does to each drug
    )
    lines = _annotated_lines(tmp_path, "--samples", sheet)
    samples = {s["sample"]: s for s in json.loads((tmp_path / "r.json").read_text())["samples"]}
    for sample in ("P4_T", "P5_T", "P1_T"):
        keys = _pgp_sources(lines[sample])
        assert "KAT16(PMID:26870817)" in keys and not [k for k in keys if k.startswith("SEED")], (sample, keys)
        assert "SEED" in samples[sample]["pgp"]["sources"], sample  # the note cites it where it uses it
        assert "SEED, press release on KAT16" in samples[sample]["pgp"]["note"], sample
    report = (tmp_path / "r.tsv").read_text()
    assert "crizotinib: SEED" in report  # the calls list it, not counted
