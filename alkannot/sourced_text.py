"""The sourced words of the report's notes: citations with PMIDs, inhibitor names as the sources write them, the
sentences of resources/triage/statements.tsv, the sourced options after a treatment history (lines_of_therapy)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from . import source_labels
from .cited_papers import RESOURCE_KEYS
from .records import record, replace
from .triage_statements import statements_by_key

if TYPE_CHECKING:  # the table itself only where options are offered (option_texts; no start-up import, issue 13)
    from .lines_of_therapy import LineOfTherapy

# ---------------------------------------------------------------- citations and names
# a bracket of more than LONG_CITATION entries names its CIViC evidence items by their number, not one by one, where
# there are more than FEW_CIVIC_ITEMS of them: every item is listed with the sources (the call's JSON `sources` or
# `note_sources`, the JSON `sources` table, the HTML's source list; review 17, finding 12)
LONG_CITATION = 6
FEW_CIVIC_ITEMS = 3
CIVIC_ITEMS_LISTED = "listed in the sources"


def citation(kb, keys) -> str:
    """`_citation`, computed once per knowledge base and keys (knowledge.KnowledgeBase.derived)."""
    keys = tuple(keys)
    return kb.derived(("citation", keys), lambda: _citation(kb, keys))


def _citation(kb, keys: tuple[str, ...]) -> str:
    """'[KAT16, PMID 26870817; SEED, press release on KAT16]': each key with its PMID or DOI; a key with neither
    that restates another source says which (SEED, clinical review 12, finding 2), and one with neither but a PubMed
    Central id is cited by it ('OKA19, PMC6441848': clinical read of stop 43, finding 4). `bare_key` reads them
    back. The one formatter of a note's bracketed sources: a long list keeps its named sources and counts its CIViC
    evidence items ('[KAZ14, PMID 25170012; KWAK10, PMID 20979469; 11 CIViC evidence items, listed in the sources]'),
    which the caller keeps among the sources the output lists (review 17, finding 12)."""
    labels = []
    for key in dict.fromkeys(_as_cited(kb, k) for k in keys if k):
        pmid, doi = _identifiers(kb, key)
        said = _restates(kb, key) or _pmc(kb, key)
        labels.append(
            f"{key}, PMID {pmid}" if pmid else f"{key}, doi:{doi}" if doi else f"{key}, {said}" if said else key
        )
    items = [label for label in labels if source_labels.civic_item(label)] if len(labels) > LONG_CITATION else []
    if len(items) > FEW_CIVIC_ITEMS:
        labels = [label for label in labels if label not in items]
        labels.append(f"{len(items)} CIViC evidence items, {CIVIC_ITEMS_LISTED}")
    return "[" + "; ".join(labels) + "]" if labels else ""


def _as_cited(kb, key: str) -> str:
    """A paper's statement label that names the source's own PMID ('FRI14(PMID:24675041)', as every statement of a
    paper is labelled since knowledge base 2.0.28) -> its key ('FRI14'), which the note writes 'FRI14, PMID 24675041'
    as it writes every source: one form per paper in the notes (clinical read h1, finding 2)."""
    base = paper_key(key)
    if base == key:
        return key
    pmid, _ = _identifiers(kb, base)
    return base if pmid and source_labels.label_pmids(key) == pmid.split(";") else key


def cited(kb, keys) -> str:
    """' [...]' (`citation` after a space), or '' where there are no keys."""
    text = citation(kb, keys)
    return f" {text}" if text else ""


@lru_cache(maxsize=8192)  # a cohort's samples share most notes: one string each, not one per sample (issue 13)
def identified_once(note: str) -> str:
    """`note` with each source's PMID, DOI or 'press release on' given at its first citation only: later brackets
    name the key alone ('[KAT16, PMID 26870817]' ... '[KAT16]'), so a long note does not repeat an identifier six
    times (review 21, finding 12). Keys stay where they were, so `bracketed_keys` reads the same sources. A source
    whose first bracket names it bare ('G1202R on its own: sensitive [LIN17T2; PEL21]') and a later one with its
    identifier is given the identifier at that first bracket, so that the identifier never disappears from the note
    (clinical review of stop 42: PEL21 in a compound's note after lorlatinib). A paper's statement label
    ('CHOI10(PMID:20979473)', joined as it is by a note that has no knowledge base at hand) is the same source as
    'CHOI10, PMID 20979473' (`paper_key`), which is written at the first citation where the note has it."""
    identified: dict[str, str] = {}
    for bracket in (note[start + 1 : end - 1] for start, end in source_labels.bracket_spans(note)):
        for part in split_keys(bracket):
            key = paper_key(part)
            written = bare_key(part) == key  # 'FRI14, PMID 24675041', as `citation` writes it
            if key != part and (key not in identified or (written and bare_key(identified[key]) != key)):
                identified[key] = part
    seen: set[str] = set()

    def once(part: str) -> str:
        key = paper_key(part)
        if key in seen:
            return key
        seen.add(key)
        return identified.get(key, part)

    return source_labels.with_brackets(note, lambda inner: "[" + "; ".join(map(once, split_keys(inner))) + "]")


def notes_identified_once(verdicts: tuple) -> tuple:
    """Each per-inhibitor cell of a sample (`sample_types.InhibitorVerdict`) with its note `identified_once`: the
    parts of a cell's note are written apart (the progression's, a compound's parts and escape caveat, the sourced
    activity after this history), and one source they share is identified at its first citation only, its key kept
    in every bracket (SOL18 beside the fusion's call and lorlatinib's trial figure; clinical review of stop 42)."""
    return tuple(replace(v, note=identified_once(v.note)) for v in verdicts)


def split_keys(text: str) -> list[str]:
    """'CGI(PMID:1,PMID:2); EID441(PMID:3)' -> ['CGI(PMID:1,PMID:2)', 'EID441(PMID:3)']: ';' inside
    parentheses belongs to the key (a label written before stop 40 joined its PMIDs with ';')."""
    return list(_split_keys(text))


@lru_cache(maxsize=8192)  # a cohort's notes cite the same brackets in every sample (issue 13)
def _split_keys(text: str) -> tuple[str, ...]:
    keys, depth, current = [], 0, ""
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == ";" and depth == 0:
            keys.append(current.strip())
            current = ""
        else:
            current += char
    keys.append(current.strip())
    return tuple(k for k in keys if k)


@lru_cache(maxsize=8192)
def bare_key(part: str) -> str:
    """'KAT16, PMID 26870817', 'ACMG20, doi:10.1/x', 'OKA19, PMC6441848' or 'SEED, press release on KAT16' (as
    `citation` writes them) -> the key; a key's own PMIDs ('CGI(PMID:1,PMID:2)': 'PMID:', no space) stay in it."""
    return source_labels.without_identifier(part)


@lru_cache(maxsize=8192)
def paper_key(part: str) -> str:
    """`bare_key`, and a paper's source as a statement labels it with its PMIDs ('SOL18(PMID:30413378)', since
    knowledge base 2.0.28) -> its key ('SOL18'): the same source as 'SOL18, PMID 30413378', which `identified_once`
    identifies once. A curated resource's or a CIViC item's label ('CGI(PMID:1)', 'EID1345(PMID:24675041)') is a
    source of its own and stays whole."""
    labelled = source_labels.paper_label_key(part)
    if labelled and not labelled.startswith("EID") and labelled not in RESOURCE_KEYS:
        return labelled
    return bare_key(part)


def one_form(keys) -> list[str]:
    """`keys` with each source in one form: a paper named both bare ('SOL18', a key a note names) and by its statement
    label ('SOL18(PMID:30413378)', `paper_key`) is listed once, by its label (the form the call's own sources take),
    where the first of the two stood. A curated resource's or a CIViC item's labels ('CGI(PMID:1)', 'CGI') stay apart:
    each is a statement of its own. One JSON list, one form per source (KB traceability review, item 4)."""
    keys = list(dict.fromkeys(keys))
    labelled = {paper_key(k): k for k in keys if paper_key(k) != k}
    return list(dict.fromkeys(labelled.get(k, k) if paper_key(k) == k else k for k in keys))


def merged_labels(labels) -> tuple[str, ...]:
    """Each key once, in the order first given, with the union of the identifiers its labels name: one drug's listed
    sources named CGI twice for a compound, once from each part ('CGI(PMID:20979473,PMID:22277784)' from L1196M,
    'CGI(PMID:22277784)' from G1202R), and F1174L's two CGI rows of other contexts ('CGI(PMID:22277784)',
    'CGI(PMID:22072639)') are one 'CGI(PMID:22277784,PMID:22072639)'; a bare key beside a labelled one is the
    labelled one (review of stop 46, item 3: a source twice in one drug's list)."""
    named: dict[str, list[str]] = {}
    for label in labels:
        key, inner = source_labels.keyed_label(label) or (label, "")
        ids = named.setdefault(key, [])
        ids += [i for i in inner.split(",") if i and i not in ids]
    return tuple(f"{key}({','.join(ids)})" if ids else key for key, ids in named.items())


def bracketed_keys(text: str) -> list[str]:
    """The parts of every bracketed text in `text` ('[LIN17T2; KAT16, PMID 26870817]' -> LIN17T2, KAT16), the
    inverse of `citation`. Not every bracket is a citation ('[positive; kinase retained; ...]' of a fusion call): the
    caller decides which parts name a source."""
    return list(_bracketed_keys(text))


@lru_cache(maxsize=8192)
def _bracketed_keys(text: str) -> tuple[str, ...]:
    brackets = re.findall(r"\[([^\[\]]+)\]", text)  # compiled at the first call (re's cache), not at import
    return tuple(key for bracket in brackets for key in map(bare_key, _split_keys(bracket)))


def not_inline(keys, text: str) -> list[str]:
    """`keys` that `text` does not cite in a bracket of its own."""
    inline = {paper_key(k) for k in bracketed_keys(text)}
    return [k for k in keys if paper_key(k) not in inline]


def _identifiers(kb, key: str) -> tuple[str | None, str | None]:
    """(PMID, DOI) of a source key; a source known by its DOI only is cited by it (ACMG20)."""
    try:
        source = kb.source(key)
    except (KeyError, LookupError, ValueError):
        return None, None
    if source is None:
        return None, None
    return (str(source.pmid) if source.pmid else None), (str(source.doi) if source.doi else None)


def identified_key(kb, key: str) -> str:
    """A source key with the PMID(s) or DOI its knowledge-base row gives, written as the TSV writes it
    ('KAT16' -> 'KAT16(PMID:26870817)', 'WU22ENS' -> 'WU22ENS(doi:10.3390/cancers14092341)'); a key that names its
    identifier already ('EID1350(PMID:25727400)'), a curated resource's own key (CGI) and a key without either
    (a press release, SEED) as it is; one read only in PubMed Central with that id ('OKA19(PMC6441848)')."""
    if "(" in key or key in RESOURCE_KEYS:
        return key
    pmid, doi = _identifiers(kb, key)
    # a source read only in PubMed Central: as the notes cite it ('OKA19, PMC6441848')
    return identifier_label(key, pmid, doi, _pmc(kb, key))


def identifier_label(key: str, pmid: str | None, doi: str | None, pmc: str = "") -> str:
    """'KEY(PMID:1,PMID:2)' (`pmid` ';'-joined, as sources.tsv writes it), else 'KEY(doi:...)', else 'KEY(PMC...)',
    else KEY: how a source key names its identifier in a list (PgpSources, the TSV's source columns)."""
    pmids = [p for p in (pmid or "").split(";") if p]
    if pmids:
        return f"{key}({','.join(f'PMID:{p}' for p in pmids)})"
    return f"{key}(doi:{doi})" if doi else f"{key}({pmc})" if pmc else key


def _pmc(kb, key: str) -> str:
    """'PMC6441848' for a source whose row gives a PubMed Central id (sources.tsv `pmc`); '' otherwise."""
    try:
        source = kb.source(key)
    except (KeyError, LookupError, ValueError):
        return ""
    return str(getattr(source, "pmc", "") or "")


def _restates(kb, key: str) -> str:
    """'press release on KAT16' for a source without PMID or DOI whose citation says it is a press release on
    another source of the knowledge base (sources.tsv: 'Press release on KAT16 (...)'); '' otherwise."""
    restated = restated_source(kb, key)
    return f"press release on {restated}" if restated else ""


def restated_source(kb, key: str) -> str:
    """'KAT16' for a source whose citation (sources.tsv) calls it a press release on another source of the knowledge
    base ('Press release on KAT16 (...)': SEED, whose statements are listed, not counted: RULES.md 3.7); else ''."""
    try:
        source = kb.source(key)
    except (KeyError, LookupError, ValueError):
        return ""
    return source_labels.restated_key(getattr(source, "citation", "") or "")


def display_name(kb, inhibitor: str) -> str:
    """'tpx0131' is written TPX-0131 in the sources; generic names stay lower-case."""
    return kb.inhibitor(inhibitor).agent


def inhibitor_list(kb, names, joiner: str = "and") -> str:
    names = [display_name(kb, n) for n in names]
    if len(names) <= 1:
        return "".join(names) or "none"
    return ", ".join(names[:-1]) + f" {joiner} " + names[-1]


def resistance_sources(kb, names) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for n in names for s in kb.inhibitor(n).pgp_confers_resistance_sources))


# ---------------------------------------------------------------- sourced sentences
def statement(kb, *keys: str, gene: str = "") -> str:
    """Sourced sentences from resources/triage/statements.tsv, joined with '; ', with the citation of their
    sources (`gene`: the gene a row's '{gene}' names, `statement_text`)."""
    text = _cited_inline(kb, *keys, gene=gene)
    return f"{text[0].upper()}{text[1:]}."


def _cited_inline(kb, *keys: str, gene: str = "") -> str:
    """The sentences of `keys` with their sources: one the sentence cites in its own bracket ('... the reference test
    [SCHMITT21]', or several in one: '[GAI13; ALIG14; WONG09]', stop 54) is cited there, with its identifier, not again
    at the end (review of the example report, 2026-12: one bracket style); the others at the end."""
    text, sources, inline = statement_text(*keys, gene=gene), statement_sources(*keys), list[str]()

    def cited(bracket: re.Match) -> str:  # the identifier at its first citation only, as `identified_once` writes
        if not set(parts := _split_keys(bracket.group(1))) <= set(sources):  # not a citation of the row's sources
            return bracket.group(0)
        said = "; ".join(part if part in inline else citation(kb, [part])[1:-1] for part in parts)
        inline.extend(parts)
        return f"[{said}]"

    text = re.sub(r"\[([^\[\]]+)\]", cited, text)
    return " ".join(filter(None, (text, citation(kb, [k for k in sources if k not in inline]))))


def inline_statement(kb, *keys: str, gene: str = "") -> str:
    """The sentences of `keys` cited as `statement` cites them (`_cited_inline`), inside a sentence: not capitalised,
    no full stop (the FISH caveat of an off-target gain: review of stop 28's change)."""
    return _cited_inline(kb, *keys, gene=gene)


def statement_text(*keys: str, gene: str = "") -> str:
    """Sourced sentences as written, joined with '; ', without their citation (the caller cites
    `statement_sources`); a row's '{gene}' is `gene` (`copy_number_no_cutoff_unsourced`), which it must be given."""
    text = "; ".join(statements_by_key()[key]["statement"] for key in keys)
    if "{gene}" in text and not gene:
        raise ValueError(f"statements.tsv {', '.join(keys)}: the sentence names a gene and none was given")
    return text.replace("{gene}", gene)


def statement_sources(*keys: str) -> tuple[str, ...]:
    rows = [statements_by_key()[key] for key in keys if key in statements_by_key()]
    return tuple(dict.fromkeys(s for row in rows for s in row["sources"].split(";") if s))


def no_cutoff_key(gene: str) -> str:
    """The sentence on an NGS copy-number cut-off for amplification of `gene`: the gene's own sourced row
    (`copy_number_no_cutoff_MET`: for MET, none clinically defined as of 2021, FISH the reference test, SCHMITT21),
    else `copy_number_no_cutoff_unsourced`, 'the sources read give no copy-number cut-off for <gene>
    amplification', a statement about alkannot's sources that cites none: SCHMITT21 says this of MET amplification only
    (review of stop 46, cn46), so it is not said of an ALK, EGFR or KIT gain. Said with gene=`gene`."""
    own = f"copy_number_no_cutoff_{gene}"
    return own if own in statements_by_key() else "copy_number_no_cutoff_unsourced"


def copy_number_keys(gene: str) -> tuple[str, ...]:
    """The sentences a copy-number gain in `gene` is read with (said with gene=`gene`): the NGS cut-off sentence
    (`no_cutoff_key`), then what the sources read say of that gene's copy number (`copy_number_<gene>`: MET's FISH
    criteria, ALK's re-biopsies), where they say anything. A MET sentence is never said of another gene."""
    own = f"copy_number_{gene}"
    return (no_cutoff_key(gene), own) if own in statements_by_key() else (no_cutoff_key(gene),)


def compound_base_keys(inhibitor: str, changes: tuple[str, ...]) -> tuple[str, ...]:
    """The statements.tsv rows on the compound mutations resistant to `inhibitor` that `changes` (a single change
    persisting after progression on it, or the parts of a compound the class statements name) may be part of: the
    general row `compound_base_<inhibitor>`, then a row about one of `changes` itself
    (`compound_base_<inhibitor>_<change>`: PEL21's G1202R relapses), never one about another change (clinical audit
    of stop 47: PEL21, which names G1202R alone, was cited for I1171T)."""
    keys = (f"compound_base_{inhibitor}", *(f"compound_base_{inhibitor}_{c}" for c in dict.fromkeys(changes)))
    return tuple(key for key in keys if key in statements_by_key())


def compound_base_statement(kb, inhibitor: str, changes: tuple[str, ...]) -> str:
    """The sourced sentence on the compound mutations resistant to `inhibitor` that `changes` may be part of
    (`compound_base_keys`); '' for none."""
    keys = compound_base_keys(inhibitor, changes)
    return statement(kb, *keys) if keys else ""


def beside_candidate(kb, candidates: tuple[tuple[str, str], ...], inhibitor: str) -> str:
    """What the sources read say of an off-target candidate, one of `candidates` (gene, kind), and `inhibitor`
    (`beside_<gene>_<kind>_<inhibitor>`, e.g. a MET copy-number gain and crizotinib: a MET rearrangement is another
    question), with its citation; '' where no such row exists."""
    keys = _beside_keys(candidates, inhibitor)
    return _cited_inline(kb, *keys) if keys else ""


def _beside_keys(candidates: tuple[tuple[str, str], ...], inhibitor: str) -> tuple[str, ...]:
    """The statements.tsv rows `beside_candidate` says for `candidates` (gene, kind) and `inhibitor`."""
    wanted = (f"beside_{gene}_{kind}_{inhibitor}" for gene, kind in dict.fromkeys(candidates))
    return tuple(k for k in wanted if k in statements_by_key())


def beside_candidate_sources(candidates: tuple[tuple[str, str], ...], inhibitor: str) -> tuple[str, ...]:
    """The sources `beside_candidate` cites (GIR16, PLE18, DJ20 for MET and crizotinib): a demoted cell names them
    in its note, so they are among its `note_sources` (review of stop 28's change)."""
    return statement_sources(*_beside_keys(candidates, inhibitor))


# ---------------------------------------------------------------- lines of therapy
def _investigational(kb, history: tuple[str, ...]) -> bool:
    """A history with an investigational agent (neladalkib, TPX-0131, gilteritinib for ALK) or one approved in
    China only later (iruplinalkib, envonalkib: approved by 2023-2024, ZHAO26, CHEMLINKED24): a trial of pretreated
    patients that counts earlier inhibitors without naming them (SOL18, 2018: 'one ALK inhibitor other than
    crizotinib', 'two or more') did not study patients pretreated with such an agent (review 9, clinical finding 9)."""
    return any(
        "investigational" in kb.inhibitor(d).agent_class or "approved in China" in kb.inhibitor(d).agent_class
        for d in history
    )


def gai16_applies(history: tuple[str, ...]) -> bool:
    """Whether GAI16's caveat (ceritinib-resistant cells without ALK mutations resisted lorlatinib) bears on this
    history: ceritinib given, lorlatinib not yet (review 19, finding 9: printed after progression on lorlatinib).
    `_gai16_key` (the P-gp note's and the cells' caveat) and the sample's notes ask it here; whether the sample shows
    an ALK change, the other half of the question, is PgpInputs.alk_change_read."""
    return "ceritinib" in history and "lorlatinib" not in history


GAI16_AFTER_CERITINIB = "mutation_negative_lorlatinib"
# after another second-generation inhibitor (guidance 4.1 says it after any: clinical review of stop 32, finding 2):
# SHAW19's finding in patients, as news summaries report it, beside GAI16's ceritinib-resistant cells
GAI16_AFTER_OTHER = "mutation_negative_lorlatinib_other"


def _gai16_key(kb, history: tuple[str, ...]) -> str:
    """GAI16_AFTER_CERITINIB where gai16_applies, GAI16_AFTER_OTHER after another inhibitor the knowledge base
    calls second-generation (alectinib, brigatinib) with lorlatinib not yet given, '' otherwise."""
    if gai16_applies(history):
        return GAI16_AFTER_CERITINIB
    if "lorlatinib" in history:
        return ""
    second = any(kb.inhibitor(d).generation.startswith("2nd") for d in history if kb.inhibitor_for_name(d))
    return GAI16_AFTER_OTHER if second else ""


def gai16_caveats(kb, history: tuple[str, ...], changes: str, ihc_positive: bool) -> dict[str, str]:
    """The caveat said beside lorlatinib's figures (`sourced_options`' caveats, by its statements.tsv key), in the
    P-gp note and in the cell alike: GAI16's ceritinib-resistant cells without ALK mutations resisted lorlatinib
    (guidance 4.1); after another second-generation inhibitor, SHAW19's finding in patients before it. Only with no
    ALK change read (`changes`, PgpInputs.gai16_reading: 'none'), or only changes the latest drug is active against
    ('unexplaining': the `_unexplaining` row, which says that scope; stop 48), and no positive IHC, after which KAT16's
    P-gp-overexpressing cells, where lorlatinib was active, apply. Never once lorlatinib has been given: the caveat
    bears on giving it (review 19, finding 9)."""
    key = _gai16_key(kb, history)
    if not key or changes not in ("none", "unexplaining") or ihc_positive:
        return {}
    return {"lorlatinib": f"{key}_unexplaining" if changes == "unexplaining" else key}


@record(frozen=True)
class Objection:
    """The tumour's own resistant or intermediate call for a drug the sourced activity offers (review 19, finding 1;
    pgp_beside.genotype_objections): the change it rests on ('I1171N'), named again beside the drug's next line, kept
    here rather than read back out of the clause (re-reading of stop 27)."""

    inhibitor: str
    change: str
    clause: str  # 'I1171N, found here, is resistant to alectinib in the knowledge base'
    cited: str  # '[LIN17T2; EID1367(PMID:25736571)]'
    sources: tuple[str, ...] = ()  # those `cited` brackets, for the sources of the note that says it


SOURCED_ACTIVITY = "Sourced activity after this treatment history"


def sourced_options(
    kb,
    history: tuple[str, ...],
    candidates,
    pgp_negative: bool = False,
    caveats: dict[str, str] | None = None,
    objections: tuple[Objection, ...] = (),
    ihc_positive: bool = False,
    heading: str = SOURCED_ACTIVITY,
) -> str:
    """The text of `offered_options`."""
    return offered_options(kb, history, candidates, pgp_negative, caveats, objections, ihc_positive, heading)[0]


def offered_options(
    kb,
    history: tuple[str, ...],
    candidates,
    pgp_negative: bool = False,
    caveats: dict[str, str] | None = None,
    objections: tuple[Objection, ...] = (),
    ihc_positive: bool = False,
    heading: str = SOURCED_ACTIVITY,
) -> tuple[str, tuple[str, ...]]:
    """Inhibitors among `candidates`, not yet given, with a source for activity after this history; with ABCB1 IHC
    negative, none whose source is about P-gp-overexpressing tumours: the text and the sources it cites, each with the
    part that cites it (clinical review of stop 41, finding 12: SOL18, GAI16 and SHAW19 missing from a P-gp note's
    sources). `caveats`: the statements.tsv key of a sourced sentence said right after an inhibitor's figures (guidance
    4.1: a response rate and what limits it side by side). `objections` (pgp_beside.genotype_objections): the tumour's
    own resistant or intermediate call for a drug, said beside every line that offers it (review 19, finding 1). The
    rows about P-gp-overexpressing cells follow in a sentence of their own that says when they apply, 'If P-gp IHC is
    positive' (`ihc_positive`: 'With P-gp IHC positive'), apart from the other figures and their caveats (oncologist
    review 2026-12-01, finding 1: GAI16's cells without ALK mutations beside KAT16's P-gp-overexpressing ones)."""
    said = option_texts(kb, history, candidates, pgp_negative, caveats, objections, ihc_positive, heading)
    return said[0], said[2]


def option_texts(
    kb, history: tuple[str, ...], candidates, pgp_negative, caveats, objections, ihc_positive, heading, said_as=None
) -> tuple[str, str, tuple[str, ...], tuple[LineOfTherapy, ...], tuple[str, ...]]:
    """(the text of `offered_options`, its closing sentence on P-gp-overexpressing cells or '', its sources, the rows
    it says, the keys of the `caveats` it says): what it says kept where it is said, for the notes that ask it.
    `said_as`: a `together` key said as another statements.tsv key (`_together`)."""
    from .lines_of_therapy import lines_of_therapy  # the table only where options are offered (issue 13)

    lines = [
        line
        for line in lines_of_therapy()
        if line.inhibitor in candidates
        and line.inhibitor not in history
        and line.applies(history)
        and not (pgp_negative and line.pgp_overexpressed)
        and (line.names_the_drugs or not _investigational(kb, history))
    ]
    if not lines:
        return "", "", (), (), ()
    # the general rows first, whatever the file's order: an objection is said in full beside a drug's first line and
    # 'see X above' beside the next (review of stop 28's change); sorted() is stable within each group
    lines = sorted(lines, key=lambda line: line.pgp_overexpressed)
    parts = [
        f"{line.statement} ({line.evidence_kind.replace('_', ' ')}) {citation(kb, line.sources)}" for line in lines
    ]
    sources, placed, said = [key for line in lines for key in line.sources], [], tuple(lines)
    for inhibitor, key in (caveats or {}).items():
        first = next(
            (k for k, line in enumerate(lines) if line.inhibitor == inhibitor and not line.pgp_overexpressed), None
        )
        if first is not None:  # beside the inhibitor's first figures (its response rate), never a P-gp row's
            caveat = statement(kb, key)
            parts[first] += f", but {caveat[0].lower()}{caveat[1:].rstrip('.')}"  # no bracket after a citation
            sources += statement_sources(key)
            placed.append(key)
    offered = {line.inhibitor for line in lines}
    sources += [key for o in objections if o.inhibitor in offered for key in o.sources]
    parts, lines, drugs = _together(kb, parts, lines, said_as or {})
    parts = _objected(parts, drugs, objections)
    general = [part for part, line in zip(parts, lines) if not line.pgp_overexpressed]
    pgp = [part for part, line in zip(parts, lines) if line.pgp_overexpressed]
    text = f" {heading}: " + "; ".join(general) + "." if general else ""
    in_cells = ""
    if pgp:
        # no '(findings in P-gp-overexpressing cells)': each row says so itself (review of stop 28's change)
        when = "with P-gp IHC positive" if ihc_positive else "if P-gp IHC is positive"
        lead = f"{when[0].upper()}{when[1:]}" if general else f"{heading}, {when}"
        in_cells = f" {lead}: " + "; ".join(pgp) + "."
    return text + in_cells, in_cells if general else "", tuple(dict.fromkeys(sources)), said, tuple(placed)


def _together(kb, parts: list[str], lines: list, said_as: dict) -> tuple[list[str], list, list[tuple[str, ...]]]:
    """`parts` and `lines` with the rows that share a `together` key said once, in that key's sentence, where more
    than one of them is offered (clinical review of stop 41, finding 10: KAT16's one finding said once per drug, then
    SEED's again), and the drugs each part is about. A drug's objection, which names the drug, follows the shared
    sentence (final read of stop 49: split per drug, the note said 'P-gp overexpression conferred crizotinib and
    ceritinib resistance but not resistance to ...' twice); a row alone is said in its key's sentence as well.
    `said_as`: a `together` key said in another key's sentence, chosen where built (pgp_advice), never swapped later."""
    groups: dict[str, list[int]] = {}
    for k, line in enumerate(lines):
        if line.together:
            groups.setdefault(line.together, []).append(k)
    # one row alone too: its `together` sentence is the study's finding for every drug it tested, where a drug's own
    # row trims it ('... but not resistance to lorlatinib', as if KAT16 had not tested alectinib: rev50, clin50b)
    merged = groups
    first = {ks[0]: key for key, ks in merged.items()}
    dropped = {k for ks in merged.values() for k in ks[1:]}
    out_parts, out_lines, drugs = [], [], []
    for k, (part, line) in enumerate(zip(parts, lines)):
        if k in dropped:
            continue
        names: tuple[str, ...] = (line.inhibitor,)
        if k in first:
            kinds = dict.fromkeys(lines[j].evidence_kind.replace("_", " ") for j in merged[first[k]])
            key = said_as.get(first[k], first[k])
            part = f"{statement_text(key)} ({', '.join(kinds)}) {citation(kb, statement_sources(key))}"
            names = tuple(lines[j].inhibitor for j in merged[first[k]])
        out_parts.append(part)
        out_lines.append(line)
        drugs.append(names)
    return out_parts, out_lines, drugs


def _objected(parts: list[str], inhibitors: list[tuple[str, ...]], objections: tuple[Objection, ...]) -> list[str]:
    """`parts` (one per offered line, `inhibitors` the drugs of each) with the tumour's own call said right beside every
    line of a drug it objects to: in full, with its sources, beside the first; 'see L1256F above' beside the next."""
    said: set[str] = set()
    out = list(parts)
    for o in objections:
        for k, names in enumerate(inhibitors):
            if o.inhibitor in names:
                full = f", but {o.clause}{' ' + o.cited if o.cited else ''}"  # no bracket after a citation
                # the second time by name only (review 21, finding 11: the L1256F objection given twice)
                out[k] += f", but see {o.change} above" if o.inhibitor in said else full
                said.add(o.inhibitor)
    return out


__all__ = [
    "one_form",
    "merged_labels",
    "beside_candidate",
    "identified_key",
    "identifier_label",
    "restated_source",
    "gai16_applies",
    "gai16_caveats",
    "bare_key",
    "bracketed_keys",
    "citation",
    "cited",
    "copy_number_keys",
    "no_cutoff_key",
    "not_inline",
    "display_name",
    "inhibitor_list",
    "Objection",
    "offered_options",
    "option_texts",
    "resistance_sources",
    "sourced_options",
    "split_keys",
    "statement",
    "statement_sources",
    "statement_text",
]
