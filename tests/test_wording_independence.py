"""Where alkannot decides something about a note it wrote, it decides by a fact carried from where the sentence is
built, not by finding its own wording in the text (stop 52; the places stop 51 listed): a reworded sentence keeps the
logic. Each test rewords a sentence (a module constant the builder writes) and checks that what depended on finding it
still holds; with the old text match the reworded sentence would be said twice, or a part of the note named wrongly.
Real runs through the library API (the rewording is a monkeypatch, which a subprocess would not see)."""

from __future__ import annotations

from pathlib import Path

from helpers import sheets_with_vcfs

from alkannot import api, pgp_explain
from alkannot.errors import InputError
from alkannot.kbfiles import load_knowledge_base
from alkannot.note_identity import OTHER, Note, identity
from alkannot.pgp_effects import pgp_facts
from alkannot.pgp_unsettled import marked_unsettled
from alkannot.records import replace
from alkannot.sample_types import InhibitorVerdict

DATA = Path(__file__).parent / "data"
REVIEW31 = DATA / "review31"


def _samples(tmp_path: Path, vcf: Path, sheet: Path, **options) -> dict:
    tmp_path.mkdir(exist_ok=True)
    cohort = api.report([str(vcf)], str(tmp_path / "r"), samples_path=str(sheet), **options)
    return {v.sample: v for v in cohort.verdicts}


def test_a_vus_named_as_the_partner_is_not_named_again_however_the_clause_reads(tmp_path, monkeypatch):
    """R9 (G1202R clonal, A1200S a VUS at 3.0% below --min-vaf 0.05, after lorlatinib): the P-gp lead names A1200S
    once, as G1202R's possible partner. The lead left it out of its VUS clause by finding 'A1200S (VAF 3.0%), <the
    partner clause>' in its own text; it now knows which VUS the clause named (pgp_explain.vus_partner)."""
    reworded = "a change of unknown significance in the kinase domain, under the cut-off"
    monkeypatch.setattr(pgp_explain, "PARTNER_VUS", reworded)
    vcf = REVIEW31 / "review_scenarios_grch38.vcf"
    note = _samples(tmp_path, vcf, REVIEW31 / "samples.tsv", min_vaf=0.05)["R9"].pgp.note
    assert f"A1200S (VAF 3.0%), {reworded}, may be its partner in a minor subclone" in note
    assert note.count("A1200S") == 1


def test_a_drug_without_a_source_gets_one_p_gp_line_by_its_kind_not_by_the_cells_wording():
    """Under a positive ABCB1 IHC a drug whose P-gp effect is open and has no source gets 'no source in the knowledge
    base says whether ...' unless its cell already has the P-gp line sample._with_abcb1_ihc writes (for the drugs
    pgp_beside.PGP_LINE_KINDS names): decided by the drug's kind, not by finding that line's opening (a copy of
    pgp_beside.IHC_POSITIVE) in the note. A 'possible' drug (transported by ABCB1) whose sources are taken away: its
    note, reworded or empty, gets no second line; an 'unknown' one gets it."""
    kb = load_knowledge_base()
    facts = pgp_facts(kb)
    possible = next(d for d in facts.possible if kb.inhibitor(d).pgp_confers_resistance == "unknown")
    unknown = next(d for d in facts.unknown if not kb.inhibitor(d).pgp_confers_resistance_sources)

    class WithoutSources:  # the bundled knowledge base, `possible` with no source on P-gp
        def __getattr__(self, name):
            return getattr(kb, name)

        def inhibitor(self, name):
            info = kb.inhibitor(name)
            return replace(info, pgp_confers_resistance_sources=()) if name == possible else info

    verdicts = (
        InhibitorVerdict(possible, "sensitive", "EML4::ALK", note="P-gp, reworded: no source on it"),
        InhibitorVerdict(unknown, "sensitive", "EML4::ALK"),
    )
    marked = {v.inhibitor: v for v in marked_unsettled(WithoutSources(), verdicts, True)}
    assert marked[possible].pgp_unsettled and marked[possible].note == "P-gp, reworded: no source on it"
    assert marked[unknown].pgp_unsettled and marked[unknown].note.endswith(
        f"no source in the knowledge base says whether P-gp overexpression reduces {kb.inhibitor(unknown).name}'s "
        "activity"
    )


REVIEW13 = DATA / "review13"
FULL_ADVICE = "Give the ALK status in the sample sheet for the full P-gp advice, which adds "


def _full_advice(note: str) -> str:
    assert FULL_ADVICE in note, note
    return note[note.index(FULL_ADVICE) :]


def test_what_the_full_advice_adds_is_named_by_its_parts_kinds_however_they_read(tmp_path, monkeypatch):
    """A tumour whose ALK positivity nothing shows (review13's S11 and S05: no ALK status, no fusion call) keeps the reason of
    its check and names what the full note adds (pgp_beside.full_advice). It named each part by finding the words
    that open it ('P-gp overexpression was found in', 'MS209', 'Transformation to small-cell lung cancer', ...) in the
    full note, so a reworded statement dropped its part from the list; it now names the parts by their kinds
    (pgp_parts). The three statements reworded, the sentence is the same; after alectinib with crizotinib before (S05, low
    yield) the positive IHC's part is what it would mean for crizotinib, by the check, not its words."""
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text(
        "sample\talk_status\tprogressed_on\tabcb1_ihc\nS11\t\tcrizotinib\t\nS05\t\tcrizotinib;alectinib\t\nS07\tpositive:IHC\tcrizotinib\t\nS08\t\tcrizotinib\tpositive\n"
    )
    vcf = REVIEW13 / "small.vcf"
    before = {s: v.pgp.note for s, v in _samples(tmp_path / "a", vcf, sheet).items()}
    import alkannot.offtarget_pointer
    import alkannot.pgp
    import alkannot.pgp_advice
    from alkannot.offtarget_pointer import TRANSFORMATION
    from alkannot.sourced_text import statement

    def reworded(kb, *keys, gene=""):
        text = statement(kb, *keys, gene=gene)
        return f"In other words, {text[0].lower()}{text[1:]}" if keys[0] in (*REWORDED, TRANSFORMATION) else text

    for module in (alkannot.pgp_advice, alkannot.pgp, alkannot.offtarget_pointer):
        monkeypatch.setattr(module, "statement", reworded)
    after = {s: v.pgp.note for s, v in _samples(tmp_path / "b", vcf, sheet).items()}
    # the full note (S07: a positive ALK status) says the reworded sentences
    assert "In other words, p-gp overexpression was found in" in after["S07"]
    assert "In other words, transformation to small-cell lung cancer" in after["S07"]
    assert "In other words, ceritinib combined with a P-gp inhibitor (MS209)" in after["S07"]
    assert (
        _full_advice(after["S11"])
        == _full_advice(before["S11"])
        == (
            f"{FULL_ADVICE}how often P-gp overexpression was found, what was seen in P-gp-overexpressing cells (if P-gp "
            "IHC is positive), the P-gp inhibitor combination (preclinical), the P-gp facts per inhibitor, which "
            "inhibitors ABCB1 transports (a pharmacokinetic question) and the prompt to review the re-biopsy's histology "
            "for small-cell transformation."
        )
    )
    assert (
        _full_advice(after["S05"])
        == _full_advice(before["S05"])
        == (
            f"{FULL_ADVICE}what a positive P-gp IHC would mean for an earlier drug, the P-gp facts per inhibitor, which "
            "inhibitors ABCB1 transports (a pharmacokinetic question) and the prompt to review the re-biopsy's histology "
            "for small-cell transformation."
        )
    )
    # with a positive IHC the part on P-gp-overexpressing cells reads 'With P-gp IHC positive: ...', which the
    # opening 'If P-gp IHC is positive' missed: the list left it out before stop 52
    assert (
        _full_advice(after["S08"])
        == _full_advice(before["S08"])
        == (
            f"{FULL_ADVICE}what was seen in P-gp-overexpressing cells (if P-gp IHC is positive), the P-gp inhibitor "
            "combination (preclinical), the P-gp facts per inhibitor, which inhibitors ABCB1 transports (a "
            "pharmacokinetic question) and the prompt to review the re-biopsy's histology for small-cell transformation."
        )
    )


REWORDED = ("pgp_frequency", "pgp_combination")


def test_the_reason_kept_where_alk_positivity_is_not_established_is_the_first_sentence_as_built(tmp_path, monkeypatch):
    """A note whose ALK positivity nothing shows keeps the full advice's first sentence as the check's reason
    (pgp._until_alk_status): the lead, or a positive IHC's finding where it comes first. It cut the note at its first
    full stop followed by a capital, so a lead that reads as two sentences lost its second; the advice now carries
    its first sentence as built (PgpAssessment.opening)."""
    import alkannot.pgp_lead

    def two_sentences(*args):
        text, *rest = unexplained_lead(*args)
        return (f"{text}. Nothing else was found in ALK", *rest)

    from alkannot.pgp_lead import unexplained_lead

    monkeypatch.setattr(alkannot.pgp_lead, "unexplained_lead", two_sentences)  # where pgp takes it
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\tabcb1_ihc\nS11\t\tcrizotinib\t\nS08\t\tcrizotinib\tpositive\n")
    notes = {s: v.pgp.note for s, v in _samples(tmp_path / "r", REVIEW13 / "small.vcf", sheet).items()}
    assert (
        "If the tumour is ALK-positive, the check is recommended: progressed most recently on crizotinib, and no ALK "
        "resistance mutation was found. Nothing else was found in ALK. P-gp (ABCB1) overexpression reduces"
    ) in notes["S11"]
    assert (  # the IHC's finding first, one sentence; the lead is not kept there
        "If the tumour is ALK-positive, the check is recommended: ABCB1 (P-gp) IHC is positive (sample sheet): P-gp "
        "overexpression is a candidate explanation of this progression on crizotinib. P-gp (ABCB1) overexpression "
        "reduces"
    ) in notes["S08"]


def test_no_note_loses_its_kind_on_the_way_to_the_report(tmp_path, monkeypatch):
    """`Note` is a `str` with its kind: a string operation made to it (+, replace, strip, an f-string) gives a plain
    `str`, which the report gives as kind `other`, and the card and the TSV then read it by its wording again, or not
    at all. Every note made with a kind, in every tests/data report (with and without --min-vaf), reaches the
    sample's notes as made: no note there without its kind holds the text of one made with a kind."""
    made: list[tuple[str, str]] = []
    new = Note.__new__

    def recording(cls, text, kind=OTHER, **facts):
        made.append((str(text), kind))
        return new(cls, text, kind, **facts)

    monkeypatch.setattr(Note, "__new__", staticmethod(recording))
    runs, kinded = 0, 0
    for k, (sheet, vcfs) in enumerate(sheets_with_vcfs()):
        for min_vaf in (None, 0.05):
            made.clear()
            try:
                cohort = api.report(
                    [str(v) for v in vcfs], str(tmp_path / f"r{k}_{min_vaf}"), samples_path=str(sheet), min_vaf=min_vaf
                )
            except InputError:  # inputs made to be refused (a bad sheet, a pairing error)
                continue
            runs += 1
            texts = {text for text, kind in made if kind != OTHER}
            for v in cohort.verdicts:
                kinded += sum(identity(n)["kind"] != OTHER for n in v.notes)
                lost = [n for n in v.notes if identity(n)["kind"] == OTHER and any(t in n for t in texts)]
                assert not lost, (sheet, v.sample, lost)
    assert runs >= 60 and kinded >= 50


def _reworded(text: str) -> str:
    """GAI16's and KAT16's sentences in other words."""
    for words, other in (
        ("Ceritinib-resistant patient-derived cells", "Patient-derived cells resistant to ceritinib"),
        ("in cell models,", "in cultured cells,"),
        ("were active", "had activity"),
    ):
        text = text.replace(words, other)
    return text


def _review13(tmp_path: Path, rows: str) -> dict:
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\tabcb1_ihc\n" + rows)
    return _samples(tmp_path / "r", REVIEW13 / "small.vcf", sheet)


def test_gai16s_caveat_is_said_once_whatever_words_the_p_gp_note_gives_it(tmp_path, monkeypatch):
    """After ceritinib with no ALK change (review13's S08, ALK-positive), GAI16's caveat on lorlatinib is said in the
    P-gp note beside lorlatinib's figures, so the sample's notes leave it out (sample_negative_notes). They did so by
    finding the statement's text in the P-gp note; the note now records the caveats it says
    (PgpAssessment.caveats_said). The caveat reworded in the P-gp note only, it is still said once."""
    import alkannot.sourced_text as sourced_text

    statement = sourced_text.statement

    def reworded(kb, *keys, gene=""):
        text = statement(kb, *keys, gene=gene)
        return _reworded(text) if keys[0].startswith("mutation_negative") else text

    monkeypatch.setattr(sourced_text, "statement", reworded)
    s08 = _review13(tmp_path, "S08\tpositive:IHC\tceritinib\t\n")["S08"]
    assert ", but patient-derived cells resistant to ceritinib without ALK mutations" in s08.pgp.note
    assert not [n for n in s08.notes if "GAI16" in n]
    assert s08.pgp.caveats_said == ("mutation_negative_lorlatinib",)


def test_kat16s_cells_are_pointed_to_where_the_p_gp_note_says_them_in_other_words(tmp_path, monkeypatch):
    """With a positive ABCB1 IHC after ceritinib and no ALK change (S07), the sample's GAI16 note says that the P-gp
    note gives what cell models with P-gp overexpression showed for lorlatinib, where it does; else the findings in
    full (S18, after alectinib then ceritinib: a low-yield note with no options). It looked for each row's sentence in
    the P-gp note; the note now records the rows it says (PgpAssessment.lines_said). KAT16's sentence reworded where
    the P-gp note says it, the note still points to it. After the lead KAT16's sentence is said in its after-lead form
    (pgp_advice.KAT16_CELLS_AFTER_LEAD), reworded too; until stop 53 pgp_advice found the sentence in the built text
    to swap it for that form, which under this rewording silently failed and left the full form."""
    import alkannot.sourced_text as sourced_text
    from alkannot.lines_of_therapy import lines_of_therapy
    from alkannot.pgp_advice import KAT16_CELLS_AFTER_LEAD

    together = {x.together for x in lines_of_therapy() if x.inhibitor == "lorlatinib" and x.pgp_overexpressed} - {""}
    statement_text = sourced_text.statement_text

    def reworded(*keys, gene=""):
        text = statement_text(*keys, gene=gene)
        if keys[0] == KAT16_CELLS_AFTER_LEAD:
            return text.replace("in the same study's cell models,", "in the same study's cultured cells,")
        return _reworded(text) if keys[0] in together else text

    monkeypatch.setattr(sourced_text, "statement_text", reworded)
    samples = _review13(
        tmp_path, "S07\tpositive:IHC\tceritinib\tpositive\nS18\tpositive:IHC\talectinib;ceritinib\tpositive\n"
    )
    s07, s18 = samples["S07"], samples["S18"]
    assert together and "in the same study's cultured cells, P-gp overexpression did not confer" in s07.pgp.note
    assert "alectinib and lorlatinib had activity at low concentrations" in s07.pgp.note
    (gai16,) = [n for n in s07.notes if "GAI16" in n]
    assert "the P-gp note gives what cell models with P-gp overexpression showed for lorlatinib" in gai16
    (gai16,) = [n for n in s18.notes if "GAI16" in n]
    assert "the P-gp note gives" not in gai16 and "P-gp-overexpressing" in gai16


def test_a_known_mutation_in_the_normal_is_named_once_whatever_words_the_lead_gives_it(tmp_path, monkeypatch):
    """G1202R at 49% in the tumour and 48% in its matched normal is not counted; the P-gp lead after crizotinib names
    it ('no ALK resistance mutation was counted: G1202R (VAF 49.0%) is also found in the matched normal'), so the
    caveat after it (sample_notes.with_normal_caveat) does not name it again. The caveat looked for that clause in the
    note; the note now records that it names them (PgpAssessment.uncounted_named). The clause reworded, the caveat
    still does not name G1202R again."""
    import alkannot.pgp_beside as pgp_beside

    uncounted_known = pgp_beside.uncounted_known

    def reworded(mutations):
        return tuple(t.replace("is also found in", "is in") + " as well" for t in uncounted_known(mutations))

    monkeypatch.setattr(pgp_beside, "uncounted_known", reworded)
    vcf = tmp_path / "pair.vcf"
    vcf.write_text(
        "##fileformat=VCFv4.2\n##contig=<ID=chr2,length=242193529>\n"
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="g">\n'
        '##FORMAT=<ID=AF,Number=A,Type=Float,Description="a">\n##normal_sample=N\n'
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT\tN\n"
        "chr2\t29220747\t.\tC\tT\t.\tPASS\t.\tGT:AF\t0/1:0.49\t0/1:0.48\n"  # G1202R
    )
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\nT\tpositive:IHC\tcrizotinib\n")
    pgp = _samples(tmp_path / "r", vcf, sheet, tumor="T")["T"].pgp
    assert pgp.check == "recommended"
    assert "no ALK resistance mutation was counted: G1202R (VAF 49.0%) is in the matched normal as well" in pgp.note
    assert "is also found in the matched normal and is not counted here" not in pgp.note
    assert "If the normal holds tumour cells or the samples were mixed up, G1202R is the tumour's" in pgp.note


def test_the_p_gp_notes_sources_list_the_statements_its_off_target_sentences_say_however_worded(tmp_path, monkeypatch):
    """E1_T (tests/data/bypass_coverage: EGFR read, progression on crizotinib, no ALK change): the P-gp note says the
    polymorphism cut-off of the genes screened [AMP17; HORAK22] and the small-cell transformation prompt [TAKE16; LC16;
    ZHU17], and lists their sources. pgp_assessment added those sources where it found each statement's text in the
    note; the sentences now record what they say where they are made (offtarget_pointer.Said,
    PgpAssessment.off_target_said). Both statements reworded where the note says them, the sources are still listed."""
    import alkannot.offtarget_pointer as offtarget_pointer
    import alkannot.offtarget_screen as offtarget_screen
    from alkannot.offtarget_pointer import TRANSFORMATION
    from alkannot.offtarget_screen import COMMON_POLYMORPHISM
    from alkannot.sourced_text import inline_statement, statement, statement_sources

    def reworded_inline(kb, *keys, **extra):
        text = inline_statement(kb, *keys, **extra)
        return text.replace("does not count", "is not counted") if keys == (COMMON_POLYMORPHISM,) else text

    def reworded(kb, *keys, **extra):
        text = statement(kb, *keys, **extra)
        return f"Also: {text[0].lower()}{text[1:]}" if keys == (TRANSFORMATION,) else text

    monkeypatch.setattr(offtarget_screen, "inline_statement", reworded_inline)
    monkeypatch.setattr(offtarget_pointer, "statement", reworded)
    folder = DATA / "bypass_coverage"
    cohort = api.report(
        [str(folder / "alk_only_grch38.vcf"), str(folder / "egfr_intron_grch38.vcf")],
        str(tmp_path / "r"),
        samples_path=str(folder / "samples.tsv"),
    )
    (pgp,) = [v.pgp for v in cohort.verdicts if v.sample == "E1_T"]
    assert (
        "benign or likely benign) is not counted [" in pgp.note
        and " Also: transformation to small-cell lung cancer" in pgp.note
    )
    listed = {key.split("(")[0] for key in pgp.sources}
    assert set(statement_sources(COMMON_POLYMORPHISM)) <= listed and set(statement_sources(TRANSFORMATION)) <= listed


def _reworded_screen(monkeypatch) -> None:
    """The sentences on the genes alkannot checks, in other words, where the P-gp note is built (offtarget_pointer):
    'the genes alkannot checks' -> 'the genes that alkannot checks', 'does not count' -> 'is not counted'."""
    import alkannot.offtarget_pointer as offtarget_pointer

    screen_said = offtarget_pointer.screen_said

    def reworded(*args):
        text, says = screen_said(*args)
        text = text.replace("genes alkannot checks", "genes that alkannot checks")
        return text.replace("does not count", "is not counted"), says

    monkeypatch.setattr(offtarget_pointer, "screen_said", reworded)


def test_a_recorded_candidate_takes_the_place_of_the_screen_however_worded(tmp_path, monkeypatch):
    """An output older than OffTarget= records Mechanism=off_target_candidate and names no candidate; the P-gp note
    says that a candidate was recorded where it would say that no alteration was found in the genes alkannot checks
    (recorded_offtarget.with_recorded_candidate), and drops the sources it cited there only. It found that sentence by
    building it again and looking for it in the note, so a reworded sentence stayed and the recorded candidate went
    unsaid; the note now carries it as built (PgpAssessment.screen, screen_sources). The sentence reworded where the
    note is built, it is still replaced."""
    from alkannot.recorded_offtarget import with_recorded_candidate

    _reworded_screen(monkeypatch)
    folder = DATA / "recorded_offtarget"
    unnamed = tmp_path / "unnamed.vcf"
    old = (folder / "met_crizotinib_old_output.vcf").read_text()
    unnamed.write_text(old.replace(',OffTarget="MET:copy_number_gain:chr7:116522196 <DUP> CN=12"', ""))
    assert "OffTarget" not in unnamed.read_text()
    (m1,) = _samples(tmp_path / "m", unnamed, folder / "samples.tsv").values()
    assert m1.mechanism == "off_target_candidate" and not m1.off_target
    assert (
        "(preclinical evidence). An off-target candidate was recorded when this VCF was annotated; its evidence is not "
        "in this file (see the notes). Transformation to small-cell lung cancer"
    ) in m1.pgp.note
    assert "genes that alkannot checks" not in m1.pgp.note and not m1.pgp.screen
    # E1_T (EGFR read, crizotinib, no ALK change): the reworded screen names the polymorphism cut-off [AMP17;
    # HORAK22], which no other sentence of the note cites: they go with it, the transformation prompt's stay
    bypass = DATA / "bypass_coverage"
    cohort = api.report(
        [str(bypass / "alk_only_grch38.vcf"), str(bypass / "egfr_intron_grch38.vcf")],
        str(tmp_path / "e"),
        samples_path=str(bypass / "samples.tsv"),
    )
    (pgp,) = [v.pgp for v in cohort.verdicts if v.sample == "E1_T"]
    assert "change was found in the genes that alkannot checks" in pgp.screen and pgp.screen in pgp.note
    assert "benign or likely benign) is not counted [AMP17, PMID" in pgp.screen
    kept = with_recorded_candidate(pgp, " RECORDED.")
    assert kept.note == pgp.note.replace(pgp.screen, " RECORDED.") and " RECORDED. Transformation to" in kept.note
    assert pgp.screen_sources == ("AMP17", "HORAK22") and {"AMP17", "HORAK22", "TAKE16"} <= set(pgp.sources)
    assert kept.sources == tuple(s for s in pgp.sources if s not in ("AMP17", "HORAK22"))
    assert "".join(text + " " for _, text in kept.parts).strip() == kept.note  # its parts follow


def test_the_check_once_alk_positive_is_tagged_from_the_verdict_however_the_note_words_it(tmp_path, monkeypatch):
    """A check held back for the ALK status (review13's S11 after crizotinib, S05 after crizotinib then alectinib; no
    ALK status, nothing shows it) is tagged on the page with the check once the tumour is ALK-positive ('recommended
    if ALK-positive'). The tag found the note's words for it ('If the tumour is ALK-positive, the check is
    recommended') with a regex; it now reads the check the verdict carries (JSON pgp.once_alk_positive, schema 2.31).
    The words reworded where the note is built, the tag is the same; a JSON before 2.31 (no such field) is read by
    the words, as before."""
    import json

    import alkannot.pgp
    from alkannot.report.tags import pgp_tag

    sheet = tmp_path / "sheet.tsv"
    sheet.write_text("sample\talk_status\tprogressed_on\nS11\t\tcrizotinib\nS05\t\tcrizotinib;alectinib\n")
    vcf = REVIEW13 / "small.vcf"

    def tags(prefix: Path) -> dict:
        api.report([str(vcf)], str(prefix), samples_path=str(sheet))
        samples = {s["sample"]: s for s in json.loads(prefix.with_suffix(".json").read_text())["samples"]}
        return {name: (s, pgp_tag(s)["label"], prefix.with_suffix(".html").read_text()) for name, s in samples.items()}

    before = tags(tmp_path / "a")
    reworded = {"recommended": "advised", "low_yield": "unlikely to help", "if_progressed": "due after a progression"}
    monkeypatch.setattr(alkannot.pgp, "CONDITIONAL_WORDS", reworded)
    after = tags(tmp_path / "b")
    waiting = "P-gp check not indicated until the ALK status is known"
    for name, once in (("S11", "recommended"), ("S05", "low_yield")):
        s, label, page = after[name]
        assert f"If the tumour is ALK-positive, the check is {reworded[once]}: " in s["pgp"]["note"]
        assert s["pgp"]["once_alk_positive"] == once and s["pgp"]["context"] == "alk_not_established"
        said = {"recommended": "recommended", "low_yield": "low yield"}[once]
        assert label == before[name][1] == f"{waiting} ({said} if ALK-positive)"
        assert f'<span class="tag alk_unknown">{label}</span>' in page
        old = json.loads(json.dumps(before[name][0]))  # as saved before schema 2.31: read by the note's words
        del old["pgp"]["once_alk_positive"]
        assert pgp_tag(old)["label"] == label


def test_the_off_target_candidates_follow_the_verdict_as_built_whatever_its_sentences(tmp_path, monkeypatch):
    """METHIGH_T (tests/data/copy_number: MET CN=9 after ceritinib, no ALK change; recommended): the sentence naming
    the off-target candidate follows the note's verdict (pgp_beside.after_verdict: review 21, finding 10). It was put
    after the note's first full stop followed by a capital; the builder now gives the verdict as built (the flag and
    the advice's first sentence, PgpAssessment.opening). A lead that reads as two sentences keeps the candidate after
    both, not between them; with the lead as written the note is as before."""
    import alkannot.pgp_lead
    from alkannot.pgp_lead import unexplained_lead

    folder = DATA / "copy_number"

    def methigh(prefix: Path):
        cohort = api.report([str(folder / "gains_grch38.vcf")], str(prefix), samples_path=str(folder / "samples.tsv"))
        return next(v.pgp for v in cohort.verdicts if v.sample == "METHIGH_T")

    listed = " An off-target candidate is also listed: MET copy-number gain at chr7:116522196 <DUP> CN=9"
    lead = "Recommended: progressed most recently on ceritinib, and no ALK resistance mutation was found."
    assert methigh(tmp_path / "a").note.startswith(lead + listed)

    def two_sentences(*args):
        text, *rest = unexplained_lead(*args)
        return (f"{text}. Nothing else was found in ALK", *rest)

    monkeypatch.setattr(alkannot.pgp_lead, "unexplained_lead", two_sentences)  # where pgp takes it
    pgp = methigh(tmp_path / "b")
    assert pgp.opening.endswith("was found. Nothing else was found in ALK.")
    assert pgp.note.startswith(f"{lead} Nothing else was found in ALK.{listed}")


CLIN47 = DATA / "clin47"


def test_kat16s_finding_is_said_as_after_the_lead_by_its_key_not_by_finding_its_sentence(tmp_path, monkeypatch):
    """After ceritinib (clin47's L1196M_ceritinib_T, --min-vaf 0.05: L1196M is ceritinib-sensitive, the check
    recommended) the lead gives ceritinib's P-gp effect in KAT16's cells, so the 'If P-gp IHC is positive' text says
    KAT16's finding on alectinib and lorlatinib in its after-lead form. pgp_advice swapped one statements.tsv sentence
    for the other in the built text (text.replace), so a sentence of another row that quotes KAT16's finding was
    rewritten too; the key is now said as the other where the text is built (sourced_text.option_texts' `said_as`).
    SEED's sentence reworded to quote KAT16's finding keeps its words; KAT16's own is said after the lead, once."""
    from alkannot import sourced_text

    rows = sourced_text.statements_by_key()
    kat16 = rows["pgp_kat16_not_alectinib_lorlatinib"]["statement"]
    after_lead = rows["pgp_kat16_not_alectinib_lorlatinib_after_lead"]["statement"]
    seed = f"as the press release on the study put it, {kat16}; {rows['pgp_seed_alectinib_lorlatinib_active']['statement']}"
    reworded = {
        **rows,
        "pgp_seed_alectinib_lorlatinib_active": {**rows["pgp_seed_alectinib_lorlatinib_active"], "statement": seed},
    }
    monkeypatch.setattr(sourced_text, "statements_by_key", lambda: reworded)
    note = _samples(tmp_path, CLIN47 / "L1196M.vcf", CLIN47 / "L1196M.samples.tsv", min_vaf=0.05)[
        "L1196M_ceritinib_T"
    ].pgp.note
    assert f"If P-gp IHC is positive: {after_lead} (preclinical) [KAT16]; {seed} (preclinical) [SEED]." in note
    assert note.count(after_lead) == 1
