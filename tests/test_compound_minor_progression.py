"""A drug the patient progressed on whose resistant compound call rests on the compound's minor part (clonal L1196M at
40% with G1202R at 3%, after alectinib: L1196M alone is alectinib-sensitive) said "consistent with the genotype
call", as if the compound explained the progression; it now says what the call rests on and that it may explain the
progression only in part, in the words a single change below the cut-off gets (final review of stop 28, finding 1).
A call resting on the clonal part (crizotinib: L1196M alone is resistant) keeps "consistent with the genotype call".
Through the installed CLI on tests/data/compound_minor (PROVENANCE.md there)."""

import json
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

DATA = Path(__file__).parent / "data" / "compound_minor"


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("minor") / "r"
    done = subprocess.run(
        [ALKANNOT, "-q", "report", str(DATA / "compound_minor_grch38.vcf"), "--samples", str(DATA / "samples.tsv")]
        + ["--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return {s["sample"]: s for s in json.loads(out.with_suffix(".json").read_text())["samples"]}


@pytest.mark.parametrize(
    ("sample", "minor"),
    [
        ("M1_alectinib_3pct", "G1202R (VAF 3.0%, lower than L1196M's 40.0%)"),
        ("M3_alectinib_20pct", "G1202R (VAF 20.0%, lower than L1196M's 40.0%)"),
    ],
)
def test_a_call_resting_on_the_minor_part_may_explain_the_progression_only_in_part(samples, sample, minor):
    cell = samples[sample]["inhibitors"]["alectinib"]
    assert (cell["category"], cell["progressed_on"]) == ("resistant", True)
    assert samples[sample]["compound"]["changes"] == ["L1196M", "G1202R"]
    assert cell["note"].startswith(
        "the patient progressed on it (sample sheet); the genotype call is resistant too, from L1196M+G1202R (phase not "
        f"determined), whose call rests on {minor}, which may explain the progression only in part; subclonal basis: "
    )
    assert "consistent with the genotype call" not in cell["note"]


def test_a_call_resting_on_the_clonal_part_is_consistent_with_the_genotype(samples):
    cell = samples["M2_crizotinib_3pct"]["inhibitors"]["crizotinib"]
    assert (cell["category"], cell["progressed_on"]) == ("resistant", True)
    assert cell["note"].startswith("the patient progressed on it (sample sheet), consistent with the genotype call; ")
    assert "may explain the progression only in part" not in cell["note"]


@pytest.mark.parametrize(("sample", "vaf"), [("M1_alectinib_3pct", "3.0%"), ("M3_alectinib_20pct", "20.0%")])
def test_a_minor_part_makes_on_target_resistance_possible_not_established(samples, sample, vaf):
    """The mechanism follows the cell: the minor part's own reading is not clonal, as a change below --min-vaf is
    not, so the sample is on_target_possible, not on_target (review of stop 29's change, finding 11); the P-gp note
    says where the minor part is, not that a cut-off was crossed (none was set: finding 12)."""
    s = samples[sample]
    assert (s["mechanism"], s["pgp_check"]) == ("on_target_possible", "low_yield")
    # the minor part that explains the progression leads (clinical review of stop 49, task 1)
    assert s["pgp"]["note"].startswith(
        f"Low yield: progressed most recently on alectinib; G1202R (VAF {vaf}, lower than L1196M's 40.0%), which "
        "on its own is resistant to alectinib in the knowledge base [LIN17T2; PEL21, "
        "doi:10.1158/1538-7445.AM2021-1468; EID1350(PMID:25727400)], and L1196M+G1202R (phase not determined), in the "
        "part of the tumour carrying G1202R, may explain it only in part; no clonal ALK mutation is known to explain it "
        "(L1196M (VAF 40.0%) is sensitive"
    )
    assert "clonality cut-off" not in s["pgp"]["note"]
    # the compound's alectinib call is resistant on the card: the note does not call its effect unsettled, and
    # L1196M, clonal and alectinib-sensitive, is named as not expected to cause the resistance (second review)
    assert "does not settle" not in s["pgp"]["note"]
    assert "[LIN17T2; EID141(PMID:21575866)]: not expected to cause alectinib" in (s["pgp"]["note"])


def test_the_minor_part_does_not_change_a_call_the_clonal_part_settles(samples):
    s = samples["M2_crizotinib_3pct"]
    assert (s["mechanism"], s["pgp_check"]) == ("on_target", "not_indicated")
    # the compound, phase unknown, with G1202R at 3%, is not said to explain it 'if ... in most tumour cells'
    # (second review of stop 29's change, finding 7); L1196M's own reading does
    note = s["pgp"]["note"]
    assert "which explains the progression on crizotinib only if L1196M is in most tumour cells" in note
    assert "L1196M+G1202R" not in note
