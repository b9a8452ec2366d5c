#!/usr/bin/env python3
"""List every call that differs between two knowledge-base versions, as each version's own code makes it.

    python3 tools/kb_diff.py OLD NEW [--also-from TSV] [--also ALTERATION ...] [--format markdown|tsv]

OLD and NEW are alkannot source trees (a directory holding alkannot/ and resources/kb/) or git
revisions of this repository (extracted with `git archive`). For each, the tree's own
`alkannot.knowledge` calls every alteration of both knowledge bases (plus --also and the first
column of --also-from, e.g. the shared review matrix) for every inhibitor; a call whose category
changed is listed with the new call's note and sources, so a changelog entry says what changed,
why and on what evidence. The trees run in a Python without site-packages (-S), so an installed
alkannot cannot stand in for the tree's own code and data.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs inside a tree: prints {"version", "sha256", "alterations", "calls": {alteration: {inhibitor: [...]}}}
CALLS = r"""
import json, sys
from alkannot import knowledge
try:   # trees made after the knowledge module was split (alterations.py, kbfiles.load_knowledge_base)
    from alkannot.alterations import parse_alteration
    from alkannot.kbfiles import load_knowledge_base
except ImportError:
    from alkannot.knowledge import load_knowledge_base, parse_alteration
kb = load_knowledge_base()
INHIBITORS = getattr(knowledge, "INHIBITORS", None) or kb.inhibitor_names
queries = json.loads(sys.argv[1])
def call(name):
    if name == "ALK fusion":
        return kb.call_fusion("EML4")
    return kb.call(parse_alteration(name))
out = {}
for name in list(kb.alterations()) + queries:
    try:
        c = call(name)
    except ValueError:
        continue
    out[c.alteration if name != "ALK fusion" else name] = {
        i: [c.calls[i].category, c.calls[i].inferred, c.calls[i].note, list(c.calls[i].sources)] for i in INHIBITORS}
    out[c.alteration if name != "ALK fusion" else name]["_class"] = c.resistance
print(json.dumps({"version": kb.version, "sha256": kb.sha256, "alterations": list(kb.alterations()), "calls": out}))
"""


def tree_for(spec: str, scratch: Path) -> Path:
    """A directory with the tree: the path itself, or `git archive` of a revision."""
    path = Path(spec)
    if (path / "alkannot").is_dir():
        return path
    target = scratch / spec.replace("/", "_")
    target.mkdir()
    archive = scratch / f"{target.name}.tar"
    subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), spec, "alkannot", "resources"], check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")
    return target


def calls_of(tree: Path, queries: list[str]) -> dict:
    result = subprocess.run(
        [sys.executable, "-S", "-c", CALLS, json.dumps(queries)],
        cwd=tree,
        env={"PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"{tree}: {result.stderr.strip()}")
    return json.loads(result.stdout)


def changes(old: dict, new: dict) -> list[dict]:
    out = []
    for alteration in sorted(set(old["calls"]) | set(new["calls"])):
        before, after = old["calls"].get(alteration, {}), new["calls"].get(alteration, {})
        for inhibitor in (k for k in (after or before) if not k.startswith("_")):
            was = before.get(inhibitor, ["unknown", False, "not in this version", []])
            now = after.get(inhibitor, ["unknown", False, "not in this version", []])
            if was[0] != now[0]:
                out.append(
                    {
                        "alteration": alteration,
                        "inhibitor": inhibitor,
                        "old": was[0],
                        "new": now[0],
                        "inferred": now[1],
                        "note": now[2],
                        "sources": now[3],
                    }
                )
        if before.get("_class") != after.get("_class") and before and after:
            out.append(
                {
                    "alteration": alteration,
                    "inhibitor": "ALK_RESISTANCE class",
                    "old": before["_class"],
                    "new": after["_class"],
                    "inferred": False,
                    "note": "",
                    "sources": [],
                }
            )
    return out


def markdown(old: dict, new: dict, rows: list[dict]) -> str:
    lines = [
        f"Knowledge base {old['version']} (SHA256 {old['sha256'][:12]}) -> {new['version']} "
        f"(SHA256 {new['sha256'][:12]}): {len(rows)} changed calls (alteration x inhibitor: old -> new; the "
        "new call's note and sources say why)."
    ]
    for r in rows:
        inferred = " (inferred)" if r["inferred"] else ""
        # the reasons for the call; statements from other contexts, which do not decide it, are left out
        reasons = [part for part in r["note"].split(" | ") if not part.startswith("other contexts, not voting")]
        why = f" {' | '.join(reasons)}" if reasons else ""
        sources = f" [{'; '.join(r['sources'])}]" if r["sources"] else ""
        lines.append(f"- `{r['alteration']}` x {r['inhibitor']}: {r['old']} -> {r['new']}{inferred}.{why}{sources}")
    return "\n".join(lines) + "\n"


def tsv(rows: list[dict]) -> str:
    header = ["alteration", "inhibitor", "old", "new", "inferred", "note", "sources"]
    body = ["\t".join(str(r[k]) if k != "sources" else ";".join(r[k]) for k in header) for r in rows]
    return "\n".join(["\t".join(header)] + body) + "\n"


def queries_from(path: str | None, extra: list[str]) -> list[str]:
    names = list(extra)
    if path:
        with open(path, encoding="utf-8") as handle:
            next(handle)
            names += [line.split("\t", 1)[0].split(" ")[0] for line in handle if line.strip()]
    return names


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--also", nargs="*", default=[], help="further alterations to compare (e.g. compounds)")
    parser.add_argument("--also-from", help="a TSV whose first column names alterations (e.g. shared/kb/mutations.tsv)")
    parser.add_argument("--format", choices=("markdown", "tsv"), default="markdown")
    args = parser.parse_args(argv)
    queries = queries_from(args.also_from, args.also)
    with tempfile.TemporaryDirectory() as scratch:
        old = calls_of(tree_for(args.old, Path(scratch)), queries)
        new = calls_of(tree_for(args.new, Path(scratch)), queries)
    rows = changes(old, new)
    sys.stdout.write(markdown(old, new, rows) if args.format == "markdown" else tsv(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
