"""The nf-core-style module pipelines/nextflow/modules/alkannot/annotate, checked without Nextflow (which cannot be
installed here): meta.yml names what main.nf declares, main.nf uses only flags alkannot knows, its command and its
stub, rendered as Nextflow would render them for the first nf-test case, write the declared outputs."""

from __future__ import annotations

import codecs
import csv
import fnmatch
import gzip
import re
import subprocess
from pathlib import Path
from typing import Callable

import pytest
import yaml
from helpers import ALKANNOT

import alkannot

ROOT = Path(__file__).parent.parent
MODULE = ROOT / "pipelines" / "nextflow" / "modules" / "alkannot" / "annotate"
MAIN = (MODULE / "main.nf").read_text()
META = yaml.safe_load((MODULE / "meta.yml").read_text())
EX = ROOT / "example_vcfs"


# ----------------------------------------------------------------------------------------- main.nf, read
def section(name: str, until: str) -> str:
    return MAIN.split(f"\n    {name}:\n", 1)[1].split(f"\n    {until}:", 1)[0]


def element_name(element: str) -> str:
    """val(meta) -> meta; path("${prefix}.x") -> ${prefix}.x; path(vcf, stageAs: "input/*") -> vcf; eval("cmd") ->
    cmd."""
    inner = split_elements(re.fullmatch(r"\s*(?:val|path|eval)\((.*)\)\s*", element).group(1))[0]
    return inner[1:-1] if inner[:1] in ("'", '"') and inner[-1:] == inner[:1] else inner


def staged_as() -> dict[str, str]:
    """Input name -> its stageAs pattern (`path(vcf, stageAs: "input/*")`)."""
    line = next(l for l in section("input", "output").splitlines() if l.strip().startswith("tuple "))
    found = re.findall(r'path\((\w+), stageAs: "([^"]+)"\)', line)
    return dict(found)


def stage(pattern: str, names: list[str]) -> list[str]:
    """Where Nextflow stages `names` (one input's files, in order) under `pattern`, for the one form main.nf uses,
    `FOLDER/*`: the file keeps its name, each `*` of FOLDER is the file's number from 1 (Nextflow's
    TaskProcessor.expandWildcards; a model of it, since Nextflow cannot be run here: any other form fails here)."""
    folder, _, name = pattern.rpartition("/")
    assert folder and name == "*" and "?" not in folder, pattern
    return [f"{folder.replace('*', str(i))}/{n}" for i, n in enumerate(names, 1)]


def split_elements(declaration: str) -> list[str]:
    """Top-level comma split of 'tuple a(...), b(...)' (commas inside quotes or parentheses stay)."""
    parts, depth, quote, current = [], 0, None, ""
    for char in declaration:
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += char
    return [p.strip() for p in parts + [current] if p.strip()]


def declared_inputs() -> list[list[str]]:
    found = []
    for line in section("input", "output").strip().splitlines():
        line = line.strip()
        if line.startswith("tuple "):
            found.append([element_name(e) for e in split_elements(line[len("tuple ") :])])
        elif line.startswith(("path ", "val ")):
            found.append([line.split()[1]])
    return found


def declared_outputs() -> dict[str, tuple[list[str], bool]]:
    """emit name -> (element names, optional)."""
    found = {}
    for line in section("output", "when").strip().splitlines():
        if line.strip().startswith("//"):  # a comment
            continue
        parts = split_elements(line.strip()[len("tuple ") :])
        emit = next(p.split(":", 1)[1].strip() for p in parts if p.startswith("emit:"))
        elements = [element_name(p) for p in parts if not re.match(r"(emit|topic|optional):", p)]
        found[emit] = (elements, any(p.replace(" ", "") == "optional:true" for p in parts))
    return found


def meta_names(entries) -> list[list[str]]:
    return [[next(iter(e)) for e in group] if isinstance(group, list) else [next(iter(group))] for group in entries]


# ----------------------------------------------------------------------------------------- meta.yml vs main.nf
def test_meta_yml_names_every_input_main_nf_declares():
    assert declared_inputs() == [["meta", "vcf", "sv", "fusions"], ["samples"]]
    assert staged_as() == {"vcf": "input/*", "sv": "sv*/*", "fusions": "fusions*/*"}
    assert meta_names(META["input"]) == declared_inputs()


def test_meta_yml_names_every_output_main_nf_declares():
    outputs = declared_outputs()
    assert set(META["output"]) == set(outputs)
    for emit, (elements, _) in outputs.items():
        assert meta_names(META["output"][emit]) == [elements], emit
    versions = [e for e in outputs if e.startswith("versions")]
    assert versions == ["versions_alkannot"] and "topic: versions" in MAIN
    assert META["topics"]["versions"] == META["output"]["versions_alkannot"]
    for key in ("name", "description", "keywords", "tools", "authors"):
        assert META[key], key


def test_version_command_prints_the_installed_version():
    command = declared_outputs()["versions_alkannot"][0][2]
    run = subprocess.run(["bash", "-c", command], capture_output=True, text=True)
    assert run.stdout.strip() == alkannot.__version__


def test_environment_and_container_name_the_bioconda_package():
    env = yaml.safe_load((MODULE / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge", "bioconda"]
    assert env["dependencies"] == [f"bioconda::alkannot={alkannot.__version__}"]
    assert f"biocontainers/alkannot:{alkannot.__version__}--" in MAIN
    assert 'conda "${moduleDir}/environment.yml"' in MAIN


# ----------------------------------------------------------------------------------------- flags
def alkannot_flags(*command: str) -> set[str]:
    text = subprocess.run([ALKANNOT, *command, "--help"], capture_output=True, text=True, check=True).stdout
    return set(re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", text.split("Options:", 1)[1]))


def flags_used(text: str) -> set[str]:
    """Options in a Groovy/shell block: --name, --name=value -> --name; -Ob -> -O."""
    found = set()
    for token in re.findall(r"(?<![\w$.-])(--?[A-Za-z][\w=-]*)", text):
        token = token.split("=", 1)[0]
        found.add(token if token.startswith("--") else token[:2])
    return found


def test_every_flag_main_nf_uses_is_one_alkannot_annotate_knows():
    script = section("script", "stub")
    used = flags_used(script) | flags_used(MAIN.split("\n    stub:\n", 1)[1])
    known = alkannot_flags("annotate")
    assert used, "no flags found in main.nf"
    assert used <= known, used - known
    assert {"--report", "--output", "--threads", "--sv", "--fusions", "--samples", "--tumor"} <= used


# ----------------------------------------------------------------------------------------- rendering the blocks
def shell_block(text: str) -> str:
    return text.rsplit('"""', 2)[-2]


def render(block: str, values: dict[str, str]) -> str:
    """The block as Nextflow renders it: `${name}` replaced by its value, `${quote(...)}` (the module's closure: one
    shell word in single quotes, each ' written '\\'') by the quoted value of a name or of a "string"."""

    def quoted(found: re.Match) -> str:
        inner = found.group(1)
        text = inner[1:-1] if inner.startswith('"') else "${" + inner + "}"
        for name, value in values.items():
            text = text.replace("${" + name + "}", value)
        return "'" + text.replace("'", "'\\''") + "'"

    block = re.sub(r'\$\{quote\(("(?:[^"\\]|\\.)*"|\w+)\)\}', quoted, block)
    for name, value in values.items():
        block = block.replace("${" + name + "}", value)
    assert "${" not in block, block
    return block.replace("\\\\\n", "\\\n")


def output_globs(values: dict[str, str]) -> dict[str, tuple[list[str], bool]]:
    """emit -> (file patterns with {a,b} expanded, optional)."""
    globs = {}
    for emit, (elements, optional) in declared_outputs().items():
        files = [render(e, values) for e in elements if "${prefix}" in e]
        expanded = []
        for pattern in files:
            brace = re.search(r"\{([^}]*)\}", pattern)
            expanded += (
                [pattern[: brace.start()] + alt + pattern[brace.end() :] for alt in brace.group(1).split(",")]
                if brace
                else [pattern]
            )
        if expanded:
            globs[emit] = (expanded, optional)
    return globs


def assert_outputs(folder: Path, values: dict[str, str], index: str) -> None:
    """Every declared output is written; of the optional index channels (`tbi`, `csi`: one each, as nf-core's bcftools
    modules emit them, pipe51) only `index` ('' for none)."""
    written = [p.name for p in folder.iterdir()]
    for emit, (patterns, optional) in output_globs(values).items():
        matched = [w for w in written if any(fnmatch.fnmatch(w, p) for p in patterns)]
        if optional and emit in ("tbi", "csi") and emit != index:
            assert not matched, (emit, written)
            continue
        assert matched, (emit, patterns, written)


def test_each_index_type_has_its_own_channel():
    """nf-core's bcftools modules emit `tbi` and `csi` apart (a pipeline joins `.out.tbi` to `.out.vcf`); this module
    emitted both under `index`, which a drop-in replacement of a bcftools step did not find (pipe51)."""
    outputs = declared_outputs()
    assert "index" not in outputs
    assert outputs["tbi"] == (["meta", "${prefix}.${extension}.tbi"], True)
    assert outputs["csi"] == (["meta", "${prefix}.${extension}.csi"], True)


def run_script(tmp_path: Path, name: str, **given: str) -> dict[str, str]:
    """The script block rendered with `given` (every other value empty, a bgzipped VCF out) on a copy of the example
    VCF named `name`, run in `tmp_path` (it must succeed); the values used."""
    (staged,) = stage(staged_as()["vcf"], [name])
    (tmp_path / staged).parent.mkdir(exist_ok=True)
    (tmp_path / staged).write_bytes((EX / "GRCh38" / "tumor_normal.vcf").read_bytes())
    names = ("args", "tumor", "sv_args", "fusion_args", "samples_arg", "prefix", "threads")
    values = {**dict.fromkeys(names, ""), "extension": "vcf.gz", "vcf": staged, **given}
    command = render(shell_block(section("script", "stub")), values)
    run = subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return values


def test_script_renders_to_a_command_that_writes_the_declared_outputs(tmp_path):
    """The first nf-test case: ext.args '--min-vaf 0.05 --write-index=csi', prefix cohort_alk, sv + samples."""
    values = run_script(
        tmp_path,
        "tumor_normal.vcf",
        args="--min-vaf 0.05 --write-index=csi",
        sv_args=f"--sv {EX / 'GRCh38' / 'sv.vcf'}",
        samples_arg=f"--samples {EX / 'samples.tsv'}",
        prefix="cohort_alk",
        threads="--threads 1",
    )
    assert_outputs(tmp_path, values, index="csi")
    assert "P4_T" in (tmp_path / "cohort_alk.alk_report.tsv").read_text()


@pytest.mark.parametrize("extension, index", [("vcf.gz", "csi"), ("vcf.gz", "tbi"), ("bcf", ""), ("vcf", "")])
def test_stub_touches_every_declared_output(tmp_path, extension, index):
    stub = MAIN.split("\n    stub:\n", 1)[1]
    create_cmd = "touch" if extension == "vcf" else "echo '' | gzip >"
    values = {
        "create_cmd": create_cmd,
        "prefix": "test",
        "extension": extension,
        "create_index": f"touch test.{extension}.{index}" if index else "",
    }
    run = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", render(shell_block(stub), values)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert_outputs(tmp_path, values, index=index)
    # the stub decides extension and index from ext.args exactly as the script does
    assert section("script", "stub").count("extension = ") == stub.count("extension = ") == 1
    assert output_type_lines(section("script", "stub")) == output_type_lines(stub)


# ----------------------------------------------------------------------------------------- -O in ext.args
def output_type_lines(block: str) -> list[str]:
    return [line.strip() for line in block.splitlines() if "output_type" in line]


def extension_for(args: str) -> str:
    """main.nf's extension for ext.args, its Groovy regex (slashy string: no escapes) and map read as Python's."""
    pattern = re.search(r"output_type = args =~ /(.+)/\n", MAIN).group(1)
    mapping = dict(re.findall(r"(\w): '([\w.]+)'", re.search(r"\? \[(.*?)\]\[output_type", MAIN).group(1)))
    default = re.search(r"\]\[output_type\.group\(1\)\] : '([\w.]+)'", MAIN).group(1)
    found = re.search(pattern, args)
    return mapping[found.group(1)] if found else default


MAGIC = {"bcf": b"BCF\x02", "vcf.gz": b"##fileformat=VCF", "vcf": b"##fileformat=VCF"}


@pytest.mark.parametrize(
    "args, extension, compressed",
    [
        ("-O b", "bcf", True),
        ("-O b9", "bcf", True),
        ("-Ob9", "bcf", True),
        ("-Ob", "bcf", True),
        ("-qOb", "bcf", True),  # a flag before it in one word, as click reads it (review 10, finding 9)
        ("--output-type=b", "bcf", True),
        ("--output-type b", "bcf", True),
        ("-O u", "bcf", False),
        ("-Ou", "bcf", False),
        ("--min-vaf 0.05 -Oz1", "vcf.gz", True),
        ("--output-type=z", "vcf.gz", True),
        ("-O v", "vcf", False),
        ("--output-type v --min-vaf 0.05", "vcf", False),
        ("--min-vaf 0.05", "vcf.gz", True),
    ],
)
def test_extension_is_the_format_alkannot_writes_for_ext_args(tmp_path, args, extension, compressed):
    """The -O forms alkannot takes (pipeline review 9, finding 5): the name main.nf gives the output is the format
    alkannot then writes into it."""
    assert extension_for(args) == extension
    out = tmp_path / f"test.{extension}"
    run = subprocess.run(
        [ALKANNOT, "-q", "annotate", *args.split(), "--output", str(out), str(EX / "GRCh38" / "tumor_normal.vcf")],
        capture_output=True,
    )
    assert run.returncode == 0, run.stderr
    data = out.read_bytes()
    assert (data[:2] == b"\x1f\x8b") == compressed
    assert (gzip.decompress(data) if compressed else data).startswith(MAGIC[extension])


def test_threads_are_task_cpus_minus_one():
    """alkannot's --threads are extra htslib threads beside its own process (README): task.cpus - 1, as in the
    Snakemake wrapper, and none on one CPU."""
    script = section("script", "stub")
    assert "def threads = task.cpus > 1 ? \"--threads ${task.cpus - 1}\" : ''" in script
    assert "${threads} \\\\" in shell_block(script) and "task.cpus}" not in shell_block(script)


# ----------------------------------------------------------------------------------------- quoting (review 20, f. 10)
def groovy_quote() -> Callable[[str], str]:
    """main.nf's `quote` closure, read from main.nf and applied as Groovy would: "'" + value with each
    replace(A, B) + "'", the two literals unescaped as Groovy unescapes double-quoted strings."""
    line = next(l for l in section("script", "stub").splitlines() if "def quote = " in l)
    found = re.fullmatch(
        r'\s*def quote = \{ value -> "\'" \+ value\.toString\(\)\.replace\("(.*?)", "(.*?)"\) \+ "\'" \}', line
    )
    assert found, line
    old, new = (codecs.decode(part, "unicode_escape") for part in found.groups())
    return lambda value: "'" + value.replace(old, new) + "'"


def test_tumor_sv_fusions_and_samples_values_are_quoted():
    """`--tumor ${meta.tumor}`, `--sv ${it}` and `--fusions ${owner}${it}` went into the command unquoted; a
    tumour name from a samplesheet with a space or a shell metacharacter broke it (review 20, finding 10)."""
    script = section("script", "stub")
    for line in (
        "def tumor = meta.tumor ? \"--tumor ${quote(meta.tumor)}\" : ''",
        '.collect { "--sv ${quote(it)}" }',
        '.collect { "--fusions ${quote("${owner}${it}")}" }',
        "def samples_arg = samples ? \"--samples ${quote(samples)}\" : ''",
    ):
        assert line in script, line
    quote = groovy_quote()
    assert quote("P5_T") == "'P5_T'"
    assert quote("it's") == "'it'\\''s'"


def test_a_tumour_name_with_a_space_and_metacharacters_reaches_alkannot_as_one_word(tmp_path):
    """The command rendered with main.nf's quoting for a tumour named `P5 T;touch pwned'x` and an SV file name
    with a space: bash runs no `touch`, and alkannot reads the tumour, its fusion table and the SV file."""
    quote = groovy_quote()
    tumor = "P5 T;touch pwned'x"
    vcf = tmp_path / "tumor_normal.vcf"
    vcf.write_text((EX / "GRCh38" / "tumor_normal.vcf").read_text().replace("\tP5_T\t", f"\t{tumor}\t"))
    sv = tmp_path / "sv calls.vcf"
    sv.write_bytes((EX / "GRCh38" / "sv.vcf").read_bytes())
    fusions = tmp_path / "fusions.tsv"
    fusions.write_bytes((EX / "GRCh38" / "fusions.tsv").read_bytes())
    values = {
        "args": "--no-version",
        "tumor": f"--tumor {quote(tumor)}",
        "sv_args": f"--sv {quote(sv.name)}",
        "fusion_args": f"--fusions {quote(f'{tumor}={fusions.name}')}",
        "samples_arg": "",
        "prefix": "p5",
        "extension": "vcf.gz",
        "threads": "",
        "vcf": vcf.name,
    }
    command = render(shell_block(section("script", "stub")), values)
    run = subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert not (tmp_path / "pwned'x").exists() and not (tmp_path / "pwned").exists()
    with open(tmp_path / "p5.alk_report.tsv", newline="") as handle:
        (row,) = list(csv.DictReader(handle, delimiter="\t"))
    assert row["sample"] == tumor and row["fusion"] == "positive", row
    header = gzip.decompress((tmp_path / "p5.vcf.gz").read_bytes()).decode()
    assert f'##alkannotSample=<ID="{tumor}",Fusion=positive,' in header  # a name with a space is quoted there


@pytest.mark.parametrize(
    "args, index",
    [
        ("--write-index tbi", "tbi"),  # the stub made a .csi (pipeline review of stop 38, finding 5)
        ("--write-index=tbi", "tbi"),
        ("-W tbi", "tbi"),
        ("-Wtbi", "tbi"),
        ("-W=tbi", "tbi"),
        ("--min-vaf 0.05 --write-index", "csi"),
        ("-W", "csi"),
        ("--write-index=csi", "csi"),
        ("--min-vaf 0.05", ""),
        ("-qW", "csi"),  # after a short flag in one word, as click reads it: the stub made no index (stop 52)
        ("-qWtbi", "tbi"),
        ("-W TBI", "tbi"),  # alkannot takes the format in any case: the stub made a .csi (stop 52)
        ("--write-index=Tbi", "tbi"),
    ],
)
def test_the_stub_names_the_index_the_script_writes(tmp_path, args, index):
    """main.nf's stub regex (Groovy slashy string, read as Python's) against what alkannot writes for the same args."""
    pattern = re.search(r"def written = args =~ /(.+)/\n", MAIN).group(1)
    found = re.search(pattern, args)
    assert (("tbi" if (found.group(1) or "").lower() == "tbi" else "csi") if found else "") == index
    out = tmp_path / "test.vcf.gz"
    run = subprocess.run(
        [ALKANNOT, "-q", "annotate", str(EX / "GRCh38" / "tumor_normal.vcf"), *args.split(), "--output", str(out)],
        capture_output=True,
    )
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["test.vcf.gz", *([f"test.vcf.gz.{index}"] * bool(index))]
    )


def test_file_names_with_a_space_reach_alkannot_as_one_word(tmp_path):
    """The input, the report prefix and the output are quoted as the other values are (finding 5)."""
    run_script(tmp_path, "tumor normal.vcf", prefix="P5 T")
    assert (tmp_path / "P5 T.vcf.gz").stat().st_size > 0 and (tmp_path / "P5 T.alk_report.tsv").exists()


# ----------------------------------------------------------------------------------------- staging apart (pipe51b)
def test_inputs_of_one_name_from_other_folders_are_staged_apart_and_all_read(tmp_path):
    """A tumour `calls.vcf.gz`, two SV files `calls.vcf.gz` and two `fusions.tsv`, each from another folder: staged
    under their own names they collided (Nextflow refuses a task whose inputs share a name); staged as main.nf's
    stageAs patterns put them (the model `stage`), the command main.nf builds reads each of them."""
    quote = groovy_quote()
    patterns = staged_as()
    (vcf,) = stage(patterns["vcf"], ["calls.vcf.gz"])
    svs = stage(patterns["sv"], ["calls.vcf.gz", "calls.vcf.gz"])
    tables = stage(patterns["fusions"], ["fusions.tsv", "fusions.tsv"])
    staged = [vcf, *svs, *tables]
    assert len(set(staged)) == len(staged), staged
    for path, source in zip(staged, ["tumor_normal.vcf", "sv.vcf", "sv.vcf", "fusions.tsv", "fusions.tsv"]):
        (tmp_path / path).parent.mkdir(exist_ok=True)
        data = (EX / "GRCh38" / source).read_bytes()
        (tmp_path / path).write_bytes(gzip.compress(data) if path.endswith(".gz") else data)
    values = {
        "args": "--no-version",
        "tumor": f"--tumor {quote('P5_T')}",
        # as main.nf's `.collect { "--sv ${quote(it)}" }` and `"--fusions ${quote("${owner}${it}")}"` make them
        "sv_args": " ".join(f"--sv {quote(p)}" for p in svs),
        "fusion_args": " ".join(f"--fusions {quote(f'P5_T={p}')}" for p in tables),
        "samples_arg": "",
        "prefix": "calls",  # the output calls.vcf.gz beside, not over, input/calls.vcf.gz
        "extension": "vcf.gz",
        "threads": "",
        "vcf": vcf,
    }
    command = render(shell_block(section("script", "stub")), values)
    run = subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert_outputs(tmp_path, values, index="")
    assert f"--sv {svs[1]}: 10 SV record(s) hold the same calls as --sv {svs[0]}" in run.stderr  # both SV files read
    assert f"{vcf}: 4 records, 4 in ALK" in run.stderr
    with open(tmp_path / "calls.alk_report.tsv", newline="") as handle:
        (row,) = list(csv.DictReader(handle, delimiter="\t"))
    assert row["sample"] == "P5_T" and row["fusion"] == "positive", row
