"""Annotating a small file loads no module it does not need (issue 13): hashlib (which loads OpenSSL),
pathlib and urllib.parse cost about 7, 7 and 2 ms to import, against a run of about 100 ms. The digests and
the HGVS reading they served are unchanged."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from alkannot.bundle import resource_file, resource_path, sha256
from alkannot.existing import one_letter
from alkannot.kbfiles import kb_sha256, read_knowledge_base
from alkannot.knowledge import KB_FILES

EXAMPLE = Path(__file__).resolve().parent.parent / "example_vcfs" / "GRCh38" / "tumor_normal.vcf"
# and the BCF layout reader with the BGZF block reader and isal (stop 40: imported where a large BCF is converted)
NOT_NEEDED = ("hashlib", "_hashlib", "pathlib", "urllib.parse", "alkannot.bcf_layout", "alkannot.bgzf_blocks", "isal")


def test_annotating_the_example_imports_no_hashlib_pathlib_or_urllib(tmp_path):
    out = tmp_path / "out.vcf"
    code = (
        "import sys\n"
        "before = set(sys.modules)  # a virtualenv's .pth files (an editable install's finder) may load some\n"
        "from alkannot.cli import main\n"
        f"sys.argv = ['alkannot', '-q', 'annotate', {str(EXAMPLE)!r}, '-o', {str(out)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        f"print(' '.join(m for m in {NOT_NEEDED!r} if m in set(sys.modules) - before) or 'none')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert done.stdout.strip() == "none", done.stdout + done.stderr
    header = [line for line in out.read_text().splitlines() if line.startswith("##alkannotKnowledgeBase=")]
    assert header == [read_knowledge_base().header_line()]


def test_the_digests_are_hashlib_sha256():
    kb = resource_path("kb")
    expected = hashlib.sha256()
    for name in KB_FILES:
        expected.update(name.encode() + b"\0" + (kb / name).read_bytes() + b"\0")
    assert kb_sha256(resource_file("kb")) == kb_sha256(kb) == expected.hexdigest()
    assert sha256("kb", "calls.tsv") == hashlib.sha256((kb / "calls.tsv").read_bytes()).hexdigest()
    assert resource_path("kb", "calls.tsv") == Path(resource_file("kb", "calls.tsv"))


def test_one_letter_unescapes_only_an_escaped_hgvs():
    assert one_letter("ENSP00000373700.3:p.Ala1200%3D") == "p.A1200="
    assert one_letter("ENSP00000373700.3:p.(Leu1196ArgfsTer12)") == "p.L1196Rfs*12"
    assert one_letter("p.Gly1202Arg") == "p.G1202R"


def test_an_empty_kb_directory_name_is_the_current_folder_as_before(tmp_path, monkeypatch):
    """Path('') is '.', so `--kb ''` read the knowledge base in the current folder; it still does."""
    for name in KB_FILES:
        (tmp_path / name).write_bytes(resource_path("kb", name).read_bytes())
    monkeypatch.chdir(tmp_path)
    assert read_knowledge_base("").sha256 == read_knowledge_base().sha256
