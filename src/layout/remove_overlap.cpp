#include "layout/remove_overlap.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <stdexcept>
#include <tuple>
#include <utility>

namespace nestmap {
namespace {

/// A pair closer than target × (1 − kTolerance) overlaps: moving by exactly
/// the overlap lands on the target up to rounding, which must not count.
constexpr double kTolerance = 1e-9;

struct CellKey {
  std::int64_t x = 0, y = 0;
  friend auto operator<=>(const CellKey&, const CellKey&) = default;
};

std::int64_t cellCoordinate(double value, double cell) {
  // Clamped so that a far outlier cannot overflow the conversion: outliers
  // then share edge cells, which adds candidates but never loses a pair.
  const double c = std::floor(value / cell);
  return static_cast<std::int64_t>(std::clamp(c, -1e15, 1e15));
}

/// A direction for two circles on the same spot, from their indices alone,
/// so that reruns separate them the same way.
Vec2 directionOf(std::size_t i, std::size_t j) {
  const double turn =
      std::fmod(static_cast<double>(i) * std::numbers::phi + static_cast<double>(j) * std::numbers::sqrt2, 1.0);
  const double angle = 2 * std::numbers::pi * turn;
  return {std::cos(angle), std::sin(angle)};
}

class Grid {
 public:
  Grid(const std::vector<Vec2>& positions, double cell) : m_cell(cell) {
    m_entries.reserve(positions.size());
    for (std::size_t i = 0; i < positions.size(); ++i)
      m_entries.push_back({keyOf(positions[i]), static_cast<std::uint32_t>(i)});
    std::sort(m_entries.begin(), m_entries.end(),
              [](const Entry& a, const Entry& b) { return std::tie(a.key, a.index) < std::tie(b.key, b.index); });
  }

  CellKey keyOf(Vec2 p) const { return {cellCoordinate(p.x, m_cell), cellCoordinate(p.y, m_cell)}; }

  /// Calls f(j) for every circle j > i filed in the 3 × 3 cells around circle i's cell.
  template <class F>
  void forNeighbours(std::size_t i, CellKey key, F&& f) const {
    for (std::int64_t dx = -1; dx <= 1; ++dx) {
      // Sorted by (x, y), so the three cells of one column are one run.
      const CellKey lo{key.x + dx, key.y - 1}, hi{key.x + dx, key.y + 1};
      auto first = std::lower_bound(m_entries.begin(), m_entries.end(), lo,
                                    [](const Entry& e, const CellKey& k) { return e.key < k; });
      for (auto it = first; it != m_entries.end() && it->key <= hi; ++it)
        if (it->index > i) f(static_cast<std::size_t>(it->index));
    }
  }

 private:
  struct Entry {
    CellKey key;
    std::uint32_t index;
  };
  double m_cell;
  std::vector<Entry> m_entries;
};

}  // namespace

RemoveOverlap::Result RemoveOverlap::run(std::vector<Vec2>& positions, const std::vector<double>& radius,
                                         const std::vector<char>& pinned, const Params& params, Progress* progress) {
  const std::size_t n = positions.size();
  if ((!radius.empty() && radius.size() != n) || (!pinned.empty() && pinned.size() != n))
    throw std::invalid_argument("RemoveOverlap: radius and pinned must be empty or as long as positions");
  auto radiusOf = [&](std::size_t v) { return radius.empty() ? LayoutNodes::kDefaultRadius : radius[v]; };
  auto isPinned = [&](std::size_t v) { return !pinned.empty() && pinned[v]; };

  double largest = 0;
  for (std::size_t v = 0; v < n; ++v) largest = std::max(largest, radiusOf(v));
  const double cell = 2 * largest + params.gap;
  Result result;
  if (n < 2 || !(cell > 0)) return result;

  // One pass: every pair found in the grid built at the pass's start is
  // resolved at once (Gauss–Seidel), which settles crowds in fewer passes than
  // summing the pushes. Returns the pairs that overlapped and could not move.
  // A crowd still needs passes in proportion to its size (pushes spread like
  // diffusion); the slack cuts that by about four for 100–1000 circles.
  // FIXME: a crowd of thousands would want a multilevel or sweep-line method.
  auto pass = [&](bool move, std::size_t& moved) {
    const Grid grid(positions, cell);
    std::size_t stuck = 0;
    moved = 0;
    for (std::size_t i = 0; i < n; ++i) {
      grid.forNeighbours(i, grid.keyOf(positions[i]), [&](std::size_t j) {
        const double target = radiusOf(i) + radiusOf(j) + params.gap;
        const Vec2 d = positions[j] - positions[i];
        const double distance = d.length();
        // Written so that a NaN distance counts as apart rather than stuck forever.
        if (!(distance < target * (1 - kTolerance))) return;
        const bool pi = isPinned(i), pj = isPinned(j);
        if ((pi && pj) || !move) {
          ++stuck;
          return;
        }
        const Vec2 u = distance > target * kTolerance ? d * (1 / distance) : directionOf(i, j);
        const double overlap = target * (1 + params.slack) - distance;
        if (pi) {
          positions[j] += u * overlap;
        } else if (pj) {
          positions[i] += u * -overlap;
        } else {
          positions[i] += u * (-overlap / 2);
          positions[j] += u * (overlap / 2);
        }
        ++moved;
      });
    }
    return stuck;
  };

  std::size_t moved = 0;
  while (result.iterations < params.maxIterations) {
    step(progress, static_cast<double>(result.iterations) / params.maxIterations);
    ++result.iterations;
    result.overlaps = pass(true, moved);
    // Nothing moved: the grid was exact for the whole pass, so every pair was
    // seen and the only overlaps left are between pinned circles.
    if (moved == 0) return result;
  }
  result.overlaps = pass(false, moved);
  return result;
}

RemoveOverlap::Result RemoveOverlap::run(LayoutNodes& nodes, const Params& params, Progress* progress) {
  return run(nodes.position, nodes.radius, nodes.pinned, params, progress);
}

}  // namespace nestmap
