#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets/) for SECONDS each (default 60), seeded with
# the sample posts and the test fixtures, on the nightly toolchain. A crash leaves its
# input in fuzz/artifacts/TARGET/; minimise it (`cargo +nightly fuzz tmin TARGET FILE`),
# fix the bug, and commit the minimised input under tests/fuzz-regressions/TARGET/ so
# `cargo test` checks it on stable from then on.
#
#   scripts/fuzz.sh            # 60 s per target
#   scripts/fuzz.sh 1800       # 30 minutes per target
#   TARGETS="post links" scripts/fuzz.sh 600
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-60}
cd "$root/fuzz"

if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "the nightly toolchain is needed: rustup toolchain install nightly" >&2
    exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz" >&2
    cargo install cargo-fuzz
fi

targets=${TARGETS:-$(cargo fuzz list)}
crashed=()
for target in $targets; do
    corpus="corpus/$target"
    seeds="seeds/$target"
    mkdir -p "$corpus" "$seeds"
    # Seeds: every sample post and fixture, and the regression inputs of this target.
    find "$root/posts" "$root/tests/fixtures" -name '*.md' -exec cp {} "$seeds/" \;
    if [[ -d $root/tests/fuzz-regressions/$target ]]; then
        find "$root/tests/fuzz-regressions/$target" -type f ! -name .gitkeep -exec cp {} "$seeds/" \;
    fi
    echo "== $target for ${seconds}s"
    # A crash stops this target, not the others: each is reported at the end.
    if ! cargo +nightly fuzz run "$target" "$corpus" "$seeds" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1; then
        crashed+=("$target")
    fi
done
if (( ${#crashed[@]} > 0 )); then
    echo "crashes in: ${crashed[*]} (inputs under fuzz/artifacts/)" >&2
    exit 1
fi
