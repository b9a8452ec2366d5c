"""What `annotate` without --report keeps of each sample's verdict: its ##alkannotSample line's text
(sample_header.SampleLines), the compound its ALTs are a part of (compound_info.CompoundAlleles) and the allele
fractions no --min-vaf tested (clonality_warning.UntestedVafs), so that the verdict itself is dropped as soon as
the next one is made (issue 13: 20,000 samples whose states all differ kept 20 KB each until the header was
written). The report set reads every verdict whole and keeps them all (annotate.py)."""

from __future__ import annotations

from .clonality_warning import UntestedVafs
from .compound_info import CompoundAlleles
from .sample_header import Identify, SampleLines
from .sample_types import SampleVerdict


class WrittenVerdicts:
    """The fold of one input's verdicts, in the input's order (verdicts.fold_survey_verdicts gives them to `add`)."""

    def __init__(self, identify: Identify) -> None:
        # `identify`: each source's PMID, DOI or PMC id in the lines' CallSources (rewrite.identifier)
        self.lines = SampleLines(identify)
        self.compounds = CompoundAlleles()
        self.untested = UntestedVafs()

    def add(self, verdict: SampleVerdict) -> None:
        self.lines.add(verdict)
        self.compounds.add(verdict)
        self.untested.add(verdict)


__all__ = ["WrittenVerdicts"]
