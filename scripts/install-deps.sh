#!/usr/bin/env bash
# Installs the Debian packages that building, running and testing Nestmap need.
# Only what is missing is installed, so a second run takes a second or two.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ccache git
  libimgui-dev libglfw3-dev libgl-dev libgl1-mesa-dri
  libboost-graph-dev libsqlite3-dev catch2 libstb-dev libcli11-dev
  nlohmann-json3-dev libpugixml-dev
  fonts-dejavu-core
  xvfb xauth
  tesseract-ocr tesseract-ocr-nld
)
# `install-deps.sh bench`: also the peers the benchmarks compare against.
if [[ "${1:-}" == "bench" ]]; then
  packages+=(python3-igraph)
fi

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
