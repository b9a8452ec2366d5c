#!/usr/bin/env python3
"""Regenerate resources/kb/{calls,notes,sources}.tsv, inhibitors.tsv and VERSION from shared/kb.

    python3 tools/build_kb.py [SHARED_KB_DIR] [--version V] [--date YYYY-MM-DD]

The runtime never runs this: alkannot reads only the bundled files. Every curation decision this
script makes (how a review-matrix cell becomes statements, which evidence kind a source gets, how
a CIViC item becomes a statement, which disease and fusion background a statement is about) is
listed in resources/kb/PROVENANCE.md; change both together. Statements and sources that the shared
files do not hold (read later, e.g. for the 2026-11 clinical review) are curated in
tools/kb_curation/*.tsv, each row with where it was read. thresholds.tsv, RULES.md and
PROVENANCE.md are written by hand.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

from alkannot.kbfiles import CALL_COLUMNS, NOTE_COLUMNS, SOURCE_COLUMNS  # the layout the runtime checks

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "kb"


CURATION = ROOT / "tools" / "kb_curation"


def _curated_inhibitors() -> tuple[str, ...]:
    """The inhibitors, in order: the rows of the project's inhibitor curation table (kb_curation/inhibitors_pgp.tsv),
    the one place the list is written; resources/kb/inhibitors.tsv, and from it every INFO key, report column and
    lookup, follow it."""
    with open(CURATION / "inhibitors_pgp.tsv", encoding="utf-8") as handle:
        rows = [line for line in handle if line.strip() and not line.startswith("#")]
    return tuple(line.split("\t", 1)[0] for line in rows[1:])


INHIBITORS = _curated_inhibitors()
CIVIC_THERAPY = {
    "Crizotinib": "crizotinib",
    "Ceritinib": "ceritinib",
    "Alectinib": "alectinib",
    "Brigatinib": "brigatinib",
    "Ensartinib": "ensartinib",
    "Lorlatinib": "lorlatinib",
    "Gilteritinib": "gilteritinib",
}
# evidence from patients: the statement's background is the patient's tumour
PATIENT_KINDS = ("clinical_trial", "clinical", "retrospective_clinical", "case_report")

# --- review matrix (mutations.tsv) -----------------------------------------------------------
# Canonical names of the matrix rows whose first column is not already one.
MATRIX_NAMES = {
    "EML4-ALK (no kinase-domain mutation; parental/WT reference)": "ALK fusion",
    "1151Tins (T1151_L1152insT; written 'I1151Tins' in LIN17T2 text)": "T1151dup",
    "ALK amplification / copy-number gain (on-target, not a point mutation)": "amplification",
}
VERSION_SOURCE = (
    "shared/kb (mutations.tsv review matrix, civic_alk_evidence.tsv = CIViC accepted evidence "
    "items (CC0), ic50.tsv, inhibitors.tsv, sources.md), tools/kb_curation/*.tsv (statements and "
    "sources read later, each with where it was read), thresholds.tsv (by hand, sourced); every "
    "statement's PMID / DOI / CIViC EID is in calls.tsv and sources.tsv"
)
MATRIX_KINDS = {"reference": "fusion"}
# Evidence kind of a source key in the matrix, unless the cell says otherwise (see PROVENANCE.md).
KEY_KIND = {
    "LIN17T2": "review",
    "SEED": "review",
    "CGI": "review",
    "MOA": "review",
    "FRI14": "preclinical",
    "KAT14": "preclinical",
    "CHOI10": "case_report",
    "MOL15": "preclinical",
    "INF16": "preclinical",
    "GAI16": "preclinical",
    "GAI13": "retrospective_clinical",
    "LIN18JTO": "retrospective_clinical",
    "PEL21": "preclinical",
    "REC20": "preclinical",
    "REG": "clinical_trial",
}
TRIAL_KEYS = {"KAZ14", "KWAK10", "KHO15", "SHAW14", "SOR17", "LAR16", "PET17", "HIDA17", "KIM17", "CAM18", "SOL18"}
PEL21_G1202R = (
    "background sentence of the NVL-655 conference abstract: 'A major resistance mutation to alectinib, "
    "brigatinib, and ceritinib is the ALK G1202R solvent front mutation' (review-level: a background "
    "statement, not the abstract's own data)"
)
# (alteration, inhibitor, source key) -> (evidence kind, category or None to keep, note)
CELL_OVERRIDES = {
    ("I1171T", "ceritinib", "KAT14"): (
        "case_report",
        None,
        "I1171T found at alectinib relapse; the patient then responded to ceritinib",
    ),
    ("I1171T", "alectinib", "KAT14"): ("case_report", None, "I1171T found in a patient relapsing on alectinib"),
    ("C1156Y", "crizotinib", "CHOI10"): (
        "case_report",
        None,
        "two secondary kinase-domain mutations in a patient relapsing on crizotinib",
    ),
    # clinical review 2026-11 section 4.1: the footnote is a caveat, not a 'mixed' vote
    ("G1202R", "brigatinib", "LIN17T2"): (
        "review",
        "unknown",
        "review footnote a, a caveat and not a vote: 'some activity' reported against "
        "G1202R, yet G1202R detected at brigatinib relapse, 'its potency may be "
        "compromised' (clinical review 2026-11 section 4.1)",
    ),
    ("G1202R", "brigatinib", "LIN18JTO"): (
        "retrospective_clinical",
        "resistant",
        "n=1: G1202R after alectinib, progressive disease as best response on brigatinib",
    ),
    # the abstract's background sentence names G1202R a resistance mutation to alectinib, brigatinib and
    # ceritinib (clinical review 2026-12, finding 6): review-level, as a background statement is (RULES.md 1)
    ("G1202R", "alectinib", "PEL21"): ("review", "resistant", PEL21_G1202R),
    ("G1202R", "brigatinib", "PEL21"): ("review", "resistant", PEL21_G1202R),
    # a general finding is not evidence about this mutation (RULES.md 3.7; clinical review 2026-11-30)
    ("G1202R", "lorlatinib", "GAI16"): (
        "preclinical",
        "unknown",
        "general finding, not G1202R-specific: ALK mutations in ceritinib-resistant "
        "patient-derived cells predicted lorlatinib sensitivity; listed, not a vote (RULES.md 3.7)",
    ),
    ("G1202R", "lorlatinib", "LIN17T2"): (
        "review",
        None,
        "review table lists G1202R as targeted (footnote not readable)",
    ),
    ("V1180L", "crizotinib", "KAT14"): ("preclinical", None, "alectinib-resistant cell-line model"),
    ("V1180L", "ceritinib", "KAT14"): ("preclinical", None, "alectinib-resistant cell-line model"),
    ("V1180L", "alectinib", "KAT14"): ("preclinical", None, "alectinib-resistant cell-line model"),
    ("C1156Y+L1198F", "lorlatinib", "LIN17T2"): (
        "review",
        None,
        "review table lists L1198F + C1156Y among reported lorlatinib resistance",
    ),
    ("L1198F", "crizotinib", "CGI"): (
        "case_report",
        None,
        "CGI curation of PMID 26698910; in CIViC (EID844) that patient carried "
        "C1156Y+L1198F, so the response was seen with the compound, not L1198F alone",
    ),
    ("ALK fusion", "ensartinib", "REG"): (
        "clinical_trial",
        None,
        "FDA approval 2024-12-18 for ALK+ NSCLC without prior ALK inhibitor",
    ),
}
NOTE_BY_KEY = {
    ("LIN17T2", "sensitive"): "review table: listed as a mutation the inhibitor targets",
    ("LIN17T2", "resistant"): "review table: listed among reported resistance mutations",
    ("CGI", None): "CGI curation",
    ("FRI14", None): "read via the MOAlmanac description",
    ("SEED", None): "press release on KAT16 (secondary)",
    ("MOL15", None): "title statement",
    ("REC20", None): "compound found at lorlatinib resistance; differential lorlatinib susceptibility, "
    "direction not stated in the abstract",
    ("GAI13", None): "ALK amplification in 3/29 crizotinib-resistant re-biopsies",
    ("PEL21", None): "NVL-655 conference abstract (text truncated)",
    ("KAT14", None): "cell models",
}
# disease and ALK background of a matrix source's statements (PROVENANCE.md); the matrix is about
# ALK-rearranged NSCLC unless the source says otherwise
CONTEXT_BY_KEY = {
    "MOL15": ("ALCL", "NPM-ALK"),
    "INF16": ("neuroblastoma", "full-length ALK"),
    "CGI": ("not recorded", "not recorded"),
    "CHOI10": ("NSCLC", "EML4-ALK"),
}
# a CGI cell whose evidence is a drug's approval says nothing about the mutation (clinical review
# 2026-11 sections 1 and 4.8): kept as a listed statement that does not vote
APPROVAL_ONLY = "'FDA guidelines'"
APPROVAL_NOTE = (
    "approval-only evidence ('FDA guidelines': the drug's approval, PMID 24670165 the ceritinib "
    "phase 1 trial), not evidence about this mutation: listed, not a vote (clinical review 2026-11 "
    "sections 1 and 4.8)"
)


def split_top(text: str, sep: str = ";") -> list[str]:
    """Split on `sep` outside parentheses."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def parse_token(token: str) -> tuple[str, list[str], list[str]]:
    """'CGI(case report;PMID:1)' -> ('CGI', ['1'], ['case report'])."""
    m = re.fullmatch(r"([A-Z0-9_]+)(?:\((.*)\))?", token.strip())
    if not m:
        raise ValueError(f"unparsed source token {token!r}")
    key, inner = m.group(1), m.group(2) or ""
    pmids = re.findall(r"PMID:(\d+)", inner)
    words = [w.strip() for w in re.split(r";", re.sub(r"PMID:\d+", "", inner)) if w.strip()]
    return key, pmids, words


def kind_for(key: str, words: list[str]) -> str:
    text = " ".join(words).lower()
    if "case report" in text:
        return "case_report"
    if "pre-clinical" in text:
        return "preclinical"
    if key in TRIAL_KEYS:
        return "clinical_trial"
    return KEY_KIND[key]


def matrix_statements(path: Path) -> list[dict]:
    rows = list(csv.DictReader(open(path, newline="", encoding="utf-8"), delimiter="\t"))
    out = []
    for row in rows:
        written = row["alteration"]
        name = MATRIX_NAMES.get(written, written)
        if row["kind"] == "compound":
            name = canonical_compound(name.split("+"))
        kind = MATRIX_KINDS.get(row["kind"], row["kind"])
        for inhibitor in INHIBITORS:
            category = row[f"{inhibitor}_category"].strip()
            cell = row[f"{inhibitor}_sources"].strip()
            if not cell:
                continue
            base = dict(
                alteration=name,
                alteration_as_written=written,
                kind=kind,
                inhibitor=inhibitor,
                origin=f"mutations.tsv:{written.split(' ')[0]}:{inhibitor}",
            )
            if cell.startswith("inferred:"):
                # the matrix linked a single-mutation case report to this compound; recorded as such
                for token in split_top(cell[len("inferred:") :].strip(), "+"):
                    key, pmids, words = parse_token(token)
                    out.append(
                        statement(
                            base,
                            key,
                            category,
                            pmids,
                            words,
                            note_extra="matrix inference: cited for L1198F alone, linked to this compound; "
                            "the Shaw 2016 NEJM paper itself was not accessible to the "
                            "curators - verify before use",
                        )
                    )
                continue
            if " vs " in cell:
                left, right = cell.split(" vs ")
                for token, cat in ((left, "resistant"), (right, "sensitive")):
                    key, pmids, words = parse_token(token)
                    note = {
                        "resistant": "review table: listed among reported resistance mutations",
                        "sensitive": "CGI curation: responsive, evidence level 'FDA guidelines'",
                    }[cat]
                    if APPROVAL_ONLY in token:
                        cat, note = "unknown", APPROVAL_NOTE
                    out.append(statement(base, key, cat, pmids, words, note_override=note))
                continue
            for token in split_top(cell):
                key, pmids, words = parse_token(token)
                out.append(statement(base, key, category or "unknown", pmids, words))
    return out


def statement(
    base: dict,
    key: str,
    category: str,
    pmids: list[str],
    words: list[str],
    note_extra: str = "",
    note_override: str = "",
) -> dict:
    kind = kind_for(key, words)
    note = NOTE_BY_KEY.get((key, category)) or NOTE_BY_KEY.get((key, None), "")
    override = CELL_OVERRIDES.get((base["alteration"], base["inhibitor"], key))
    if override:
        kind, new_category, note = override[0], override[1] or category, override[2]
        category = new_category
    if note_override:
        note = note_override
    if key == "CGI":
        detail = [w for w in words if w not in ("case report", "pre-clinical")]
        note = note + (f" ({', '.join(detail)})" if detail and not note_override else "")
    if note_extra:
        note = f"{note}; {note_extra}" if note else note_extra
    disease, background = CONTEXT_BY_KEY.get(key, ("NSCLC", "ALK fusion"))
    return dict(
        base,
        category=category,
        evidence_kind=kind,
        sources=key,
        pmids=";".join(pmids),
        disease=disease,
        background=patient_background(background, kind),
        note=note,
    )


def patient_background(background: str, kind: str) -> str:
    """'EML4-ALK' -> 'EML4-ALK (patient tumour)' for evidence from patients."""
    if kind in PATIENT_KINDS and background != "not recorded" and "(" not in background:
        return f"{background} (patient tumour)"
    return background


# --- CIViC evidence items ----------------------------------------------------------------------
# CIViC's residue-level variant "ALK I1171" names no change; its items are assigned to the change
# the kb says they describe (PROVENANCE.md: ic50.tsv rows for EID1287/EID1344, the KAT14 rows of
# mutations.tsv for PMID 25228534, civic_alk_variants.tsv note for EID1367/EID1368).
I1171_ITEMS = {
    "EID1283": "I1171T",
    "EID1284": "I1171T",
    "EID1287": "I1171T",
    "EID1344": "I1171T",
    "EID1367": "I1171N",
    "EID1368": "I1171N",
}
LEVEL_KIND = {"A": "clinical_trial", "B": "clinical", "C": "case_report", "D": "preclinical", "E": "inferential"}
# CIViC disease -> alkannot's disease vocabulary (RULES.md section 3)
DISEASES = {
    "Lung Non-small Cell Carcinoma": "NSCLC",
    "Lung Adenocarcinoma": "NSCLC",
    "Cancer": "cancer (unspecified)",
    "Neuroblastoma": "neuroblastoma",
    "Inflammatory Myofibroblastic Tumor": "inflammatory myofibroblastic tumour",
    "Malignant Pleural Mesothelioma": "pleural mesothelioma",
}
# Items whose description (read in the CIViC export, PROVENANCE.md) names the model where CIViC's
# fields do not: eid -> background
CIVIC_BACKGROUND = {
    "EID32": "RANBP2-ALK (Ba/F3)",
    "EID33": "EML4-ALK (Ba/F3)",
    "EID38": "EML4-ALK (Ba/F3)",
    "EID37": "full-length ALK (KELLY neuroblastoma cells)",
    "EID125": "full-length ALK (neuroblastoma cell lines)",
    "EID143": "full-length ALK (neuroblastoma cell lines)",
}
# Items the clinical review re-read: eid -> (category, note). EID38's text reads "High levels of
# crizotinib can overcome drug resistance of Ba/F3 cells expressing the EML4-ALK fusion containing
# the F1174L mutation": high-dose rescue of resistance, not a sensitivity claim.
CIVIC_REREAD = {
    "EID38": (
        "unknown",
        "describes high-dose rescue of resistance ('high levels of crizotinib can overcome drug "
        "resistance'), not sensitivity: listed, not a vote (clinical review 2026-11 sections 1 and 4.6)",
    ),
}


def civic_disease(name: str, eid: str) -> str:
    if name not in DISEASES:
        raise SystemExit(f"{eid}: disease {name!r} has no entry in DISEASES; decide and document it first")
    return DISEASES[name]


def civic_background(item: dict, disease: str) -> str:
    """The ALK form the item is about: its fusion, or full-length ALK (neuroblastoma)."""
    if item["evidence_id"] in CIVIC_BACKGROUND:
        return CIVIC_BACKGROUND[item["evidence_id"]]
    fusion = item["fusion_context"]
    if fusion.startswith("EML4::ALK"):
        return "EML4-ALK"
    m = re.match(r"([A-Z0-9]+)::ALK Fusion", fusion)
    if m:
        return f"{m.group(1)}-ALK"
    if fusion == "v::ALK Fusion" or disease == "NSCLC":
        return "ALK fusion (partner not stated)"
    if disease == "neuroblastoma":
        return "full-length ALK"
    return "not recorded"


# EML4::ALK exon junction (CIViC) -> alkannot variant name (resources/genome/eml4_alk_variants.tsv)


def eml4_variant_names() -> dict[str, str]:
    with open(ROOT / "resources" / "genome" / "eml4_alk_variants.tsv", encoding="utf-8") as handle:
        rows = csv.DictReader([l for l in handle if not l.startswith("#")], delimiter="\t")
        return {f"e{r['eml4_exon']}::e{r['alk_exon']}": r["variant"] for r in rows}


def position(change: str) -> int:
    return int(re.search(r"\d+", change).group())


def canonical_compound(changes: list[str]) -> str:
    return "+".join(sorted(changes, key=position))


def civic_statements(path: Path, trial_pmids: set[str]) -> tuple[list[dict], list[str]]:
    out, skipped = [], []
    variants = eml4_variant_names()
    for item in csv.DictReader(open(path, newline="", encoding="utf-8"), delimiter="\t"):
        eid, profile = item["evidence_id"], item["molecular_profile"]
        therapies = [t.strip() for t in item["therapies"].split(";")]
        ours = [CIVIC_THERAPY[t] for t in therapies if t in CIVIC_THERAPY]
        if item["evidence_type"] != "Predictive" or not ours:
            skipped.append(f"{eid}\tnot predictive, or no alkannot inhibitor among {item['therapies']!r}")
            continue
        if item["therapy_interaction_type"] == "Combination":
            skipped.append(f"{eid}\tcombination therapy ({item['therapies']}), not single-agent evidence")
            continue
        kd = [m for m in item["alk_kd_mutations"].split(";") if m]
        if kd:
            kd = [I1171_ITEMS[eid] if m == "I1171" else m for m in kd]
            alteration = canonical_compound(kd)
            kind = "compound" if len(kd) > 1 else ("insertion" if kd[0].endswith("dup") else "missense")
        elif "Amplification" in profile:
            alteration, kind = "amplification", "amplification"
        elif re.fullmatch(r"(EML4|v)::ALK (Fusion|e\d+::e\d+)", profile):
            if "Lung" not in item["disease"]:
                skipped.append(f"{eid}\tfusion item outside lung cancer ({item['disease']})")
                continue
            junction = re.search(r"e\d+::e\d+", profile)
            alteration = f"EML4::ALK {variants[junction.group()]}" if junction else "ALK fusion"
            kind = "fusion"
        else:
            skipped.append(f"{eid}\tprofile {profile!r} is not a kinase-domain mutation, amplification or lung fusion")
            continue
        significance, direction = item["significance"], item["evidence_direction"]
        if significance == "Resistance" and direction == "Supports":
            category, note = "resistant", "CIViC: resistance"
        elif significance == "Sensitivity/Response" and direction == "Supports":
            category, note = "sensitive", "CIViC: sensitivity/response"
        elif significance == "Sensitivity/Response" and direction == "Does not support":
            category, note = (
                "resistant",
                "CIViC: does not support sensitivity (no sensitivity seen; votes against sensitive, RULES.md 2)",
            )
        else:
            raise SystemExit(f"{eid}: {significance}/{direction} has no rule; decide and document it first")
        level = item["evidence_level"]
        evidence_kind = LEVEL_KIND[level]
        if level == "B" and (item["pmid"] in trial_pmids or item["nct_ids"]):
            evidence_kind = "clinical_trial"
        if item["therapy_interaction_type"]:
            note += f"; therapies {item['therapy_interaction_type'].lower()}: {item['therapies']}"
        if eid in CIVIC_REREAD:
            category, reread = CIVIC_REREAD[eid]
            note = f"{note}; {reread}"
        disease = civic_disease(item["disease"], eid)
        background = patient_background(civic_background(item, disease), evidence_kind)
        for inhibitor in ours:
            out.append(
                dict(
                    alteration=alteration,
                    alteration_as_written=profile,
                    kind=kind,
                    inhibitor=inhibitor,
                    category=category,
                    evidence_kind=evidence_kind,
                    sources="CIVIC",
                    pmids=item["pmid"],
                    civic_eid=eid,
                    evidence_level=f"CIViC {level}, rating {item['rating']}",
                    disease=disease,
                    background=background,
                    origin=f"civic_alk_evidence.tsv:{eid}",
                    note=note,
                )
            )
    return out, skipped


# --- IC50 measurements ------------------------------------------------------------------------
def ic50_alteration(text: str) -> str | None:
    m = re.match(r"([A-Z]\d{4}(?:[A-Z]|dup))\b", text)
    return m.group(1) if m else None


def parse_fold(text: str) -> str:
    m = re.fullmatch(r"~?([\d.]+)x WT(?: v1)?", text.strip())
    return m.group(1) if m else ""


def ic50_background(text: str) -> str:
    """ic50.tsv's fusion_background in alkannot's words: 'EML4-ALK variant 3' -> 'EML4-ALK v3'."""
    text = re.sub(r"\s*\((?:as written|H2228|MGH021-4|neuroblastoma)\)", "", text)
    text = re.sub(r"E6a;A20 \(variant 3a\)", "v3a", text)
    text = re.sub(r"variant (\w+)/3b", r"v\1/b", text)
    text = re.sub(r"variant ", "v", text)
    if text.startswith("patient ALK fusion"):
        return "ALK fusion (partner not stated)"
    return text


def fold_fields(stated: str, ic50: str, wt: str, qualifier: str) -> dict:
    """The fold over wild type as stated, else the quotient of the item's own mutant and wild-type
    IC50s in the same background (RULES.md section 3.3); never across items."""
    if stated:
        return {"fold_vs_wt": stated, "fold_basis": "stated"}
    if ic50 and wt and not qualifier:
        return {
            "fold_vs_wt": f"{float(ic50) / float(wt):.1f}",
            "fold_basis": "computed: ic50_nM / wt_ic50_nM, same item and background",
        }
    return {"fold_vs_wt": "", "fold_basis": ""}


def attach_ic50(statements: list[dict], path: Path) -> list[dict]:
    rows = list(csv.DictReader(open(path, newline="", encoding="utf-8"), delimiter="\t"))
    wt = {}
    for r in rows:
        if r["alteration"].startswith("WT") and r["unit_as_written"] in ("nM", "nmol/L"):
            wt[(r["civic_eid"], r["inhibitor"], r["fusion_background"])] = r["ic50_nM"]
    out = list(statements)
    for r in rows:
        alteration, inhibitor = ic50_alteration(r["alteration"]), r["inhibitor"]
        if alteration is None or inhibitor not in INHIBITORS:
            continue
        in_nm = r["unit_as_written"] in ("nM", "nmol/L")
        fold = parse_fold(r["fold_vs_wt_as_stated"])
        assay = r["assay_cell_system"]
        if "v1" in r["fold_vs_wt_as_stated"]:
            assay += "; fold vs WT variant 1"
        extra = ""
        if not in_nm:
            extra = f"IC50 {r['value_as_written']} {r['unit_as_written']}"
            wt_text = next(
                (
                    w
                    for w in rows
                    if w["alteration"].startswith("WT")
                    and w["civic_eid"] == r["civic_eid"]
                    and w["inhibitor"] == inhibitor
                    and w["unit_as_written"] not in ("nM", "nmol/L")
                ),
                None,
            )
            if wt_text:
                extra += f", WT {wt_text['value_as_written']} {wt_text['unit_as_written']}"
        m = re.search(r"~(\d+)-fold more (\w+) than WT", r["notes"])
        wt_value = wt.get((r["civic_eid"], inhibitor, r["fusion_background"]), "")
        ic50 = r["ic50_nM"] if in_nm else ""
        measurement = dict(
            measure=r["measure"],
            ic50_nM=ic50,
            ic50_qualifier=r["qualifier"],
            wt_ic50_nM=wt_value,
            assay=assay,
            background=ic50_background(r["fusion_background"]),
            **fold_fields(fold, ic50, wt_value, r["qualifier"]),
        )
        target = [
            s
            for s in out
            if s.get("civic_eid") == r["civic_eid"] and s["inhibitor"] == inhibitor and s["alteration"] == alteration
        ]
        if target:
            first = target[0]
            if first.get("measure"):
                row = dict(first, **measurement, origin=f"ic50.tsv:{r['civic_eid']}:{inhibitor}")
                row["note"] = "; ".join(x for x in (first["note"], extra) if x)
                out.insert(out.index(target[-1]) + 1, row)
            else:
                first.update(measurement)
                if extra:
                    first["note"] = f"{first['note']}; {extra}"
        else:
            host = next((s for s in out if s.get("civic_eid") == r["civic_eid"]), None)
            about = host["inhibitor"] if host else "another agent"
            out.append(
                dict(
                    alteration=alteration,
                    alteration_as_written=r["alteration"],
                    kind="insertion" if alteration.endswith("dup") else "missense",
                    inhibitor=inhibitor,
                    category="unknown",
                    evidence_kind="preclinical",
                    sources="CIVIC",
                    pmids=r["source_pmid"],
                    civic_eid=r["civic_eid"],
                    evidence_level=host["evidence_level"] if host else "",
                    disease=host["disease"] if host else "not recorded",
                    origin=f"ic50.tsv:{r['civic_eid']}:{inhibitor}",
                    **measurement,
                    note="; ".join(
                        x
                        for x in (
                            f"comparator measured in an item about {about}; no category stated for {inhibitor}",
                            extra,
                        )
                        if x
                    ),
                )
            )
        if m and m.group(2) == inhibitor:
            # the same item states a fold change in Ba/F3 without an absolute value
            base = target[0] if target else out[-1]
            out.insert(
                out.index(base) + 1,
                dict(
                    base,
                    measure="IC50",
                    ic50_nM="",
                    ic50_qualifier="",
                    fold_vs_wt=f"~{m.group(1)}",
                    fold_basis="stated (approximate)",
                    wt_ic50_nM="",
                    assay="Ba/F3 EML4-ALK " + alteration,
                    background="EML4-ALK",
                    origin=f"ic50.tsv:{r['civic_eid']}:{inhibitor}:notes",
                ),
            )
    return out


# --- inhibitors and sources ---------------------------------------------------------------------
INHIBITOR_NAMES = {"TPX-0131": "tpx0131"}
PGP_COLUMNS = (
    "abcb1_transport",
    "abcb1_transport_sources",
    "abcb1_transport_note",
    "pgp_confers_resistance",
    "pgp_confers_resistance_sources",
    "pgp_confers_resistance_note",
)
INHIBITOR_COLUMNS = (
    "inhibitor",
    "agent",
    "names",
    "agent_class",
    "generation",
    "generation_sources",
    "approval_us",
    "approval_us_indications",
    "approval_us_sources",
    "approval_eu",
    "approval_eu_indications",
    "approval_eu_sources",
    "approval_jp",
    "approval_jp_sources",
    "approval_ca",
    "approval_ca_sources",
    *PGP_COLUMNS,
    "bcrp_note",
    "bcrp_sources",
    "cns_activity",
    "cns_sources",
    "dose",
    "dose_sources",
    "notes",
)
# Project-side curation beside shared/kb: the two P-gp properties per inhibitor and the extra sources they cite
# (each row says where it was read).


def source_keys(text: str) -> str:
    keys = [parse_token(t)[0] for t in split_top(text) if t and not t.startswith("not ")]
    return ";".join(keys)


def read_curation(name: str) -> list[dict]:
    with open(CURATION / name, newline="", encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def reader_remarks(text: str) -> str:
    """A curator's '- verify' becomes what it tells the reader: the value was not checked against the current
    label ('... was not retrieved - verify' -> '... was not retrieved: check the current label'); the uncertainty
    stays, in a reader's words (KB audit 2026-12-01, finding 8)."""
    return re.sub(r"\s*[-—;,]?\s*\bverify\b[^;.]*", ": check the current label", text).strip()


def inhibitor_names(synonyms: str) -> tuple[str, list[str]]:
    """'PF-06463922; Lorbrena/Lorviqua' -> ('PF-06463922;Lorbrena;Lorviqua', []). A name the shared table
    qualifies in parentheses ('BMS-986299 (per datalookout.com)') is not confirmed: it is returned apart, with
    its remark, and never used to match names (KB audit 2026-12-01, finding 3)."""
    names, unconfirmed = [], []
    for n in (n.strip() for n in re.split(r"[;/]", synonyms)):
        remark = re.search(r"\((.*?)\)", n)
        bare = re.sub(r"\(.*?\)", "", n).strip()
        if not bare:
            continue
        if remark:
            unconfirmed.append(f"{bare} ({remark.group(1).strip()})")
        else:
            names.append(bare)
    return ";".join(names), unconfirmed


def weak_sources(text: str) -> list[str]:
    """The keys a source cell marks weak ('PEL21(weak)' -> ['PEL21'])."""
    out = []
    for token in split_top(text):
        key, _, words = parse_token(token)
        if any("weak" in w.lower() for w in words):
            out.append(key)
    return out


def build_inhibitors(path: Path) -> list[dict]:
    pgp = {r["inhibitor"]: r for r in read_curation("inhibitors_pgp.tsv")}
    out = []
    for r in csv.DictReader(open(path, newline="", encoding="utf-8"), delimiter="\t"):
        name = INHIBITOR_NAMES.get(r["agent"], r["agent"])
        if name not in INHIBITORS:
            continue
        names, unconfirmed = inhibitor_names(r["synonyms_codes"])
        if r["agent"] != name:  # 'TPX-0131' is written so in the sources; 'tpx0131' is alkannot's key
            names = ";".join(n for n in [r["agent"]] + names.split(";") if n)
        notes = r["notes"]
        if unconfirmed:
            said = "; ".join(unconfirmed)
            notes = f"{notes} Synonym not confirmed, not used to match names: {said}.".strip()
        cns = r["cns_activity"]
        weak = weak_sources(r["cns_source"])
        if weak:  # the shared table's confidence mark on its source, kept in the reader's words
            cns = f"{cns}; a weak source ({', '.join(weak)}), as the shared table marks it"
        out.append(
            {
                "inhibitor": name,
                "agent": r["agent"],
                "names": names,
                "agent_class": r["agent_class"],
                "generation": r["generation"],
                "generation_sources": source_keys(r["generation_source"]),
                "approval_us": r["us_first_approval"],
                "approval_us_indications": r["us_firstline_or_later_indications"],
                "approval_us_sources": source_keys(r["us_source"]),
                "approval_eu": r["eu_first_approval"],
                "approval_eu_indications": r["eu_firstline_or_later_indications"],
                "approval_eu_sources": source_keys(r["eu_source"]),
                "approval_jp": r["jp_approval"],
                "approval_jp_sources": source_keys(r["jp_source"]),
                "approval_ca": r["canada_first_document_date"],
                "approval_ca_sources": source_keys(r["canada_source"]),
                **{column: pgp[name][column] for column in PGP_COLUMNS},
                "bcrp_note": r["bcrp_abcg2"],
                "bcrp_sources": source_keys(r["bcrp_source"]),
                "cns_activity": cns,
                "cns_sources": source_keys(r["cns_source"]),
                "dose": reader_remarks(r["typical_dose"]),
                "dose_sources": source_keys(r["dose_source"]),
                "notes": notes,
            }
        )
    return sorted(corrected(out), key=lambda r: INHIBITORS.index(r["inhibitor"]))


def corrected(inhibitors: list[dict]) -> list[dict]:
    """Cells of shared/kb/inhibitors.tsv that later reading made stale, replaced as
    tools/kb_curation/inhibitors_override.tsv says (each row with where it was read)."""
    by_name = {r["inhibitor"]: r for r in inhibitors}
    for row in read_curation("inhibitors_override.tsv"):
        if row["inhibitor"] not in by_name or row["column"] not in INHIBITOR_COLUMNS:
            raise SystemExit(f"inhibitors_override.tsv: no cell {row['inhibitor']}/{row['column']} to replace")
        by_name[row["inhibitor"]][row["column"]] = row["value"]
    return inhibitors


def build_sources(path: Path) -> list[dict]:
    out = {}
    for line in open(path, encoding="utf-8"):
        if not line.startswith("| ") or line.startswith("| key") or line.startswith("|---"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        keys, citation = cells[0], cells[1]
        ids = cells[2] if len(cells) > 2 else ""
        pmid = re.search(r"PMID (\d+) ✔", ids) or re.search(r"^(\d{6,9})$", ids)
        doi = re.search(r"DOI (10\.\S+?) ✔", ids)
        pmc = re.search(r"(PMC\d+)", ids)
        for key in [k.strip() for k in keys.split("/")]:
            out[key] = {
                "key": key,
                "pmid": pmid.group(1) if pmid else "",
                "doi": doi.group(1) if doi else "",
                "pmc": pmc.group(1) if pmc else "",
                "citation": re.sub(r"\s+", " ", citation.replace("**", "").replace("`", "").replace('"', "'")),
            }
    # the papers sources.md names as not retrievable, so a note can cite what it could not read
    for line in open(path, encoding="utf-8"):
        m = re.match(r"- ([A-Z][A-Z0-9_]+) — (.+)", line.strip())
        if m and m.group(1) not in out:
            out[m.group(1)] = {
                "key": m.group(1),
                "pmid": "",
                "doi": "",
                "pmc": "",
                "citation": f"{m.group(2).rstrip('.')} (not retrieved; listed in shared/kb/sources.md)",
            }
    for extra in read_curation("sources_extra.tsv"):
        out[extra["key"]] = {k: extra[k] for k in ("key", "pmid", "doi", "pmc", "citation")}
    out["CIVIC"] = {
        "key": "CIVIC",
        "pmid": "",
        "doi": "",
        "pmc": "",
        "citation": "CIViC (Clinical Interpretation of Variants in Cancer), accepted ALK evidence items "
        "(CC0), as extracted in shared/kb/civic_alk_evidence.tsv; each row names its EID and PMID",
    }
    return sorted(out.values(), key=lambda s: s["key"])


# --- curated additions and alteration-level notes -----------------------------------------------
def read_rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


# RULES.md 3.7: a preclinical or inferential statement about one EML4-ALK variant that goes against the
# clinical evidence on the fusion is listed, not a vote (guidance.md section 6, fusions.md section 5)
CLINICAL_KINDS = ("clinical_trial", "clinical", "retrospective_clinical", "case_report")
VARIANT_LISTED = (
    "listed, not a vote: a preclinical finding about one fusion variant does not decide the call against the "
    "clinical evidence on the fusion (RULES.md 3.7; variant-to-outcome claims are unverified, guidance.md "
    "section 6)"
)


def variant_preclinical_listed(statements: list[dict]) -> list[dict]:
    """A variant-specific preclinical (or inferential) statement whose direction no clinical statement about
    the fusion or that variant shares becomes `unknown`, its note saying what it reported."""
    out = []
    for s in statements:
        alteration, inhibitor = s["alteration"], s["inhibitor"]
        if alteration.startswith("EML4::ALK ") and s["evidence_kind"] in ("preclinical", "inferential"):
            clinical = {
                t["category"]
                for t in statements
                if t["alteration"] in ("ALK fusion", alteration)
                and t["inhibitor"] == inhibitor
                and t["evidence_kind"] in CLINICAL_KINDS
                and t["category"] in ("sensitive", "intermediate", "resistant")
            }
            if clinical and s["category"] in ("sensitive", "resistant") and s["category"] not in clinical:
                variant = re.sub(r"[ab/]+$", "", alteration.split(" ", 1)[1])  # 'v3a/b' -> 'v3'
                said = "reduced in-vitro sensitivity" if s["category"] == "resistant" else "in-vitro sensitivity"
                key = s["civic_eid"] or s["sources"]
                kind = "a preclinical study" if s["evidence_kind"] == "preclinical" else "an inferential item"
                level = f" ({s['evidence_level']})" if s["evidence_level"] else ""
                note = s["note"].replace("; votes against sensitive, RULES.md 2", "")
                s = dict(
                    s,
                    category="unknown",
                    note=f"{note}; {kind} reported {said} of {variant} [{key}]{level}; {VARIANT_LISTED}",
                )
        out.append(s)
    return out


def curated_statements() -> list[dict]:
    """Statements read after the shared files were made (tools/kb_curation/statements*.tsv; their
    sources are in sources_extra.tsv)."""
    out = []
    for path in sorted(CURATION.glob("statements*.tsv")):
        for number, row in enumerate(read_curation(path.name), start=1):
            row = {k: v for k, v in row.items() if k != "where_read"}
            out.append(dict(row, origin=f"kb_curation/{path.name}:{number}"))
    return out


def curated_notes() -> list[dict]:
    """Alteration notes read after the shared files were made (tools/kb_curation/notes*.tsv), e.g.
    class-level statements that are no call for the compounds they name."""
    out = []
    for path in sorted(CURATION.glob("notes*.tsv")):
        for number, row in enumerate(read_curation(path.name), start=1):
            out.append(
                dict(
                    alteration=row["alteration"],
                    note=row["note"],
                    sources=row["sources"],
                    origin=f"kb_curation/{path.name}:{number}",
                )
            )
    return out


BOILERPLATE = re.compile(r"\s*IC50 cells empty: .*?offline session\.")
# A matrix sentence a later curation decision made stale, and what the reader is told beside it:
# (alteration, the sentence's opening words) -> remark (KB audit 2026-12-01, finding 6)
SUPERSEDED_NOTES = {
    ("T1151dup", "Sources disagree for ceritinib"): (
        "superseded: the CGI row is approval-only evidence ('FDA guidelines'), listed, not a vote, so the "
        "ceritinib call rests on LIN17T2 and is not conflicting (clinical review 2026-11 sections 1 and 4.8)"
    ),
}


def superseded(alteration: str, text: str) -> str:
    """The note with a remark after each sentence a later decision superseded."""
    for (name, opening), remark in SUPERSEDED_NOTES.items():
        start = text.find(opening) if name == alteration else -1
        if start < 0:
            continue
        end = text.find(". ", start)
        end = len(text.rstrip(".")) if end < 0 else end
        text = f"{text[:end]} [{remark}]{text[end:]}"
    return text


def matrix_notes(path: Path, source_keys: set[str]) -> list[dict]:
    """The matrix's per-alteration notes (e.g. why a compound has no call), with the keys they cite."""
    out = []
    for row in read_rows(path):
        written = row["alteration"]
        name = MATRIX_NAMES.get(written, written)
        if row["kind"] == "compound":
            name = canonical_compound(name.split("+"))
        for column in ("clinical_evidence_notes", "notes"):
            text = BOILERPLATE.sub("", row[column]).strip()
            if not text:
                continue
            text = superseded(name, text)
            keys = [k for k in dict.fromkeys(re.findall(r"\b[A-Z][A-Z0-9_]{2,}\b", text)) if k in source_keys]
            out.append(
                dict(
                    alteration=name,
                    note=text,
                    sources=";".join(keys),
                    origin=f"mutations.tsv:{written.split(' ')[0]}:{column}",
                )
            )
    return out


def write_tsv(path: Path, columns, rows) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=columns, delimiter="\t", lineterminator="\n", extrasaction="raise", restval=""
        )
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in columns})


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared_kb", nargs="?", default=str(ROOT.parent / "shared" / "kb"))
    parser.add_argument("--version", default=None)
    parser.add_argument("--date", default=None)
    args = parser.parse_args(argv)
    src = Path(args.shared_kb)
    sources = build_sources(src / "sources.md")
    trial_pmids = {s["pmid"] for s in sources if s["key"] in TRIAL_KEYS | {"KAT16"} and s["pmid"]}
    statements = matrix_statements(src / "mutations.tsv")
    civic, skipped = civic_statements(src / "civic_alk_evidence.tsv", trial_pmids)
    statements = variant_preclinical_listed(attach_ic50(statements + civic, src / "ic50.tsv") + curated_statements())
    order = {name: i for i, name in enumerate(INHIBITORS)}
    statements.sort(key=lambda s: (s["alteration"], order[s["inhibitor"]]))  # stable: matrix, CIViC, measurements
    OUT.mkdir(parents=True, exist_ok=True)
    write_tsv(OUT / "calls.tsv", CALL_COLUMNS, statements)
    write_tsv(OUT / "inhibitors.tsv", INHIBITOR_COLUMNS, build_inhibitors(src / "inhibitors.tsv"))
    write_tsv(OUT / "sources.tsv", SOURCE_COLUMNS, sources)
    write_tsv(
        OUT / "notes.tsv",
        NOTE_COLUMNS,
        matrix_notes(src / "mutations.tsv", {s["key"] for s in sources}) + curated_notes(),
    )
    if args.version or not (OUT / "VERSION").exists():
        (OUT / "VERSION").write_text(
            f"version\t{args.version or '1.0.0'}\ndate\t{args.date or '1970-01-01'}\nsource\t{VERSION_SOURCE}\n"
        )
    for line in skipped:
        print("skipped", line, file=sys.stderr)
    print(f"{len(statements)} statements, {len(sources)} sources", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
