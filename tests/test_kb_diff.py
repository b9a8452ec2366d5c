"""tools/kb_diff.py lists every call that differs between two versions, each version's own code
making its calls; run on two real source trees, one with an edited calls.tsv."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def tree(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    for part in ("alkannot", "resources"):
        shutil.copytree(ROOT / part, target / part, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def test_kb_diff_lists_exactly_the_changed_calls(tmp_path):
    old, new = tree(tmp_path, "old"), tree(tmp_path, "new")
    calls = new / "resources" / "kb" / "calls.tsv"
    lines = calls.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    edited = []
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t")))
        if row["alteration"] == "S1206C" and row["inhibitor"] == "lorlatinib":
            line = line.replace("\tsensitive\t", "\tresistant\t", 1)
        edited.append(line)
    calls.write_text("\n".join([lines[0]] + edited) + "\n", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "kb_diff.py"),
            str(old),
            str(new),
            "--format",
            "tsv",
            "--also",
            "S1206C+G1269A",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()[1:]]
    changed = {(r[0], r[1], r[2], r[3]) for r in rows}
    # the single change, and the compounds that now inherit it by the least favourable rule: one asked
    # for with --also, one a compound entry that has no lorlatinib statement of its own
    assert changed == {
        ("S1206C", "lorlatinib", "sensitive", "resistant"),
        ("S1206C+G1269A", "lorlatinib", "unknown", "resistant"),
        ("S1206C+E1210K", "lorlatinib", "unknown", "resistant"),
    }
    single = next(r for r in rows if r[0] == "S1206C")
    assert "LIN17T2" in single[6]
    markdown = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "kb_diff.py"), str(old), str(new)], capture_output=True, text=True
    ).stdout
    assert "2 changed calls" in markdown and "- `S1206C` x lorlatinib: sensitive -> resistant." in markdown
