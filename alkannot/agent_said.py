"""What the inhibitor table says of one agent's status, said once per inhibitor (agent_status.py says it beside the
calls): an investigational agent's class and what may have changed it since (a US decision that was due, development
reported discontinued), an agent approved in China, where and by whom, and its US status, each with its sources.
Nothing is said that `inhibitors.tsv` does not say. The texts depend on the inhibitor alone: `statuses` makes them
once and keeps them in the InhibitorInfo, which the knowledge base's cache keeps (issue 13). `info`: an
InhibitorInfo."""

from __future__ import annotations

import re
from typing import Any

from .records import kept, record
from .sourced_text import identified_once

# The patterns are compiled at their first use (re's cache), not at import: a run from the knowledge base's cache,
# which keeps what they read, compiles none of them (about 2 M instructions, issue 13).
# the date, and the sources the cell names for it in the parenthesis that follows it ('... of 2026-11-27 (PDN26)')
_PDUFA = r"PDUFA target action date of (\d{4}-\d{2}-\d{2})(?: \(([A-Z0-9_;, ]+)\))?"
_CITED = r"\[([A-Z0-9_; ]+)\]"
_DISCONTINUED = r"'([^']*\bdiscontinued\b[^']*)' \(([A-Z0-9]+)"
_CHINA = r"\s*\(approved in China[^)]*\)"
_INVESTIGATIONAL = r"(.+?) \(investigational(?: (as of .+))?\)"


@record(frozen=True)
class AgentStatus:
    """What agent_status.py's `agent_status`, `china_status`, `status_sources` and `china_status_sources` say of
    one inhibitor, and whether its class says it is approved in China: made once per inhibitor
    (`statuses`)."""

    agent: str
    china: str
    sources: tuple[str, ...]
    china_sources: tuple[str, ...]
    approved_in_china: bool


def statuses(info: Any) -> AgentStatus:
    """The statuses of `info`, made once and kept in it (records.kept; KnowledgeBase.precompute makes them for the
    knowledge base's cache): every call on the inhibitor asks again."""
    return kept(info, "statuses", lambda: _statuses(info))


def _statuses(info: Any) -> AgentStatus:
    return AgentStatus(
        _agent_status(info),
        _china_status(info),
        _status_sources(info),
        _china_status_sources(info),
        re.search(_CHINA, info.agent_class) is not None,
    )


def status_caveat(info: Any) -> str:
    """What the inhibitor table says of an investigational agent's status, with its sources: a US decision that was
    due (clinical review 2026-12-01, second reading, finding 16), else its US status cell where sources back it
    (TPX-0131: a phase I/II trial in 2021 [PMO21; OU21]; gilteritinib: approved for FLT3-mutated AML, not for ALK+
    NSCLC: clinical read h1, findings 3 and 4: 'investigational' said with no source), and development reported
    discontinued; '' where it says none of these."""
    caveat = ""
    us = info.approvals.get("us", "")
    due = re.search(_PDUFA, us)
    if due:
        sources = "; ".join(_due_sources(info, due))
        caveat += (
            f"; a US decision was due {due.group(1)} (the PDUFA target action date, "
            f"{'a secondary report' if ';' not in sources else 'secondary reports'} [{sources}]); its outcome is not "
            "in the knowledge base: "
            "check its current FDA status"
        )
    elif us and info.region_sources.get("us"):
        cited = info.region_citations.get("us") or f"[{'; '.join(info.region_sources['us'])}]"
        caveat += f"; in the US, {us} {cited}"
    stopped = re.search(_DISCONTINUED, info.notes)
    if stopped:
        caveat += f"; '{stopped.group(1)}' [{stopped.group(2)}]"
    return identified_once(caveat)


def _due_sources(info: Any, due: re.Match[str]) -> tuple[str, ...]:
    """The sources of a US decision's date: those the cell names beside the date (PDN26, the one report of the NDA's
    acceptance that gives it), not those of the submission the same cell reports (STOCKTITAN26 and DAILYSCOUT26 say
    nothing of a date: clinical read of stop 45 by helper r1, finding 2); every source of the cell where it names none
    beside the date."""
    named = tuple(k.strip() for k in re.split(r"[;,]", due.group(2) or "") if k.strip())
    return named if named and set(named) <= set(info.approval_sources) else tuple(info.approval_sources)


def _status_sources(info: Any) -> tuple[str, ...]:
    """The sources `status_caveat` names, for the cell's `note_sources` (listed beside the cell's own, as an agent
    approved in China lists its approvals' sources): where a US decision was due, those of its date and those the
    agent's class cites for 'investigational as of' (neladalkib: PDN26, DAILYSCOUT26), not the whole US cell's."""
    due = re.search(_PDUFA, info.approvals.get("us", ""))
    if due:
        as_of = [k.strip() for group in re.findall(_CITED, info.agent_class) for k in group.split(";")]
        keys = [*as_of, *_due_sources(info, due)]
    else:
        keys = list(info.region_sources.get("us", ())) if info.approvals.get("us") else []
    stopped = re.search(_DISCONTINUED, info.notes)
    return tuple(dict.fromkeys(keys + ([stopped.group(2)] if stopped else [])))


def _agent_status(info: Any) -> str:
    """What an investigational agent is ('investigational (ALK TKI)', 'FLT3/AXL inhibitor (ALK activity
    investigational)') and what may have changed its status since, said beside every call on it; '' for any other
    inhibitor."""
    if "investigational" not in info.agent_class:
        return ""
    # 'ALK TKI (investigational)': said once; 'ALK TKI (investigational as of <when> [SOURCE])': with as of when and on
    # which source the label rests (neladalkib: KB traceability review of stop 45, item 2)
    labelled = re.fullmatch(_INVESTIGATIONAL, info.agent_class)
    if labelled:
        kind, as_of = labelled.groups()
        said = f"investigational ({kind}{'; ' + as_of if as_of else ''})"
    else:
        said = info.agent_class
    return said + status_caveat(info)


def _china_status(info: Any) -> str:
    """'iruplinalkib (ALK/ROS1 TKI): in China, approved by the NMPA for ALK-positive NSCLC (line of therapy not
    recorded in the sources read) [CN25GUIDE, PMID 40268545; ZHAO26, doi:...]; in the US, not FDA-approved as of
    December 2023 (single source; later status not retrieved) [ZHAO26, doi:...]; check the current approval where the
    patient is treated': each region's cell of the inhibitor table with its own sources, cited with their identifiers
    (`InhibitorInfo.region_citations`), after the agent's name, so that it does not read on from the sentence before
    it (clinical read of stop 43, findings 3 and 11)."""
    said = []
    for region, name in (("cn", "in China"), ("us", "in the US")):
        text = info.approvals.get(region, "")
        if text:
            sources = info.region_sources.get(region, ())
            cited = info.region_citations.get(region) or (f"[{'; '.join(sources)}]" if sources else "")
            said.append(f"{name}, {text}" + (f" {cited}" if cited else ""))
    opening = f"{info.agent} ({re.sub(_CHINA, '', info.agent_class)})"
    # a source both regions cite (ZHAO26) is identified at its first citation only
    return f"{opening}: {identified_once('; '.join(said))}; check the current approval where the patient is treated"


def _china_status_sources(info: Any) -> tuple[str, ...]:
    """The sources `china_status` names, for the cell's `note_sources`."""
    return tuple(dict.fromkeys(k for region in ("cn", "us") for k in info.region_sources.get(region, ())))


__all__ = ["AgentStatus", "statuses"]
