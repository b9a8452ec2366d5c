"""A new user's first read of README and the example report (stop 47, helper newuser47): what README and the page say
about exit codes and the summary boxes is what the installed `alkannot` does.

- README's first paragraph said "one-line errors with exit code 3", but a usage error (an unknown option) is exit 2;
- README's Usage quoted `alkannot: error: No such option '--bogus' (see 'alkannot annotate --help')`, a line the tool
  does not print (click adds "Did you mean '--verbose'?");
- the HTML page said "Each sample is counted once in each of the first two rows", where the first question's boxes
  wrap onto two rows on the example page (P6_T and P7_T sit in the second), and README said "each sample in one box of
  each row", which the third row, the P-gp triage list, is not;
- README's "How to read the report" listed what makes `on_target_possible` without the deletion over the ALK kinase
  domain that the HTML box ("ALK gain or deletion") and the verdict count;
- README's list of the example cohort named P3_T's compound "G1202R+L1196M", which no output writes (the report,
  the TSV and ALK_COMPOUND write "L1196M+G1202R": a search of the report for README's name finds nothing);
- README's Usage gave `--threads N` with no word on what the threads do, which `--help` says;
- every HTML card's P-gp line stuttered, "P-gp (ABCB1) check: not indicated. Not indicated: G1202R ...": the card
  now leaves the note's opening flag words out after the heading that gives them; the TSV and JSON keep them.
"""

from __future__ import annotations

import gzip
import html as html_text
import re
from pathlib import Path

from helpers import EXAMPLES, readme_reports, run

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def one_line(result, code: int) -> str:
    assert result.returncode == code, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_readme_intro_gives_exit_2_for_usage_and_3_naming_the_file_as_the_tool_does(tmp_path):
    intro = " ".join(README.split("\n## ", 1)[0].split())
    assert "exit code 2 for a usage error (an unknown option), 3, naming the file," in intro
    assert "one-line errors with exit code 3." not in intro
    usage = one_line(run("annotate", EXAMPLES / "GRCh38" / "tumor_normal.vcf", "--bogus", text=True), 2)
    assert usage.startswith("alkannot: error: No such option '--bogus'")
    missing = tmp_path / "no_such.vcf"
    line = one_line(run("annotate", missing, "-o", tmp_path / "o.vcf", text=True), 3)
    assert line == f"alkannot: error: {missing}: cannot read input (No such file or directory)"
    assert not (tmp_path / "o.vcf").exists()


def test_readme_quotes_the_unknown_option_line_as_printed():
    quoted = re.search(r"Exit codes: 0 success; 2 bad usage \(one line with a hint: `([^`]*)`", README, re.S).group(1)
    quoted = " ".join(quoted.split())
    printed = one_line(run("annotate", "--bogus", text=True), 2)
    assert quoted == printed


def test_readme_names_the_venv_its_commands_make():
    section = README.split("\n## Run the tests (one command)\n", 1)[1].split("\n## ", 1)[0]
    assert "python3 -m venv .venv" in section
    assert re.findall(r"(?<![.\w])venv/bin/", section) == []  # `venv/bin/...` beside a `.venv` the command made
    assert "`.venv/bin/python -m pytest` tests\n`.venv/bin/alkannot`" in section


def test_each_sample_sits_in_one_box_under_each_of_the_first_two_questions(tmp_path):
    samples, _tsv, html, _doc = readme_reports(tmp_path / "alk_report")
    assert "Each sample is counted in one box under each of the first two questions; the third lists" in html
    assert "first two rows" not in html
    summary = html.split('<section id="summary">', 1)[1].split("</section>", 1)[0]
    questions = re.split(r"<h3>(.*?)</h3>", summary)[1:]
    parts = dict(zip(questions[::2], questions[1::2]))
    assert list(parts) == [
        "What explains the resistance?",
        "Should P-gp (ABCB1) be checked?",
        "Which resistant tumours have no ALK change that explains the progression?",
    ]
    for question in list(parts)[:2]:
        shown = re.findall(r'<div class="small">([^<]*)</div>', parts[question])
        names = [re.sub(r" \(.*", "", n) for cell in shown if cell != "—" for n in cell.split(", ")]
        assert sorted(names) == sorted(samples), (question, names)
    # the first question's six boxes (five and "Not assessable") are more than one row of the page: the words
    # name the question, not a row
    assert parts["What explains the resistance?"].count('class="box ') == 6
    triage = re.findall(r'<div class="small">([^<]*)</div>', parts[list(parts)[2]])
    assert triage == ["P4_T (P-gp check recommended), P5_T (P-gp check low yield)"]  # a subset, not every sample
    how = " ".join(README.split("\n## How to read the report\n", 1)[1].split("\n- ", 1)[0].split())
    assert (
        "(each sample in one box under each of the first two questions; the third lists the P-gp triage cases)" in how
    )


def test_the_card_does_not_repeat_its_p_gp_heading_and_the_tsv_and_json_keep_the_flag(tmp_path):
    samples, tsv, html, _doc = readme_reports(tmp_path / "alk_report")
    # the lead opens the box; where the card lays the note out by its parts it is the first span (split51)
    lines = re.findall(r"<b>P-gp \(ABCB1\) check: ([^<]*)\.</b> (?:<span class=\"pgplead\">)?([^<]*)", html)
    assert len(lines) == len(samples) == 7
    for (check, lead), (name, sample) in zip(lines, samples.items()):
        flag = sample["pgp_check"].replace("_", " ")
        assert check == flag, name  # no IHC in the example's sheet: the heading is the flag
        note = sample["pgp"]["note"]
        assert note.startswith(flag.capitalize() + ": ") and tsv[name]["pgp_note"] == note  # the contract's note
        assert not lead.lower().startswith(flag + ":"), (name, lead)
        rest = note[len(flag) + 2 :]
        assert html_text.unescape(lead).startswith(rest[:1].upper() + rest[1:60]), (name, lead)
    assert "<b>P-gp (ABCB1) check: not indicated.</b> G1202R (VAF 31.8%) is resistant to alectinib" in html  # P1_T
    assert (
        '<b>P-gp (ABCB1) check: recommended.</b> <span class="pgplead">Progressed most recently on ceritinib, and no ALK'
        in html
    )  # P4_T


def test_readme_usage_says_what_threads_are_as_help_does(tmp_path):
    usage = README.split("\n## Usage\n", 1)[1].split("\n## ", 1)[0]
    line = " ".join(usage.split("    --threads N", 1)[1].split("\n    --kb", 1)[0].replace("#", " ").split())
    assert (
        line == "extra htslib (de)compression threads beside alkannot's own process (default 0), as bcftools' --threads"
    )
    helped = " ".join(run("annotate", "--help", text=True).stdout.split())
    assert "--threads INTEGER Extra htslib (de)compression threads. [default: 0]" in helped
    vcf = EXAMPLES / "GRCh38" / "tumor_normal.vcf"
    outputs = []
    for threads in ("0", "2"):
        out = tmp_path / f"t{threads}.vcf.gz"
        result = run("annotate", vcf, "-Oz", "-o", out, "-W", "--threads", threads, "--no-version", text=True)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / f"t{threads}.vcf.gz.csi").exists()
        outputs.append(gzip.decompress(out.read_bytes()))
    assert outputs[0] == outputs[1] and outputs[0].count(b"ALK_HGVSP=") == 4  # threads change no byte of the records


def test_readme_names_the_kinase_domain_deletion_among_what_makes_on_target_possible(tmp_path):
    how = " ".join(README.split("\n## How to read the report\n", 1)[1].split("\n## ", 1)[0].split())
    possible = how.split("`on_target_possible` (one that may: ", 1)[1].split(")", 1)[0]
    assert possible.endswith("a VUS, an ALK copy-number gain, a deletion over the ALK kinase domain"), possible
    data = ROOT / "tests" / "data" / "review37"  # no ALK mutation; a <DEL> over the kinase domain; after crizotinib
    result = run(
        "annotate", data / "no_mutation.vcf", "--sv", data / "symbolic_kinase_deletion.vcf",
        "--samples", data / "crizotinib_no_normal.tsv", "--report", tmp_path / "r", "-o", tmp_path / "o.vcf", text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "r.html").read_text()
    assert "ALK gain or deletion)</b></div>" in page  # the box title README's list mirrors
    row = (tmp_path / "r.tsv").read_text().splitlines()
    header, values = row[0].split("\t"), row[1].split("\t")
    sample = dict(zip(header, values))
    assert sample["alk_copy_number"].startswith("ALK deletion") and sample["alk_mutations"] == ""
    assert sample["mechanism"] == "on_target_possible"


def test_readme_names_the_example_compound_as_the_outputs_write_it(tmp_path):
    intro = " ".join(README.split("\n## How to read the report\n", 1)[0].split())
    assert "a cis compound L1196M+G1202R (as the report writes it) after lorlatinib" in intro
    assert "G1202R+L1196M" not in intro
    samples, tsv, page, _doc = readme_reports(tmp_path / "alk_report")
    assert tsv["P3_T"]["compound"] == "L1196M+G1202R cis (phase from PS)"
    assert samples["P3_T"]["progressed_on"][-1] == "lorlatinib"
    assert "G1202R+L1196M" not in page and "L1196M+G1202R" in page
    vcf = gzip.decompress((tmp_path / "alk_report.vcf.gz").read_bytes()).decode()
    assert "ALK_COMPOUND=P3_T:L1196M+G1202R(cis)" in vcf and "G1202R+L1196M" not in vcf
