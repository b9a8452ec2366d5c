"""Verdicts shared between samples with equal inputs (shared_verdicts.py; pipeline review of stop 42, finding 1):
the outputs are byte for byte those of verdicts made afresh for every sample, and the state keys tell apart what
equality alone does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from alkannot import shared_verdicts
from alkannot.cli import main
from alkannot.fusions import Evidence
from alkannot.shared_verdicts import StateKeys, state_key

EX = Path(__file__).parent.parent / "example_vcfs"
COPIES = 4


def _wide_cohort(tmp_path: Path) -> tuple[Path, Path]:
    """The GRCh38 example's records with every sample column copied COPIES times under new names (a cohort VCF with
    few distinct states and no ##tumor_sample/##normal_sample), and a sheet giving the copies of P1_T..P7_T their
    example rows; the first copy's biopsy_site names the sample itself, so that its row differs from the others'."""
    lines = (EX / "GRCh38" / "tumor_normal.vcf").read_text().splitlines()
    header = [x for x in lines if x.startswith("##") and not x.startswith(("##tumor_sample", "##normal_sample"))]
    columns = next(x for x in lines if x.startswith("#CHROM")).split("\t")
    body = [x.split("\t") for x in lines if not x.startswith("#")]
    names = columns[9:]
    order = [(c, n) for c in range(COPIES) for n in range(len(names))]
    vcf = tmp_path / "wide.vcf"
    vcf.write_text(
        "\n".join(
            header
            + ["\t".join(columns[:9] + [f"C{c}_{names[n]}" for c, n in order])]
            + ["\t".join(rec[:9] + [rec[9 + n] for _, n in order]) for rec in body]
        )
        + "\n"
    )
    sheet_lines = (EX / "samples.tsv").read_text().splitlines()
    rows = []
    for c in range(COPIES - 1):  # the last copies have no row
        for row in sheet_lines[1:]:
            fields = row.split("\t")
            name = f"C{c}_{fields[0]}"
            rows.append("\t".join([name, *fields[1:-1], f"{fields[-1]} ({name})" if c == 0 else fields[-1]]))
    sheet = tmp_path / "samples.tsv"
    sheet.write_text("\n".join([sheet_lines[0], *rows]) + "\n")
    return vcf, sheet


def _outputs(tmp_path: Path, name: str, shared: bool, monkeypatch, *args: str) -> dict[str, bytes]:
    """Every file `alkannot annotate ARGS -o OUT --report PREFIX` writes, made with shared verdicts or without."""
    monkeypatch.setattr(shared_verdicts, "SHARED", shared)
    prefix = tmp_path / f"{name}_{'shared' if shared else 'afresh'}"
    done = CliRunner().invoke(
        main, ["-q", "annotate", *args, "--no-version", "-o", f"{prefix}.vcf", "--report", str(prefix)]
    )
    assert done.exit_code == 0, done.output
    made = sorted(tmp_path.glob(f"{prefix.name}*"))
    assert len(made) == 5  # the VCF, and the report set's TSV, JSON, HTML and MultiQC table
    return {p.name.replace(prefix.name, ""): p.read_bytes() for p in made}


@pytest.mark.parametrize("case", ["wide", "wide_annotated_again", "example"])
def test_shared_verdicts_write_the_bytes_of_verdicts_made_afresh(tmp_path, monkeypatch, case):
    vcf, sheet = _wide_cohort(tmp_path)
    folder = EX / "GRCh38"
    args = {
        "wide": [str(vcf), "--samples", str(sheet), "--fusions", f"C1_P5_T={folder / 'fusions.tsv'}"],
        "example": [
            str(folder / "tumor_normal.vcf"),
            "--samples",
            str(EX / "samples.tsv"),
            "--sv",
            str(folder / "sv.vcf"),
            "--fusions",
            f"P5_T={folder / 'fusions.tsv'}",
        ],
    }
    if case == "wide_annotated_again":  # the recorded ##alkannotSample lines as the verdicts' inputs
        _outputs(tmp_path, "first", True, monkeypatch, *args["wide"])
        args[case] = [str(tmp_path / "first_shared.vcf")]
    shared = _outputs(tmp_path, case, True, monkeypatch, *args[case])
    afresh = _outputs(tmp_path, case, False, monkeypatch, *args[case])
    assert shared.keys() == afresh.keys()
    for suffix in shared:
        assert shared[suffix] == afresh[suffix], f"{case}: {suffix} differs"


def test_bounded_memos_evict_and_still_write_the_bytes_of_verdicts_made_afresh(tmp_path, monkeypatch):
    """With room for two states and a few record keys (STATES_KEPT, KEYS_KEPT; a cohort whose every sample differs
    no longer keeps a key per sample), states are dropped and made again: the outputs stay those of verdicts made
    afresh; more verdicts are made than with every state kept, fewer than samples."""
    vcf, sheet = _wide_cohort(tmp_path)
    args = [str(vcf), "--samples", str(sheet)]
    monkeypatch.setattr(shared_verdicts, "STATES_KEPT", 2)
    monkeypatch.setattr(shared_verdicts, "KEYS_KEPT", 5)
    made = []
    verdict_of = shared_verdicts.verdict_of
    monkeypatch.setattr(shared_verdicts, "verdict_of", lambda inputs, *a: made.append(inputs) or verdict_of(inputs, *a))
    bounded = _outputs(tmp_path, "bounded", True, monkeypatch, *args)
    evicting = len(made)
    afresh = _outputs(tmp_path, "bounded", False, monkeypatch, *args)
    assert bounded == afresh
    made.clear()
    monkeypatch.setattr(shared_verdicts, "STATES_KEPT", 1024)
    _outputs(tmp_path, "unbounded", True, monkeypatch, *args)
    assert len(made) < evicting < 14 * COPIES  # dropped states made again; neighbours (the normals) still shared


def test_samples_with_equal_inputs_share_one_verdict(tmp_path, monkeypatch):
    """The wide cohort's copies of one example sample without a sheet row are made once (the count of verdicts made
    is no timing); a copy whose row names it is made on its own."""
    vcf, sheet = _wide_cohort(tmp_path)
    made = []
    verdict_of = shared_verdicts.verdict_of
    monkeypatch.setattr(shared_verdicts, "verdict_of", lambda inputs, *a: made.append(inputs) or verdict_of(inputs, *a))
    done = CliRunner().invoke(
        main, ["-q", "annotate", str(vcf), "--samples", str(sheet), "-o", str(tmp_path / "o.vcf")]
    )
    assert done.exit_code == 0, done.output
    samples = 14 * COPIES
    assert len(made) < samples / 2
    lines = [x for x in (tmp_path / "o.vcf").read_text().splitlines() if x.startswith("##alkannotSample=")]
    assert len(lines) == samples
    by_name = {x.split(",", 1)[0].removeprefix("##alkannotSample=<ID="): x.split(",", 1)[1] for x in lines}
    assert by_name["C2_P1_T"] == by_name["C1_P1_T"]  # the same row but for the name, the same genotypes


def test_state_keys_tell_apart_values_that_compare_equal():
    keys = StateKeys()
    assert keys.key(1) != keys.key(True) != keys.key(1.0)
    assert keys.key(0.0) != keys.key(-0.0)
    assert keys.key({"a": 1, "b": 2}) != keys.key({"b": 2, "a": 1})
    assert keys.key(("x", 1)) == keys.key(("x", 1)) and keys.key(["x"]) != keys.key(("x",))
    # a fusion call's read support is neither compared nor hashed, but is written: it is part of the key
    one = Evidence("sv.vcf", "DNA", ("r1",), "retained", support={"S1": {"PR": 3}})
    other = Evidence("sv.vcf", "DNA", ("r1",), "retained", support={"S1": {"PR": 4}})
    assert one == other and keys.key(one) != keys.key(other)
    again = Evidence("sv.vcf", "DNA", ("r1",), "retained", support={"S1": {"PR": 3}})
    assert keys.key(one) == keys.key(one) == state_key(again)
    thing = object()
    assert state_key(thing) == state_key(thing) and state_key(thing) != state_key(object())


def test_recorded_lookups_read_as_the_dict_and_the_scan_they_replace():
    from alkannot.recorded_lookup import first_recorded, recorded_value

    pairs = (("A", "positive"), ("B", "negative"), ("A", "possible"))
    assert [recorded_value(pairs, s, "none") for s in ("A", "B", "C")] == [dict(pairs).get(s, "none") for s in "ABC"]
    assert recorded_value(pairs, "C") == ()
    rows = (("A", "EML4", "v1"), ("A", "KIF5B", "."), ("B", "UNKNOWN", ""))
    assert first_recorded(rows, "A") == ("EML4", "v1") and first_recorded(rows, "C") is None
    assert recorded_value((("A", "x"),), "A") == "x"  # another tuple, another table
