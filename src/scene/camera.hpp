#pragma once
// [SECTION] Camera: where the canvas looks and how close

#include <algorithm>

#include "layout/layout_types.hpp"

namespace nestmap {

/// Maps layout coordinates (y up) to the pixels of a canvas (y down) and back.
struct Camera {
  Vec2 center;       ///< the layout point in the middle of the canvas
  double zoom = 10;  ///< pixels per layout unit

  Vec2 toScreen(Vec2 world, Vec2 canvasSize) const {
    return {(world.x - center.x) * zoom + canvasSize.x / 2, canvasSize.y / 2 - (world.y - center.y) * zoom};
  }
  Vec2 toWorld(Vec2 screen, Vec2 canvasSize) const {
    return {center.x + (screen.x - canvasSize.x / 2) / zoom, center.y - (screen.y - canvasSize.y / 2) / zoom};
  }
  /// Zooms by `factor` keeping the layout point under `screen` in place (zoom to the cursor).
  void zoomAt(Vec2 screen, Vec2 canvasSize, double factor) {
    const Vec2 before = toWorld(screen, canvasSize);
    zoom = std::clamp(zoom * factor, 1e-4, 1e5);
    const Vec2 after = toWorld(screen, canvasSize);
    center += before - after;
  }
  /// Shows the box [min, max] whole, with `marginPx` around it.
  void fit(Vec2 min, Vec2 max, Vec2 canvasSize, double marginPx = 40) {
    center = (min + max) * 0.5;
    const double w = std::max(max.x - min.x, 1e-6), h = std::max(max.y - min.y, 1e-6);
    zoom = std::min((canvasSize.x - 2 * marginPx) / w, (canvasSize.y - 2 * marginPx) / h);
    zoom = std::clamp(zoom, 1e-4, 1e5);
  }
};

}  // namespace nestmap
