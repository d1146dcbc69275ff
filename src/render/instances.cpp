#include "render/instances.hpp"

#include <cstring>

namespace nestmap {

std::uint32_t packColor(Color c, std::uint8_t alpha) {
  std::uint32_t out = 0;
  const std::uint8_t bytes[4] = {c.r, c.g, c.b, alpha};
  std::memcpy(&out, bytes, 4);
  return out;
}

void packInstances(const Scene& scene, std::vector<NodeInstance>& nodes, std::vector<EdgeInstance>& edges,
                   std::size_t& arrowFirst) {
  nodes.resize(scene.nodes.size());
  for (std::size_t i = 0; i < scene.nodes.size(); ++i) {
    const SceneNode& n = scene.nodes[i];
    nodes[i] = {static_cast<float>(n.position.x),
                static_cast<float>(n.position.y),
                n.radius,
                static_cast<float>(static_cast<int>(n.shape)),
                static_cast<float>(n.flags),
                packColor(n.fill)};
  }
  // Ties without an arrow first, then those with one: the arrowheads are drawn
  // from the same buffer, starting at the first tie that has one.
  edges.clear();
  edges.reserve(scene.edges.size());
  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 1) arrowFirst = edges.size();
    for (const SceneEdge& e : scene.edges) {
      if (((e.flags & SceneEdge::Arrow) != 0) != (pass == 1)) continue;
      const SceneNode& a = scene.nodes[e.from];
      const SceneNode& b = scene.nodes[e.to];
      edges.push_back({static_cast<float>(a.position.x), static_cast<float>(a.position.y),
                       static_cast<float>(b.position.x), static_cast<float>(b.position.y), e.width, packColor(e.color),
                       e.curve, static_cast<float>(e.flags), b.radius});
    }
  }
}

}  // namespace nestmap
