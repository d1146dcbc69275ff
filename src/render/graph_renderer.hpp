#pragma once
// [SECTION] GraphRenderer: a Scene drawn with OpenGL 3.3 core (instanced SDF nodes, tie strips, arrowheads)

#include <cstdint>
#include <string>
#include <vector>

#include "scene/camera.hpp"
#include "render/instances.hpp"
#include "scene/scene.hpp"

namespace nestmap {

/// Draws scenes into the current OpenGL 3.3 core context. Ties are instanced
/// strips along straight or bent curves, dashed when planned; arrowheads
/// instanced triangles; actors instanced quads whose fragment shader draws the
/// type's shape as a signed distance, with selection and hover outlines.
/// Instance buffers are uploaded only when the scene's version changed.
class GraphRenderer {
 public:
  /// Actors are never drawn smaller than this radius in pixels, however far out the camera is.
  static constexpr float kMinNodePixels = 5.0f;
  /// The outline of selected actors and the colour of a selected tie (linear 0–1 RGB).
  static constexpr float kSelectColor[3] = {0.06f, 0.38f, 0.85f};
  /// The outline of the parties of the selected agreement.
  static constexpr float kPartyColor[3] = {0.93f, 0.52f, 0.0f};

  GraphRenderer() = default;
  GraphRenderer(const GraphRenderer&) = delete;
  GraphRenderer& operator=(const GraphRenderer&) = delete;
  ~GraphRenderer();

  /// Compiles the shaders (embedded from shaders/); false with the reason when the driver refuses them.
  bool init(std::string& error);
  /// Draws `scene` as `camera` sees it into the viewport rectangle (pixels, origin bottom left);
  /// `pixelRatio`: framebuffer pixels per logical pixel.
  void draw(const Scene& scene, const Camera& camera, int x, int y, int width, int height, float pixelRatio = 1);
  /// Uploads what changed since the last call; returns whether anything was uploaded.
  bool upload(const Scene& scene);

 private:
  struct Program {
    unsigned id = 0;
    int center = -1, zoom = -1, viewport = -1, minRadius = -1;
  };
  void release();

  Program m_nodes, m_edges, m_arrows;
  int m_selectColor = -1, m_hoverColor = -1, m_borderColor = -1, m_edgeSelectColor = -1, m_partyColor = -1;
  unsigned m_quad = 0, m_nodeVao = 0, m_nodeBuffer = 0, m_edgeVao = 0, m_edgeBuffer = 0, m_arrowVao = 0;
  std::size_t m_nodeCount = 0, m_edgeCount = 0, m_arrowFirst = 0;
  std::uint64_t m_version = ~std::uint64_t{0}, m_positionsVersion = ~std::uint64_t{0},
                m_stateVersion = ~std::uint64_t{0};
  const Scene* m_uploaded = nullptr;
  // Reused between uploads so that a frame after a move does not allocate.
  std::vector<NodeInstance> m_nodeData;
  std::vector<EdgeInstance> m_edgeData;
};

}  // namespace nestmap
