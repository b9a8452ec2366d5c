"""CIViC's accepted ALK evidence items (shared/kb/civic_alk_evidence.tsv): each predictive single-agent item about
a kinase-domain mutation, an amplification or a lung-cancer fusion becomes a statement per alkannot inhibitor
(resources/kb/PROVENANCE.md section 2)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from .naming import canonical_compound, patient_background
from .reading import ROOT, read_rows

CIVIC_THERAPY = {
    "Crizotinib": "crizotinib",
    "Ceritinib": "ceritinib",
    "Alectinib": "alectinib",
    "Brigatinib": "brigatinib",
    "Ensartinib": "ensartinib",
    "Lorlatinib": "lorlatinib",
    "Gilteritinib": "gilteritinib",
}
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


# "Sequential" items, each read in the CIViC export (PROVENANCE.md section 2): eid -> (the drug at whose progression
# the item's text reports the mutation, why the other drugs' statements do not vote), or None where the text ties the
# finding to every drug it lists. An item not read here stops the build (RULES.md section 2, clinical review hN,
# finding 1). EID841: C1156Y 'in ~50% of the crizotinib tumor prior to ceritinib therapy', then progression on
# ceritinib.
SEQUENTIAL_READ: dict[str, tuple[str, str] | None] = {
    "EID841": None,
    "EID1483": (
        "alectinib",
        "the text reports sequencing only of a liver metastasis 'noted after 12 months', after crizotinib and then "
        "alectinib",
    ),
    "EID1484": (
        "alectinib",
        "the text reports sequencing only of a liver metastasis that 'presented after 12 months on alectinib', not of "
        "the brain metastasis on crizotinib",
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


def civic_statements(path: Path, trial_pmids: set[str]) -> tuple[list[dict], list[str]]:
    """A statement per alkannot inhibitor of every item about it alone and about an alteration alkannot calls, and
    why each other item was skipped ('EID\treason')."""
    out, skipped = [], []
    variants = eml4_variant_names()
    for item in read_rows(path):
        eid, profile = item["evidence_id"], item["molecular_profile"]
        therapies = [t.strip() for t in item["therapies"].split(";")]
        ours = [CIVIC_THERAPY[t] for t in therapies if t in CIVIC_THERAPY]
        alteration, kind, why = "", "", therapy_skip(item, ours)
        if not why:
            alteration, kind, why = civic_alteration(item, variants)
        if why:
            skipped.append(f"{eid}\t{why}")
            continue
        category, note = civic_category(item)
        level = item["evidence_level"]
        evidence_kind = LEVEL_KIND[level]
        if level == "B" and (item["pmid"] in trial_pmids or item["nct_ids"]):
            evidence_kind = "clinical_trial"
        disease = civic_disease(item["disease"], eid)
        background = patient_background(civic_background(item, disease), evidence_kind)
        for inhibitor in ours:
            own_category, own_note = sequential_reading(item, inhibitor, category, note)
            out.append(
                dict(
                    alteration=alteration,
                    alteration_as_written=profile,
                    kind=kind,
                    inhibitor=inhibitor,
                    category=own_category,
                    evidence_kind=evidence_kind,
                    sources="CIVIC",
                    pmids=item["pmid"],
                    civic_eid=eid,
                    evidence_level=f"CIViC {level}, rating {item['rating']}",
                    disease=disease,
                    background=background,
                    origin=f"civic_alk_evidence.tsv:{eid}",
                    note=own_note,
                )
            )
    return out, skipped


def therapy_skip(item: dict, ours: list[str]) -> str:
    """Why the item says nothing about an alkannot inhibitor alone ('' when it does)."""
    if item["evidence_type"] != "Predictive" or not ours:
        return f"not predictive, or no alkannot inhibitor among {item['therapies']!r}"
    if item["therapy_interaction_type"] == "Combination":
        return f"combination therapy ({item['therapies']}), not single-agent evidence"
    return ""


def civic_alteration(item: dict, variants: dict[str, str]) -> tuple[str, str, str]:
    """(alteration, kind, '') in alkannot's words, or ('', '', why) for an item about no alteration alkannot calls:
    a kinase-domain mutation or compound, an amplification, or an EML4-ALK (or partner-unstated) fusion in lung
    cancer."""
    eid, profile = item["evidence_id"], item["molecular_profile"]
    kd = [m for m in item["alk_kd_mutations"].split(";") if m]
    if kd:
        kd = [I1171_ITEMS[eid] if m == "I1171" else m for m in kd]
        kind = "compound" if len(kd) > 1 else ("insertion" if kd[0].endswith("dup") else "missense")
        return canonical_compound(kd), kind, ""
    if "Amplification" in profile:
        return "amplification", "amplification", ""
    if re.fullmatch(r"(EML4|v)::ALK (Fusion|e\d+::e\d+)", profile):
        if "Lung" not in item["disease"]:
            return "", "", f"fusion item outside lung cancer ({item['disease']})"
        junction = re.search(r"e\d+::e\d+", profile)
        return (f"EML4::ALK {variants[junction.group()]}" if junction else "ALK fusion"), "fusion", ""
    return "", "", f"profile {profile!r} is not a kinase-domain mutation, amplification or lung fusion"


def civic_category(item: dict) -> tuple[str, str]:
    """The item's significance and direction as a category, with the note saying what CIViC records (and what the
    clinical review re-read, CIVIC_REREAD)."""
    eid = item["evidence_id"]
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
    if item["therapy_interaction_type"] == "Sequential":
        # 'crizotinib, then alectinib': the finding said after the list does not read as a third therapy (clinical
        # read of stop 43, finding 10)
        given = [t.strip().lower() for t in item["therapies"].split(";") if t.strip()]
        note += f"; therapies in sequence: {', then '.join(given)}"
    elif item["therapy_interaction_type"]:
        note += f"; therapies {item['therapy_interaction_type'].lower()}: {item['therapies']}"
    if eid in CIVIC_REREAD:
        category, reread = CIVIC_REREAD[eid]
        note = f"{note}; {reread}"
    return category, note


def sequential_reading(item: dict, inhibitor: str, category: str, note: str) -> tuple[str, str]:
    """One drug's statement of a "Sequential" item (RULES.md section 2): the item's category where its text ties the
    finding to that drug (SEQUENTIAL_READ), otherwise `unknown`, listed and not a vote, with the reason; an item
    not read stops the build."""
    eid = item["evidence_id"]
    if item["therapy_interaction_type"] != "Sequential":
        return category, note
    if eid not in SEQUENTIAL_READ:
        raise SystemExit(f"{eid}: Sequential item not read; decide in SEQUENTIAL_READ which drugs its text supports")
    read = SEQUENTIAL_READ[eid]
    if read is None:
        return category, note
    drug, why = read
    if inhibitor == drug:
        return category, f"{note}; mutation found at progression after {drug}"
    return (
        "unknown",
        f"{note}; mutation found at progression after {drug}, not shown at {inhibitor} progression: {why}; listed, "
        "not a vote",
    )
