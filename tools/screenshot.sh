#!/bin/sh
# Rebuild the example report (GRCh38) and its screenshot docs/report_screenshot.png.
# Needs the installed alkannot and Debian's chromium.
set -eu
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
alkannot -q annotate example_vcfs/GRCh38/tumor_normal.vcf --sv example_vcfs/GRCh38/sv.vcf \
    --fusions P5_T=example_vcfs/GRCh38/fusions.tsv --samples example_vcfs/samples.tsv --min-vaf 0.05 \
    --report "$out/example" -o "$out/example.vcf.gz"
mkdir -p docs
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,2000 \
    --screenshot="$PWD/docs/report_screenshot.png" "file://$out/example.html" 2>/dev/null
echo "wrote docs/report_screenshot.png" >&2
