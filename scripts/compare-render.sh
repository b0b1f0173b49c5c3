#!/usr/bin/env bash
# Times `geul render` against mdcat 2.x, side by side, on the seed article and on the seed
# article repeated 200 times (about 2.2 MB), and prints geul's time as a fraction of
# mdcat's. The goal ("Instant at any size") is a ratio of at most 0.5 on both.
#
#   scripts/compare-render.sh                # seed from ../shared/seed, mdcat from PATH or /tmp/peers
#   SEED=path/to/post.md MDCAT=path/to/mdcat RUNS=30 scripts/compare-render.sh
#
# The seed's text is never copied into the repository: the inputs are built in a temporary
# directory under /tmp and removed afterwards. The two commands run turn about, RUNS
# rounds (default 50) after 3 warm-up rounds, timed by python3.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seed=${SEED:-$root/../shared/seed/what-is-generative-ai.md}
runs=${RUNS:-50}
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

# Runs the geul command and the mdcat command (each one argument, its words joined by tabs)
# turn about, $runs rounds after 3 warm-up rounds, and prints the medians of wall
# and CPU time (user + system) in ms, then the median, 10th and 90th percentile of the
# rounds' geul/mdcat ratios and how many rounds were at most 0.5.
#
# Turn about, not one command's runs and then the other's (as hyperfine does): on a
# shared machine the speed drifts over a run, and the two then see the same drift. A
# round's ratio compares two runs a few milliseconds apart.
alternate() {
    python3 - "$runs" "$@" <<'PY'
import os, statistics, sys, time
runs = int(sys.argv[1])
commands = [sys.argv[2].split("\t"), sys.argv[3].split("\t")]
null = os.open(os.devnull, os.O_WRONLY)

def once(argv):
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.dup2(null, 1)
        os.execv(argv[0], argv)
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(argv)}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime

wall = [[], []]
cpu = [[], []]
for round in range(3 + runs):
    for i, argv in enumerate(commands):
        w, c = once(argv)
        if round >= 3:
            wall[i].append(w * 1000)
            cpu[i].append(c * 1000)
ratios = sorted(g / m for g, m in zip(*wall))
under = sum(r <= 0.5 for r in ratios)
print(f"{statistics.median(wall[0]):.1f} {statistics.median(wall[1]):.1f} "
      f"{statistics.median(cpu[0]):.1f} {statistics.median(cpu[1]):.1f} "
      f"{statistics.median(ratios):.2f} {ratios[len(ratios) // 10]:.2f} "
      f"{ratios[len(ratios) * 9 // 10]:.2f} {under}")
PY
}

echo "geul:  $geul"
echo "mdcat: $mdcat ($("$mdcat" --version | head -n 1))"
echo "runs:  $runs rounds of geul then mdcat, after 3 warm-up rounds"
echo

results=()
for input in seed seed-x200; do
    file=$work/$input.md
    geul_cmd=$(printf '%s\t' "$geul" render "$file" --width 100 --color always)
    mdcat_cmd=$(printf '%s\t' "$mdcat" --columns 100 --ansi "$file")
    echo "timing $input ..." >&2
    # A failed run stops the script here (set -e), not later with empty numbers.
    timing=$(alternate "${geul_cmd%$'\t'}" "${mdcat_cmd%$'\t'}")
    read -r geul_ms mdcat_ms geul_cpu mdcat_cpu ratio low high under <<<"$timing"
    bytes=$(wc -c <"$file")
    results+=("$(printf '%-10s %9d %9s %9s %7sx %5s-%-5s %6s/%-4s %9s %9s' "$input" "$bytes" \
        "$geul_ms" "$mdcat_ms" "$ratio" "$low" "$high" "$under" "$runs" "$geul_cpu" "$mdcat_cpu")")
done

echo
printf '%-10s %9s %9s %9s %8s %11s %11s %9s %9s\n' input bytes "geul ms" "mdcat ms" ratio \
    "10-90%" "rounds<=.5" "geul cpu" "mdcat cpu"
printf '%s\n' "${results[@]}"
echo "(ms = median wall time; ratio = median of the rounds' geul/mdcat wall-time ratios, with"
echo " the 10th and 90th percentile and how many rounds were at most 0.5, the goal; cpu = median"
echo " user + system ms. A round runs geul, then mdcat, on the same file.)"
