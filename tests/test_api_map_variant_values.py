"""api.map_variant with values htslib would never hand over, and api.annotate's threads (stop 52): an empty REF
mapped as an insertion ("c.3604_3605insA p.G1202Efs*83" for REF '' and ALT 'T'), a comma-joined ALT gave '.', a
position given as a str or a float and a chromosome as an int failed deep inside with a TypeError ("'<=' not
supported between instances of 'str' and 'int'"), a None REF with an AttributeError. Each is now an OptionProblem
naming the keyword; a whole number of another type (numpy's int64, as pandas reads a POS column) is taken as the int
it is."""

from __future__ import annotations

import pytest

from alkannot import api
from alkannot.errors import OptionProblem


class WholeNumber:
    """An integer type that is not int (numpy.int64 is one): usable as an index."""

    def __init__(self, value: int):
        self.value = value

    def __index__(self) -> int:
        return self.value


@pytest.mark.parametrize(
    "chrom, pos, ref, alt, keyword",
    [
        ("chr2", 29220747, "", "T", "ref"),
        ("chr2", 29220747, None, "T", "ref"),
        ("chr2", 29220747, "C", "", "alt"),
        ("chr2", 29220747, "C", "T,G", "alt"),
        ("chr2", "29220747", "C", "T", "pos"),
        ("chr2", 29220747.0, "C", "T", "pos"),
        ("chr2", True, "C", "T", "pos"),
        ("chr2", 0, "C", "T", "pos"),
        ("chr2", -5, "C", "T", "pos"),
        ("", 29220747, "C", "T", "chrom"),
        (2.0, 29220747, "C", "T", "chrom"),
    ],
)
def test_a_value_htslib_would_never_give_is_refused_with_its_keyword(chrom, pos, ref, alt, keyword):
    with pytest.raises(OptionProblem, match=f"^Invalid value for {keyword}: "):
        api.map_variant("GRCh38", chrom, pos, ref, alt)


@pytest.mark.parametrize(
    "chrom, pos",
    [("chr2", 29220747), ("2", 29220747), (2, 29220747), ("chr2", WholeNumber(29220747)), (WholeNumber(2), 29220747)],
)
def test_a_whole_number_of_any_integer_type_is_taken(chrom, pos):
    mapped = api.map_variant("GRCh38", chrom, pos, "C", "T")
    assert (mapped.hgvsc, mapped.hgvsp) == ("c.3604G>A", "p.G1202R")


def test_an_allele_in_lower_case_and_a_symbolic_allele_are_still_mapped_as_before():
    assert api.map_variant("hg38", "chr2", 29220747, "c", "t").hgvsp == "p.G1202R"
    symbolic = api.map_variant("GRCh38", "chr2", 29220747, "C", "<DEL>")
    assert (symbolic.hgvsc, symbolic.hgvsp) == (".", ".")


@pytest.mark.parametrize("threads", [-2, "2", 2.5, True])
def test_annotate_refuses_a_number_of_threads_the_command_line_refuses(tmp_path, threads):
    """api.annotate(threads=-2) ran, where `--threads -1` is exit 2, and threads="2" failed inside with a TypeError
    ("can only concatenate str (not "int") to str"), stop 52."""
    from pathlib import Path

    vcf = Path(__file__).parents[1] / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
    with pytest.raises(OptionProblem, match="^Invalid value for threads: "):
        api.annotate(vcf, tmp_path / "out.vcf.gz", threads=threads)
    assert list(tmp_path.iterdir()) == []
