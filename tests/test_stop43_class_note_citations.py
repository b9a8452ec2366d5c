"""Clinical read of stop 43, findings 1 and 3. A compound's cell that names a class statement about the inhibitor
cites it with its identifiers and lists its sources with the cell's (`note_sources`); a listed compound's own statement
about the inhibitor is said instead of its parts' (I1171N+L1198H and gilteritinib: its row says the abstract does not
say it was tested with gilteritinib; I1171N's row is about the other compounds)."""

from __future__ import annotations

from alkannot.alterations import parse_alteration
from alkannot.kbfiles import load_knowledge_base

KB = load_knowledge_base()
MIZ21 = "[MIZ21, doi:10.1038/s41467-021-21396-w]"
# the sources of gilteritinib's status, said first in every cell on it, listed with the cell's too (clinical read h1,
# finding 4): its US approval (FLT3-mutated AML, not ALK+ NSCLC) and its discontinued NSCLC development
STATUS = ("PENN18GIL", "OPENFDA_GIL", "MASSONC_GIL", "DHI19GIL")


def test_a_listed_compound_says_its_own_statement_about_the_agent_not_its_parts():
    call = KB.call(parse_alteration("I1171N+L1198H")).calls["gilteritinib"]
    assert call.category == "unknown"
    assert call.note.count("as a group, not a gilteritinib call on this mutation:") == 1
    assert "does not say it was tested with gilteritinib" in call.note and call.note.endswith(MIZ21)
    assert "so no other compound gets a gilteritinib call" not in call.note  # I1171N's row, about the others
    assert "clinical audit" not in call.note  # the row's internal reference is in its where-read column
    assert call.note_sources == (*STATUS, "MIZ21")


def test_an_untested_compound_names_its_parts_statement_cited():
    call = KB.call_compound(["I1171N", "D1203N"], phase="cis").calls["gilteritinib"]
    assert call.note.count("as a group, not a call on this mutation: gilteritinib") == 1 and call.note.endswith(MIZ21)
    assert call.note_sources == (*STATUS, "MIZ21")


def test_a_sourced_call_on_the_agent_names_no_class_statement():
    # the I1171N+F1174I gilteritinib call is sourced (MIZ21's in vivo switch): no class statement is added
    call = KB.call(parse_alteration("I1171N+F1174I")).calls["gilteritinib"]
    assert call.category == "sensitive" and "as a group" not in call.note and call.note_sources == STATUS


def test_a_compound_with_its_own_row_and_no_statement_says_its_own_row():
    """I1171N+L1198F has notes but no statement: its own MIZ21 row ('so this compound gets none') is said, in the
    words of MIZ21's abstract (regrew on alectinib or lorlatinib, shrank after the switch to gilteritinib in mice;
    I1171N+L1198H named only as resistant to all the approved ALK TKIs), not I1171N's row about other compounds."""
    note = KB.call(parse_alteration("I1171N+L1198F")).calls["gilteritinib"].note
    assert (
        "the abstract names I1171N+F1174I (regrew on alectinib or lorlatinib, shrank after a switch to gilteritinib in "
        "mice; its gilteritinib call) and I1171N+L1198H (named only as resistant to all the approved ALK TKIs, as of "
        "the 2021 paper; not said to have been tested with gilteritinib), so this compound gets none from the class "
        f"sentence {MIZ21}"
    ) in note
    assert "which other I1171N compounds were tested" not in note
    assert "resistant to the approved inhibitors only" not in note


def test_in_trans_the_pair_gets_its_parts_statement_not_a_compounds_row():
    note = KB.call_compound(["I1171N", "L1198F"], phase="trans").calls["gilteritinib"].note
    assert "so this compound gets none" not in note and "which other I1171N compounds were tested" in note
