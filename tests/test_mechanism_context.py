"""Clinical review of stop 42, findings 10 and 11: the machine-readable outputs said a bare `unexplained` for a
tumour that never progressed (or whose history is unknown) and a bare `on_target` for a tumour the sample sheet gives
as ALK-negative, where the HTML said "no progression recorded" and "not assessable (...); on-target ... if
ALK-driven". The JSON and the TSV keep the contract's `mechanism` (readers compare it exactly) and add
`mechanism_context` (schema 2.20); the TSV's `mechanism_qualified` and MultiQC's `mechanism` qualify the value in the
HTML's words.

Inputs: tests/data/stop43_mechanism_context (README) and the reviewer's tests/data/stop42_review_hc C11 and C13.
"""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

import pytest
from helpers import annotated_report

from alkannot.report.mechanism_words import mechanism_qualified
from alkannot.report.sample_boxes import MECHANISM_CONTEXTS, mechanism_context
from alkannot.report.tags import mechanism_tag

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "stop43_mechanism_context"
REVIEW = HERE / "data" / "stop42_review_hc"
SCHEMA = json.loads((HERE.parent / "alkannot" / "report" / "schema.json").read_text())

NONE = "no progression recorded: nothing to explain"
CHECK = "no progression recorded: check the treatment history"
UNKNOWN = "if progressed (treatment history unknown)"
# sample -> JSON/TSV mechanism, JSON/TSV mechanism_context, TSV mechanism_qualified and MultiQC mechanism, HTML tag
# (class, words)
EXPECTED = {
    "S1_none": (
        "unexplained",
        "no_progression",
        f"unexplained ({NONE})",
        ("no_progression", "no progression recorded"),
    ),
    # a resistance mutation with no progression recorded: its note asks to check the treatment history (clinical read
    # of stop 43, finding 5: "nothing to explain" beside it)
    "S2_none_G1202R": (
        "on_target",
        "no_progression",
        f"on_target ({CHECK})",
        ("no_progression", "no progression recorded (on-target: check the treatment history)"),
    ),
    "S3_unknown": (
        "unexplained",
        "no_history",
        f"unexplained {UNKNOWN}",
        ("unexplained", f"unexplained {UNKNOWN}"),
    ),
    "S4_ALKneg_G1202R": (
        "on_target",
        "not_assessable",
        "on_target if ALK-driven (not assessable: ALK status discordant, see the note)",
        (
            "not_assessable",
            "not assessable (ALK status discordant: see the note); on-target (ALK resistance mutation) if ALK-driven",
        ),
    ),
    "S5_ALKneg_L1240S": (
        "on_target_possible",
        "not_assessable",
        "on_target_possible if ALK-driven (not assessable: ALK-negative in the sample sheet)",
        ("not_assessable", "not assessable (ALK-negative in the sample sheet); on-target possible if ALK-driven"),
    ),
    # a control: a recorded progression
    "S6_alectinib": ("unexplained", "resistance", "unexplained", ("unexplained", "unexplained")),
    # no history with an on-target resistance mutation (`resistant` true): which drug G1202R explains is not known
    # (it would not explain a progression on lorlatinib), so it holds if the tumour progressed, as the P-gp check
    # `if_progressed` says (clinical read of stop 43, finding 6: a bare `on_target`, context `resistance`)
    "S7_unknown_G1202R": (
        "on_target",
        "no_history",
        # no --min-vaf in this run: counted at any allele fraction, 'if clonal' too (rev49, finding 1; the TSV and
        # MultiQC since rev50)
        f"on_target {UNKNOWN} and if clonal (no clonality cut-off set)",
        ("on_target", f"on-target (ALK resistance mutation) {UNKNOWN} and if clonal (no clonality cut-off set)"),
    ),
}


def _outputs(prefix: Path, vcf: Path, sheet: Path, *extra: str) -> tuple[dict, dict, dict, str]:
    """The JSON document's samples, the TSV rows and the MultiQC rows by sample, and the HTML page (unescaped)."""
    document, page = annotated_report(vcf, sheet, prefix, *extra)
    samples = {s["sample"]: s for s in document["samples"]}
    with open(f"{prefix}.tsv", newline="") as handle:
        tsv = {r["sample"]: r for r in csv.DictReader(handle, delimiter="\t")}
    lines = [line for line in Path(f"{prefix}_mqc.tsv").read_text().splitlines() if not line.startswith("#")]
    multiqc = {r["Sample"]: r for r in csv.DictReader(lines, delimiter="\t")}
    return {"doc": document, **samples}, tsv, multiqc, html.unescape(page)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    return _outputs(tmp_path_factory.mktemp("context") / "r", DATA / "in.vcf", DATA / "samples.tsv")


def _tags(page: str, sample: str) -> list[str]:
    """The mechanism tag of the card heading and of the cohort table's row."""
    heading = re.search(rf"<h3>{sample} (<span [^>]*>[^<]*</span>)", page).group(1)
    row = re.search(rf'<tr><td><a href="#s-{sample}">{sample}</a></td>.*?</tr>', page, re.S).group(0)
    return [heading, re.findall(r'<span class="tag [^"]+">[^<]*</span>', row)[0]]


@pytest.mark.parametrize("sample", list(EXPECTED))
def test_every_output_says_what_the_mechanism_is_about(scenario, sample):
    samples, tsv, multiqc, page = scenario
    mechanism, context, said, (key, words) = EXPECTED[sample]
    assert (samples[sample]["mechanism"], samples[sample]["mechanism_context"]) == (mechanism, context)
    row = tsv[sample]
    assert (row["mechanism"], row["mechanism_context"], row["mechanism_qualified"]) == (mechanism, context, said)
    assert multiqc[sample]["mechanism"] == said
    assert _tags(page, sample) == [f'<span class="tag {key}">{words}</span>'] * 2
    # the contract's value is the qualified words' first word, for a script that splits it off
    assert said.split(" ")[0] == mechanism


def test_recorded_none_is_told_from_an_unknown_history(scenario):
    """Finding 10: `progressed_on` none is a recorded fact (nothing to explain); an empty one is an unknown history
    (the mechanism holds if the tumour progressed, as the P-gp check `if_progressed` says)."""
    samples, tsv, _, page = scenario
    assert (tsv["S1_none"]["progressed_on"], tsv["S3_unknown"]["progressed_on"]) == ("none", "")
    assert (samples["S1_none"]["pgp_check"], samples["S3_unknown"]["pgp_check"]) == ("not_indicated", "if_progressed")
    assert samples["S1_none"]["resistant"] is samples["S3_unknown"]["resistant"] is False
    assert samples["doc"]["summary"]["mechanism"]["no_progression"] == ["S1_none", "S2_none_G1202R"]
    assert samples["doc"]["summary"]["mechanism"]["unexplained"] == ["S3_unknown", "S6_alectinib"]
    boxes = dict(
        re.findall(r'<div class="n">\d+</div><div><b>([^<]+)</b></div>\s*<div class="small">([^<]*)</div>', page)
    )
    unexplained = next(v for k, v in boxes.items() if k.startswith("Unexplained"))
    assert unexplained == "S3_unknown (if progressed: treatment history unknown), S6_alectinib"
    assert boxes["No progression recorded (nothing to explain)"] == (
        "S1_none, S2_none_G1202R (on-target: check the treatment history)"
    )
    assert "check the treatment history and that the change is somatic" in " ".join(samples["S2_none_G1202R"]["notes"])


def test_an_on_target_mutation_with_no_history_holds_if_progressed(scenario):
    """Finding 6 of the clinical read of stop 43: G1202R with the history unknown stays `resistant` (the contract's
    flag: with no history, mechanism on_target) and in the on-target box, named there as its card says it."""
    samples, tsv, _, page = scenario
    s = samples["S7_unknown_G1202R"]
    assert (s["resistant"], s["pgp_check"], s["progressed_on"]) == (True, "if_progressed", None)
    assert tsv["S7_unknown_G1202R"]["resistant"] == "true"
    assert samples["doc"]["summary"]["mechanism"]["on_target"] == ["S7_unknown_G1202R"]
    boxes = dict(
        re.findall(r'<div class="n">\d+</div><div><b>([^<]+)</b></div>\s*<div class="small">([^<]*)</div>', page)
    )
    on_target = next(v for k, v in boxes.items() if k.startswith("On-target:"))
    assert (
        on_target == "S7_unknown_G1202R (if progressed: treatment history unknown; if clonal: no clonality cut-off set)"
    )


def test_the_json_keeps_the_contract_enum_and_validates(scenario):
    samples = scenario[0]
    sample_schema = SCHEMA["properties"]["samples"]["items"]
    assert sample_schema["properties"]["mechanism"]["enum"] == [
        "on_target",
        "on_target_possible",
        "off_target_candidate",
        "unexplained",
    ]
    assert (
        sample_schema["properties"]["mechanism_context"]["enum"]
        == list(MECHANISM_CONTEXTS)
        == [
            "resistance",
            "no_progression",
            "no_history",
            "not_assessable",
        ]
    )
    assert "mechanism_context" in sample_schema["required"]
    document = samples["doc"]
    assert document["schema_version"] == SCHEMA["properties"]["schema_version"]["const"] == "2.31"
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(document, SCHEMA)


def test_the_tsv_columns_sit_after_in_sample_sheet(scenario):
    _, tsv, multiqc, _ = scenario
    header = list(tsv["S1_none"])
    assert header[header.index("in_sample_sheet") :] == [
        "in_sample_sheet",
        "mechanism_context",
        "mechanism_qualified",
        "inhibitor_call_sources",  # review of stop 46, item 2: after them, every earlier column in its place
    ]
    assert header.index("mechanism") == 10  # the earlier columns keep their positions
    assert list(multiqc["S1_none"])[4] == "mechanism"


# ---------------------------------------------------------------- the reviewer's scenarios
def test_c11_alk_negative_sheet_with_g1202r_is_no_bare_on_target(tmp_path):
    """Finding 11: the sheet gives ALK-negative by FISH, the tumour carries G1202R after alectinib."""
    folder = REVIEW / "C11_ALKneg_with_G1202R"
    samples, tsv, multiqc, page = _outputs(tmp_path / "c11", folder / "in.vcf", folder / "samples.tsv")
    said = "on_target if ALK-driven (not assessable: ALK status discordant, see the note)"
    assert (samples["C11_T"]["mechanism"], samples["C11_T"]["mechanism_context"]) == ("on_target", "not_assessable")
    assert samples["C11_T"]["assessable"] is False
    row = tsv["C11_T"]
    assert (row["mechanism"], row["mechanism_context"], row["mechanism_qualified"], row["assessable"]) == (
        "on_target",
        "not_assessable",
        said,
        "false",
    )
    assert multiqc["C11_T"]["mechanism"] == said
    heading = "not assessable (ALK status discordant: see the note); on-target (ALK resistance mutation) if ALK-driven"
    assert _tags(page, "C11_T") == [f'<span class="tag not_assessable">{heading}</span>'] * 2
    assert "Discordant: the sample sheet gives the tumour as ALK-negative" in tsv["C11_T"]["notes"]  # "the note"


def test_c13_no_history_is_unexplained_only_if_progressed(tmp_path):
    """Finding 10 (history unknown): ALK-positive, `progressed_on` empty, no ALK mutation, ABCB1 IHC positive."""
    folder = REVIEW / "C13_no_history_IHCpos"
    samples, tsv, multiqc, page = _outputs(
        tmp_path / "c13", folder / "in.vcf", folder / "samples.tsv", "--sv", str(folder / "sv.vcf")
    )
    said = f"unexplained {UNKNOWN}"
    assert (samples["C13_T"]["mechanism"], samples["C13_T"]["mechanism_context"]) == ("unexplained", "no_history")
    row = tsv["C13_T"]
    assert (row["mechanism"], row["mechanism_context"], row["mechanism_qualified"], row["pgp_check"]) == (
        "unexplained",
        "no_history",
        said,
        "if_progressed",
    )
    assert (multiqc["C13_T"]["mechanism"], multiqc["C13_T"]["progressed_on"]) == (said, "unknown")
    assert _tags(page, "C13_T") == [f'<span class="tag unexplained">unexplained {UNKNOWN}</span>'] * 2


# ---------------------------------------------------------------- the rule itself
@pytest.mark.parametrize(
    ("mechanism", "progressed_on", "context", "assessable", "expected"),
    [
        # ALK positivity in doubt comes first, as in the summary's boxes: an ALK-negative sheet that records no
        # progression is not assessable, and says that no progression is recorded (stop 48)
        ("unexplained", [], "alk_negative", False, ("not_assessable", "unexplained (not assessable: ALK-negative in "
                                                    "the sample sheet, no progression recorded)")),
        # a VUS in a tumour that never progressed: not 'on-target possible if ALK-driven' (stop 48)
        ("on_target_possible", [], "alk_not_established", True, ("not_assessable", "on_target_possible (not "
                                                                 "assessable: ALK positivity not shown, no "
                                                                 "progression recorded)")),
        ("on_target", [], "alk_negative", True, ("not_assessable", "on_target if ALK-driven (not assessable: "
                                                 "ALK-negative in the sample sheet, no progression recorded)")),
        # unexplained, nothing about ALK known: not assessable for want of any ALK evidence
        ("unexplained", ["crizotinib"], "after_affected", False, ("not_assessable", "unexplained (not assessable: no "
                                                                  "ALK evidence)")),
        ("off_target_candidate", None, "no_history", True, ("no_history", f"off_target_candidate {UNKNOWN}")),
        # an on-target mutation with no history: which drug it explains is not known (clinical read of stop 43,
        # finding 6), whether the P-gp check is if_progressed or (every P-gp drug explained) not_indicated
        ("on_target", None, "no_history", True, ("no_history", f"on_target {UNKNOWN}")),
        ("on_target", None, "explained_by_mutation", True, ("no_history", f"on_target {UNKNOWN}")),
        ("on_target", [], "no_progression", True, ("no_progression", f"on_target ({CHECK})")),
        ("on_target", ["alectinib"], "explained_by_mutation", True, ("resistance", "on_target")),
        ("off_target_candidate", [], "no_progression", True, ("no_progression", f"off_target_candidate ({NONE})")),
    ],
)  # fmt: skip
def test_the_context_and_the_cell(mechanism, progressed_on, context, assessable, expected):
    s = {"mechanism": mechanism, "progressed_on": progressed_on, "pgp": {"context": context}, "assessable": assessable}
    assert (mechanism_context(s), mechanism_qualified(s)) == expected
    if expected[0] == "not_assessable" and context == "after_affected":
        assert mechanism_tag(s) == {"key": "not_assessable", "label": "not assessable (no ALK evidence)"}
