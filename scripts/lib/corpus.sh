# Sourced by the measuring scripts: builds the release binary and the corpus generator, and
# writes a folder of COUNT generated posts (default 10,000) once, at CORPUS or
# /tmp/geul-corpus-COUNT. Sets $root, $count, $dir and $target (the release folder).
# shellcheck shell=bash

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
count=${COUNT:-10000}
dir=${CORPUS:-/tmp/geul-corpus-$count}

cargo build --release --quiet --manifest-path "$root/Cargo.toml" --bin geul --example make_corpus
target=${CARGO_TARGET_DIR:-$root/target}/release
# A folder left half-written by an interrupted run is written again.
if [[ ! -f $dir/.complete ]]; then
    rm -rf "$dir"
    "$target/examples/make_corpus" "$dir" "$count"
    touch "$dir/.complete"
fi
