#pragma once
// [SECTION] ForceAtlas2 parameters
// [SECTION] ForceAtlas2: one layout in progress, stepped an iteration at a time
// [SECTION] Multilevel ForceAtlas2 for large maps

#include <cstdint>
#include <functional>
#include <vector>

#include "analysis/graph_snapshot.hpp"
#include "analysis/progress.hpp"
#include "layout/barnes_hut.hpp"
#include "layout/layout_types.hpp"

namespace nestmap {

// ---------------------------------------------------------------------------
// [SECTION] ForceAtlas2 parameters

/// How ForceAtlas2 chooses how far each node moves along its force.
enum class AdaptiveSpeed {
  /// Gephi's: one global speed for all nodes, from the ratio of the total
  /// traction to the total swinging; a node moves by force × speed / (1 + √(speed · its swinging)).
  Global,
  /// graphology's: each node its own speed, ln(1 + its traction) / (1 + √(its swinging)),
  /// times a "convergence" ≤ 1 that cools a node whose moves have become small.
  /// From a random start it untangles a map in fewer iterations than Global.
  PerNode,
};

/// The settings of ForceAtlas2 (Jacomy, Venturini, Heymann, Bastian 2014),
/// named as in the paper and in Gephi.
struct ForceAtlas2Params {
  double scaling = 2.0;              ///< kr: strength of repulsion
  double gravity = 1.0;              ///< kg: pull towards the centre
  bool strongGravity = false;        ///< gravity grows with the distance to the centre
  bool linLog = false;               ///< attraction log(1 + d) instead of d: tighter clusters
  bool dissuadeHubs = false;         ///< attraction of an edge divided by its source's mass: hubs go to the border
  double edgeWeightInfluence = 1.0;  ///< δ: attraction × weight^δ (0: weights ignored)
  double jitterTolerance = 1.0;      ///< how much swinging is tolerated; more: faster, less precise
  bool barnesHut = true;             ///< approximate repulsion with a quadtree (exact pairs when false)
  double theta = 1.2;                ///< Barnes–Hut: a cell counts as one body when its size / distance < θ
  bool preventOverlap = false;       ///< distances count from the nodes' borders (LayoutNodes::radius)
  std::uint64_t seed = 1;            ///< for the random start of nodes without a position
  /// Global by default: run until stable, as the app runs it, it stops after 64–84 % of
  /// PerNode's iterations at the same or lower stress (bench/README.md, "layout"). PerNode
  /// untangles a random start sooner (lower stress after 10–20 iterations); there every step is
  /// × jitterTolerance (graphology's 1 / slowDown). Multilevel layouts always use Global, and so
  /// does preventOverlap.
  AdaptiveSpeed adaptiveSpeed = AdaptiveSpeed::Global;
};

/// What of a map a force layout pulls on: active and planned ties (the
/// canvas draws both; a planned tie still says who belongs near whom) and
/// agreements that count.
inline SnapshotOptions layoutSnapshotOptions() {
  SnapshotOptions options;
  options.statuses = {TieStatus::Active, TieStatus::Planned};
  return options;
}

// ---------------------------------------------------------------------------
// [SECTION] ForceAtlas2

/// A ForceAtlas2 layout of a snapshot's vertices, in progress.
///
/// Mass of a vertex: its number of neighbours + 1. Attraction along every
/// edge, repulsion between every pair (or Barnes–Hut), gravity to the origin;
/// then each node moves along its force, as far as the adaptive speed says
/// (per node, or global: see AdaptiveSpeed). Pinned nodes feel forces but
/// never move. Everything is deterministic: same snapshot, start, parameters
/// → same positions.
class ForceAtlas2 {
 public:
  ForceAtlas2(const GraphSnapshot& graph, LayoutNodes nodes, const ForceAtlas2Params& params = {});

  /// One iteration: forces, speed, moves.
  void step();
  /// `iterations` steps; reports progress and stops (throwing Cancelled) when asked.
  void run(int iterations, Progress* progress = nullptr);
  /// Steps until the mean displacement of an iteration falls below
  /// `fraction` of the layout's extent (or `maxIterations`); returns the steps taken.
  int runUntilStable(double fraction, int maxIterations, Progress* progress = nullptr);

  /// The forces on every node at the current positions (no move); for tests.
  const std::vector<Vec2>& computeForces();

  const std::vector<Vec2>& positions() const { return m_nodes.position; }
  const LayoutNodes& nodes() const { return m_nodes; }
  int iterations() const { return m_iterations; }
  /// The global speed (AdaptiveSpeed::Global; stays 1 with PerNode).
  double speed() const { return m_speed; }
  /// Each node's convergence ≤ 1 (AdaptiveSpeed::PerNode; all 1 with Global).
  const std::vector<double>& convergence() const { return m_convergence; }
  /// Mean distance the unpinned nodes moved in the last step.
  double lastMeanDisplacement() const { return m_lastDisplacement; }
  /// The diagonal of the positions' bounding box.
  double extent() const;
  /// Masses used (neighbours + 1, or as given by setMasses).
  const std::vector<double>& masses() const { return m_mass; }
  /// Replaces the masses (multilevel layouts give a coarse node its members' total).
  void setMasses(std::vector<double> masses);

  /// Random positions in a square of side `extent` around the origin, from `seed`.
  static std::vector<Vec2> randomStart(std::size_t n, std::uint64_t seed, double extent);

 private:
  void attraction();
  void repulsion();
  void gravity();
  void adjustSpeedAndMove();
  void moveWithGlobalSpeed();
  void moveWithNodeSpeeds();

  const GraphSnapshot& m_graph;
  LayoutNodes m_nodes;
  ForceAtlas2Params m_params;
  std::vector<double> m_mass;
  std::vector<Vec2> m_force, m_oldForce;
  std::vector<double> m_convergence;  ///< PerNode: each node's cooling, 1 at the start
  BarnesHutTree m_tree;
  double m_speed = 1.0, m_speedEfficiency = 1.0;
  double m_outboundCompensation = 1.0;
  double m_lastDisplacement = 0;
  int m_iterations = 0;
};

/// Actors without any tie drift to the edge of a force layout and stretch it;
/// this puts the unpinned ones in a tidy column just right of the others
/// (spaced like neighbours typically are), so that the rest fills the canvas.
void placeIsolated(const GraphSnapshot& graph, std::vector<Vec2>& positions, const LayoutNodes& nodes = {});

// ---------------------------------------------------------------------------
// [SECTION] Multilevel ForceAtlas2 for large maps

struct MultilevelParams {
  ForceAtlas2Params fa2;            ///< every level moves with AdaptiveSpeed::Global, whatever fa2 says
  std::size_t coarsestSize = 1000;  ///< stop coarsening below this many nodes
  int coarseIterations = 300;       ///< at the coarsest level
  int levelIterations = 40;         ///< at each level in between
  int finalIterations = 300;        ///< at most, on the map itself
  double stableFraction = 0.001;    ///< stop the final level once a step moves nodes less than this × extent
};

/// ForceAtlas2 from a multilevel start: the graph is coarsened by merging
/// matched neighbours (and leaves into their neighbour) until it is small,
/// laid out there, then refined level by level — each finer node starting
/// beside its coarse node — so that large maps settle in few fine iterations.
/// Pinned nodes keep their place on every level (their group is pinned there).
struct MultilevelForceAtlas2 {
  using Params = MultilevelParams;
  struct Result {
    std::vector<Vec2> positions;
    int levels = 1;
    int finalIterations = 0;  ///< iterations on the map itself
    double finalDisplacement = 0;
  };
  static Result run(const GraphSnapshot& graph, const LayoutNodes& start, const Params& params = {},
                    Progress* progress = nullptr);
};

}  // namespace nestmap
