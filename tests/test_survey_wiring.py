"""Pass 1 gathers what the sample verdict needs: fusion calls merged with --fusions tables, whether SV
calls were available at all, records in bypass genes, and Mutect2's tumour sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from alkannot.errors import InputError
from alkannot.fusion_evidence import with_fusion_evidence
from alkannot.options import AnnotateOptions
from alkannot.survey import survey_input

DATA = Path(__file__).parent / "data"


def survey(path, **options):
    opts = AnnotateOptions(input_path=str(path), **options)
    result = with_fusion_evidence(survey_input(str(path), str(path), opts), opts)
    return result


def test_dna_and_rna_evidence_merge_into_one_call():
    s = survey(
        DATA / "sv" / "manta_somatic_grch38_chr.vcf", fusion_paths=(str(DATA / "sv" / "arriba_fusions_grch38.tsv"),)
    )
    assert s.sv_seen and s.tables_seen
    eml4 = [c for c in s.fusion_result.calls if c.fusion == "EML4::ALK"]
    assert len(eml4) == 1
    call = eml4[0]
    assert (call.variant, call.kinase, call.status) == ("v1", "retained", "positive")
    kinds = sorted(e.kind for e in call.evidence)
    assert kinds == ["DNA", "RNA"]
    assert call.support["TUMOR"]["input"] == {"PR": 14, "SR": 17}


def test_fusion_table_can_name_its_sample(tmp_path):
    table = DATA / "sv" / "arriba_fusions_grch38.tsv"
    s = survey(DATA / "sv" / "manta_somatic_grch38_chr.vcf", fusion_paths=(f"TUMOR={table}",))
    call = next(c for c in s.fusion_result.calls if c.fusion == "EML4::ALK")
    assert str(table) in call.support["TUMOR"]


def test_bypass_gene_records_are_collected():
    s = survey(DATA / "sv" / "manta_somatic_grch38_chr.vcf")
    genes = sorted({b.gene for b in s.bypass_records})
    assert genes == ["EGFR", "KRAS", "MET"]
    met = next(b for b in s.bypass_records if b.gene == "MET")
    assert met.svtype == "DEL" and met.is_copy_number


def test_snv_vcf_without_sv_calls_is_not_assessed():
    s = survey(DATA / "alk_snvs_grch37.vcf")
    assert not s.sv_seen and not s.tables_seen and s.fusion_result is not None
    assert s.fusion_result.calls == ()


def test_an_empty_sv_file_still_counts_as_assessed(tmp_path):
    empty_sv = tmp_path / "empty_sv.vcf"
    header = [line for line in (DATA / "sv" / "delly_bnd_grch37.vcf").read_text().splitlines() if line.startswith("#")]
    empty_sv.write_text("\n".join(header) + "\n")
    s = survey(DATA / "alk_snvs_grch37.vcf", sv_paths=(str(empty_sv),))
    assert s.sv_seen


def test_malformed_fusion_table_is_an_input_error():
    with pytest.raises(InputError) as err:
        survey(
            DATA / "sv" / "manta_somatic_grch38_chr.vcf", fusion_paths=(str(DATA / "sv" / "bad_arriba_fusions.tsv"),)
        )
    assert "bad_arriba_fusions.tsv" in str(err.value)


def test_an_sv_file_of_the_other_build_is_refused():
    with pytest.raises(InputError) as err:
        survey(DATA / "alk_snvs_grch37.vcf", sv_paths=(str(DATA / "sv" / "manta_somatic_grch38_chr.vcf"),))
    assert "is GRCh38" in str(err.value) and "main input is GRCh37" in str(err.value)
