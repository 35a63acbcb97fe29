#!/usr/bin/env bash
# A mock interview driven as a person drives it: in a real terminal (tmux), typing lines and reading
# the screen. Checks the prompt's phase clock, a clarifying question answered in character, a
# section typed in with /section, a phase moved with /next, and /quit leaving the session to resume.
# Usage: terminal_mock_test.sh REHEARSE_EXE
set -euo pipefail
exe="$1"
work="$(mktemp -d)"
sock="$work/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/rehearse.db"
export REHEARSE_LEARNER="" REHEARSE_PLUGIN_PATH=""
"$exe" --db "$db" learner add ana > /dev/null

screen() { tmux -S "$sock" capture-pane -p -J -S -200 -t mock; }
# Waits until the screen shows the text (fixed string), up to 30 s.
wait_for() {
  for _ in $(seq 1 300); do
    if screen | grep -qF -- "$1"; then return 0; fi
    sleep 0.1
  done
  echo "terminal_mock_test: the screen never showed: $1" >&2
  screen >&2
  exit 1
}
type_line() { tmux -S "$sock" send-keys -t mock -l -- "$1"; tmux -S "$sock" send-keys -t mock Enter; }

tmux -S "$sock" new-session -d -s mock -x 160 -y 50 \
  "'$exe' --db '$db' --learner ana --now 2026-03-02T10:00:00Z mock --problem url-shortener --format 45; echo EXITED \$?; sleep 60"
wait_for "link-shortening service"
wait_for "[Requirements 1/5 | 5:00 left in phase, 45:00 in the interview]"
type_line "Roughly how many new links are created per day?"
wait_for "100 million new short URLs per month"
type_line "/section api"
wait_for "end with a line holding only '.'"
type_line "POST /v1/links -> 201 | 400"
type_line "GET /v1/links/{code} -> 301 | 404"
type_line "."
wait_for "Thanks, I can see it."
type_line "/next"
wait_for "[Estimation 2/5"
type_line "/quit"
wait_for "stays open: rehearse mock resume --session"
wait_for "EXITED 0"

# The session is in the store with everything typed, and open.
show="$("$exe" --db "$db" --learner ana mock list --json)"
echo "$show" | grep -q '"state": "open"' || { echo "terminal_mock_test: the session is not open: $show" >&2; exit 1; }
echo "terminal_mock_test: ok"
