"""The samples' report documents kept on disk (report/sample_store.py): a report's memory does not grow with its samples
(issue 13), and the report files are those the documents held in memory give."""

from __future__ import annotations

import errno
import json
import subprocess
from pathlib import Path

import pytest

from alkannot.errors import InputError
from alkannot.report import json_report
from alkannot.report.sample_store import SpooledDocuments

EXAMPLE = Path(__file__).parent.parent / "example_vcfs" / "GRCh38"


def _doc(name: str, source: str = "in.vcf") -> dict:
    return {"sample": name, "source": source, "calls": ("a", "b"), "vaf": 0.123456789, "nested": {"k": [1, None]}}


def test_a_document_reads_back_as_appended_and_the_sequence_reads_like_a_list():
    spool = SpooledDocuments()
    docs = [_doc(f"S{i}") for i in range(5)]
    for d in docs:
        spool.append(d)
    assert len(spool) == 5
    assert spool[0] == docs[0] and spool[-1] == docs[-1]
    assert spool[1]["calls"] == ("a", "b")  # a tuple stays a tuple, a float exact
    assert spool[1]["vaf"] == 0.123456789
    assert spool[1:3] == docs[1:3]
    assert list(spool) == docs and list(spool) == docs  # read as often as a writer likes
    spool.append(_doc("S5"))  # appending after reading: reads and appends interleave
    assert spool[5]["sample"] == "S5" and spool[4]["sample"] == "S4"
    with pytest.raises(IndexError):
        spool[6]
    assert spool.names[2] == {"sample": "S2", "source": "in.vcf", "annotated_from": None}
    spool.close()


def test_a_spool_with_no_document_makes_no_file():
    spool = SpooledDocuments()
    assert len(spool) == 0 and list(spool) == []
    assert spool._file is None


def test_a_latin1_name_is_made_readable_once_and_kept_as_it_was_for_the_labels():
    spool = SpooledDocuments()
    raw = "P\udce9dro"  # the bytes P 0xE9 d r o of a Latin-1 VCF, as surrogate escapes
    spool.append(_doc(raw))
    assert spool[0]["sample"] == "Pédro"
    assert spool.names[0]["sample"] == raw
    labelled = spool.labelled(json_report.sample_labels(spool.names))
    assert labelled[0]["label"] == "Pédro" and labelled.labels == ["Pédro"]
    assert json_report.sample_labels(labelled) == ["Pédro"]  # taken from the spool, no reading of the documents


def test_a_full_temporary_folder_is_a_one_line_error(monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("alkannot.report.sample_store.tempfile.TemporaryFile", full)
    spool = SpooledDocuments()
    with pytest.raises(InputError) as caught:
        spool.append(_doc("S1"))
    assert "cannot keep the report's sample documents" in str(caught.value)
    assert "No space left on device" in str(caught.value) and "TMPDIR" in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "doc",
    [
        {"schema_version": "x", "samples": [], "sources": {}},
        {"a": [1, {"b": "two\nlines"}], "samples": [{"s": "é", "l": [], "d": {}}, {"s": 2}], "sources": {"k": None}},
    ],
)
def test_the_json_written_sample_by_sample_is_json_dump_s(tmp_path, doc):
    path = tmp_path / "r.json"
    json_report.write(doc, str(path))
    assert path.read_text(encoding="utf-8") == json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def test_the_example_report_json_is_json_dump_s_and_the_cli_keeps_no_spool_file(tmp_path):
    """The whole example through the installed command: the JSON as one json.dump of it, and no file of the
    spool left in the temporary folder afterwards."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    run = subprocess.run(
        ["alkannot", "-q", "report", str(EXAMPLE / "tumor_normal.vcf"), "--sv", str(EXAMPLE / "sv.vcf"), "--out",
         str(tmp_path / "r"), "--samples", str(EXAMPLE.parent / "samples.tsv")],
        capture_output=True, text=True, env={"PATH": _path(), "TMPDIR": str(tmp)},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    text = (tmp_path / "r.json").read_text(encoding="utf-8")
    doc = json.loads(text)
    assert len(doc["samples"]) == 7
    assert text == json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    assert not [p for p in tmp.iterdir() if p.name.startswith("alkannot-report-")]


def _path() -> str:
    import os

    return os.environ["PATH"]


def _documents_alive_at_writing(tmp_path, monkeypatch) -> list[int]:
    """`annotate --report` in process on 60 samples whose states all differ: how many sample report documents
    (dicts with a sample's keys) are alive when the TSV writer starts."""
    import gc

    from click.testing import CliRunner
    from helpers import generated_vcf

    from alkannot import report
    from alkannot.cli import main

    vcf = generated_vcf(tmp_path / "differing.vcf", 200, 60)
    at_writing: list[int] = []
    tsv = report.REPORT_WRITERS[".tsv"]

    def writing(doc, path):
        gc.collect()
        alive = [o for o in gc.get_objects() if type(o) is dict and "pgp_triage" in o and "alk_mutations" in o]
        at_writing.append(len(alive))
        return tsv(doc, path)

    monkeypatch.setitem(report.REPORT_WRITERS, ".tsv", writing)
    done = CliRunner().invoke(main, ["-q", "annotate", str(vcf), "-o", str(tmp_path / "o.vcf"), "--report",
                                     str(tmp_path / "r")])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert len((tmp_path / "r.tsv").read_text().splitlines()) == 61
    return at_writing


def test_no_sample_document_stays_in_memory_while_the_reports_are_written(tmp_path, monkeypatch):
    """Each sample's report document is on disk once made; when the reports are written, none is in memory (they
    took 29 KB a sample when kept)."""
    assert _documents_alive_at_writing(tmp_path, monkeypatch) == [0]


def test_the_counting_sees_documents_kept_in_memory(tmp_path, monkeypatch):
    """The counting itself sees documents that are kept: with every verdict kept whole (annotate.STREAMED False),
    the report's 60 documents are in memory when the reports are written."""
    from alkannot import annotate

    monkeypatch.setattr(annotate, "STREAMED", False)
    assert _documents_alive_at_writing(tmp_path, monkeypatch) == [60]
