"""recipes/alkannot/meta.yaml stays in step with setup.cfg and alkannot.__version__, and its test commands work."""

from __future__ import annotations

import configparser
import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml
from helpers import ALKANNOT

import alkannot

ROOT = Path(__file__).parent.parent
RECIPE = ROOT / "recipes" / "alkannot" / "meta.yaml"


def rendered() -> dict:
    """The recipe with its Jinja2 set-variables and conda-build helpers filled in, as YAML."""
    text = RECIPE.read_text()
    variables = dict(re.findall(r'{%\s*set\s+(\w+)\s*=\s*"([^"]*)"\s*%}', text))
    text = re.sub(r"{%.*?%}\n?", "", text)
    text = re.sub(
        r"{{\s*pin_subpackage\(name,\s*max_pin=\"([^\"]+)\"\)\s*}}",
        lambda m: f"{variables['name']} max_pin {m.group(1)}",
        text,
    )
    text = text.replace("{{ PYTHON }}", "python")
    text = re.sub(r"{{\s*(\w+)\s*}}", lambda m: variables[m.group(1)], text)
    assert "{{" not in text and "{%" not in text
    return yaml.safe_load(text)


def setup_cfg() -> configparser.ConfigParser:
    parser = configparser.ConfigParser()
    parser.read(ROOT / "setup.cfg")
    return parser


# PyPI names whose conda package is named otherwise (anaconda.org/conda-forge/python-isal)
CONDA_NAMES = {"python-isal": "isal"}
# install_requires with no conda package: the recipe leaves them out and alkannot falls back (recipe comment)
PYPI_ONLY = {"deflate"}  # libdeflate's Python binding; conda-forge has libdeflate only; bgzf.py falls back to zlib


def spec(requirement: str) -> tuple[str, str]:
    """'pysam>=0.21' and 'pysam >=0.21' -> ('pysam', '>=0.21'); conda names read as their PyPI names."""
    requirement = requirement.split("#", 1)[0]
    name, constraint = re.fullmatch(r"\s*([A-Za-z0-9_.-]+)\s*(.*?)\s*", requirement).groups()
    return CONDA_NAMES.get(name.lower(), name.lower()), constraint.replace(" ", "")


def test_version_and_noarch():
    recipe = rendered()
    assert recipe["package"] == {"name": "alkannot", "version": alkannot.__version__}
    assert recipe["build"]["noarch"] == "python" and recipe["build"]["number"] == 0
    assert recipe["build"]["run_exports"] == ["alkannot max_pin x.x"]


def test_run_requirements_are_install_requires():
    cfg = setup_cfg()
    install = sorted(
        spec(r) for r in cfg["options"]["install_requires"].strip().splitlines() if r.strip() and not r.startswith("#")
    )
    install = [r for r in install if r[0] not in PYPI_ONLY]
    run = rendered()["requirements"]["run"]
    python = [spec(r) for r in run if spec(r)[0] == "python"]
    assert python == [("python", cfg["options"]["python_requires"].strip())]
    assert sorted(spec(r) for r in run if spec(r)[0] != "python") == install
    host = [spec(r)[0] for r in rendered()["requirements"]["host"]]
    requires = re.search(r"requires\s*=\s*\[(.*?)\]", (ROOT / "pyproject.toml").read_text(), re.S).group(1)
    build_requires = {spec(r.strip().strip('"'))[0] for r in requires.split(",") if r.strip()}
    assert {"python", "pip"} <= set(host) and build_requires <= set(host)


def test_entry_points_and_metadata_match_setup_cfg():
    cfg = setup_cfg()
    scripts = [
        l.strip().replace(" ", "") for l in cfg["options.entry_points"]["console_scripts"].splitlines() if l.strip()
    ]
    assert [e.replace(" ", "") for e in rendered()["build"]["entry_points"]] == scripts
    about = rendered()["about"]
    assert about["license"] == cfg["metadata"]["license"] and (ROOT / about["license_file"]).exists()
    assert about["summary"] == cfg["metadata"]["description"]


def test_recipe_test_section_runs_here(tmp_path):
    test = rendered()["test"]
    for module in test["imports"]:  # as conda tests a package: the installed one, not this checkout
        run = subprocess.run([sys.executable, "-c", f"import {module}"], cwd=tmp_path, capture_output=True, text=True)
        assert run.returncode == 0, (module, run.stderr)
    commands = test["commands"]
    assert "alkannot --help" in commands and any(c.startswith("alkannot lookup ") for c in commands)
    for command in commands:
        run = subprocess.run(shlex.split(command), capture_output=True, text=True)
        assert run.returncode == 0, (command, run.stderr)
    version = subprocess.run([ALKANNOT, "--version"], capture_output=True, text=True).stdout
    assert alkannot.__version__ in version
