"""The Python API that the command line wraps.

from alkannot import api
api.map_variant("GRCh38", "chr2", 29220747, "C", "T").hgvsp      # 'p.G1202R'
api.annotate("in.vcf.gz", "out.vcf.gz", build="auto", write_index="csi")
api.report(["a.vcf.gz", "b.maf"], "cohort", samples_path="samples.tsv")   # cohort.tsv/.json/.html/_mqc.tsv
api.lookup(["G1202R", "c.3604G>A"])[0][1].calls["lorlatinib"].category  # 'sensitive'
"""

from __future__ import annotations

from .annotate import annotate_file
from .cohort import Cohort, report_files
from .consequence import Consequence, annotate_variant
from .evidence import AlterationCall
from .lookup import lookup_calls
from .options import AnnotateOptions, build_name, warn_type_against_name
from .survey import Survey
from .vcfio import output_type_for


def map_variant(build: str, chrom: str, pos: int, ref: str, alt: str) -> Consequence:
    """The ALK consequence of one allele (VCF conventions, 1-based position, plus strand; `build` GRCh37/GRCh38, or
    hg19/hg38 as on the command line)."""
    return annotate_variant(build_name(build, auto=False), chrom, pos, ref, alt)


def annotate(input_path: str, output_path: str = "-", **options) -> Survey:
    """Annotate a VCF/BCF file; keyword options are those of AnnotateOptions (`build` also as hg19/hg38). An
    output_type that contradicts output_path's name (`output_type="b"` to out.vcf) is written as output_type says,
    with the command line's warning on the "alkannot" logger, in the API's keywords, once the output is written."""
    if "build" in options:
        options["build"] = build_name(options["build"])
    chosen = AnnotateOptions(input_path=input_path, output_path=output_path, **{**options, "api": True})
    survey = annotate_file(chosen)
    warn_type_against_name(output_path, output_type_for(output_path, chosen.output_type), api=True)
    return survey


def report(inputs: list[str] | str, out_prefix: str, **options) -> Cohort:
    """`alkannot report`: one report set (PREFIX.tsv, .json, .html, _mqc.tsv) for annotated VCFs or MAF files;
    keyword options are those of cohort.report_files (samples_path, tumor, min_vaf, sv_paths, fusion_paths, kb_dir,
    html_template, build; `build` also as hg19/hg38)."""
    if "build" in options:
        options["build"] = build_name(options["build"])
    listed = [inputs] if isinstance(inputs, str) else list(inputs)
    return report_files(listed, out_prefix=out_prefix, **{**options, "api": True})


def lookup(
    alterations: list[str] | str, build: str | None = None, kb_dir: str | None = None
) -> list[tuple[str, AlterationCall]]:
    """`alkannot lookup`: each alteration as the lookup names it (a DNA-level change with the protein change it maps
    to), with the knowledge base's call for every inhibitor."""
    queries = [alterations] if isinstance(alterations, str) else list(alterations)
    return lookup_calls(queries, build, kb_dir)[1]


__all__ = ["map_variant", "annotate", "report", "lookup", "AnnotateOptions", "Consequence", "Survey"]
