"""A lab's own HTML template (--html-template PATH / ALKANNOT_HTML_TEMPLATE), through the installed entry point:
it is used, it is escaped like alkannot's, a broken one is one line and exit 3, and jinja2 loads only when a
page is written."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ALKANNOT

ROOT = Path(__file__).parent.parent
EX = ROOT / "example_vcfs"
VCF = EX / "GRCh38" / "tumor_normal.vcf"
HOSTILE = '<img src=x onerror="alert(1)">'


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    """The example annotated once, and a sample sheet whose free-text column holds markup."""
    folder = tmp_path_factory.mktemp("annotated")
    sheet = (EX / "samples.tsv").read_text().replace("\tliver\n", f"\t{HOSTILE}\n")
    assert HOSTILE in sheet
    (folder / "samples.tsv").write_text(sheet)
    run = subprocess.run(
        [
            ALKANNOT,
            "annotate",
            str(VCF),
            "--samples",
            str(folder / "samples.tsv"),
            "-o",
            str(folder / "example.vcf.gz"),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    return folder


def _report(annotated: Path, out: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            ALKANNOT,
            "report",
            str(annotated / "example.vcf.gz"),
            "--samples",
            str(annotated / "samples.tsv"),
            "--out",
            str(out),
            *extra,
        ],
        capture_output=True,
        text=True,
        env=env,
    )


LAB = """{% extends "alkannot/report.html.j2" %}
{% block title %}Molecular tumour board – {{ doc.samples | length }} patients{% endblock %}
{% block style %}{{ super() }}
h1{color:#004b87}
{% endblock %}
{% block header %}<p class="lab-banner">{% include "lab_banner.html" %}</p>{{ super() }}{% endblock %}
{% block card_extra %}<p class="lab-sign">Reviewed by: ____ ({{ c.sample }})</p>{% endblock %}
"""


def test_lab_template_extends_alkannots(annotated, tmp_path):
    lab = tmp_path / "lab"
    lab.mkdir()
    (lab / "report.html.j2").write_text(LAB)
    (lab / "lab_banner.html").write_text("St Elsewhere Molecular Pathology")
    run = _report(annotated, tmp_path / "out", "--html-template", str(lab / "report.html.j2"))
    assert run.returncode == 0, run.stderr
    page = (tmp_path / "out.html").read_text()
    assert "<title>Molecular tumour board – 7 patients</title>" in page
    assert "h1{color:#004b87}" in page and "@media print" in page, "the lab's rule after alkannot's CSS"
    assert '<p class="lab-banner">St Elsewhere Molecular Pathology</p>' in page
    assert page.count('<p class="lab-sign">') == 7 and "Reviewed by: ____ (P4_T)" in page
    for kept in ("Cohort summary", 'id="s-P7_T"', "P-gp (ABCB1) check: recommended.", "PMID 26870817"):
        assert kept in page, kept
    assert HOSTILE not in page and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page
    default = _report(annotated, tmp_path / "plain")
    assert default.returncode == 0 and "lab-sign" not in (tmp_path / "plain.html").read_text()


OWN = """<!DOCTYPE html><html><head><title>own</title></head><body>
{% for s in doc.samples %}
<p class="row">{{ s.sample }}: {{ s.pgp_check }}; site {{ s.sample_sheet_extra.biopsy_site | default("—") }}</p>
{% endfor %}{% for c in cards %}{% for i in c.inhibitors if i.progressed_on %}
<i>{{ c.sample }} progressed on {{ i.name }}</i>
{% endfor %}{% endfor %}</body></html>
"""


def test_per_sample_rows_read_like_lists_in_a_lab_template(annotated, tmp_path):
    """cards, cohort_rows and grid.rows are computed as the page is written (memory stays flat for thousands
    of samples), yet a template may count, index, slice and loop over them as often as it likes."""
    own = tmp_path / "rows.html.j2"
    own.write_text(
        "{{ cards | length }}|{{ cohort_rows[0].sample }}|{{ cards[-1].sample }}|"
        "{% for c in cards[1:3] %}{{ c.sample }},{% endfor %}|"
        "{% for c in cards %}{{ c.sample }} {% endfor %}|{% for c in cards %}{{ c.sample }} {% endfor %}|"
        "{{ grid.rows | length }} {{ grid.rows[1].cells | length }}\n"
    )
    run = _report(annotated, tmp_path / "rows", "--html-template", str(own))
    assert run.returncode == 0, run.stderr
    doc = json.loads((tmp_path / "rows.json").read_text())
    names = [s["sample"] for s in doc["samples"]]
    assert len(names) >= 3
    count, first, last, some, once, twice, grid = (tmp_path / "rows.html").read_text().strip().split("|")
    assert (int(count), first, last, some) == (len(names), names[0], names[-1], ",".join(names[1:3]) + ",")
    assert once == twice == " ".join(names) + " "
    assert grid == f"{len(names)} {len(doc['samples'][1]['inhibitors'])}"


def test_own_template_is_autoescaped_whatever_its_name(annotated, tmp_path):
    own = tmp_path / "own.txt"  # not .html: escaping does not depend on the file name
    own.write_text(OWN)
    run = _report(annotated, tmp_path / "out", "--html-template", str(own))
    assert run.returncode == 0, run.stderr
    page = (tmp_path / "out.html").read_text()
    assert '<p class="row">P4_T: recommended; site lung</p>' in page
    assert "<i>P3_T progressed on lorlatinib</i>" in page
    assert HOSTILE not in page and "site &lt;img src=x onerror=&#34;alert(1)&#34;&gt;</p>" in page
    assert re.search(r'<p class="row">P6_T: \w+; site —</p>', page), "P6_T has no sample sheet row"
    for suffix in (".tsv", ".json", "_mqc.tsv"):
        assert (tmp_path / f"out{suffix}").exists()


def test_environment_variable_for_annotate_report(annotated, tmp_path):
    own = tmp_path / "own.html.j2"
    own.write_text(OWN)
    env = dict(os.environ, ALKANNOT_HTML_TEMPLATE=str(own))
    run = subprocess.run(
        [
            ALKANNOT,
            "annotate",
            str(VCF),
            "--samples",
            str(annotated / "samples.tsv"),
            "--report",
            str(tmp_path / "rep"),
            "-o",
            str(tmp_path / "out.vcf"),
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "rep.html").read_text().startswith("<!DOCTYPE html><html><head><title>own</title>")
    plain = subprocess.run(
        [ALKANNOT, "annotate", str(VCF), "-o", str(tmp_path / "plain.vcf")], capture_output=True, text=True, env=env
    )
    assert plain.returncode == 0, "the variable does not concern runs that write no report"
    given = subprocess.run(
        [ALKANNOT, "annotate", str(VCF), "-o", str(tmp_path / "x.vcf"), "--html-template", str(own)],
        capture_output=True,
        text=True,
    )
    assert given.returncode == 2 and "--html-template needs --report" in given.stderr


BROKEN = [
    ("syntax", "<html>\n<body>\n{% for s in doc.samples %}\n{{ s.sample }\n</body>\n", 4, "template syntax error"),
    (
        "unclosed",
        '{% extends "alkannot/report.html.j2" %}\n{% block header %}\n<p>lab</p>\n',
        2,
        "template syntax error: Unexpected end of template",
    ),
    (
        "undefined",
        "<html>\n<p>{{ doc.samples[0].sample }}</p>\n<p>{{ patient_name }}</p>\n</html>\n",
        3,
        "'patient_name' is undefined",
    ),
    (
        "sheet column",
        "<html>\n{% for s in doc.samples %}\n{{ s.sample_sheet_extra.biopsy_site }}\n{% endfor %}\n",
        3,
        "'dict object' has no attribute 'biopsy_site'",
    ),  # P6_T has no sheet row: `| default("")` is the way
    (
        "missing include",
        '<html>\n{% include "lab_footer.html" %}\n</html>\n',
        2,
        "includes 'lab_footer.html', which is neither alkannot's nor beside the template",
    ),
]


@pytest.mark.parametrize("kind, text, line, reason", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_template_is_one_line_exit_3(annotated, tmp_path, kind, text, line, reason):
    bad = tmp_path / "bad.html.j2"
    bad.write_text(text)
    run = _report(annotated, tmp_path / "out", "--html-template", str(bad))
    assert run.returncode == 3, run.stderr
    p6 = f"alkannot: WARNING: {annotated / 'samples.tsv'}: no row for 1 reported sample(s): P6_T"  # by design
    p5 = "left out of the P-gp triage list"  # by design: P5_T's ALK status rests on the --fusions table
    lines = [line for line in run.stderr.strip().splitlines() if not line.startswith(p6) and p5 not in line]
    assert len(lines) == 1 and "Traceback" not in run.stderr, run.stderr
    where = f"{bad}:{line}: " if line else f"{bad}: "
    assert lines[0].startswith(f"alkannot: error: {where}") and reason in run.stderr, run.stderr
    assert not list(tmp_path.glob("out*")), "a failing template leaves no report files"


def test_broken_template_stops_annotate_before_any_output(annotated, tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("{% if %}\n")
    run = subprocess.run(
        [
            ALKANNOT,
            "annotate",
            str(VCF),
            "--report",
            str(tmp_path / "rep"),
            "-o",
            str(tmp_path / "out.vcf.gz"),
            "--html-template",
            str(bad),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 3 and run.stderr.startswith(f"alkannot: error: {bad}:1: template syntax error")
    assert not list(tmp_path.glob("out*")) and not list(tmp_path.glob("rep*"))
    missing = _report(annotated, tmp_path / "rep", "--html-template", str(tmp_path / "nowhere.html"))
    assert missing.returncode == 3
    assert (
        missing.stderr.strip()
        == f"alkannot: error: {tmp_path / 'nowhere.html'}: cannot read HTML template (No such file or directory)"
    )


PROBE = """
import sys
from alkannot.cli import main
sys.argv = ["alkannot", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print("jinja2 imported" if "jinja2" in sys.modules else "jinja2 not imported", file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args, imported",
    [
        (["--help"], False),
        (["annotate", "--help"], False),
        (["annotate", str(VCF), "-o", "{tmp}/x.vcf"], False),
        (["annotate", str(VCF), "-o", "{tmp}/y.vcf", "--report", "{tmp}/r"], True),
    ],
)
def test_jinja2_is_imported_only_to_write_a_page(tmp_path, args, imported):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    run = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True)
    assert run.stderr.strip().splitlines()[-1] == ("jinja2 imported" if imported else "jinja2 not imported"), run.stderr


def test_readme_lists_the_variables_a_template_gets(annotated, tmp_path):
    """README's "Restyle the HTML report" names exactly what a template gets."""
    from alkannot.report.view import page

    assert _report(annotated, tmp_path / "out").returncode == 0
    doc = json.loads((tmp_path / "out.json").read_text())
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### Restyle the HTML report") :]
    section = section[: section.index("\n#", 1)]
    documented = set(re.findall(r"^- `(\w+)`", section, re.M))
    assert documented == {"doc", *page(doc)}


def test_the_html_says_the_curators_references_in_plain_words():
    """Clinical review 2026-12-01, third reading, finding 7: 'clinical review 2026-11 section 4.1', 'the matrix',
    'RULES.md 3.7', '[FOLD_4_10]' and 'verify before use' reached the tumour board's page. Every call note the
    knowledge base can give (every alteration x inhibitor) is said in plain words there; the facts stay."""
    from alkannot.alterations import parse_alteration
    from alkannot.kbfiles import load_knowledge_base
    from alkannot.report.plain_words import plain_words

    kb = load_knowledge_base()
    jargon = ("RULES.md", "matrix", "verify", "clinical review 20", "FOLD_", "not a vote", "not voting")
    seen = 0
    for alteration in kb.alterations():
        for call in kb.call(parse_alteration(alteration)).calls.values():
            said = plain_words(call.note or "")
            assert not [j for j in jargon if j in said], (alteration, said)
            seen += bool(call.note)
    assert seen > 100
    note = "EID1354 84 nM, 6x WT within the 4-10-fold band [FOLD_4_10] -> intermediate (the grade is alkannot's, RULES.md 3.3)"
    assert (
        plain_words(note) == "EID1354 84 nM, 6x WT within the 4-10-fold band -> intermediate (the grade is alkannot's)"
    )


def _visible_text(page: str) -> str:
    page = re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S)
    page = page[: page.find('id="sources"')]  # the source list quotes file names (cgi_biomarkers_per_variant.tsv)
    return re.sub(r"<[^>]+>", " ", page)


def test_the_html_says_machine_values_in_words(annotated, tmp_path):
    """The machine values of the INFO keys, the JSON and the TSV (kinase_domain_vus, case_report,
    retrospective_clinical, not_assessed, ...) are said in words on the tumour board's page; the JSON keeps them."""
    run = _report(annotated, tmp_path / "r")
    assert run.returncode == 0, run.stderr
    text = _visible_text((tmp_path / "r.html").read_text())
    # file names, the lab's own sample-sheet column (biopsy_site) and a source key (sample_sheet) stay as they are,
    # and so does every knowledge-base source key cited in a note (KORT_CER in the transport facts; OPENFDA_GIL and
    # MASSONC_GIL in gilteritinib's status, KB 2.0.27)
    from alkannot.kbfiles import load_knowledge_base

    keys = {row["key"] for row in load_knowledge_base().source_rows}
    own = {"tumor_normal", "example_vcfs", "biopsy_site", "sample_sheet"} | keys
    tokens = set(re.findall(r"\b[A-Za-z]+_[A-Za-z_]+\b", text)) - own
    assert not tokens, tokens
    for words in (
        "kinase domain",
        "kinase-domain variant of unknown significance",
        "in the knowledge base (statements on this change)",
    ):
        assert words in text
    # the class `known` means statements in the knowledge base, not resistance: L1198F alone has only a sensitive
    # one (clinical review 2026-12-01, sixth reading, finding 9)
    assert "known resistance mutation" not in text
    doc = json.loads((tmp_path / "r.json").read_text())
    kinds = {k for s in doc["samples"] for c in s["inhibitors"].values() for k in c["evidence_kinds"]}
    assert "case_report" in kinds  # the machine outputs keep the contract's values


def test_every_machine_value_the_html_shows_has_words():
    from alkannot.evidence import EVIDENCE_KINDS, RESISTANCE_CLASSES
    from alkannot.report.plain_words import value_words
    from alkannot.transcript import protein_regions

    values = [*EVIDENCE_KINDS, *RESISTANCE_CLASSES, *(name for name, _, _ in protein_regions()), "."]
    values += ["this_patient_progression", "this_patient_abcb1_ihc", "not_assessed", "positive_external"]
    for value in values:
        assert "_" not in value_words(value) and value_words(value) != ".", value
    assert value_words("kinase_domain_vus") == "kinase-domain variant of unknown significance"


def test_the_page_says_the_runs_options_header_lines_and_phase_in_words(tmp_path):
    """Clinical review 2026-12-01, fourth reading, finding 6: '--min-vaf', '##alkannotSample', 'RULES.md',
    'PS:29220747', 'sample_sheet', 'tpx0131' and CIViC's 'therapies substitutes' reached the page."""
    gr = EX / "GRCh38"
    run = subprocess.run(
        [
            ALKANNOT,
            "-q",
            "annotate",
            str(VCF),
            "--sv",
            str(gr / "sv.vcf"),
            "--fusions",
            f"P5_T={gr / 'fusions.tsv'}",
            "--samples",
            str(EX / "samples.tsv"),
            "--min-vaf",
            "0.05",
            "-o",
            str(tmp_path / "o.vcf"),
            "--report",
            str(tmp_path / "r"),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    page = (tmp_path / "r.html").read_text()
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S))
    # the option keeps its name beside its words, as in the JSON and TSV (review of the example report, point 6)
    assert not re.findall(r"(?<!\()--min-vaf", text)
    for machine in (
        "##alkannotSample",
        "RULES.md",
        "PS:",
        "sample_sheet",
        "tpx0131",
        "therapies substitutes",
        "therapies sequential",
    ):
        assert machine not in text, machine
    assert "phase set 29220747 (read-backed)" in text
    assert "below the clonality cut-off set for this run (--min-vaf 0.05)" in text
    assert "/ TPX-0131:" in page  # the grid's tooltips name the agent as the columns do
    doc = json.loads((tmp_path / "r.json").read_text())
    said = "below the clonality cut-off set for this run (--min-vaf 0.05)"  # the same words in the JSON
    assert any(said in n for s in doc["samples"] for n in s["notes"])


def test_phase_and_breakpoint_words():
    from alkannot.report.plain_words import phase_words
    from alkannot.report.tsv import compound_text
    from alkannot.sample import _breakpoint_words

    assert phase_words("PS:29220747") == "phase set 29220747 (read-backed)"
    assert phase_words("PID:29220747_C_T") == "phased by the caller (PID 29220747_C_T)"
    assert phase_words(None) == ""
    assert phase_words("PS:29220747", "0|1") == "phase set 29220747 (read-backed), haplotype 2"
    assert phase_words("PS:29220747", "1|0") == "phase set 29220747 (read-backed), haplotype 1"
    assert phase_words("PS:29220747", "0/1") == "phase set 29220747 (read-backed)"
    assert _breakpoint_words("KIF5B:.|ALK:intron19") == "KIF5B exon/intron not mapped|ALK:intron19"
    assert _breakpoint_words("EML4:exon13|ALK:intron19") == "EML4:exon13|ALK:intron19"
    unphased = {"changes": ["L1196M", "G1202R"], "phase": "unknown", "phase_method": "none"}
    # no bare 'unknown' for the phase, which reads as a drug call (clinical review, sixth reading, finding 11)
    assert compound_text(unphased) == "L1196M+G1202R phase not determined"
    assert compound_text(dict(unphased, phase="cis", phase_method="PS")) == "L1196M+G1202R cis (phase from PS)"


def test_the_on_target_box_does_not_say_explains_for_an_intermediate_call(annotated, tmp_path):
    """On-target includes intermediate calls, whose notes say 'may explain': the summary box's title names the call,
    not 'explains' (clinical review 2026-12-01, sixth reading, finding 10); the on-target-possible box lists the
    reasons README gives, sources that disagree and an ALK gain among them (review 10, finding 6)."""
    run = _report(annotated, tmp_path / "r")
    assert run.returncode == 0, run.stderr
    text = _visible_text((tmp_path / "r.html").read_text())
    assert "On-target: an ALK mutation resistant or intermediate to the latest drug, sources agreeing" in text
    assert "On-target possible (subclonal, sources disagree, no data, a compound" in text
    assert "part, VUS, ALK gain or deletion)" in text
    assert "the third lists the resistant tumours that no ALK change explains (the P-gp triage list)" in text


def test_grid_titles_do_not_nest_brackets(annotated, tmp_path):
    """A compound's basis carries its own '(cis)': the grid's title writes the basis after a label (open from
    stop 23: 'resistant (L1196M+G1202R (cis))')."""
    run = _report(annotated, tmp_path / "r")
    assert run.returncode == 0, run.stderr
    titles = re.findall(r"<title>([^<]*)</title>", (tmp_path / "r.html").read_text())
    assert "P3_T / crizotinib: resistant; basis: L1196M+G1202R (cis); sources: " in "\n".join(titles)
    grid = [t for t in titles if " / " in t and "; basis: " in t]
    assert grid and not [t for t in grid if "((" in t or "))" in t]


def test_each_card_explains_the_marks_its_calls_carry(tmp_path):
    """'(reviews only)' and the other marks beside a call are explained under the card's table, with lookup's
    words (readings.MARK_MEANINGS), and only the marks that card shows (clinical read of stop 45: the page had no
    legend for them)."""
    import html

    from helpers import readme_example

    from alkannot.readings import MARK_MEANINGS

    done = readme_example(tmp_path / "r")
    assert done.returncode == 0, done.stderr
    page = html.unescape((tmp_path / "r.html").read_text(encoding="utf-8"))
    cards = page.split("<summary>Sensitivity per inhibitor")[1:]
    assert len(cards) == 7
    explained = 0
    for card in cards:
        table, _, after = card.partition("</table>")
        legend = after.split("</details>")[0]
        for label, meaning in MARK_MEANINGS.items():
            shown = f"({label})" in table
            assert (f"({label}) = {meaning}." in legend) == shown, (label, card[:200])
            explained += shown
    assert explained >= 2  # P1_T's and P2_T's review-level calls
    assert "(reviews only) = every statement that decided the call is review-level" in page
