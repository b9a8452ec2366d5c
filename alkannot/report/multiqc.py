"""PREFIX_mqc.tsv: MultiQC custom content (a table section named 'alkannot').

MultiQC picks up files named *_mqc.tsv; the '#' header lines configure the section
(id, section_name, description, plot_type, pconfig).
"""

from __future__ import annotations

from .json_report import pgp_by_ihc, sample_labels
from .tsv import FLAGS, PGP_IHC_CANDIDATE, compound_text, mutation_text

# then the TSV's flag columns (tsv.FLAGS: resistant, alk_mutation_negative, assessable, pgp_triage,
# pgp_ihc_to_order), `true`/`false`
COLUMNS = ("fusion", "alk_mutations", "compound", "mechanism", "pgp_check", "off_target", "progressed_on", *FLAGS)


def _cell(value) -> str:
    text = " ".join(str(value).split()) if value not in (None, "") else "-"
    return text.replace("'", "’")


def write(doc: dict, path: str) -> str:
    kb = doc["knowledge_base"]
    lines = [
        "# id: 'alkannot'",
        "# section_name: 'alkannot: ALK inhibitor resistance'",
        f"# description: 'Per-sample ALK fusion status, ALK resistance mutations, mechanism and the P-glycoprotein "
        f"(ABCB1) check (alkannot {doc['alkannot_version']}, knowledge base {kb['version']}). Sources in the "
        "alkannot HTML/JSON report.'",
        "# plot_type: 'table'",
        "# pconfig:",
        "#     id: 'alkannot_table'",
        "#     title: 'alkannot: ALK resistance verdicts'",
        "#     namespace: 'alkannot'",
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
                [mutation_text(m) for m in s["alk_mutations"]] + [g["label"] for g in s.get("alk_copy_number", ())]
            )
            or "none",
            compound_text(s["compound"]),
            s["mechanism"],
            s["pgp_check"],
            # a positive ABCB1 IHC that counts, as the TSV's off_target_candidates says it (review of stop 32, 10)
            "; ".join([f"{o['gene']} {o['kind']}" for o in s["off_target"]] + [PGP_IHC_CANDIDATE] * pgp_by_ihc(s)),
            progressed,
            *("true" if s[flag] else "false" for flag in FLAGS),
        ]
        lines.append(_cell(name) + "\t" + "\t".join(_cell(v) for v in values))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return path
