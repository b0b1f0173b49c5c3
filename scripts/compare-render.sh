#!/usr/bin/env bash
# Times `geul render` against mdcat 2.x, side by side, on the seed article and on the seed
# article repeated 200 times (about 2.2 MB), and prints geul's time as a fraction of
# mdcat's. The goal ("Instant at any size") is a ratio of at most 0.5 on both.
#
#   scripts/compare-render.sh                # seed from ../shared/seed, mdcat from PATH or /tmp/peers
#   SEED=path/to/post.md MDCAT=path/to/mdcat RUNS=30 scripts/compare-render.sh
#
# The seed's text is never copied into the repository: the inputs are built in a temporary
# directory under /tmp and removed afterwards. Uses hyperfine when it is installed, else
# times RUNS runs of each command and takes the medians.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seed=${SEED:-$root/../shared/seed/what-is-generative-ai.md}
runs=${RUNS:-20}
mdcat=${MDCAT:-$(command -v mdcat || echo /tmp/peers/bin/mdcat)}

if [[ ! -r $seed ]]; then
    echo "seed article not found: $seed (set SEED=...)" >&2
    exit 1
fi
if [[ ! -x $mdcat ]]; then
    echo "mdcat not found (install: cargo install mdcat --version 2.19.0 --root /tmp/peers, or set MDCAT=...)" >&2
    exit 1
fi

cargo build --release --quiet --manifest-path "$root/Cargo.toml"
geul=${CARGO_TARGET_DIR:-$root/target}/release/geul

work=$(mktemp -d /tmp/compare-render.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp "$seed" "$work/seed.md"
for _ in $(seq 200); do cat "$seed"; done >"$work/seed-x200.md"

# Median wall time in seconds of $runs runs of the command in "$@", output discarded.
median_of_runs() {
    local times=() start end
    for _ in $(seq "$runs"); do
        start=$(date +%s%N)
        "$@" >/dev/null
        end=$(date +%s%N)
        times+=("$(((end - start) / 1000))")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END {
        m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
        printf "%.6f\n", m / 1e6 }'
}

echo "geul:  $geul"
echo "mdcat: $mdcat ($("$mdcat" --version | head -n 1))"
echo "runs:  $runs per command$(command -v hyperfine >/dev/null && echo ', hyperfine')"
echo

results=()
for input in seed seed-x200; do
    file=$work/$input.md
    geul_cmd=("$geul" render "$file" --width 100 --color always)
    mdcat_cmd=("$mdcat" --columns 100 --ansi "$file")
    if command -v hyperfine >/dev/null; then
        hyperfine -N --style basic --warmup 3 --runs "$runs" \
            --export-csv "$work/$input.csv" \
            -n geul "${geul_cmd[*]}" -n mdcat "${mdcat_cmd[*]}" >&2
        # CSV columns: command,mean,stddev,median,user,system,min,max
        geul_s=$(awk -F, '$1 == "geul" { print $4 }' "$work/$input.csv")
        mdcat_s=$(awk -F, '$1 == "mdcat" { print $4 }' "$work/$input.csv")
        # CPU time (user + system, means): steadier than wall time on a shared machine.
        geul_cpu=$(awk -F, '$1 == "geul" { print $5 + $6 }' "$work/$input.csv")
        mdcat_cpu=$(awk -F, '$1 == "mdcat" { print $5 + $6 }' "$work/$input.csv")
    else
        geul_s=$(median_of_runs "${geul_cmd[@]}")
        mdcat_s=$(median_of_runs "${mdcat_cmd[@]}")
        geul_cpu=0
        mdcat_cpu=0
    fi
    bytes=$(wc -c <"$file")
    results+=("$(awk -v n="$input" -v b="$bytes" -v g="$geul_s" -v m="$mdcat_s" \
        -v gc="$geul_cpu" -v mc="$mdcat_cpu" 'BEGIN {
        printf "%-10s %9d %10.1f %10.1f %7.2fx %11.1f %11.1f\n", n, b, g * 1000, m * 1000, g / m,
            gc * 1000, mc * 1000 }')")
done

echo
printf '%-10s %9s %10s %10s %8s %11s %11s\n' input bytes "geul ms" "mdcat ms" ratio \
    "geul cpu" "mdcat cpu"
printf '%s\n' "${results[@]}"
echo "(ratio = geul median / mdcat median, wall time; the goal is at most 0.50x."
echo " cpu = mean user + system ms, from hyperfine, 0 without it)"
