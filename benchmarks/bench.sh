#!/usr/bin/env bash
# Speed and memory of `alkannot annotate` next to `bcftools view` on the same generated VCF.
#   benchmarks/bench.sh [N ...]     (default: 100000 1000000 records)
# Prints wall time (best of REPEATS=3), the alkannot/bcftools ratio, and peak RSS for each size:
# memory must stay flat.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(100000 1000000)

measure() {  # measure LABEL CMD... -> "seconds peak_kb"
  local label=$1; shift
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%e %M" -o "$work/$label.time" "$@" >/dev/null 2>"$work/$label.err" || { cat "$work/$label.err" >&2; exit 1; }
    cat "$work/$label.time"
  else
    python3 - "$@" <<'PY'
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(f"{time.perf_counter() - start:.2f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
PY
  fi
}

printf "%-9s %-22s %9s %12s\n" records tool seconds peak_RSS_MB
for n in "${sizes[@]}"; do
  python3 "$here/make_vcf.py" "$n" > "$work/in.vcf"
  # best of $REPEATS runs each, interleaved, so a busy machine hurts both tools alike
  bt=""; at=""; bm=0; am=0
  for _ in $(seq "${REPEATS:-3}"); do
    read -r t m < <(measure bcftools bcftools view -Oz -o "$work/bcftools.vcf.gz" "$work/in.vcf")
    bt=$(awk -v a="$bt" -v b="$t" 'BEGIN{print (a=="" || b<a) ? b : a}'); bm=$(( m > bm ? m : bm ))
    read -r t m < <(measure alkannot alkannot -q annotate -Oz -o "$work/alkannot.vcf.gz" "$work/in.vcf")
    at=$(awk -v a="$at" -v b="$t" 'BEGIN{print (a=="" || b<a) ? b : a}'); am=$(( m > am ? m : am ))
  done
  printf "%-9s %-22s %9s %12.1f\n" "$n" "bcftools view -Oz" "$bt" "$(awk -v k="$bm" 'BEGIN{print k/1024}')"
  printf "%-9s %-22s %9s %12.1f\n" "$n" "alkannot annotate -Oz" "$at" "$(awk -v k="$am" 'BEGIN{print k/1024}')"
  printf "%-9s %-22s %9.2f\n" "$n" "ratio alkannot/bcftools" "$(awk -v a="$at" -v b="$bt" 'BEGIN{print a/b}')"
  in_alk=$(zcat "$work/alkannot.vcf.gz" | grep -v '^#' | grep -c 'ALK_HGVSP' || true)
  echo "          records with ALK_HGVSP: $in_alk; records out: $(zcat "$work/alkannot.vcf.gz" | grep -vc '^#')"
done
