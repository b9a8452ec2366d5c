"""PREFIX.tsv: one row per sample, tab-separated, one header row, no comment lines, UTF-8 without a BOM.

Empty cell = not applicable or unknown; lists are ';'-joined; tabs and newlines never occur in a cell (a run of
whitespace is one space). A cell holding a double quote is quoted as CSV readers expect (enclosed in double quotes,
its own doubled), so pandas, R, csvkit and Python's csv module read back exactly what was written; no other cell
is quoted. Cells are never altered to defuse spreadsheet formulas: a sample-sheet cell starting with '=' or
'@' is written as it is, with a warning (README "The report table (TSV)").
"""

from __future__ import annotations

import csv
import re
from typing import Iterator

from ..flag_words import TRUNCATING, TRUNCATING_WORDS, words
from ..log import log
from ..roles import names_a_file
from ..sample_types import phase_text
from ..sourced_text import identifier_label
from .mechanism_words import mechanism_qualified
from .plain_words import RESOURCE_KEYS, resistance_words
from .sample_boxes import flags_of, mechanism_context, pgp_by_ihc
from .sample_marks import bracketed, call_marks

FIXED = (
    "sample",
    "source_vcf",
    "build",
    "fusion",
    "fusion_calls",
    "alk_status",
    "progressed_on",
    "alk_mutations",
    "alk_copy_number",
    "compound",
    "mechanism",
    "pgp_check",
    "pgp_context",
    "pgp_note",
    "abcb1_ihc",
    "abcb1_tpm",
    "off_target",
    "notes",
)
# after inhibitor_sources, before the sample sheet's own columns: the JSON's per-sample flags, as `true`/`false`, so
# that the P-gp triage list (summary.pgp_triage) is one filter: pgp_triage == true, and the tumours to send for P-gp
# IHC now (summary.pgp_ihc_to_order) another: pgp_ihc_to_order == true (review 13, finding 3)
FLAGS = ("resistant", "alk_mutation_negative", "assessable", "pgp_triage", "pgp_ihc_to_order")
# after the flags: the sample's label, unique within the report ('TUMOR (p1)' where a name repeats), as JSON
# samples[].label and the MultiQC row name have it, so that a row can be joined to them (review 9, new user, finding
# 7); after pgp_triage so that the columns up to pgp_triage keep their names and positions
KEY = "label"
# after the label, so that every earlier column keeps its position: the sources listed for a call that did not decide
# it ('listed, not a vote': GAI16 for G1202R and lorlatinib), apart from inhibitor_sources, as 'INHIBITOR: KEY, KEY'
# entries ';'-joined (review 19, finding 8)
LISTED = "inhibitor_listed_sources"
# after the listed sources: the off-target entries that count as candidates (JSON off_target[].candidate: a verified
# gene's protein-altering change, structural change, copy-number gain or CN-0 loss; not ABCB1, a low-level MET gain,
# another gene's CN-only gain or a gain without CN, a one-copy loss or a change of unknown consequence), as
# 'GENE KIND' entries ';'-joined, so that a cohort table can be filtered on it without re-reading the off_target
# column's wording (stop 29's review, left item)
CANDIDATES = "off_target_candidates"
# P-gp overexpression shown by the sheet's positive ABCB1 IHC where it makes the sample an off-target candidate (after
# crizotinib or ceritinib), as the HTML's candidates column names it (clinical review of stop 31, finding 6)
PGP_IHC_CANDIDATE = "ABCB1 ihc_positive"
# after the candidates, before the sheet's own columns: whether the sheet has the sample's row (`true`/`false`; empty
# without a sheet), so that a cohort finds the samples whose history is unknown for want of a row in one filter
# (cohort review of stop 40, finding 5)
IN_SHEET = "in_sample_sheet"
# after in_sample_sheet, before the sheet's own columns: what the mechanism is about (JSON mechanism_context:
# resistance, no_progression, no_history, not_assessable), and the mechanism qualified in the HTML's words ('unexplained
# (no progression recorded: nothing to explain)', 'on_target if ALK-driven (not assessable: ...)'), as MultiQC's
# `mechanism` says it; `mechanism` keeps the contract's value (clinical review of stop 42, findings 10 and 11)
CONTEXT, QUALIFIED = "mechanism_context", "mechanism_qualified"
# after mechanism_qualified, before the sheet's own columns: the sources that decided each drug's call (JSON
# inhibitors[].sources), as 'INHIBITOR: KEY, KEY' entries ';'-joined, as inhibitor_listed_sources gives the listed
# ones: inhibitor_sources is one list for every drug (review of stop 46, item 2)
CALL_SOURCES = "inhibitor_call_sources"


def _clean(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.4g}"
    return " ".join(str(value).split())


def mutation_text(m: dict, *, phrases: bool = False) -> str:
    """'C1156Y(known VAF=0.030 low_vaf)': LABEL(CLASS[ VAF=x][ FLAG]...), its fields space-separated, each flag a
    flag_words token, so a cohort's cell splits on ';', each entry at its last '(' and its fields on ' ' (review of
    stop 46, item c: the flags were prose, 'germline: in the matched normal', ', '-joined after the VAF). `phrases`:
    for the MultiQC table, which people read, 'C1156Y (in the knowledge base: statements on this change; VAF 0.030;
    subclonal or low-level)', LABEL (CLASS[; VAF x][; FLAG]...), the TSV's fields in its order: the class as the HTML
    card words it (plain_words.resistance_words; a truncating change's 'truncating: not a resistance candidate', its
    flag not repeated), its own brackets said with a colon (rev50: 'G1202R (in the knowledge base (statements on this
    change), VAF=0.318)' nested them), and the flags as flag_words phrases, '; '-joined (words48, task 3: the class
    was the token, `kinase_domain_vus`, beside the flags' phrases)."""
    vaf = "" if m["vaf"] is None else f" VAF={m['vaf']:.3f}"
    flags = flags_of(m)
    if phrases:
        truncating = m.get("truncating", False)
        said = [TRUNCATING_WORDS if truncating else resistance_words(m["resistance"], bool(m["evidence"]), where="")]
        said = [re.sub(r" \(([^()]*)\)", r": \1", said[0])]  # 'activating: not a resistance mutation'
        said += [f"VAF {m['vaf']:.3f}"] if vaf else []
        said += [words(f) for f in flags if not (truncating and f == TRUNCATING)]
        return f"{m['label']} ({'; '.join(said)})"
    return f"{m['label']}({' '.join([m['resistance'] + vaf, *flags])})"


def call_cell(call: dict | None) -> str:
    """An inhibitor column's cell: the call, with ' (inferred)' where the JSON's `inferred` is true (a compound's
    call taken from its parts' least favourable one, no statement on the compound), as the HTML marks it, so that
    the table does not pass it off as a sourced compound call (review 9, clinical, finding 5); and ' (sources
    disagree)' where the JSON's `sources_disagree` is true (G1269A and alectinib: `intermediate`, one item graded from a
    resistance call against two listing the drug as active), so the category does not hide the disagreement its
    note states (review 12, finding 7); and ' (subclonal basis)' where the JSON's `subclonal` is true (the call rests on
    a change below --min-vaf, or a compound in at most part of the tumour), as the HTML card and grid mark it
    (review 13, finding 6)."""
    if call is None:
        return ""
    # the knowledge base's marks in readings.MARK_ORDER (as the card and `alkannot lookup` print them), then the
    # sample's own (P-gp unsettled: clinical review of stop 42, finding 4; re-challenge untested: of stop 30, finding 2)
    return call["category"] + bracketed(call_marks(call))


def compound_text(c: dict | None) -> str:
    """The JSON compound said as sample_types.phase_text says it ('' for none)."""
    return phase_text(c["changes"], c["phase"], c["phase_method"]) if c else ""


def rows(doc: dict, formulas: list[tuple[str, str, str]] | None = None) -> tuple[list[str], Iterator[list[str]]]:
    """The header and the rows, one at a time; `formulas`: where given, each sample-sheet column whose cell a
    spreadsheet program would run as a formula, found in the same reading of the samples (_warn_formulas)."""
    inhibitors = list(doc["samples"][0]["inhibitors"]) if doc["samples"] else []
    extra: list[str] = []
    for s in doc["samples"]:  # one reading for the sheet's columns and their formulas (they may be on disk)
        extra.extend(k for k in s["sample_sheet_extra"] if k not in extra)
        if formulas is not None:
            _find_formulas(s, formulas)
    # inhibitor_basis: what the calls rest on, with its qualifiers ('C1156Y (subclonal or low-level, VAF 3.0%: may not
    # explain the progression)'), so that a call resting on a subclonal mutation is marked in the table too,
    # and the drugs called resistant because the patient progressed on them
    own = (
        list(FIXED)
        + inhibitors
        + ["inhibitor_basis", "inhibitor_sources", *FLAGS, KEY, LISTED, CANDIDATES, IN_SHEET, CONTEXT, QUALIFIED]
        + [CALL_SOURCES]
    )
    header = own + [sheet_heading(k, own) for k in extra]
    agents = (doc.get("knowledge_base") or {}).get("agents") or {}

    def agent(name: str) -> str:
        return agents.get(name, name)

    def table() -> Iterator[list[str]]:  # row by row, as the writer takes them: no table of every sample at once
        for s in doc["samples"]:
            sources = identified([x for i in s["inhibitors"].values() for x in i["sources"]], doc["sources"])
            # listed for a call, not counted for it, per inhibitor: a key one call counts may be listed only for another
            listed = per_drug(s["inhibitors"], "listed_sources", doc["sources"], agent)
            # drug names as people write them ('TPX-0131', not the key 'tpx0131'); the inhibitor columns keep the
            # keys
            progressed = (
                None if s["progressed_on"] is None else (";".join(agent(n) for n in s["progressed_on"]) or "none")
            )
            row = [
                s["sample"],
                # the file before annotation, where recorded (schema 2.25) and a file: an output annotated from
                # standard input or `<(...)` is named by its own path, not '<stdin>' (pipeline review, eng48 1)
                s["annotated_from"] if names_a_file(s.get("annotated_from")) else s["source"],
                s["build"],
                s["fusion"],
                ";".join(s["fusion_calls"]),
                s["alk_status"],
                progressed,
                ";".join(mutation_text(m) for m in s["alk_mutations"]),
                ";".join(f"{g['label']} {g['record']}" for g in s["alk_copy_number"]),
                compound_text(s["compound"]),
                s["mechanism"],  # the contract's value; mechanism_qualified says it as the HTML does
                s["pgp_check"],
                s["pgp"]["context"],
                s["pgp"]["note"],  # the flag's conditions and caveats travel with it (clinical review 2026-12-01)
                s["pgp"]["abcb1_ihc"],
                s["pgp"]["abcb1_tpm"],
                ";".join(f"{o['gene']} {o['kind']} {o['record']}" for o in s["off_target"]),
                " | ".join(s["notes"]),
            ]
            row += [call_cell(s["inhibitors"].get(name)) for name in inhibitors]
            bases = basis_cells(s["inhibitors"], agent)
            row += [";".join(bases), ";".join(sources)]
            row += [*(s[flag] for flag in FLAGS), s["label"], ";".join(listed)]
            candidates = [f"{o['gene']} {o['kind']}" for o in s["off_target"] if o["candidate"]]
            row.append(";".join(dict.fromkeys(candidates + ([PGP_IHC_CANDIDATE] if pgp_by_ihc(s) else []))))
            row.append(s["in_sample_sheet"])
            row += [mechanism_context(s), mechanism_qualified(s)]
            row.append(";".join(per_drug(s["inhibitors"], "sources", doc["sources"], agent)))
            row += [s["sample_sheet_extra"].get(k, "") for k in extra]
            yield [_clean(v).replace(";;", ";") for v in row]

    return header, table()


def per_drug(inhibitors: dict, field: str, table: dict, agent) -> list[str]:
    """'DRUG: KEY, KEY' for each drug whose call has sources in `field` (JSON `sources`: those that decided it;
    `listed_sources`: those listed without counting), each key `identified`."""
    return [f"{agent(n)}: {', '.join(identified(i[field], table))}" for n, i in inhibitors.items() if i[field]]


def identified(keys: list[str], table: dict) -> list[str]:
    """Each key once, with the PMID or DOI the report's sources table gives it where its label names none
    ('LIN18JTO' -> 'LIN18JTO(PMID:29935304)', 'PEL21' -> 'PEL21(doi:10.1158/1538-7445.AM2021-1468)', a source with
    neither its PubMed Central id: 'OKA19(PMC6441848)', as the VCF writes it), written as a
    label that names its PMIDs is ('SAB17(PMID:28435288)'): the TSV has no sources table, and a bare key gave its
    reader no identifier, beside keys that had one (clinical read h1, finding 2). A curated resource's own key ('CGI',
    'CIVIC': its identifiers are the resource's paper, no evidence on the change) and `sample_sheet` stay bare."""
    out: list[str] = []
    for key in keys:
        entry = table.get(key) or {}
        if "(" not in key and key not in RESOURCE_KEYS:
            pmid = entry.get("pmid") and str(entry["pmid"])
            key = identifier_label(key, pmid, entry.get("doi"), entry.get("pmc", ""))
        if key not in out:
            out.append(key)
    return out


def separable(basis: str) -> str:
    """A basis as the column's separators allow: its own '; ' and ': ' are written ', ' and ' - ', so that the
    column splits on ';' and each entry at its first ': ' ('ALK fusion; no ALK resistance mutation' would split
    in two; review of the day's fixes, eighth reading, finding 2). The JSON keeps the basis as it is."""
    return basis.replace("; ", ", ").replace(": ", " - ")


# the basis of a call set by the patient's progression (JSON `progressed_on`), whatever the genotype says: 'on it'
# after one drug, 'on each' after several ('crizotinib, alectinib, lorlatinib: the patient progressed on each')
PROGRESSED_BASIS = "the patient progressed on it (sample sheet)"
PROGRESSED_BASIS_SEVERAL = "the patient progressed on each (sample sheet)"
# beside the genotype basis of a drug progressed on earlier whose re-sensitising compound is present (JSON
# `resensitised`; progression.py): its genotype call is shown
RESENSITISED_BASIS = (
    "genotype call shown (progressed on earlier per the sample sheet, the compound reported to re-sensitise to it "
    "present in cis at comparable allele fractions)"
)


def basis_cells(inhibitors: dict, agent) -> list[str]:
    """What each call rests on, 'DRUG, DRUG: BASIS' entries, every inhibitor in exactly one entry, those of one
    basis together in the inhibitor table's order: the genotype's bases first ('G1202R'; 'C1156Y (subclonal or
    low-level, VAF 3.0% - holds at most in part of the tumour)'), then the drugs whose call is the patient's
    progression (PROGRESSED_BASIS), then those progressed on earlier whose re-sensitising compound is present (their
    genotype basis and RESENSITISED_BASIS). So a cohort's cell splits on ';', each entry at its first ': ' and its
    drugs on ', ' (review of stop 46, item c: one basis shared by every other call was written bare, without its
    drugs, beside 'DRUG: resistant, progressed on (sample sheet)', and a re-sensitised drug stood in two entries);
    the table says which inhibitor's call rests on a subclonal part (review of the changes, seventh reading, finding
    13)."""
    by_basis: dict[str, list[str]] = {}
    progressed: list[str] = []
    resensitised: dict[str, list[str]] = {}
    for name, call in inhibitors.items():
        if call["resensitised"]:
            resensitised.setdefault(f"{separable(call['basis'])}, {RESENSITISED_BASIS}", []).append(name)
        elif call["progressed_on"]:
            progressed.append(name)
        else:
            by_basis.setdefault(separable(call["basis"]), []).append(name)
    said = PROGRESSED_BASIS if len(progressed) == 1 else PROGRESSED_BASIS_SEVERAL
    groups = [*by_basis.items(), *([(said, progressed)] if progressed else []), *resensitised.items()]
    return [f"{', '.join(agent(n) for n in names)}: {basis}" for basis, names in groups]


FORMULA_STARTS = ("=", "@")  # what makes a spreadsheet program read a cell as a formula ('+1.5', '-2' are numbers)


def sheet_heading(column: str, own: list[str]) -> str:
    """A sample-sheet column's heading: its name, or `sheet_NAME` where alkannot's own columns have that name (a
    lab's `resistant` or `notes`), so that no heading occurs twice; the user is told."""
    if column not in own:
        return column
    log.warning("sample sheet column %r is written to the TSV as 'sheet_%s' (alkannot has a column %r)", *[column] * 3)
    return f"sheet_{column}"


def write(doc: dict, path: str) -> str:
    formulas: list[tuple[str, str, str]] = []
    header, table = rows(doc, formulas)
    _warn_formulas(formulas)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        # cells hold no tab or newline (_clean): QUOTE_MINIMAL quotes only a cell with a '"' in it, doubling it
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL, quotechar='"')
        writer.writerow(header)
        writer.writerows(table)
    return path


def _find_formulas(s: dict, found: list[tuple[str, str, str]]) -> None:
    """(column, sample, its first character) of a sample-sheet cell a spreadsheet program would run as a formula,
    once per column: the first sample's."""
    for column, value in s["sample_sheet_extra"].items():
        if value.lstrip().startswith(FORMULA_STARTS) and all(column != seen for seen, _, _ in found):
            found.append((column, s["sample"], value.lstrip()[0]))


def _warn_formulas(found: list[tuple[str, str, str]]) -> None:
    """A sample-sheet cell a spreadsheet program would run as a formula ('=HYPERLINK(...)') is kept as it is (the
    table is data, and changing it would be silent); the user is told once per column (_find_formulas)."""
    for column, sample, first in found:
        log.warning(
            "sample sheet column %r (sample %s) starts with %r: written to the TSV as it is; a spreadsheet "
            "program may read it as a formula (import the TSV with that column as text)",
            column,
            sample,
            first,
        )
