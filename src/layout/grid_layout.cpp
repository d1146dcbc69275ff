#include "layout/grid_layout.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <tuple>

#include "core/name_match.hpp"

namespace nestmap {
namespace {

using Vertex = GraphSnapshot::Vertex;

/// Values 0–2 are low, 3–5 high: the border sits at 2.5.
constexpr int kFirstHigh = 3;

struct Member {
  Vertex vertex = 0;
  std::string folded, name;
  RowId id = 0;
};

int level(int value) { return std::clamp(value, 0, GridLayout::kLevels - 1); }

}  // namespace

Quadrant GridLayout::quadrantOf(int influence, int interest) {
  const bool powerful = level(influence) >= kFirstHigh, interested = level(interest) >= kFirstHigh;
  if (powerful) return interested ? Quadrant::ManageClosely : Quadrant::KeepSatisfied;
  return interested ? Quadrant::KeepInformed : Quadrant::Monitor;
}

GridLayout::Result GridLayout::run(const Model& model, const GraphSnapshot& graph, const LayoutNodes& nodes,
                                   const Params& params, Progress* progress) {
  const std::size_t n = graph.vertexCount();
  nodes.requireFits(n, "GridLayout");
  step(progress, 0);

  Result result;
  result.positions.assign(n, {});
  result.quadrant.assign(n, Quadrant::Monitor);
  result.cells.resize(kLevels * kLevels);
  std::vector<std::vector<Member>> groups(result.cells.size());
  double largest = 0;
  for (Vertex v = 0; v < n; ++v) {
    const Actor* actor = model.actors.find(graph.rowId(v));
    const int influence = actor ? level(actor->influence) : 0, interest = actor ? level(actor->interest) : 0;
    result.quadrant[v] = quadrantOf(influence, interest);
    if (nodes.isPinned(v)) {
      result.positions[v] = nodes.position[v];
      continue;
    }
    largest = std::max(largest, nodes.radiusOf(v));
    const std::string name = actor ? actor->name : std::string();
    groups[static_cast<std::size_t>(influence * kLevels + interest)].push_back(
        {v, foldForSearch(name), name, graph.rowId(v)});
  }

  std::size_t crowd = 1;
  for (const auto& group : groups) crowd = std::max(crowd, group.size());
  // The smallest square sub-grid that holds the largest group sets every
  // cell's size, so that the grid stays regular and quadrants stay comparable.
  std::size_t side = 1;
  while (side * side < crowd) ++side;
  const double slot = 2 * (largest > 0 ? largest : LayoutNodes::kDefaultRadius) + params.gap;
  const double cell = static_cast<double>(side) * slot + params.cellMargin;
  result.cellSize = cell;

  for (int influence = 0; influence < kLevels; ++influence)
    for (int interest = 0; interest < kLevels; ++interest) {
      const auto index = static_cast<std::size_t>(influence * kLevels + interest);
      GridCell& c = result.cells[index];
      c.influence = influence;
      c.interest = interest;
      c.quadrant = quadrantOf(influence, interest);
      const Vec2 centre{interest * cell, influence * cell};
      c.rect = {centre - Vec2{cell / 2, cell / 2}, centre + Vec2{cell / 2, cell / 2}};

      auto& group = groups[index];
      std::sort(group.begin(), group.end(), [](const Member& a, const Member& b) {
        return std::tie(a.folded, a.name, a.id) < std::tie(b.folded, b.name, b.id);
      });
      const std::size_t rows = (group.size() + side - 1) / side;
      for (std::size_t j = 0; j < group.size(); ++j) {
        const std::size_t row = j / side, column = j % side;
        const std::size_t inRow = std::min(side, group.size() - row * side);
        const double dx = (static_cast<double>(column) - static_cast<double>(inRow - 1) / 2) * slot;
        const double dy = (static_cast<double>(rows - 1) / 2 - static_cast<double>(row)) * slot;
        result.positions[group[j].vertex] = centre + Vec2{dx, dy};
        c.vertices.push_back(group[j].vertex);
      }
    }

  const double low = -cell / 2, border = 2.5 * cell, high = (kLevels - 0.5) * cell;
  auto area = [&](bool powerful, bool interested) {
    return Rect{{interested ? border : low, powerful ? border : low},
                {interested ? high : border, powerful ? high : border}};
  };
  result.quadrants[static_cast<std::size_t>(Quadrant::Monitor)] = area(false, false);
  result.quadrants[static_cast<std::size_t>(Quadrant::KeepInformed)] = area(false, true);
  result.quadrants[static_cast<std::size_t>(Quadrant::KeepSatisfied)] = area(true, false);
  result.quadrants[static_cast<std::size_t>(Quadrant::ManageClosely)] = area(true, true);
  step(progress, 1);
  return result;
}

}  // namespace nestmap
