"""The bundled tables' values kept with the knowledge base's cache (alkannot/table_cache.py, issue 13): a run that
loads the cache takes each value from it, equal to one made afresh from the files; values kept for other bytes of
the tables (an edited genes.tsv in an editable checkout) are never used."""

from __future__ import annotations

import pickle
import subprocess
import sys

from alkannot import table_cache


def test_kept_values_are_used_only_where_the_tables_are_the_same_bytes():
    content = table_cache.files_content()
    assert b"genome/genes.tsv\0" in content and b"transcript/alk_cds.fa\0" in content
    assert b"triage/statements.tsv\0" in content
    table_cache.use((content + b"an edited table", {("test", "edited"): pickle.dumps("kept")}))
    assert table_cache.table(("test", "edited"), lambda: "made") == "made"
    table_cache.use((content, {("test", "same"): pickle.dumps("kept")}))
    assert table_cache.table(("test", "same"), lambda: "made") == "kept"
    assert table_cache.table(("test", "same"), lambda: "made again") == "kept"  # made once a process
    table_cache.use(("not", "a kept set", "at all"))
    assert table_cache.table(("test", "other"), lambda: "made") == "made"


PROBE = """
import sys
from alkannot import table_cache
from alkannot.kbfiles import read_knowledge_base
read_knowledge_base()
from alkannot.genome import gene_spans, gene_spans_made
from alkannot.offtarget_screen import bypass_statements, bypass_statements_made
from alkannot.transcript import BUILDS, load_transcript, transcript_made
from alkannot.triage_statements import statements_by_key, statements_made
kept = sorted(map(str, table_cache._kept))
for build in BUILDS:
    assert gene_spans(build) == gene_spans_made(build)
    for gene in ("ALK", "EML4"):
        loaded, fresh = load_transcript(build, gene), transcript_made(build, gene)
        assert loaded == fresh
        assert [loaded.ref_seq(e.start, e.end) for e in loaded.exons] == [fresh.ref_seq(e.start, e.end) for e in fresh.exons]
assert statements_by_key() == statements_made() and bypass_statements() == bypass_statements_made()
print(len(kept))
"""


def test_a_run_from_the_cache_takes_the_tables_from_it_equal_to_fresh_ones(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    counts = [
        subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, env=env).stdout
        for _ in range(2)
    ]
    assert counts[0].strip() == "0"  # the run that read the files and wrote the cache
    assert counts[1].strip() == "8"  # 2 builds x (gene spans, ALK, EML4), statements, bypass genes: all kept
