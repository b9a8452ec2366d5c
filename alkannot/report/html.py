"""PREFIX.html: one self-contained page (inline CSS and SVG, no scripts, nothing fetched).

Reads the same document as PREFIX.json. Every value from the data is HTML-escaped.
"""
from __future__ import annotations

from html import escape

from ..bundle import read_tsv

COLOURS = {"sensitive": "#1a9850", "intermediate": "#fee08b", "resistant": "#d73027",
           "conflicting": "#984ea3", "unknown": "#d9d9d9"}
LABELS = {"on_target": "on-target (ALK resistance mutation)",
          "on_target_possible": "on-target possible",
          "off_target_candidate": "off-target candidate", "unexplained": "unexplained",
          "recommended": "P-gp check recommended", "low_yield": "P-gp check low yield",
          "if_progressed": "P-gp check if progressed",
          "not_indicated": "P-gp check not indicated"}
CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:24px;color:#222;max-width:1200px}
h1{font-size:1.6em;margin-bottom:4px}h2{border-bottom:2px solid #444;padding-bottom:3px;margin-top:32px}
.meta{color:#555;font-size:.9em}.disclaimer{background:#fff8e1;border-left:4px solid #f0ad4e;padding:8px 12px;margin:12px 0}
.summary{display:flex;flex-wrap:wrap;gap:12px}.box{border:1px solid #ccc;border-radius:6px;padding:10px 14px;min-width:200px;flex:1}
.box .n{font-size:2em;font-weight:bold}.box.pgp{border-color:#d9534f;background:#fdf2f2}
table{border-collapse:collapse;margin:8px 0;font-size:.92em;max-width:100%}td{overflow-wrap:break-word}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f0f0}.tag{display:inline-block;padding:1px 7px;border-radius:10px;font-size:.85em;border:1px solid #999}
.on_target{background:#fde0dd}.on_target_possible{background:#fff3cd}.off_target_candidate{background:#e0ecf8}.unexplained{background:#eee}
.recommended{background:#f8d7da;border-color:#d9534f;font-weight:bold}.if_progressed{background:#fff3cd}.not_indicated{background:#eee}
.low_yield{background:#eef2f7}.not_assessable{background:#f5f5f5}
.card{border:1px solid #bbb;border-radius:8px;padding:10px 16px;margin:16px 0;page-break-inside:avoid}
.card h3{margin:4px 0}.pgpnote{background:#fdf2f2;border-left:4px solid #d9534f;padding:6px 10px}
.offt{background:#eef5fb;border-left:4px solid #337ab7;padding:6px 10px}.small{font-size:.85em;color:#555}
.cat{color:#fff;padding:1px 6px;border-radius:4px}.cat.unknown,.cat.intermediate{color:#222}
"""


def _e(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def _tag(value: str) -> str:
    return f'<span class="tag {_e(value)}">{_e(LABELS.get(value, value))}</span>'


def _kinase_domain() -> tuple[int, int]:
    for row in read_tsv("transcript", "regions.tsv"):
        if row["region"] == "kinase_domain":
            return int(row["aa_start"]), int(row["aa_end"])
    raise LookupError("kinase_domain missing from resources/transcript/regions.tsv")


def _mutations_text(s: dict) -> str:
    parts = []
    for m in s["alk_mutations"]:
        vaf = "" if m["vaf"] is None else f" ({m['vaf']:.0%})"
        flag = " subclonal/low" if m["low_vaf"] else ""
        flag += f" FILTER={m['filter']}" if m["filter"] not in ("PASS", ".") else ""
        flag += " REF mismatch: no call" if m["ref_mismatch"] else ""
        parts.append(f"{m['protein_change']}{vaf}{flag}")
    text = ", ".join(parts) or "none found"
    if s["compound"]:
        text += f" — compound {'+'.join(s['compound']['changes'])}, {s['compound']['phase']}"
    return text


FIRST_IDS = 8   # a box names this many samples, then says how many more


def _ids(names: list[str]) -> str:
    shown = ", ".join(names[:FIRST_IDS])
    more = len(names) - FIRST_IDS
    return _e(shown) + (f" … and {more} more" if more > 0 else "") if names else "—"


MECHANISM_TITLES = {"on_target": "On-target: an ALK mutation explains the progression",
                    "on_target_possible": "On-target possible (subclonal, no data for the drug, or VUS)",
                    "off_target_candidate": "Off-target candidate (bypass alteration)",
                    "unexplained": "Unexplained (ALK-mutation-negative)",
                    "not_assessable": "Not assessable (no ALK evidence at all)"}
PGP_TITLES = {"recommended": "P-gp (ABCB1) check recommended", "low_yield": "P-gp check low yield",
              "if_progressed": "P-gp check if progressed (history unknown)",
              "not_indicated": "P-gp check not indicated"}


def _summary(doc: dict) -> str:
    """One row of boxes per question; every sample sits in exactly one box of each row."""
    sm = doc["summary"]

    def box(title: str, names: list[str], cls: str = "") -> str:
        return (f'<div class="box {cls}"><div class="n">{len(names)}</div><div><b>{_e(title)}</b></div>'
                f'<div class="small">{_ids(names)}</div></div>')

    mechanism = "".join(box(MECHANISM_TITLES[k], sm["mechanism"][k], k) for k in MECHANISM_TITLES)
    pgp = "".join(box(PGP_TITLES[k], sm["pgp_check"][k], "pgp" if k == "recommended" else k) for k in PGP_TITLES)
    return (f'<p class="small">Samples: {sm["samples"]}. Each sample is counted once in each row.</p>'
            f'<h3>What explains the resistance?</h3><div class="summary">{mechanism}</div>'
            f'<h3>Should P-gp (ABCB1) be checked?</h3><div class="summary">{pgp}</div>')


def _cohort_table(doc: dict) -> str:
    rows = []
    for s in doc["samples"]:
        progressed = "unknown" if s["progressed_on"] is None else (" → ".join(s["progressed_on"]) or "none")
        off = "; ".join(f"{o['gene']} {o['kind'].replace('_', ' ')}" for o in s["off_target"]) or "—"
        rows.append(f'<tr><td><a href="#s-{_e(s["sample"])}">{_e(s["sample"])}</a></td><td>{_e(s["fusion"])}</td>'
                    f'<td>{_e(s["alk_status"] or "—")}</td><td>{_e(progressed)}</td><td>{_e(_mutations_text(s))}</td>'
                    f'<td>{_tag(s["mechanism"])}</td><td>{_tag(s["pgp_check"])}</td><td>{_e(off)}</td></tr>')
    return ('<table><tr><th>Sample</th><th>Fusion</th><th>ALK status (sheet)</th><th>Progressed on</th>'
            '<th>ALK mutations (VAF)</th><th>Mechanism</th><th>P-gp check</th><th>Off-target candidates</th></tr>'
            + "".join(rows) + "</table>")


def _heatmap(doc: dict) -> str:
    samples = doc["samples"]
    if not samples:
        return "<p>No samples.</p>"
    drugs = list(samples[0]["inhibitors"])
    cell, left, top = 34, 150, 110
    width, height = max(left + cell * len(drugs) + 10, 640), top + cell * len(samples) + 92
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             'aria-label="samples by inhibitors heat map" font-size="12">']
    for j, drug in enumerate(drugs):
        x = left + j * cell + cell / 2
        parts.append(f'<text transform="translate({x},{top - 6}) rotate(-55)">{_e(drug)}</text>')
    for i, s in enumerate(samples):
        y = top + i * cell
        parts.append(f'<text x="{left - 6}" y="{y + cell / 2 + 4}" text-anchor="end">{_e(s["sample"])}</text>')
        for j, drug in enumerate(drugs):
            call = s["inhibitors"][drug]
            x = left + j * cell
            title = f"{s['sample']} / {drug}: {call['category']} ({call['basis']}); sources: {', '.join(call['sources']) or 'none'}"
            if call["progressed_on"]:
                title += "; the patient progressed on this inhibitor"
            if call["subclonal"]:
                title += "; rests on a subclonal/low-level mutation (below --min-vaf)"
            parts.append(f'<g><title>{_e(title)}</title><rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" '
                         f'fill="{COLOURS.get(call["category"], "#fff")}" stroke="#fff"/>')
            if call["progressed_on"]:
                parts.append(f'<rect x="{x + 1.5}" y="{y + 1.5}" width="{cell - 5}" height="{cell - 5}" fill="none" '
                             'stroke="#000" stroke-width="3"/>'
                             f'<text x="{x + cell / 2 - 1}" y="{y + cell / 2 + 4}" text-anchor="middle" '
                             'font-weight="bold" fill="#000">P</text>')
            if call["subclonal"]:
                parts.append(f'<text x="{x + cell - 5}" y="{y + 11}" text-anchor="end" font-size="11" '
                             'font-weight="bold" fill="#000">s</text>')
            parts.append("</g>")
    y = top + cell * len(samples) + 20
    occurring = {s["inhibitors"][d]["category"] for s in samples for d in drugs}
    for k, (name, colour) in enumerate((n, c) for n, c in COLOURS.items() if n in occurring):
        parts.append(f'<rect x="{10 + k * 110}" y="{y}" width="14" height="14" fill="{colour}"/>'
                     f'<text x="{28 + k * 110}" y="{y + 12}">{_e(name)}</text>')
    lines = []
    if any(s["inhibitors"][d]["progressed_on"] for s in samples for d in drugs):
        lines += ["P (framed) = the patient progressed on this inhibitor (sample sheet):",
                  "resistant for this patient whatever the genotype call (see the card)."]
    if any(s["inhibitors"][d]["subclonal"] for s in samples for d in drugs):
        lines.append("s = the call rests on a subclonal/low-level mutation (below --min-vaf).")
    for k, line in enumerate(lines):
        parts.append(f'<text x="10" y="{y + 34 + 16 * k}">{_e(line)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _kinase_map(doc: dict) -> str:
    start, end = _kinase_domain()
    found: dict[tuple[int, str], list[str]] = {}
    outside: list[str] = []
    for s in doc["samples"]:
        for m in s["alk_mutations"]:
            if m["aa_position"] is not None and start <= m["aa_position"] <= end:
                found.setdefault((m["aa_position"], m["protein_change"]), []).append(s["sample"])
            else:
                outside.append(f"{m['protein_change']} ({s['sample']})")
    width, left, right, base = 1100, 40, 40, 170
    scale = (width - left - right) / (end - start)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="230" role="img" '
             f'aria-label="ALK kinase domain {start}-{end} with the mutations found" font-size="12">',
             f'<rect x="{left}" y="{base}" width="{width - left - right}" height="22" rx="4" fill="#9ecae1" stroke="#3182bd"/>',
             f'<text x="{width / 2}" y="{base + 15}" text-anchor="middle">ALK kinase domain (residues {start}–{end})</text>']
    for tick in range(((start + 49) // 50) * 50, end + 1, 50):
        x = left + (tick - start) * scale
        parts.append(f'<line x1="{x}" y1="{base + 22}" x2="{x}" y2="{base + 28}" stroke="#333"/>'
                     f'<text x="{x}" y="{base + 42}" text-anchor="middle">{tick}</text>')
    most = max((len(names) for names in found.values()), default=1)
    step = 90 / most   # a stem's height is the number of samples carrying the change, nothing else
    for (pos, change), names in sorted(found.items()):
        x = left + (pos - start) * scale
        height = 20 + step * len(names)
        label = f"{change} ×{len(names)}"
        parts.append(f'<g><title>{_e(change)}: {len(names)} sample(s): {_e(", ".join(names))}</title>'
                     f'<line x1="{x}" y1="{base}" x2="{x}" y2="{base - height}" stroke="#b2182b"/>'
                     f'<circle cx="{x}" cy="{base - height}" r="5" fill="#b2182b"/>'
                     f'<text transform="translate({x + 4},{base - height - 7}) rotate(-40)">{_e(label)}</text></g>')
    parts.append("</svg>")
    note = f'<p class="small">Outside the kinase domain: {_e(", ".join(outside))}</p>' if outside else ""
    caption = ('<p class="small">Stem height = number of samples carrying the change.</p>' if found else
               '<p class="small">No kinase-domain mutation in these samples.</p>')
    return "".join(parts) + caption + note


def _cite(keys, sources: dict) -> str:
    out = []
    for key in keys:
        entry = sources.get(key) or {}
        pmid = entry.get("pmid")
        label = f"{key} (PMID {pmid})" if pmid and pmid not in key else key
        out.append(f'<a href="#src-{_e(key)}">{_e(label)}</a>')
    return ", ".join(out) or "—"


def _mutation_row(m: dict, sources: dict) -> str:
    vaf = "" if m["vaf"] is None else f"{m['vaf']:.3f} ({m['vaf_source']})"
    low = " <b>subclonal/low</b>" if m["low_vaf"] else ""
    low += " <b>REF disagrees with the reference: no call</b>" if m["ref_mismatch"] else ""
    return (f'<tr><td>{_e(m["protein_change"])}</td><td>{_e(m["hgvsc"])}</td><td>{_e(m["chrom"])}:{_e(m["pos"])} '
            f'{_e(m["ref"])}&gt;{_e(m["alt"])}</td><td>{_e(m["region"])}</td><td>{_e(m["resistance"])}</td>'
            f'<td>{_e(vaf)}{low}</td><td>{_e(m["depth"] or "")}</td><td>{_e(m["filter"])}</td>'
            f'<td>{_e(m["phase_set"] or "")}</td><td>{_cite(m["evidence"], sources)}</td></tr>')


def _card(s: dict, sources: dict) -> str:
    progressed = "unknown" if s["progressed_on"] is None else (" → ".join(s["progressed_on"]) or "none")
    muts = "".join(_mutation_row(m, sources) for m in s["alk_mutations"])
    mut_table = ('<table><tr><th>Change</th><th>HGVS c.</th><th>Record</th><th>Region</th><th>Resistance</th>'
                 '<th>VAF</th><th>Depth</th><th>FILTER</th><th>Phase</th><th>Evidence</th></tr>' + muts + "</table>"
                 if muts else "<p>No ALK mutation carried by this sample.</p>")
    compound = ""
    if s["compound"]:
        c = s["compound"]
        compound = (f'<p><b>Compound:</b> {_e("+".join(c["changes"]))} — phase <b>{_e(c["phase"])}</b> '
                    f'(from {_e(c["phase_method"])}); {_e(c["rule"])}</p>')
    calls = "".join(
        f'<tr><td>{_e(name)}{" <b>(progressed)</b>" if i["progressed_on"] else ""}</td>'
        f'<td><span class="cat {_e(i["category"])}" style="background:{COLOURS.get(i["category"], "#fff")}">'
        f'{_e(i["category"])}</span>{" (inferred)" if i["inferred"] else ""}'
        f'{" <b>(subclonal basis)</b>" if i["subclonal"] else ""}</td><td>{_e(i["basis"])}</td>'
        f'<td>{_e(", ".join(i["evidence_kinds"]))}</td><td>{_cite(i["sources"], sources)}</td><td>{_e(i["note"])}</td></tr>'
        for name, i in s["inhibitors"].items())
    off = "".join(f'<li><b>{_e(o["gene"])}</b> {_e(o["kind"].replace("_", " "))} at {_e(o["record"])}: '
                  f'{_e(o["statement"])} {"" if o["verified"] else "<i>(unverified)</i>"} '
                  f'[{_cite(o["sources"], sources)}]</li>' for o in s["off_target"])
    off_html = (f'<div class="offt"><b>Off-target candidates</b> (listed beside the P-gp check, not instead of it)'
                f'<ul>{off}</ul></div>' if off else "")
    notes = "".join(f"<li>{_e(n)}</li>" for n in s["notes"])
    extra = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in s["sample_sheet_extra"].items())
    fusion_calls = "".join(f"<li>{_e(c)}</li>" for c in s["fusion_calls"])
    return (f'<div class="card" id="s-{_e(s["sample"])}"><h3>{_e(s["sample"])} {_tag(s["mechanism"])} {_tag(s["pgp_check"])}</h3>'
            f'<p class="small">From {_e(s["source"])} ({_e(s["build"] or "build unknown")}; {_e(s["role"])})</p>'
            f'<p><b>Fusion:</b> {_e(s["fusion"])}; <b>ALK status (sample sheet):</b> {_e(s["alk_status"] or "not given")}; '
            f'<b>Progressed on:</b> {_e(progressed)}</p>'
            + (f"<ul>{fusion_calls}</ul>" if fusion_calls else "")
            + mut_table + compound
            + f'<div class="pgpnote"><b>P-gp (ABCB1) check: {_e(s["pgp_check"].replace("_", " "))}.</b> {_e(s["pgp"]["note"])}</div>'
            + off_html
            + f'<details open><summary>Predicted sensitivity per inhibitor</summary><table><tr><th>Inhibitor</th><th>Call</th>'
            f'<th>Basis</th><th>Evidence kind</th><th>Sources</th><th>Note</th></tr>{calls}</table></details>'
            + (f"<p><b>Notes</b></p><ul>{notes}</ul>" if notes else "")
            + (f"<table>{extra}</table>" if extra else "") + "</div>")


def _sources(doc: dict) -> str:
    items = []
    for key, entry in sorted(doc["sources"].items()):
        pmid = entry.get("pmid")
        link = (f' <a href="https://pubmed.ncbi.nlm.nih.gov/{_e(pmid)}/">PMID {_e(pmid)}</a>' if pmid else "")
        doi = f' doi:{_e(entry["doi"])}' if entry.get("doi") else ""
        items.append(f'<li id="src-{_e(key)}"><b>{_e(key)}</b>: {_e(entry.get("citation") or "")}{link}{doi}</li>')
    return "<ul>" + "".join(items) + "</ul>"


def render(doc: dict) -> str:
    kb = doc["knowledge_base"]
    inputs = ", ".join(f"{i['path']} ({i['build'] or 'build unknown'}; reported {', '.join(i['reported']) or 'none'}"
                       + (f"; normals left out: {', '.join(i['left_out'])}" if i["left_out"] else "") + ")"
                       for i in doc["inputs"])
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>alkannot report</title><style>{CSS}</style></head><body>"
            "<h1>ALK inhibitor resistance report</h1>"
            f'<p class="meta">alkannot {_e(doc["alkannot_version"])} · knowledge base {_e(kb["version"])} '
            f'({_e(kb["date"])}; SHA256 {_e(kb["sha256"])}) · inputs: {_e(inputs)}</p>'
            '<div class="disclaimer">Decision support for a molecular tumour board, not treatment advice. '
            'Every call summarises the named sources; intermediate comes only from a measured fold over wild '
            'type (knowledge base RULES.md); P-gp status '
            'cannot be read from a VCF and needs ABCB1 (P-gp) IHC.</div>'
            f"<h2>Cohort summary</h2>{_summary(doc)}"
            f"<h2>Cohort table</h2>{_cohort_table(doc)}"
            f"<h2>Samples × inhibitors</h2>{_heatmap(doc)}"
            f"<h2>ALK kinase domain: mutations found</h2>{_kinase_map(doc)}"
            "<h2>Samples</h2>" + "".join(_card(s, doc["sources"]) for s in doc["samples"])
            + f"<h2>Sources</h2>{_sources(doc)}</body></html>\n")


def write(doc: dict, path: str) -> str:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(render(doc))
    return path
