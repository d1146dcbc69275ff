#pragma once
// [SECTION] Scene: what the canvas (and every export) draws
// [SECTION] SceneOptions: filters and decoration of a view, and the interaction state
// [SECTION] SceneBuilder: document + view + positions → scene, reusing what did not change

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/i18n.hpp"
#include "core/model.hpp"
#include "layout/layout_types.hpp"

namespace nestmap {

// ---------------------------------------------------------------------------
// [SECTION] Scene

/// One actor as drawn: layout coordinates (y up), radius in layout units.
struct SceneNode {
  /// Highlighted: a party of the selected agreement.
  /// Added, Lost: when two dates are compared, present only on the later, or only on the earlier.
  enum Flags : std::uint8_t { Selected = 1, Hovered = 2, Faded = 4, Pinned = 8, Highlighted = 16, Added = 32, Lost = 64 };
  RowId actorId = 0;
  Vec2 position;
  float radius = 1;
  Color fill;
  Shape shape = Shape::Circle;
  std::uint8_t flags = 0;
};

/// One tie as drawn between two scene nodes (indices into Scene::nodes).
struct SceneEdge {
  /// Highlighted: an end is selected or hovered, or the tie is hovered. Faded: an end is
  /// faded. Selected: the tie itself is selected.
  enum Flags : std::uint8_t { Dashed = 1, Arrow = 2, Faded = 4, Highlighted = 8, Selected = 16, Added = 32, Lost = 64 };
  RowId tieId = 0;
  std::uint32_t from = 0, to = 0;
  float width = 1;  ///< in layout units
  Color color;
  /// Sideways bend as a fraction of the length, positive to the left going from → to (the
  /// quadratic curve's control point sits `curve × length` off the middle). One tie between a
  /// pair: 0; two: −0.15 and 0.15; three: −0.3, 0, 0.3; …, never beyond ±0.6. Counted along the
  /// pair's lower node index → higher, so that ties running the other way still bend apart.
  float curve = 0;
  std::uint8_t flags = 0;
};

/// A label candidate: drawn when the renderer finds room for it, most important first.
struct SceneLabel {
  std::uint32_t node = 0;
  std::string text;
  float priority = 0;  ///< larger first: radius × (1 + drawn ties at the node)
};

/// One agreement as drawn: the hull or badges around its parties that are drawn.
struct SceneAgreement {
  RowId agreementId = 0;
  std::vector<std::uint32_t> nodes;  ///< its drawn parties (indices into Scene::nodes), ascending
  AgreementStatus status = AgreementStatus::Idea;  ///< on the as-of date, else today's
  Color color;                       ///< the status's colour
  bool formal = false;               ///< agreed, formalised or in practice
};

/// One row of the legend.
struct LegendEntry {
  enum class Kind { Node, Edge };
  Kind kind = Kind::Node;
  std::string label;
  Color color;
  Shape shape = Shape::Circle;
  bool dashed = false;  ///< edges: planned ties
  bool arrow = false;   ///< edges: directed ties
  float radius = 0;     ///< nodes sized by a metric: the radius of this step (layout units); 0: a plain swatch
};

/// Everything one view of a map shows, in layout coordinates.
///
/// Versions are stamps unique within the process (never reused, also across
/// builders), so a renderer can key its buffers on them:
/// - `version` changes on a rebuild, when anything may have changed (nodes,
///   edges, labels, legend, title);
/// - `positionsVersion` changes with every rebuild too, and also when only
///   node positions and bounds changed (SceneBuilder::movePositions);
/// - `stateVersion` changes with every rebuild too, and also when only the
///   selection/hover/focus flags of nodes and edges changed.
/// Pick indexes key on the first two; the renderer's buffers on all three.
struct Scene {
  std::vector<SceneNode> nodes;    ///< in actor-id order
  std::vector<SceneEdge> edges;    ///< in tie-id order
  std::vector<SceneLabel> labels;  ///< by priority, highest first (ties: by node)
  std::vector<LegendEntry> legend;
  /// Agreements with at least one drawn party, in agreement-id order (stopped ones
  /// only when selected; only formal ones when the options say so).
  std::vector<SceneAgreement> agreements;
  std::string title;
  Vec2 min, max;  ///< bounding box of the nodes (with their radii); both 0 when there are none
  std::uint64_t version = 0, positionsVersion = 0, stateVersion = 0;

  /// Index of the node of `actorId`, or −1 when it is not drawn.
  std::int64_t nodeOf(RowId actorId) const;

 private:
  friend class SceneBuilder;
  // nodeOf(): a flat table by actor id while the ids are dense (they are,
  // unless most actors were deleted); else a binary search over `nodes`.
  std::vector<std::uint32_t> m_index;
  RowId m_indexBase = 0;
};

// ---------------------------------------------------------------------------
// [SECTION] SceneOptions

enum class ColorBy { Type, Sector, Community, Metric };
enum class SizeBy { Fixed, Metric };

/// What a view shows and how: its filters and its decoration. Changing any of
/// it rebuilds the scene.
struct SceneContentOptions {
  RowId viewId = 0;  ///< positions come from Model::positions[viewId]; the title from the view's name
  // Filters (empty: everything).
  std::vector<RowId> actorTypes, tieTypes;
  std::vector<TieStatus> tieStatuses{TieStatus::Active, TieStatus::Planned};
  std::optional<Date> asOf;  ///< only actors and ties valid on this day
  /// Compare the map on `asOf` (or today) with this day: what is valid on only one of the two is
  /// drawn too, green (SceneNode/SceneEdge::Added) when only on the later day, red (Lost) when
  /// only on the earlier; the legend says so.
  std::optional<Date> compareWith;
  // Decoration.
  ColorBy colorBy = ColorBy::Type;
  SizeBy sizeBy = SizeBy::Fixed;
  double nodeRadius = 1;     ///< fixed size, or the smallest when sized by a metric
  double maxNodeRadius = 3;  ///< the largest when sized by a metric
  /// Per actor, in Model::actors order (all actors, not only those drawn), for ColorBy/SizeBy::Metric.
  /// Compared by value each frame (tens of microseconds for 100k actors). When its size is not the
  /// actor count, or a value is not finite, the actors get the smallest radius and a grey fill.
  std::vector<double> metric;
  /// Per actor, in Model::actors order, for ColorBy::Community; negative (or missing): none.
  std::vector<int> community;
  std::string metricName;  ///< for the legend
  bool onlyFormalAgreements = false;  ///< agreements drawn: only agreed, formalised and in practice
  friend bool operator==(const SceneContentOptions&, const SceneContentOptions&) = default;
};

/// What the user points at: changing only this updates flags, not the scene.
struct SceneInteraction {
  std::set<RowId> selection;
  RowId hovered = 0;
  RowId selectedTie = 0, hoveredTie = 0;  ///< a tie picked on the canvas (0: none)
  /// An agreement picked in the register: its parties highlighted, the ties between
  /// them highlighted, everything else faded (0: none).
  RowId selectedAgreement = 0;
  /// Show this actor's neighbourhood (over the drawn ties, ignoring direction); the rest
  /// faded. Nothing is faded when the actor is not drawn.
  std::optional<RowId> focus;
  int focusDepth = 1;  ///< steps from the focus actor that stay unfaded
  friend bool operator==(const SceneInteraction&, const SceneInteraction&) = default;
};

/// Everything a view's scene depends on besides the model: `options.actorTypes`,
/// `options.selection`, … read as one flat struct.
struct SceneOptions : SceneContentOptions, SceneInteraction {
  friend bool operator==(const SceneOptions&, const SceneOptions&) = default;
};

// ---------------------------------------------------------------------------
// [SECTION] SceneBuilder

/// Turns a map, a view's positions and the options into a Scene. Keeps the
/// last scene and redoes only what changed:
/// - same model object, revision, options and language: the cached scene
///   as it is (same object, same versions);
/// - only the interaction state changed: flags of nodes and edges, O(nodes + ties);
/// - anything else (revision, filters, decoration, language): a rebuild.
/// Actors without a position in the view, and ties with an end not drawn, are
/// not drawn. One builder per canvas or export.
class SceneBuilder {
 public:
  /// The scene for `model` (at document revision `revision`) and `options`.
  const Scene& build(const Model& model, std::uint64_t revision, const SceneOptions& options);
  /// Moves the nodes of `actorIds[i]` to `positions[i]` (as a LayoutJob hands
  /// them out, with GraphSnapshot::rowIds()) without a rebuild; actors not
  /// drawn are skipped. The positions hold until the next rebuild, which reads
  /// the view's positions again (a running layout writes them when it ends).
  void movePositions(std::span<const RowId> actorIds, std::span<const Vec2> positions);
  /// The same for (actor id, position) pairs.
  void movePositions(const std::vector<std::pair<RowId, Vec2>>& positions);
  const Scene& scene() const { return m_scene; }
  /// Every begun agreement with a drawn party, also those the options leave out of
  /// Scene::agreements (stopped, or informal under "only formal"): for the one picked.
  const std::vector<SceneAgreement>& allAgreements() const { return m_allAgreements; }

 private:
  void rebuild(const Model& model, const SceneOptions& options);
  void buildNodes(const Model& model, const SceneOptions& options);
  void buildEdges(const Model& model, const SceneOptions& options);
  void buildLabels(const Model& model);
  void buildAgreements(const Model& model, const SceneOptions& options);
  void refreshState(const SceneInteraction& interaction);
  void updateBounds();

  Scene m_scene;
  const Model* m_model = nullptr;
  std::uint64_t m_revision = 0;
  Language m_language = Language::Dutch;
  SceneOptions m_options;
  bool m_built = false;
  // Per rebuild: drawn neighbours of each node (compressed rows) for the focus
  // search, the actor-order index of each node (for the metric and community
  // vectors), and a scratch of the focus search reused between frames.
  std::vector<std::uint32_t> m_adjOffsets, m_adjTargets, m_actorIndex;
  std::vector<std::int32_t> m_depth;
  std::vector<SceneAgreement> m_allAgreements;  ///< every begun agreement with a drawn party, stopped ones too
  std::vector<std::uint32_t> m_queue;
};

}  // namespace nestmap
