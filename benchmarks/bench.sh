#!/usr/bin/env bash
# Speed and memory of `alkannot` next to bcftools on generated WGS-like VCFs, every ratio of
# issue 13 in one run:
#   benchmarks/bench.sh [N ...]         (default: 1000000 5000000 records)
# Each case runs alkannot and its bcftools counterpart alternately (paired runs, REPEATS times, 3 by
# default) under /usr/bin/time and prints both medians and the speed ratio = bcftools time /
# alkannot time (above 1: alkannot is faster). Every timed run starts after `sync`, with the generated
# inputs just read (page cache warm): one run's writeback or cold reads are timed in neither tool's run.
# Each tool writes a new output file, as in a pipeline (Snakemake removes a job's existing outputs before
# it runs it; a Nextflow task runs in a new work directory): both tools' previous outputs are removed
# before every timed run. Replacing an existing output costs file-system time that neither tool controls
# (ext4 frees the old file's blocks and, for a file replaced by rename or truncation, starts writing the
# new one out), so the text case is also timed once with both tools replacing their previous output.
# BCF output (-Ob) from text and from bgzip input is timed against `bcftools view -Ob` the same way, and
# uncompressed BCF (-Ou) into a pipe against `bcftools view -Ou` into the same pipe; a BCF input (made from the
# text input, not timed) into VCF text, bgzipped VCF, BCF (-Ob) and BCF (-Ou) into a pipe, the same way.
# Also: the 4-record example against `python3 -c "import pysam"` (hyperfine, medians), and peak RSS on a
# 1M-record SV-dense VCF, on a 2,000-sample VCF and on an ALK-dense joint-called cohort (a record every 35 bp
# across ALK, about 20,000, x 500 samples; make_cohort.py). Records in = records out and the ALK annotations are
# checked on every output.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(1000000 5000000)
repeats="${REPEATS:-3}"
for tool in bcftools tabix bgzip hyperfine alkannot; do
  command -v "$tool" >/dev/null || { echo "bench.sh: $tool not found" >&2; exit 1; }
done

timed() {  # timed LABEL CMD... : appends "seconds peak_kb" to $work/LABEL.times
  local label=$1; shift
  [ -n "${replace_outputs:-}" ] || rm -f "$work"/a.* "$work"/b.* "$work"/w.* "$work"/report.*  # new outputs
  sync  # the previous run's output is written out first, so its writeback is timed in neither tool's run
  cat "$work"/in.vcf* "$work"/in.bcf > /dev/null 2>&1 || true  # and both tools start with the inputs in the page cache
  /usr/bin/time -f "%e %M" -o "$work/$label.one" "$@" >/dev/null 2>"$work/$label.err" \
    || { cat "$work/$label.err" >&2; exit 1; }
  cat "$work/$label.one" >> "$work/$label.times"
}
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
peak_mb() { awk '{if ($2>m) m=$2} END {printf "%.0f", m/1024}' "$work/$1.times"; }

pair() {  # pair CASE "BCFTOOLS CMD" "ALKANNOT CMD": paired runs, then one result line
  local case=$1 base=$2 ours=$3
  rm -f "$work/base.times" "$work/ours.times"
  for _ in $(seq "$repeats"); do
    timed base sh -c "$base"
    timed ours sh -c "$ours"
  done
  local b a
  b=$(cut -d' ' -f1 "$work/base.times" | median); a=$(cut -d' ' -f1 "$work/ours.times" | median)
  printf "%-44s %9.2f %9.2f %8.2fx %7s MB\n" "$case" "$b" "$a" "$(awk -v b="$b" -v a="$a" 'BEGIN{print b/a}')" \
    "$(peak_mb ours)"
}

check() {  # check OUTPUT EXPECTED_RECORDS: records in = records out, ALK records annotated
  local got alk
  got=$(bcftools view -H "$1" | wc -l); alk=$(bcftools view -H "$1" | grep -c 'ALK_HGVSP=' || true)
  [ "$got" -eq "$2" ] || { echo "bench.sh: $1 has $got records, expected $2" >&2; exit 1; }
  echo "    checked: $got records in = out; $alk records carry ALK_HGVSP"
}

printf "%-44s %9s %9s %9s %10s\n" case bcftools_s alkannot_s speed peak_RSS
for n in "${sizes[@]}"; do
  python3 "$here/make_vcf.py" "$n" > "$work/in.vcf"
  bgzip -c "$work/in.vcf" > "$work/in.vcf.gz"
  tabix -p vcf "$work/in.vcf.gz"
  sync  # write the new inputs out first: their writeback would otherwise slow whichever run it overlaps
  records=$(grep -vc '^#' "$work/in.vcf")
  pair "$n text -> text vs bcftools view" \
    "bcftools view -o $work/b.vcf $work/in.vcf" "alkannot -q annotate $work/in.vcf -o $work/a.vcf"
  check "$work/a.vcf" "$records"
  replace_outputs=1 pair "$n text -> text, replacing the last output" \
    "bcftools view -o $work/b.vcf $work/in.vcf" "alkannot -q annotate $work/in.vcf -o $work/a.vcf"
  check "$work/a.vcf" "$records"
  pair "$n bgzip -> bgzip vs bcftools view -Oz" \
    "bcftools view -Oz -o $work/b.vcf.gz $work/in.vcf.gz" "alkannot -q annotate $work/in.vcf.gz -o $work/a.vcf.gz"
  check "$work/a.vcf.gz" "$records"
  # BCF output (review 9, pipeline finding 3): the byte-level pass 1, the text converted by pysam's bcftools
  pair "$n text -> BCF (-Ob) vs bcftools view -Ob" \
    "bcftools view -Ob -o $work/b.bcf $work/in.vcf" "alkannot -q annotate $work/in.vcf -Ob -o $work/a.bcf"
  check "$work/a.bcf" "$records"
  pair "$n bgzip -> BCF (-Ob) vs bcftools view -Ob" \
    "bcftools view -Ob -o $work/b.bcf $work/in.vcf.gz" "alkannot -q annotate $work/in.vcf.gz -Ob -o $work/a.bcf"
  check "$work/a.bcf" "$records"
  # BCF input (bcftools call's usual output) into VCF text and bgzipped VCF: read as the VCF text pysam's
  # bcftools makes of it (alkannot/bcf_input.py); the BCF is made here, not timed
  bcftools view --no-version -Ob -o "$work/in.bcf" "$work/in.vcf"
  pair "$n BCF -> text vs bcftools view" \
    "bcftools view -o $work/b.vcf $work/in.bcf" "alkannot -q annotate $work/in.bcf -o $work/a.vcf"
  check "$work/a.vcf" "$records"
  pair "$n BCF -> bgzip vs bcftools view -Oz" \
    "bcftools view -Oz -o $work/b.vcf.gz $work/in.bcf" "alkannot -q annotate $work/in.bcf -o $work/a.vcf.gz"
  check "$work/a.vcf.gz" "$records"
  # BCF to BCF: pass 1 on that VCF text, the output spliced from the BCF itself (alkannot/bcf_splice.py)
  pair "$n BCF -> BCF (-Ob) vs bcftools view -Ob" \
    "bcftools view -Ob -o $work/b.bcf $work/in.bcf" "alkannot -q annotate $work/in.bcf -Ob -o $work/a.bcf"
  check "$work/a.bcf" "$records"
  pair "$n BCF -> BCF (-Ou) | pipe vs view -Ou" \
    "bcftools view -Ou $work/in.bcf | cat > $work/b.ubcf" "alkannot -q annotate $work/in.bcf -Ou | cat > $work/a.ubcf"
  check "$work/a.ubcf" "$records"
  rm -f "$work/in.bcf"
  # uncompressed BCF into a pipe, the bcftools idiom between two steps (staged in $TMPDIR, then copied)
  pair "$n text -> BCF (-Ou) | pipe vs view -Ou" \
    "bcftools view -Ou $work/in.vcf | cat > $work/b.ubcf" "alkannot -q annotate $work/in.vcf -Ou | cat > $work/a.ubcf"
  check "$work/a.ubcf" "$records"
  pair "$n -W tbi (input indexed) vs view -Oz + tabix" \
    "bcftools view -Oz -o $work/b.vcf.gz $work/in.vcf.gz && tabix -f -p vcf $work/b.vcf.gz" \
    "alkannot -q annotate $work/in.vcf.gz -o $work/w.vcf.gz -W tbi"
  check "$work/w.vcf.gz" "$records"
  [ "$(bcftools view -H "$work/w.vcf.gz" chr2:29220747-29220747 | wc -l)" -eq 1 ] \
    || { echo "bench.sh: region query on the -W output failed" >&2; exit 1; }
  pair "$n region mode (report) vs bcftools view" \
    "bcftools view $work/in.vcf.gz" "alkannot -q report $work/in.vcf.gz --out $work/report"
  grep -q G1202R "$work/report.tsv" || { echo "bench.sh: report misses G1202R" >&2; exit 1; }
done

# the 4-record example end to end against importing pysam (hyperfine medians)
example="$root/example_vcfs/GRCh38/tumor_normal.vcf"
# with bytecode compiled, as `pip install` leaves a package: an editable install run with
# PYTHONDONTWRITEBYTECODE=1 (common in containers) would otherwise compile every module on every run
# (the installed package's: asked from an empty folder, as a checkout in the current one would be found first)
mkdir -p "$work/empty"
PYTHONDONTWRITEBYTECODE='' python3 -m compileall -q \
  "$(cd "$work/empty" && python3 -c 'import alkannot, os; print(os.path.dirname(alkannot.__file__))')" >/dev/null
# From an empty folder: `python3 -c` puts the current folder first on sys.path, and a checkout there (this one)
# would be searched on every import of the baseline. And, for scale, what importing the CLI library (click) and
# the standard modules alkannot's start-up needs costs before any alkannot code runs.
(cd "$work/empty" && hyperfine -N -w 3 -r "${SMALL_RUNS:-20}" --export-json "$work/small.json" \
  'python3 -c "import pysam"' "alkannot -q annotate $example -o $work/example.vcf" \
  'python3 -c "import pysam, click, logging, csv"' 'python3 -c "import click"' >/dev/null 2>&1)
python3 - "$work/small.json" <<'PY'
import json, sys
a, b, floor, click = (r["median"] for r in json.load(open(sys.argv[1]))["results"])
label = '4-record example vs python3 -c "import pysam"'
print(f"{label:44s} {a:9.3f} {b:9.3f} {b / a:8.2f}x the time (target <= 2)")
label = "  for scale: import pysam, click + stdlib"
print(f"{label:44s} {a:9.3f} {floor:9.3f} {floor / a:8.2f}x the time (no alkannot code)")
label = "  for scale: import click alone"
print(f"{label:44s} {a:9.3f} {click:9.3f} {click / a:8.2f}x the time")
PY

# peak RSS on a 1M-record SV-dense VCF and a 2,000-sample VCF (one run each)
python3 "$here/make_vcf.py" "${SV_RECORDS:-1000000}" --sv-dense > "$work/sv.vcf"
rm -f "$work/ours.times"; timed ours alkannot -q annotate "$work/sv.vcf" -o "$work/sv.out.vcf"
printf "%-44s %9s %9.2f %9s %7s MB (limit 200)\n" "${SV_RECORDS:-1000000} SV-dense records, peak RSS" "" \
  "$(cut -d' ' -f1 "$work/ours.times")" "" "$(peak_mb ours)"
grep -q 'ALK_FUSION=EML4::ALK' "$work/sv.out.vcf" || { echo "bench.sh: EML4-ALK not annotated" >&2; exit 1; }
python3 "$here/make_vcf.py" "${WIDE_RECORDS:-5000}" --samples 2000 > "$work/wide.vcf"
rm -f "$work/ours.times"; timed ours alkannot -q annotate "$work/wide.vcf" -o "$work/wide.out.vcf" --report "$work/wide"
printf "%-44s %9s %9.2f %9s %7s MB (limit 200)\n" "2,000 samples x ${WIDE_RECORDS:-5000}, --report, peak RSS" "" \
  "$(cut -d' ' -f1 "$work/ours.times")" "" "$(peak_mb ours)"
# a cohort's records in bypass genes, unannotated: each once held every sample's values (pipeline review of stop 30)
python3 "$here/make_vcf.py" "${BYPASS_RECORDS:-8000}" --samples "${BYPASS_SAMPLES:-300}" --bypass-dense > "$work/bypass.vcf"
rm -f "$work/ours.times"
timed ours alkannot -q annotate "$work/bypass.vcf" -o "$work/bypass.out.vcf" --report "$work/bypass"
printf "%-44s %9s %9.2f %9s %7s MB (limit 200)\n" "bypass genes ${BYPASS_RECORDS:-8000} x ${BYPASS_SAMPLES:-300}, --report, RSS" "" \
  "$(cut -d' ' -f1 "$work/ours.times")" "" "$(peak_mb ours)"
grep -q "separate records between" "$work/bypass.tsv" || { echo "bench.sh: bypass records not folded" >&2; exit 1; }
# an ALK-dense cohort: every ALK record once held every sample's values (pipeline review pipe4, finding 2)
python3 "$here/make_cohort.py" "${COHORT_SAMPLES:-500}" | bgzip -c > "$work/cohort.vcf.gz"
rm -f "$work/ours.times"
timed ours alkannot -q annotate "$work/cohort.vcf.gz" -o "$work/cohort.out.vcf.gz" --report "$work/cohort"
printf "%-44s %9s %9.2f %9s %7s MB (limit 200)\n" "ALK cohort x ${COHORT_SAMPLES:-500} samples, --report, peak RSS" "" \
  "$(cut -d' ' -f1 "$work/ours.times")" "" "$(peak_mb ours)"
grep -q G1202R "$work/cohort.tsv" || { echo "bench.sh: the cohort report misses G1202R" >&2; exit 1; }
