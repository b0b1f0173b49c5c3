#!/usr/bin/env bash
# Peak memory of the reader with a generated folder of COUNT posts (default 10,000) read and
# indexed: geul runs in tmux under /usr/bin/time -v until the status line no longer says
# it is reading or indexing, then quits; prints the peak RSS and its ratio to the bytes of
# the posts. The goal ("Instant at any size") is at most 2.5.
#
#   scripts/measure-memory.sh
#   COUNT=1000 scripts/measure-memory.sh
set -euo pipefail

command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 1; }
source "$(dirname "${BASH_SOURCE[0]}")/lib/corpus.sh"

work=$(mktemp -d /tmp/measure-memory.XXXXXX)
session=geul-memory-$$
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT
tmux new-session -d -s "$session" -x 120 -y 35 \
    "XDG_STATE_HOME=$work XDG_CONFIG_HOME=$work /usr/bin/time -v $target/geul $dir --no-watch --width-probe off 2> $work/time.txt"
for _ in $(seq 600); do
    sleep 0.1
    screen=$(tmux capture-pane -t "$session" -p)
    if grep -q "/$count" <<<"$screen" && ! grep -Eq "reading|indexing" <<<"$screen"; then
        break
    fi
done
sleep 0.5
tmux send-keys -t "$session" q
for _ in $(seq 50); do
    grep -q "Maximum resident" "$work/time.txt" 2>/dev/null && break
    sleep 0.1
done
peak_kb=$(awk '/Maximum resident/ {print $6}' "$work/time.txt")
bytes=$(find "$dir" -name '*.md' -printf '%s\n' | awk '{s += $1} END {print s}')
python3 -c "print(f'peak RSS {int($peak_kb)/1024:.1f} MiB for {int($bytes)/1048576:.1f} MiB of posts: {int($peak_kb)*1024/int($bytes):.2f}x')"
