"""alkannot: ALK variant, resistance and fusion annotation for VCF/BCF files."""

__version__ = "0.1.0"
TRANSCRIPT = "NM_004304.5"
