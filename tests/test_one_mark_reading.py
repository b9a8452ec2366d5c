"""Stop 50 (arch50b): one place decides which of the knowledge base's marks a call carries and their order,
readings.mark_flags and readings.KB_MARK_WORDS. Before, ALK_CALL_QUALIFIERS (infokeys.call_qualifiers) had its own
tokens and order, a third copy beside lookup's (lookup_json.mark_flags) and the report's (sample_marks.MARK_WORDS)."""

from __future__ import annotations

import ast
import gzip
import inspect
import json

from helpers import run

from alkannot import infokeys, lookup_json, lookup_text, readings, sample_header, sample_types
from alkannot.report import sample_marks

# the predicates behind the marks (readings' functions, InhibitorCall.shows_dispute): only readings.mark_flags reads
# them
PREDICATES = {"marked_in_silico", "marked_preclinical", "marked_other_context", "case_report_label", "reviews_only"}


def _reads(module) -> set[str]:
    """The predicates `module` calls or imports, and whether it reads an InhibitorCall's shows_dispute."""
    tree = ast.parse(inspect.getsource(module))
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    names |= {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
    names |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "shows_dispute"}
    return names & (PREDICATES | {"shows_dispute"})


def test_only_readings_reads_the_marks_of_a_call():
    for module in (infokeys, lookup_json, lookup_text, sample_types, sample_marks, sample_header):
        assert not _reads(module), module.__name__
    assert infokeys.QUALIFIERS == tuple(readings.KB_MARK_WORDS)[1:]  # all but `inferred`, a compound's
    assert tuple(sample_marks.MARK_WORDS)[2:9] == tuple(readings.KB_MARK_WORDS) == sample_header.CALL_MARKS[2:9]


def test_the_qualifiers_order_is_the_one_the_header_line_gives():
    """The values, the ##INFO Description and the report's marks stand in one order (words48)."""
    assert infokeys.QUALIFIERS == (
        "sources_disagree",
        "in_silico",
        "preclinical_only",
        "case_report_only",
        "reviews_only",
        "other_context",
    )
    listed = infokeys.CALL_QUALIFIERS.description.split("the report's: ", 1)[1]
    positions = [listed.index(f"{code} (") for code in infokeys.QUALIFIERS]
    assert positions == sorted(positions)


def test_the_site_vcf_and_lookup_json_mark_every_call_alike(tmp_path):
    """Every mutation of the knowledge base's site VCF (`kb export --format vcf`): its ALK_CALL_QUALIFIERS are the
    marks `alkannot lookup --json` gives its calls, in the inhibitor table's order and QUALIFIERS'. lookup's JSON has
    no `other_context` key (its `context` says 'other'), so that mark is checked through `context`."""
    out = tmp_path / "kb.vcf.gz"
    assert run("kb", "export", "--format", "vcf", "--build", "GRCh38", "-o", out).returncode == 0
    written = {}
    for line in gzip.open(out, "rt"):
        if not line.startswith("#"):
            info = dict(kv.split("=", 1) for kv in line.rstrip("\n").split("\t")[7].split(";") if "=" in kv)
            written[info["ALK_HGVSP"]] = info.get("ALK_CALL_QUALIFIERS", ".")
    looked = run("lookup", *written, "--json", text=True)
    assert looked.returncode == 0, looked.stderr
    results = json.loads(looked.stdout)["results"]
    assert [r["query"] for r in results] == list(written)
    seen = set()
    for result in results:
        said = []
        for name, call in result["calls"].items():
            marks = {code: call.get(code) for code in infokeys.QUALIFIERS}
            marks["other_context"] = call["context"] == "other" and call["category"] not in ("unknown", "conflicting")
            said += [f"{name}:{code}" for code in infokeys.QUALIFIERS if marks[code]]
            seen |= {code for code in infokeys.QUALIFIERS if marks[code]}
        assert ("|".join(said) or ".") == written[result["query"]], result["query"]
    # the site VCF carries all six (L1256F in silico, G1269A sources disagree, R1275Q other context, ...)
    assert seen == set(infokeys.QUALIFIERS)


def test_the_sample_line_and_the_report_json_mark_every_call_alike(tmp_path):
    """README's example: each sample's ##alkannotSample Calls= qualifiers are the marks its report JSON gives each
    call, in CALL_MARKS' order; both read the verdict's knowledge-base marks from InhibitorVerdict.kb_marks (before,
    sample_header and report/sample_document each mapped the codes to the verdict's properties)."""
    from helpers import readme_example

    assert readme_example(tmp_path / "x").returncode == 0
    document = json.loads((tmp_path / "x.json").read_text())
    with gzip.open(tmp_path / "x.vcf.gz", "rt") as vcf:
        lines = [line for line in vcf if line.startswith("##alkannotSample=<ID=")]
    calls = {line.split("ID=", 1)[1].split(",", 1)[0]: line.split('Calls="', 1)[1].split('"', 1)[0] for line in lines}
    seen = set()
    for sample in document["samples"]:
        said = []
        for name, call in sample["inhibitors"].items():
            shown = [code for code in sample_header.CALL_MARKS if call.get(code)]
            if call.get("progressed_on") and call.get("resensitised"):
                shown.remove("progressed_on")  # the re-sensitised mark stands instead
            said.append(f"{name}:{call['category']}" + (f"({','.join(shown)})" if shown else ""))
            seen |= set(shown)
        assert ";".join(said) == calls[sample["sample"]], sample["sample"]
    assert {"inferred", "reviews_only", "progressed_on", "subclonal"} <= seen
    verdict = sample_types.InhibitorVerdict("crizotinib", "sensitive", "G1202R")
    assert [code for code in verdict.kb_marks() if code != readings.ONE_CASE_REPORT] == list(readings.KB_MARK_WORDS)
