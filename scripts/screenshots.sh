#!/usr/bin/env bash
# Regenerates screenshots/*.png from the real app.
#
# What it does: builds the release binary, starts a private Xvfb display, opens kitty on
# it (software OpenGL, Noto Sans Mono CJK KR, Noto Color Emoji) running
# `target/release/geul posts` (then the Jekyll-like sample blog), types keys with xdotool to reach each state and captures
# the kitty window with ImageMagick's `import`:
#   screenshots/main.png     sidebar and the newest post (Korean, bold, a list, emoji)
#   screenshots/tip-box.png  a `> **POINT** 💡` tip box with keycap steps (1️⃣ 2️⃣ …)
#   screenshots/table.png    posts/dev/markdown-cheatsheet-for-bloggers.md at its table
#                            and code block
#   screenshots/help.png     the `?` overlay
#   screenshots/pictures.png posts/sites/jekyll-blog's newest post with its thumbnail,
#                            drawn with the kitty graphics protocol
#
# Needs: Debian (as root, or with the packages below already installed): xvfb, kitty,
# fonts-noto-cjk, fonts-noto-color-emoji, imagemagick, xdotool, jq, libgl1-mesa-dri.
# Missing ones are installed with apt-get. Also a Rust toolchain (cargo).
#
# Run from anywhere:  bash scripts/screenshots.sh
# Environment: SHOT_DEBUG=1 keeps the temporary folder (kitty log, raw captures).
#
# It is idempotent: it overwrites the five PNGs and leaves nothing running (a trap stops
# Xvfb and kitty on every way out).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD

# Terminal size in cells, and the article pane's width there: geul's sidebar is 34
# columns, plus the separator, two padding columns and the scrollbar (src/tui/layout.rs).
COLS=110
ROWS=34
ARTICLE_WIDTH=$((COLS - 34 - 4))

log() { printf '[screenshots %3ds] %s\n' "$SECONDS" "$*" >&2; }

# ---------------------------------------------------------------------------- packages
need_packages() {
    local missing=() pkg
    for pkg in xvfb kitty fonts-noto-cjk fonts-noto-color-emoji imagemagick xdotool jq libgl1-mesa-dri; do
        if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" != "install ok installed" ]]; then
            missing+=("$pkg")
        fi
    done
    ((${#missing[@]} == 0)) && return 0
    log "installing: ${missing[*]}"
    if [[ $(id -u) -ne 0 ]]; then
        log "not root: install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}"
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    # apt-cache policy shows "Candidate: (none)" for a package the lists do not know yet.
    if apt-cache policy "${missing[@]}" 2>/dev/null | grep -q 'Candidate: (none)' \
        || ! apt-cache policy "${missing[@]}" 2>/dev/null | grep -q Candidate; then
        apt-get update -qq
    fi
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
need_packages

# ------------------------------------------------------------------------------- build
log "building the release binary"
cargo build --release --quiet
geul=$repo/target/release/geul

# ------------------------------------------------------------------------- X and kitty
tmp=$(mktemp -d /tmp/geul-shots.XXXXXX)
xvfb_pid=""
kitty_pid=""
cleanup() {
    [[ -n $kitty_pid ]] && kill "$kitty_pid" 2>/dev/null || true
    [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null || true
    [[ -n $kitty_pid ]] && wait "$kitty_pid" 2>/dev/null || true
    [[ -n $xvfb_pid ]] && wait "$xvfb_pid" 2>/dev/null || true
    if [[ -n ${SHOT_DEBUG:-} ]]; then
        log "kept $tmp"
    else
        rm -rf "$tmp"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

display=""
for n in $(seq 90 140); do
    if [[ ! -e /tmp/.X$n-lock && ! -e /tmp/.X11-unix/X$n ]]; then
        display=$n
        break
    fi
done
[[ -n $display ]] || { log "no free X display between :90 and :140"; exit 1; }
export DISPLAY=:$display
Xvfb "$DISPLAY" -screen 0 1400x900x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
    xdotool getdisplaygeometry >/dev/null 2>&1 && break
    kill -0 "$xvfb_pid" 2>/dev/null || { cat "$tmp/xvfb.log" >&2; exit 1; }
    sleep 0.1
done
log "Xvfb on $DISPLAY"

cat >"$tmp/kitty.conf" <<EOF
font_family      Noto Sans Mono CJK KR
bold_font        auto
font_size        11.0
# Noto Sans Mono CJK's Latin is narrower than kitty's default cell: without this, Hangul
# (two cells a syllable) looks letter-spaced.
modify_font      cell_width 90%
enable_audio_bell no
visual_bell_duration 0
remember_window_size no
initial_window_width  ${COLS}c
initial_window_height ${ROWS}c
window_padding_width 6
cursor_blink_interval 0
confirm_os_window_close 0
update_check_interval 0
background #1a1b26
foreground #c0caf5
EOF

mkdir -p "$tmp/config"
window=""
# Opens kitty running geul with the arguments given (the width probe on: kitty answers
# it, and the questions about graphics with it), with an empty config, and waits for its
# window.
open_kitty() {
    LIBGL_ALWAYS_SOFTWARE=1 kitty --config "$tmp/kitty.conf" --class geulshot --directory "$repo" \
        env XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state" "$geul" "$@" >"$tmp/kitty.log" 2>&1 &
    kitty_pid=$!
    window=""
    for _ in $(seq 150); do
        window=$(xdotool search --onlyvisible --class geulshot 2>/dev/null | tail -n1 || true)
        [[ -n $window ]] && break
        kill -0 "$kitty_pid" 2>/dev/null || { cat "$tmp/kitty.log" >&2; exit 1; }
        sleep 0.1
    done
    [[ -n $window ]] || { log "kitty did not open a window"; cat "$tmp/kitty.log" >&2; exit 1; }
    xdotool windowfocus --sync "$window"
    log "kitty window $window"
}

# Quits geul (it restores the terminal and exits, and kitty closes with it).
quit_kitty() {
    xdotool key --delay 40 Escape q
    for _ in $(seq 50); do
        kill -0 "$kitty_pid" 2>/dev/null || break
        sleep 0.1
    done
}

open_kitty posts

# Waits until two captures of the window 300 ms apart are identical (at most ~15 s).
settle() {
    local previous="" current i
    for i in $(seq 50); do
        # (import waits for a click when the window is gone: never let it hang.)
        timeout 10 import -window "$window" "$tmp/settle.png" 2>/dev/null || true
        current=$(md5sum <"$tmp/settle.png" 2>/dev/null | cut -d' ' -f1)
        [[ -n $current && $current == "$previous" ]] && return 0
        previous=$current
        sleep 0.3
    done
    log "warning: the window did not settle"
}

# Presses keys in the kitty window, then waits for the screen to settle.
keys() {
    xdotool windowfocus "$window" 2>/dev/null || true
    xdotool key --delay 40 "$@"
    settle
}

# Presses `key` n times.
repeat() {
    local n=$1 key=$2
    ((n > 0)) || return 0
    xdotool windowfocus "$window" 2>/dev/null || true
    xdotool key --delay 25 --repeat "$n" "$key"
    settle
}

shot() {
    local out=$repo/screenshots/$1
    timeout 10 import -window "$window" "$tmp/raw.png"
    convert "$tmp/raw.png" -strip "PNG24:$out"
    log "wrote screenshots/$1 ($(identify -format '%wx%h' "$out"), $(du -k "$out" | cut -f1) KiB)"
}

# The sidebar row (0 = first category) of the first listing of the post whose path ends
# with $1, the way geul's sidebar lists them: categories in Unicode order, each followed
# by its posts newest first, then "uncategorized".
sidebar_row() {
    "$geul" list posts --format json | jq --arg want "$1" '
        . as $posts
        | ([$posts[].categories[]] | unique) as $cats
        | [ ($cats[] as $c | {cat: $c}, ($posts[] | select(any(.categories[]; . == $c)) | {path})),
            (if any($posts[]; (.categories | length) == 0)
             then {cat: "uncategorized"}, ($posts[] | select((.categories | length) == 0) | {path})
             else empty end) ]
        | map(.path // "") | map(endswith($want)) | index(true)'
}

# The first row of `geul render` for $1 that contains $2 (the article pane's rows).
article_row() {
    "$geul" render "$1" --width "$ARTICLE_WIDTH" --color never | grep -n -m1 -F -- "$2" | cut -d: -f1 | awk '{print $1 - 1}'
}

# Waits until geul has drawn its first screen (the window shows more than a few colours),
# then until it settles.
wait_drawn() {
    local colours=0
    for _ in $(seq 100); do
        timeout 10 import -window "$window" "$tmp/first.png" 2>/dev/null || true
        colours=$(identify -format '%k' "$tmp/first.png" 2>/dev/null || echo 0)
        ((colours > 50)) && break
        kill -0 "$kitty_pid" 2>/dev/null || { log "kitty exited"; cat "$tmp/kitty.log" >&2; exit 1; }
        sleep 0.2
    done
    ((colours > 50)) || { log "geul never drew its screen"; exit 1; }
    settle
}

mkdir -p "$repo/screenshots"
wait_drawn

# ------------------------------------------------------------------------------ shots
# 1. The opening screen: the newest post, the sidebar focused on it.
newest=$("$geul" list posts --format json | jq -r '.[0].path')
log "newest post: $newest"
shot main.png
# Shots 2 and 3 are about text, placed by the rows of `geul render`, which keeps no rows
# for pictures: the pictures go off (`i`; the state is in $tmp) so the rows match.
keys i

# 2. A tip box with keycap steps: the first `POINT` box of the newest post that has one
#    after keycap steps, scrolled so the steps above it show too.
tip_post=""
for p in $("$geul" list posts --format json | jq -r '.[].path'); do
    if grep -q '^> \*\*POINT\*\* 💡' "$p" && grep -q '️⃣' "$p"; then
        tip_post=$p
        break
    fi
done
[[ -n $tip_post ]] || { log "no post with a POINT box and keycaps"; exit 1; }
log "tip box post: $tip_post"
tip_row=$(article_row "$tip_post" "POINT")
keycap_row=$(article_row "$tip_post" "️⃣")
# Aim for the keycaps, as long as the tip box stays on screen.
target=$((tip_row - ROWS + 8))
((keycap_row > target)) && target=$keycap_row
((target > tip_row - 2)) && target=$((tip_row - 2))
target=$((target < 0 ? 0 : target))
keys g
repeat "$(sidebar_row "$tip_post")" j
keys Return
repeat "$target" j
shot tip-box.png

# 3. The cheat sheet's table and code block.
table_post=posts/dev/markdown-cheatsheet-for-bloggers.md
table_row=$(article_row "$table_post" "요소")
keys Tab g
repeat "$(sidebar_row "$table_post")" j
keys Return
repeat "$((table_row - 3))" j
shot table.png

# 4. The help overlay over the article.
keys question
shot help.png

quit_kitty
kill -0 "$kitty_pid" 2>/dev/null && log "warning: geul did not quit on q"

# 5. Pictures with the kitty graphics protocol: the Jekyll-like sample blog's newest post
#    with its thumbnail under the header (`--images kitty`; `auto` picks it too, from
#    kitty's answer to the probe).
open_kitty posts/sites/jekyll-blog --images kitty --no-state
wait_drawn
# The pictures are measured, then decoded and sent on a worker: give them a moment.
sleep 1
settle
shot pictures.png
quit_kitty
kill -0 "$kitty_pid" 2>/dev/null && log "warning: geul did not quit on q"

log "done"
