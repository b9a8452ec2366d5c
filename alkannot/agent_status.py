"""An agent's status as the inhibitor table states it, for the notes of the calls on it (RULES.md section 7): an
investigational agent's class and what may have changed it since (a US decision that was due, development reported
discontinued), beside every call; an agent the table records as approved in China, where and by whom it is approved
and its US status, each with its sources, beside a call that makes a claim (clinical review hN, finding 3). Nothing is
said that `inhibitors.tsv` does not say."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .agent_said import statuses
from .readings import SECONDHAND_KINDS
from .records import replace

if TYPE_CHECKING:
    from .evidence import InhibitorCall, InhibitorInfo

# SECONDHAND_KINDS (readings.py): the evidence kinds that do not report a study's own result: a call resting on
# these alone says so beside an agent's status (iruplinalkib and envonalkib with the ALK fusion: clinical review hN,
# finding 3)


def status_sources(info: InhibitorInfo) -> tuple[str, ...]:
    """The sources `agent_status` names (agent_said.py), for the cell's `note_sources`; made once per inhibitor."""
    return statuses(info).sources


def agent_status(info: InhibitorInfo) -> str:
    """What an investigational agent is and what may have changed its status since (agent_said.py); '' for any other
    inhibitor; made once per inhibitor."""
    return statuses(info).agent


def call_status(info: InhibitorInfo, call: InhibitorCall) -> str:
    """The status said beside one call on the agent: an investigational agent's, whatever the call; an agent approved
    in China (its class says so and its `approval_cn` cell is filled), where a call makes a claim (not `unknown`:
    where the report may offer it), with the words secondhand_only gives; '' otherwise."""
    status = agent_status(info)
    if not status and call.category != "unknown" and statuses(info).approved_in_china and info.approvals.get("cn"):
        status = china_status(info)
    return "; ".join(n for n in (status, secondhand_only(call) if status else "") if n)


def china_status(info: InhibitorInfo) -> str:
    """Where and by whom an agent approved in China is approved, and its US status (agent_said.py); made once per
    inhibitor."""
    return statuses(info).china


def china_status_sources(info: InhibitorInfo) -> tuple[str, ...]:
    """The sources `china_status` names (agent_said.py); made once per inhibitor."""
    return statuses(info).china_sources


def secondhand_only(call: InhibitorCall) -> str:
    """The words said beside an agent's status where a call that makes a claim rests on reviews and secondary
    reports alone ('the sensitive call rests on review and secondary sources only': named by its category, as a
    sample's cell may quote it beside its own call); '' for any other call."""
    kinds = set(call.evidence_kinds)
    if call.category == "unknown" or not kinds or not kinds <= set(SECONDHAND_KINDS):
        return ""
    return f"the {call.category} call rests on review and secondary sources only"


def with_agent_status(info: InhibitorInfo, call: InhibitorCall, unstudied: str = "") -> InhibitorCall:
    """A call on an investigational agent, whatever its category, says what the agent is and its status (RULES.md
    section 7: a `sensitive` call on these agents is not an approval; guidance.md section 5), as a call that makes
    a claim on an agent approved in China says where it is approved (clinical review hN, finding 3); an unknown call
    without statements adds `unstudied` (no data for the alteration); not one inferred from parts that list a
    statement (TPX-0131 and L1196M+G1202R: PMO21, listed, not counted, is mutation-level data)."""
    status = call_status(info, call)
    if not status or status in call.note:
        return call
    if call.category == "unknown" and not call.sources and not call.listed and unstudied:
        status = f"{status}; {unstudied}"
    # the approval's sources, named in the note, listed with the cell's (clinical read of stop 43, finding 3)
    named = china_status_sources(info) if china_status(info) in status else ()
    if agent_status(info) and agent_status(info) in status:  # an investigational agent's (clinical read h1, 3)
        named = named + status_sources(info)
    return replace(
        call,
        note=" | ".join(n for n in (status, call.note) if n),
        note_sources=tuple(dict.fromkeys(call.note_sources + named)),
    )
