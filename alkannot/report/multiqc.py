"""PREFIX_mqc.tsv: MultiQC custom content (a table section named 'alkannot').

MultiQC picks up files named *_mqc.tsv; the '#' header lines configure the section
(id, section_name, description, plot_type, pconfig).
"""

from __future__ import annotations

from .tsv import compound_text, mutation_text

COLUMNS = ("fusion", "alk_mutations", "compound", "mechanism", "pgp_check", "off_target", "progressed_on")


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
    for s in doc["samples"]:
        progressed = "unknown" if s["progressed_on"] is None else (" > ".join(s["progressed_on"]) or "none")
        values = [
            s["fusion"],
            "; ".join(mutation_text(m) for m in s["alk_mutations"]) or "none",
            compound_text(s["compound"]),
            s["mechanism"],
            s["pgp_check"],
            "; ".join(f"{o['gene']} {o['kind']}" for o in s["off_target"]),
            progressed,
        ]
        lines.append(_cell(s["sample"]) + "\t" + "\t".join(_cell(v) for v in values))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return path
