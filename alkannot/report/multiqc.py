"""PREFIX_mqc.tsv: MultiQC custom content (a table section named 'alkannot').

MultiQC picks up files named *_mqc.tsv; the '#' header lines configure the section
(id, section_name, description, plot_type, pconfig).
"""

from __future__ import annotations

from . import rows_to_say
from .input_labels import sample_labels
from .mechanism_words import mechanism_qualified
from .sample_boxes import pgp_by_ihc
from .tsv import FLAGS, PGP_IHC_CANDIDATE, compound_text, mutation_text

# then the TSV's flag columns (tsv.FLAGS: resistant, alk_mutation_negative, assessable, pgp_triage,
# pgp_ihc_to_order), `true`/`false`, then the genome build (added last, so that the earlier columns keep their
# positions)
COLUMNS = (
    "fusion",
    "alk_mutations",
    "compound",
    "mechanism",
    "pgp_check",
    "off_target",
    "progressed_on",
    *FLAGS,
    "build",
)


# what each column means, shown by MultiQC as the column's description (its `headers` config): the README's table
# columns in brief (README "Outputs")
DESCRIPTIONS = {
    # a merged table of per-run reports may mix builds (review of stop 46, item 3): the TSV's `build`
    "build": "the genome build of the sample's input (GRCh37 or GRCh38), as the TSV's build column; unknown where "
    "it could not be told",
    "fusion": "ALK fusion status: positive, negative (a rearrangement caller covered the sample), not_assessed, "
    "possible (confirm by IHC or RNA), positive_external (sample sheet)",
    "alk_mutations": "ALK changes on NM_004304.5, each as LABEL (resistance class; VAF x; flags), the TSV's "
    "LABEL(CLASS VAF=x FLAG...) in words",
    "compound": "ALK changes that may sit on one allele, with their phase",
    "mechanism": "what explains the latest progression: on_target, on_target_possible, off_target_candidate, "
    "unexplained; followed by (no progression recorded: nothing to explain; on_target: check the treatment "
    "history), if progressed (treatment history unknown) or if ALK-driven (not assessable: the reason) where it "
    "explains no recorded resistance",
    "pgp_check": "the P-glycoprotein (ABCB1) check: recommended, low_yield, if_progressed, not_indicated",
    "off_target": "off-target findings (bypass genes; TP53 as a co-alteration) as GENE KIND, and ABCB1 ihc_positive "
    "where a positive P-gp IHC in the sample sheet counts as a candidate",
    "progressed_on": "the ALK inhibitors progressed on, in order (sample sheet); unknown without a row",
    "resistant": "progressed on an ALK inhibitor; without a history, mechanism on_target; false where the sheet "
    "says none",
    "alk_mutation_negative": "mechanism off_target_candidate or unexplained, no ALK mutation counted, no ALK gain or "
    "counted kinase-domain deletion, no kinase-domain record left unevaluated",
    "assessable": "outside the Not assessable box: ALK positivity not in doubt, and something about ALK is known",
    "pgp_triage": "resistant, ALK positivity not in doubt, and no ALK change explains the latest progression (the P-gp "
    "triage list)",
    "pgp_ihc_to_order": "resistant, pgp_check recommended and no ABCB1 IHC in the sample sheet: send for P-gp (ABCB1) "
    "IHC now",
}


def _row_name(label: str) -> str:
    """The row's sample name, as a cell; a leading '#' written '＃': MultiQC reads a line that opens with '#' as
    its config (a sample named '#P7 T' emptied the whole table; pipeline review of stop 33, finding 2)."""
    name = _cell(label)
    return "＃" + name[1:] if name.startswith("#") else name


def _cell(value) -> str:
    text = " ".join(str(value).split()) if value not in (None, "") else "-"
    return text.replace("'", "’")


def write(doc: dict, path: str) -> str:
    kb = doc["knowledge_base"]
    unused = rows_to_say(doc)  # the sample-sheet rows not used that the section's description counts
    # a patient of the sheet with no row here is said where the table is read (cohort49b: only the JSON listed them)
    missing = (
        f" Sample sheet: {len(unused)} row(s) used by no sample of these inputs (a patient whose VCF is not among "
        "them, a name spelt otherwise, a source_vcf naming no input): listed in the alkannot JSON report "
        "(sheet_rows_not_used)."
        if unused
        else ""
    )
    lines = [
        "# id: 'alkannot'",
        "# section_name: 'alkannot: ALK inhibitor resistance'",
        f"# description: 'Per-sample ALK fusion status, ALK resistance mutations, mechanism and the P-glycoprotein "
        f"(ABCB1) check (alkannot {doc['alkannot_version']}, knowledge base {kb['version']}). Sources in the "
        f"alkannot HTML/JSON report.{missing}'",
        "# plot_type: 'table'",
        "# pconfig:",
        "#     id: 'alkannot_table'",
        "#     title: 'alkannot: ALK resistance verdicts'",
        "#     namespace: 'alkannot'",
        "# headers:",
        *(f"#     {c}:\n#         description: '{_cell(DESCRIPTIONS[c])}'" for c in COLUMNS),
        "Sample\t" + "\t".join(COLUMNS),
    ]
    names = sample_labels(doc["samples"])
    for s, name in zip(doc["samples"], names):
        agents = kb.get("agents") or {}  # drug names as people write them ('TPX-0131')
        progressed = (
            "unknown"
            if s["progressed_on"] is None
            else (" > ".join(agents.get(n, n) for n in s["progressed_on"]) or "none")
        )
        values = [
            s["fusion"],
            "; ".join(
                [mutation_text(m, phrases=True) for m in s["alk_mutations"]]
                + [g["label"] for g in s.get("alk_copy_number", ())]
            )
            or "none",
            compound_text(s["compound"]),
            mechanism_qualified(s),  # for people: the TSV's mechanism_qualified (clinical review of stop 42, 10 and 11)
            s["pgp_check"],
            # a positive ABCB1 IHC that counts, as the TSV's off_target_candidates says it (review of stop 32, 10)
            "; ".join([f"{o['gene']} {o['kind']}" for o in s["off_target"]] + [PGP_IHC_CANDIDATE] * pgp_by_ihc(s)),
            progressed,
            *("true" if s[flag] else "false" for flag in FLAGS),
            s["build"] or "unknown",
        ]
        lines.append(_row_name(name) + "\t" + "\t".join(_cell(v) for v in values))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return path
