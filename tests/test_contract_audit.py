"""Conformance audit of the product contract (CONTRACT.md, version 2) by helper c1, stop 45: the gaps it found, each
run through the installed entry point on real files."""

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
