#pragma once
// [SECTION] Instance data: a Scene packed as the renderer's per-instance arrays (no GL here)

#include <cstddef>
#include <cstdint>
#include <vector>

#include "scene/scene.hpp"

namespace nestmap {

/// Per-instance data of an actor, as the node shader reads it.
struct NodeInstance {
  float x, y, radius, shape, flags;
  std::uint32_t color;
};

/// Per-instance data of a tie (and its arrowhead).
struct EdgeInstance {
  float fromX, fromY, toX, toY, width;
  std::uint32_t color;
  float curve, flags, toRadius;
};
static_assert(sizeof(NodeInstance) == 24 && sizeof(EdgeInstance) == 36);

/// `c` with `alpha` as four bytes r, g, b, a in memory: what GL_UNSIGNED_BYTE × 4 reads.
std::uint32_t packColor(Color c, std::uint8_t alpha = 255);

/// Packs `scene` into `nodes` (one per scene node, same order) and `edges` (ties without an arrow
/// first, then those with one, each in scene order); `arrowFirst`: index of the first with an arrow.
/// Overwrites the vectors, reusing their capacity.
void packInstances(const Scene& scene, std::vector<NodeInstance>& nodes, std::vector<EdgeInstance>& edges,
                   std::size_t& arrowFirst);

}  // namespace nestmap
