"""The Python API that the command line wraps.

from alkannot import api
api.map_variant("GRCh38", "chr2", 29220747, "C", "T").hgvsp      # 'p.G1202R'
api.annotate("in.vcf.gz", "out.vcf.gz", build="auto", write_index="csi")
"""

from __future__ import annotations

from .annotate import annotate_file
from .consequence import Consequence, annotate_variant
from .options import AnnotateOptions
from .survey import Survey


def map_variant(build: str, chrom: str, pos: int, ref: str, alt: str) -> Consequence:
    """The ALK consequence of one allele (VCF conventions, 1-based position, plus strand)."""
    return annotate_variant(build, chrom, pos, ref, alt)


def annotate(input_path: str, output_path: str = "-", **options) -> Survey:
    """Annotate a VCF/BCF file; keyword options are those of AnnotateOptions."""
    return annotate_file(AnnotateOptions(input_path=input_path, output_path=output_path, **options))


__all__ = ["map_variant", "annotate", "AnnotateOptions", "Consequence", "Survey"]
