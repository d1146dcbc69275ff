#!/usr/bin/env bash
# Installs the Debian packages that building, running and testing Nestmap need.
# Only what is missing is installed, so a second run takes a second or two.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ccache git
  libimgui-dev libglfw3-dev libgl-dev libgl1-mesa-dri
  libboost-graph-dev libsqlite3-dev catch2 libstb-dev libcli11-dev
  nlohmann-json3-dev libpugixml-dev
  libcairo2-dev libpango1.0-dev poppler-utils librsvg2-bin python3-networkx
  fonts-dejavu-core
  xvfb xauth x11-xserver-utils
  tesseract-ocr tesseract-ocr-nld
)
# `install-deps.sh bench`: also the peers the benchmarks compare against.
if [[ "${1:-}" == "bench" ]]; then
  packages+=(python3-igraph)
  # node and npm for graphology (the layout bench); a node from elsewhere
  # (NodeSource) brings its own npm, which Debian's npm package would conflict with.
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
fi

# `install-deps.sh fuzz`: clang with libFuzzer and the sanitizer runtimes (`make fuzz`),
# llvm for llvm-symbolizer (stack traces with file and line).
if [[ "${1:-}" == "fuzz" ]]; then
  packages+=(clang libclang-rt-14-dev llvm)
fi

# graphology-layout-forceatlas2 from npm, at the versions package-lock.json pins.
graphology_peer() {
  local dir
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/bench/graphology"
  if [[ "${1:-}" == "bench" && ! -d "$dir/node_modules" ]]; then
    echo "install-deps: npm ci in bench/graphology"
    (cd "$dir" && npm ci --no-audit --no-fund)
  fi
}

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  graphology_peer "${1:-}"
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
graphology_peer "${1:-}"
