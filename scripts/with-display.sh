#!/usr/bin/env bash
# Runs a command with a display: the user's own, or Xvfb when there is none
# (CI, ssh sessions). Mesa's llvmpipe then provides OpenGL 3.3.
set -euo pipefail
if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
  exec "$@"
fi
exec xvfb-run --auto-servernum --server-args="-screen 0 1920x1080x24" "$@"
