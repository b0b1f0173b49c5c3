#!/usr/bin/env bash
# Times `geul list DIR --format json` against `find DIR -name '*.md' -print0 | xargs -0 cat`
# (the same bytes read, nothing done with them) side by side with hyperfine, on a generated
# folder of COUNT posts (default 10,000, written once by examples/make_corpus), and prints
# geul's time as a multiple of cat's. The goal ("Instant at any size") is at most 1.5.
#
#   scripts/compare-load.sh            # 10,000 posts
#   COUNT=1000 RUNS=30 scripts/compare-load.sh
set -euo pipefail

command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
runs=${RUNS:-20}
source "$(dirname "${BASH_SOURCE[0]}")/lib/corpus.sh"

export_json=$(mktemp /tmp/compare-load.XXXXXX.json)
trap 'rm -f "$export_json"' EXIT
hyperfine -N -w 3 -r "$runs" --export-json "$export_json" \
    -n geul "$target/geul list $dir --format json" \
    -n cat "sh -c 'find $dir -name \"*.md\" -print0 | xargs -0 cat >/dev/null'" >&2
python3 - "$export_json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
geul, cat = results["geul"]["median"], results["cat"]["median"]
print(f"geul list --format json: {geul*1000:.0f} ms, find | xargs cat: {cat*1000:.0f} ms, ratio {geul/cat:.2f}x (medians)")
PY
