"""What a run of the 4-record example no longer does at start-up (issue 13). Patterns: where a str method does the
same job, it gives what the pattern gave, on real inputs (the bundled knowledge base's texts, the test data)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from alkannot.knowledge import residue_first
from alkannot.output import fd_folder_owner

ROOT = Path(__file__).resolve().parent.parent
KB = ROOT / "resources" / "kb"


def _kb_words() -> set[str]:
    """Every cell, and every word of every cell, of the bundled knowledge base's tables."""
    words: set[str] = set()
    for table in KB.glob("*.tsv"):
        for line in table.read_text(encoding="utf-8").splitlines():
            for cell in line.split("\t"):
                words.add(cell)
                words.update(re.split(r"[\s;,()\[\]]+", cell))
    return words


def test_residue_first_is_the_pattern_it_replaced():
    """knowledge.residue_first and re.match(r"^[A-Z]\\d", ...) on every alteration and word of the knowledge base, and
    on what is near the edge of the pattern (lower case, a non-ASCII capital or digit, one character, none)."""
    words = _kb_words() | {"", "G", "g1202R", "É1", "A٣", "A¹", "Z9", "[1", "@1", "ALK fusion", "ALK amplification"}
    assert len(words) > 1000 and any(residue_first(w) for w in words) and not all(residue_first(w) for w in words)
    for word in words:
        assert residue_first(word) == bool(re.match(r"^[A-Z]\d", word)), word


def test_fd_folder_owner_is_the_pattern_it_replaced():
    """output.fd_folder_owner and re.fullmatch(r"/proc/(\\d+|self)/fd", ...)'s group on every folder under tests/data,
    this process's /proc folders, and folders near the edge of the pattern."""
    folders = {str(p) for p in (ROOT / "tests" / "data").rglob("*")} | {str(ROOT), "/", ""}
    folders |= {f"/proc/{os.getpid()}/fd", "/proc/self/fd", "/proc/1/fd", "/proc/self/fdinfo", "/proc/fd", "/proc//fd"}
    folders |= {"/proc/12a/fd", "/proc/٣/fd", "/proc/self/fd/", "//proc/self/fd", "/proc/selfish/fd", "/dev/fd"}
    folders |= {os.path.realpath(f"/proc/self/{name}") for name in ("fd", "cwd", "root")}
    for folder in folders:
        match = re.fullmatch(r"/proc/(\d+|self)/fd", folder)
        assert fd_folder_owner(folder) == (match.group(1) if match else None), folder
    assert fd_folder_owner("/proc/self/fd") == "self" and fd_folder_owner("/proc/42/fd") == "42"


def test_vcfio_names_gzip_by_the_bytes_compressions_names_it_by():
    """vcfio.GZIP_MAGIC is written out, so that a run reading a VCF imports no compressions module (issue 13)."""
    from alkannot.compressions import GZIP, compression_of
    from alkannot.vcfio import GZIP_MAGIC, not_vcf_reason

    assert GZIP_MAGIC == GZIP[0] == (ROOT / "tests" / "data" / "corpus47" / "tb.vcf.gz").read_bytes()[:2]
    assert not_vcf_reason(b"BZh91AY", "x").startswith("not a VCF/BCF file: bzip2-compressed data")
    assert compression_of(b"\xfd7zXZ\x00") == ("xz", "xz -dc")


def test_a_note_without_substitutes_is_left_as_the_pattern_left_it():
    """statement_notes searches a note for CIViC's 'therapies substitutes' only where the words are in it: on every
    cell of the bundled knowledge base the result is the pattern's on the whole cell (some notes name substitutes)."""
    substitutes = r"(?:^|; )therapies substitutes: .*$"  # statement_notes' pattern
    cells = _kb_words()
    assert any("therapies substitutes: " in c for c in cells)
    for cell in cells:
        guarded = re.sub(substitutes, "", cell) if "therapies substitutes: " in cell else cell
        assert guarded == re.sub(substitutes, "", cell), cell


def _header_lines() -> set[str]:
    """Every header line (without its line end) of the VCFs under tests/data and example_vcfs, plain or gzipped."""
    import gzip

    lines: set[str] = set()
    for path in [*(ROOT / "tests" / "data").rglob("*.vcf*"), *(ROOT / "example_vcfs").rglob("*.vcf*")]:
        if not path.name.endswith((".vcf", ".vcf.gz")) or not path.is_file():
            continue
        try:
            opened = gzip.open(path, "rt", encoding="utf-8", errors="replace") if path.name.endswith(".gz") else None
            text = opened.read() if opened else path.read_text(encoding="utf-8", errors="replace")
        except (OSError, EOFError):  # the broken inputs the refusal tests read
            continue
        lines.update(line.rstrip("\r") for line in text.split("\n") if line.startswith("##"))
    return lines


def test_alias_words_are_the_patterns_they_replaced():
    """genome.alias_tokens and alias_stem (the words of a ##reference, ##assembly, assembly= or ##alkannotBuild value
    and their FASTA-less stems) against re.split(r"[^a-z0-9_.]+", ...) and re.sub(r"\\.(fa|fasta|fna)(\\.gz)?$", ...)
    on every header line of the test data and a few near the edge of the patterns. The pattern's split may give an
    empty word, which no assembly alias is, so the empty word is all that may differ."""
    from alkannot.genome import alias_stem, alias_tokens, assemblies

    edges = {"", "=", "x.fa.gz.fa", ".fa", ".gz", "fa.gz", "A.FASTA.GZ", "hg38.fna", "b37.fasta.gz", "İstanbul_x.fa"}
    edges |= {"GRCh38 (Homo sapiens)", "file:///ref/GRCh38_full_analysis_set.fna.gz", "hs37d5\tx", "a.fasta.gzip"}
    texts = _header_lines() | edges
    assert any("##reference=" in t for t in texts) and len(texts) > 500
    assert all(alias for assembly in assemblies() for alias in assembly.aliases)
    for text in texts:
        tokens = set(re.split(r"[^a-z0-9_.]+", text.lower()))
        assert alias_tokens(text) == tokens - {""}, text
        for token in tokens:
            assert alias_stem(token) == re.sub(r"\.(fa|fasta|fna)(\.gz)?$", "", token), token


def test_needs_quotes_is_the_pattern_it_replaced():
    """sample_header.needs_quotes against re.search(r'[,;=<>\\s"\\\\]', value) or value == "" on every character
    (str.split's whitespace is the pattern's \\s), every header line of the test data and every cell and word of the
    knowledge base."""
    from alkannot.sample_header import needs_quotes

    def pattern(value: str) -> bool:
        return bool(re.search(r'[,;=<>\s"\\]', value)) or value == ""

    for value in (chr(code) for code in range(0x110000)):
        assert needs_quotes(value) == pattern(value) == needs_quotes(f"a{value}b"), hex(ord(value))
    for value in _header_lines() | _kb_words() | {"", "TUMOR", "P1 T", "a\\b"}:
        assert needs_quotes(value) == pattern(value), value


def test_change_position_is_the_pattern_it_replaced():
    """alterations.change_position against int(re.search(r"\\d+", ...).group()) on every decimal digit, every word
    of the knowledge base and forms near the edge (no digit: the same ValueError's message)."""
    from alkannot.alterations import change_position

    digits = [chr(code) for code in range(0x110000) if re.fullmatch(r"\d", chr(code))]
    words = _kb_words() | {f"G{d}20{d}R" for d in digits} | {"", "G", "ins", "1151Tins", "T1151insT", "G1202R٣"}
    for word in words:
        match = re.search(r"\d+", word)
        if match is None:
            try:
                change_position(word)
            except ValueError as error:
                assert str(error) == f"{word!r} names no residue position"
            else:
                raise AssertionError(word)
        else:
            assert change_position(word) == int(match.group()), word


def test_header_definitions_and_lengths_are_the_patterns_they_replaced():
    """header_lines.definition and contig_length against re.match(rb"^##(INFO|FORMAT|FILTER|ALT|contig)=<ID=
    ([^,>]+)", ...)'s groups and re.search(rb"[<,]length=(\\d+)", ...)'s group on every header line of the test data
    (as bytes, without its line end, as check_header_lines reads it) and lines near the edge of the patterns."""
    from alkannot.header_lines import contig_length, definition

    definition_pattern = re.compile(rb"^##(INFO|FORMAT|FILTER|ALT|contig)=<ID=([^,>]+)")
    length_pattern = re.compile(rb"[<,]length=(\d+)")
    edges = {b"", b"##", b"##INFO=<ID=", b"##INFO=<ID=,", b"##INFO=<ID=>", b"##INFO=<ID=a", b"##info=<ID=a>"}
    edges |= {b"##contig=<ID=2,length=,length=12>", b"##contig=<ID=2 length=5,length=6>", b"length=5", b"<length=7"}
    edges |= {b"##INFOX=<ID=a>", b"##ALT=<ID=DEL:ME,Description=x>", b"##contig=<ID=chr2,assembly=b37,length=9x>"}
    edges |= {b"##FILTER=<ID=q10>\n", b"##FORMAT=<ID=\xff\xfe,Number=1>", b"##contig=<ID=1,length=\xd9\xa3>"}
    lines = {line.encode("utf-8", "surrogateescape") for line in _header_lines()} | edges
    assert sum(1 for line in lines if definition(line)) > 300 and any(contig_length(line) for line in lines)
    for line in lines:
        found = definition_pattern.match(line)
        assert definition(line) == (found.groups() if found else None), line
        length = length_pattern.search(line)
        assert contig_length(line) == (length.group(1) if length else None), line


def _labels() -> set[str]:
    """Every source label of the bundled knowledge base as a run writes it (each statement's labelled sources, each
    source key with its identifiers), every cell and word of its tables, and labels near the patterns' edges."""
    from alkannot.kbfiles import read_knowledge_base
    from alkannot.sourced_text import identified_key

    kb = read_knowledge_base()
    labels = _kb_words() | {identified_key(kb, s.key) for s in kb.sources()}
    labels |= {k for st in kb.statements for k in (*st.sources, *getattr(st, "evidence_labels", ()))}
    labels |= {f"{s.key}({s.pmid})" for s in kb.sources()} | {f"{s.key}(PMID:{s.pmid})" for s in kb.sources()}
    labels |= {
        "",
        "(",
        "()",
        "A()",
        "A(x)\n",
        "A(x\n)",
        "A(x)\n\n",
        "(x)",
        "A)(x)",
        "A(b(c)d)",
        "a(PMID:1)",
        "É(PMID:1)",
    }
    labels |= {"A(PMID:)", "A(PMID:1,)", "A(PMID:1,PMID:2)", "A_1(PMID:٣)", "A(PMID:1)x", "EID1(PMID:2)", "A\n(x)"}
    labels |= {"Press release on KAT16 (x)", "Press release on ", "Press release on _a٣é-b", "press release on X"}
    labels |= {"PMID:1 PMID: PMID:22,PMID:x PMID:٣٣", "PMID:PMID:5"}
    return labels


def test_source_labels_are_the_patterns_they_replaced():
    """source_labels' four readers against the patterns sourced_text and report/cited_sources compiled, on every
    label and word of the bundled knowledge base and labels near the patterns' edges; restated_key's word
    characters (str.isalnum, or '_') are the pattern's \\w on every character."""
    from alkannot.source_labels import keyed_label, label_pmids, paper_label_key, restated_key

    paper = re.compile(r"([A-Z][A-Z0-9_]*)\(PMID:\d+(?:,PMID:\d+)*\)")
    keyed = re.compile(r"^([^()]+)\((.*)\)$")
    labels = _labels()
    assert any(paper_label_key(label) for label in labels) and any(keyed_label(label) for label in labels)
    for label in labels:
        found = paper.fullmatch(label)
        assert paper_label_key(label) == (found.group(1) if found else None), label
        found = keyed.match(label)
        assert keyed_label(label) == (found.groups() if found else None), label
        assert label_pmids(label) == re.findall(r"PMID:(\d+)", label), label
        found = re.match(r"Press release on (\w+)\b", label)
        assert restated_key(label) == (found.group(1) if found else ""), label
    for character in (chr(code) for code in range(0x110000)):
        found = re.match(r"Press release on (\w+)\b", f"Press release on {character}")
        assert restated_key(f"Press release on {character}") == (found.group(1) if found else ""), hex(ord(character))


def _noted_texts() -> set[str]:
    """Texts with bracketed citations: every cell of the bundled knowledge base and every line of the golden outputs
    (the notes a run writes, their citations in brackets), split at tabs and at the JSON's quotes too."""
    texts = set(_kb_words())
    for path in (ROOT / "tests" / "golden").iterdir():
        for line in path.read_text(encoding="utf-8").splitlines():
            texts.add(line)
            texts.update(line.split("\t"))
            texts.update(line.split('"'))
    return texts


def test_civic_items_and_bare_keys_are_the_patterns_they_replaced():
    """source_labels.civic_item and without_identifier against re.fullmatch(r"EID\\d+(?:\\(.*\\))?", ...) and
    re.sub(r",\\s*(?:PMID\\s|doi:|PMC\\d|press release on ).*$", "", ...).strip() on every label, cited part and word
    of the knowledge base and the golden outputs, and parts near the patterns' edges."""
    from alkannot.source_labels import civic_item, without_identifier
    from alkannot.sourced_text import split_keys

    parts = _labels() | {p for text in _noted_texts() for p in split_keys(text)}
    parts |= {"EID1", "EID", "EID1(", "EID1()", "EID1(x\n)", "EID٣(x)", "EID1(x)y", "EID1\n", "eid1", "EID1((a)b)"}
    parts |= {
        "K, PMID 1",
        "K,PMID\t2",
        "K, PMID",
        "K, PMIDx",
        "K,  doi:10/x",
        "K, PMC٣x",
        "K, PMC x",
        "K, press release on",
    }
    parts |= {
        "K, press release on X\n",
        "K, doi:a\nb",
        "K, doi:a\nb, PMID 3",
        "K,\nPMID\n5",
        "K, x, doi:y",
        "K ,PMID 1 ",
    }
    parts |= {"K, PMID 1\n\n", ", doi:x", " K , doi:", "K, PMC1, PMID 2", "K,\u2003doi:x", "K,\u200bdoi:x"}
    assert any(civic_item(p) for p in parts) and any(without_identifier(p) != p.strip() for p in parts)
    for part in parts:
        assert civic_item(part) == bool(re.fullmatch(r"EID\d+(?:\(.*\))?", part)), part
        expected = re.sub(r",\s*(?:PMID\s|doi:|PMC\d|press release on ).*$", "", part).strip()
        assert without_identifier(part) == expected, part


def test_brackets_are_the_pattern_they_replaced():
    """source_labels.bracket_spans and with_brackets against re.finditer and re.sub of r"\\[([^\\[\\]]+)\\]" on every
    cell of the knowledge base, every line of the golden outputs and texts near the pattern's edges."""
    from alkannot.source_labels import bracket_spans, with_brackets

    bracket = re.compile(r"\[([^\[\]]+)\]")
    texts = _noted_texts() | {
        "",
        "[",
        "]",
        "[]",
        "[[a]",
        "[a]]",
        "[a[b]c]",
        "[a][b]",
        "[[]a]",
        "x[\n]y",
        "[a",
        "a]b[c]",
    }
    texts |= {"[]]", "[[[x]]]", "[a] [] [b", "][a][", "[a\n[b]", "[ ]"}
    assert sum(1 for text in texts if bracket_spans(text)) > 100
    for text in texts:
        assert bracket_spans(text) == [m.span() for m in bracket.finditer(text)], text
        assert with_brackets(text, lambda inner: f"<{inner.upper()}>") == bracket.sub(
            lambda b: f"<{b.group(1).upper()}>", text
        ), text


def test_single_change_is_the_pattern_it_replaced():
    """alterations.single_change against the groups of alterations._SINGLE's match on every cell and word of the
    bundled knowledge base (its alterations among them), every change of the golden outputs and changes near the
    edge of the str path (a substitution) and the pattern (a line end, a non-ASCII digit, lower case, '=', '*')."""
    from alkannot import alterations
    from alkannot.alterations import single_change

    words = _kb_words() | {w for text in _noted_texts() for w in re.split(r"[\s;,()\[\]+/:=]+", text)}
    words |= {"G1202R", "G1202*", "G1202=", "*1620*", "G1202R\n", "G12٣2R", "g1202R", "G1202r", "GR", "G1R", "G1", ""}
    words |= {"T1151dup", "L1152_P1153insG", "G1202fs", "G1202Rfs*3", "G1202del", "G1202delinsRR", "G1202RR", "1202R"}
    words |= {"G1202ÉR", "É1202R", "G1202Ŕ", "G\n1202R", "G1202R\n\n", "G1202 R", "G-1202R", "G+1202R"}
    assert sum(1 for w in words if single_change(w)) > 40
    for word in words:
        found = re.match(alterations._SINGLE, word)
        assert single_change(word) == (found.groupdict() if found else None), word
