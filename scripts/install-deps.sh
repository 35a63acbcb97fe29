#!/usr/bin/env bash
# Installs what building and testing Rehearse needs on Debian 12, and nothing that is already there.
# Safe to run again. Needs root (or sudo) only when something is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libboost-dev
  libpoco-dev libssl-dev
  libsqlitecpp-dev libsqlite3-dev
  nlohmann-json3-dev
  doctest-dev
  libmd4c-dev libpg-query-dev
  ca-certificates
  tmux
  chromium
)
# Node.js runs the reference FSRS implementation and drives Chromium (the web app's test) in the
# test suite; any recent one will do.
command -v node > /dev/null 2>&1 || packages+=(nodejs)
command -v npm > /dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: everything is installed"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo > /dev/null 2>&1 || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
