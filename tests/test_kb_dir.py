"""`--kb DIR`: a lab exports the knowledge base, edits it, and pins it. Run as a user runs it: the
installed entry point on small real files. A broken directory is refused with one line naming the
file and line, exit 3, and nothing written."""

import hashlib
import json
import subprocess
from pathlib import Path

import pytest
from helpers import ALKANNOT

from alkannot.kbfiles import load_knowledge_base
from alkannot.knowledge import KB_FILES

DATA = Path(__file__).parent / "data"
VCF = DATA / "alk_snvs_grch37.vcf"  # G1269A, G1202R (+ G1202*), L1196M, T1151dup, Y1059*


def run(*args):
    return subprocess.run([ALKANNOT, *map(str, args)], capture_output=True, text=True)


def export(tmp_path: Path) -> Path:
    target = tmp_path / "lab_kb"
    result = run("kb", "export", "--format", "tsv", "-o", target)
    assert result.returncode == 0 and result.stdout == "", result.stderr
    return target


def edit(path: Path, change) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(change(lines)) + "\n", encoding="utf-8")


def set_cell(lines, match: dict, column: str, value: str):
    header = lines[0].split("\t")
    out = [lines[0]]
    for line in lines[1:]:
        fields = line.split("\t")
        row = dict(zip(header, fields))
        if all(row[k] == v for k, v in match.items()):
            fields[header.index(column)] = value
        out.append("\t".join(fields))
    return out


def sha256(directory: Path) -> str:
    digest = hashlib.sha256()
    for name in KB_FILES:
        digest.update(name.encode() + b"\0" + (directory / name).read_bytes() + b"\0")
    return digest.hexdigest()


def info_values(vcf_text: str, key: str) -> dict[int, str]:
    out = {}
    for line in vcf_text.splitlines():
        if line.startswith("#"):
            continue
        fields = line.split("\t")
        for item in fields[7].split(";"):
            if item.startswith(key + "="):
                out[int(fields[1])] = item.split("=", 1)[1]
    return out


def test_export_is_the_kb_layout_and_reads_back_identically(tmp_path):
    directory = export(tmp_path)
    assert sorted(p.name for p in directory.iterdir()) == sorted(KB_FILES)
    bundled = load_knowledge_base()
    assert sha256(directory) == bundled.sha256
    ours = json.loads(run("lookup", "--json", "--kb", directory, "G1269A", "G1202R+L1198F").stdout)
    theirs = json.loads(run("lookup", "--json", "G1269A", "G1202R+L1198F").stdout)
    assert ours["knowledge_base"]["sha256"] == theirs["knowledge_base"]["sha256"] == bundled.sha256
    assert ours["knowledge_base"]["origin"] == str(directory) and theirs["knowledge_base"]["origin"] == "bundled"
    assert ours["results"] == theirs["results"]


def test_an_edited_kb_is_used_and_pinned_in_headers_and_reports(tmp_path):
    directory = export(tmp_path)
    # a lab decides that lorlatinib should read 'conflicting' for G1202R, and versions its KB
    edit(
        directory / "calls.tsv",
        lambda lines: set_cell(
            lines, {"alteration": "G1202R", "inhibitor": "lorlatinib", "sources": "GAI16"}, "category", "resistant"
        ),
    )
    edit(
        directory / "VERSION", lambda lines: ["version\t2.0.0-lab1" if l.startswith("version\t") else l for l in lines]
    )
    digest = sha256(directory)
    assert digest != load_knowledge_base().sha256

    looked = json.loads(run("lookup", "--json", "--kb", directory, "G1202R").stdout)
    assert looked["knowledge_base"] == {**looked["knowledge_base"], "version": "2.0.0-lab1", "sha256": digest}
    assert looked["results"][0]["calls"]["lorlatinib"]["category"] == "conflicting"

    out = tmp_path / "out.vcf"
    result = run("annotate", VCF, "-o", out, "--kb", directory, "--report", tmp_path / "r")
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    dated = load_knowledge_base().date  # the bundled one's date: the lab edited the version only
    assert f"##alkannotKnowledgeBase=<Version=2.0.0-lab1,Date={dated},SHA256={digest},ID={digest[:12]}>" in text
    assert info_values(text, "ALK_LORLATINIB")[29443613].startswith("conflicting,")
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["knowledge_base"]["sha256"] == digest and report["knowledge_base"]["version"] == "2.0.0-lab1"
    assert f"knowledge base 2.0.0-lab1 ({dated}; SHA256 {digest})" in (tmp_path / "r.html").read_text()

    cohort = run("report", out, "--kb", directory, "--out", tmp_path / "c")
    assert cohort.returncode == 0, cohort.stderr
    assert json.loads((tmp_path / "c.json").read_text())["knowledge_base"]["sha256"] == digest


def _drop_row(match):
    def change(lines):
        header = lines[0].split("\t")
        return [lines[0]] + [
            l for l in lines[1:] if not all(dict(zip(header, l.split("\t")))[k] == v for k, v in match.items())
        ]

    return change


BROKEN = {
    "missing file": ("notes.tsv", None, "notes.tsv: missing"),
    "unknown category": (
        "calls.tsv",
        lambda l: set_cell(l, {"alteration": "G1202R", "sources": "GAI16"}, "category", "resistent"),
        "category 'resistent'",
    ),
    "unknown inhibitor": (
        "calls.tsv",
        lambda l: set_cell(l, {"alteration": "G1202R", "sources": "GAI16"}, "inhibitor", "lorlatinibb"),
        "inhibitor 'lorlatinibb'",
    ),
    "unknown evidence kind": (
        "calls.tsv",
        lambda l: set_cell(l, {"alteration": "G1202R", "sources": "GAI16"}, "evidence_kind", "anecdote"),
        "evidence_kind 'anecdote'",
    ),
    "unknown source key": (
        "calls.tsv",
        lambda l: set_cell(l, {"alteration": "G1202R", "sources": "GAI16"}, "sources", "GAI99"),
        "GAI99 not in sources.tsv",
    ),
    "unparsable alteration": (
        "calls.tsv",
        lambda l: set_cell(l, {"alteration": "G1202R", "sources": "GAI16"}, "alteration", "X1202R"),
        "alteration 'X1202R'",
    ),
    "bad number": (
        "calls.tsv",
        lambda l: set_cell(l, {"alteration": "G1202R", "civic_eid": "EID1351"}, "ic50_nM", "lots"),
        "ic50_nM 'lots'",
    ),
    "renamed column": (
        "calls.tsv",
        lambda l: [l[0].replace("\tdisease\t", "\tdiseases\t")] + l[1:],
        "missing column(s) disease",
    ),
    "extra column": (
        "sources.tsv",
        lambda l: [l[0] + "\treviewer"] + [x + "\t" for x in l[1:]],
        "unknown column(s) 'reviewer'",
    ),
    "short row": ("calls.tsv", lambda l: l[:5] + ["\t".join(l[5].split("\t")[:4])] + l[6:], "the header has"),
    "threshold without a quote": (
        "thresholds.tsv",
        lambda l: set_cell(l, {"rule": "FOLD_4_10"}, "quote", ""),
        "quote is empty",
    ),
    "absolute band without an assay": (
        "thresholds.tsv",
        lambda l: set_cell(l, {"rule": "FOLD_4_10"}, "measure", "ic50_nM"),
        "needs assay_pattern",
    ),
    "version unusable in a header": ("VERSION", lambda l: ["version\t2.0,lab>1"] + l[1:], "a 'version' line"),
}


WHOLE_FILE = {"missing file"}  # problems of a file, not of one line


@pytest.mark.parametrize("name", BROKEN)
def test_a_broken_kb_is_refused_before_anything_is_written(tmp_path, name):
    directory = export(tmp_path)
    filename, change, message = BROKEN[name]
    if change is None:
        (directory / filename).unlink()
    else:
        edit(directory / filename, change)
    out = tmp_path / "out.vcf.gz"
    commands = [
        ["annotate", VCF, "-o", out, "--kb", directory, "--report", tmp_path / "r"],
        ["lookup", "G1202R", "--kb", directory],
    ]
    if name == "unknown category":  # every command that takes --kb checks it the same way
        commands += [["report", VCF, "--kb", directory, "--out", tmp_path / "c"], ["kb", "list", "--kb", directory]]
    for args in commands:
        result = run(*args)
        assert result.returncode == 3, (args, result.stderr)
        assert result.stdout == ""
        line = result.stderr.strip()
        assert "\n" not in line and line.startswith(f"alkannot: error: {directory}/{filename}"), line
        assert message in line, line
    if filename.endswith(".tsv") and name not in WHOLE_FILE:  # the error names the line
        assert line.split(f"{filename}:")[1].split(":")[0].isdigit(), line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lab_kb"]  # no output, no partial file


def test_not_a_directory(tmp_path):
    result = run("lookup", "G1202R", "--kb", tmp_path / "nowhere")
    assert result.returncode == 3 and "cannot read knowledge base (No such file or directory)" in result.stderr
    (tmp_path / "a_file").write_text("")
    result = run("lookup", "G1202R", "--kb", tmp_path / "a_file")
    assert result.returncode == 3 and "not a knowledge-base directory" in result.stderr


def test_a_lab_can_take_the_authors_reading_of_the_fold_band(tmp_path):
    """RULES.md 3.3: EID1354's authors call the whole 4-10-fold band resistant; one cell gives that reading."""
    directory = export(tmp_path)
    edit(directory / "thresholds.tsv", lambda lines: set_cell(lines, {"rule": "FOLD_4_10"}, "within", "resistant"))
    ours = json.loads(run("lookup", "--json", "G1269A").stdout)["results"][0]["calls"]["alectinib"]
    lab = json.loads(run("lookup", "--json", "--kb", directory, "G1269A").stdout)["results"][0]["calls"]["alectinib"]
    assert ours["category"] == "intermediate"
    assert lab["category"] == "conflicting"  # EID1354 resistant vs LIN17T2 and SEED sensitive, as in 1.x
    assert all(m["grade"]["category"] == "resistant" for m in lab["measurements"])


def test_the_inhibitor_table_defines_the_inhibitors(tmp_path):
    """A statement about an inhibitor the table lacks is refused, naming the statement's line."""
    directory = export(tmp_path)
    edit(directory / "inhibitors.tsv", _drop_row({"inhibitor": "tpx0131"}))
    result = run("lookup", "G1202R", "--kb", directory)
    assert result.returncode == 3 and result.stdout == ""
    line = result.stderr.strip()
    assert "\n" not in line and line.startswith(f"alkannot: error: {directory}/calls.tsv:"), line
    assert "inhibitor 'tpx0131' is not one of" in line


@pytest.mark.parametrize("key", ["LIN+17T2", "LIN17|T2", "LIN17;T2", 'LIN17"T2'])
def test_a_source_key_holding_a_separator_of_alk_call_sources_is_refused(tmp_path, key):
    """A lab's key 'LIN+17|T2' was written as it is into ALK_CALL_SOURCES (INHIBITOR:KEY+KEY|...), which then reads
    as three sources of two inhibitors; ';' and '"' would do the same to the quoted, ;-joined PgpSources and
    CallSources header values. Refused at --kb load, naming the file and row (open item (iii) of stop 46, pipe47)."""
    kb = export(tmp_path)
    for name in ("sources.tsv", "calls.tsv", "notes.tsv"):
        path = kb / name
        path.write_text(path.read_text(encoding="utf-8").replace("LIN17T2", key), encoding="utf-8")
    row = next(n for n, line in enumerate((kb / "sources.tsv").read_text().splitlines(), 1) if line.startswith(key))
    out = tmp_path / "out.vcf"
    result = run("annotate", VCF, "--kb", kb, "-o", out)
    assert result.returncode == 3
    (shown,) = [c for c in '+|;"' if c in key]
    assert result.stderr == (
        f"alkannot: error: {kb / 'sources.tsv'}:{row}: source key {key!r} holds {shown!r}, which separate the sources "
        "and inhibitors of ALK_CALL_SOURCES (INHIBITOR:KEY+KEY|...) and the ;-joined, quoted PgpSources and "
        "CallSources: rename the key (letters, digits, '_', '-', '.')\n"
    )
    assert not out.exists()
