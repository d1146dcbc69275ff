#include "scene/pick_index.hpp"

#include <algorithm>
#include <cmath>

namespace nestmap {

void PickIndex::build(const Scene& scene) {
  m_builtFor = scene.version * 1000003 + scene.positionsVersion;
  const std::size_t n = scene.nodes.size();
  m_maxRadius = 0;
  for (const SceneNode& node : scene.nodes) m_maxRadius = std::max<double>(m_maxRadius, node.radius);
  m_minX = scene.min.x;
  m_minY = scene.min.y;
  const double width = std::max(scene.max.x - scene.min.x, 1e-9), height = std::max(scene.max.y - scene.min.y, 1e-9);
  // About four radii a cell, but never more cells than twice the nodes.
  m_cell = std::max(4 * std::max(m_maxRadius, 1e-9), std::sqrt(width * height / std::max<double>(1, 2.0 * n)));
  m_columns = static_cast<std::int64_t>(width / m_cell) + 1;
  m_rows = static_cast<std::int64_t>(height / m_cell) + 1;
  m_start.assign(static_cast<std::size_t>(m_columns * m_rows) + 1, 0);
  std::vector<std::int64_t> cells(n);
  for (std::size_t i = 0; i < n; ++i) {
    cells[i] = cellOf(scene.nodes[i].position.x, scene.nodes[i].position.y);
    ++m_start[static_cast<std::size_t>(cells[i]) + 1];
  }
  for (std::size_t c = 1; c < m_start.size(); ++c) m_start[c] += m_start[c - 1];
  m_items.resize(n);
  std::vector<std::uint32_t> next(m_start.begin(), m_start.end() - 1);
  for (std::size_t i = 0; i < n; ++i)
    m_items[next[static_cast<std::size_t>(cells[i])]++] = static_cast<std::uint32_t>(i);
}

std::int64_t PickIndex::cellOf(double x, double y) const {
  const auto cx = std::clamp<std::int64_t>(static_cast<std::int64_t>((x - m_minX) / m_cell), 0, m_columns - 1);
  const auto cy = std::clamp<std::int64_t>(static_cast<std::int64_t>((y - m_minY) / m_cell), 0, m_rows - 1);
  return cy * m_columns + cx;
}

std::int64_t PickIndex::nodeAt(const Scene& scene, Vec2 p, double slack) const {
  if (m_items.empty()) return -1;
  const double reach = m_maxRadius + slack;
  const auto x0 = static_cast<std::int64_t>(std::floor((p.x - reach - m_minX) / m_cell));
  const auto x1 = static_cast<std::int64_t>(std::floor((p.x + reach - m_minX) / m_cell));
  const auto y0 = static_cast<std::int64_t>(std::floor((p.y - reach - m_minY) / m_cell));
  const auto y1 = static_cast<std::int64_t>(std::floor((p.y + reach - m_minY) / m_cell));
  std::int64_t best = -1;
  for (std::int64_t cy = std::max<std::int64_t>(0, y0); cy <= std::min(m_rows - 1, y1); ++cy)
    for (std::int64_t cx = std::max<std::int64_t>(0, x0); cx <= std::min(m_columns - 1, x1); ++cx) {
      const auto c = static_cast<std::size_t>(cy * m_columns + cx);
      for (std::uint32_t k = m_start[c]; k < m_start[c + 1]; ++k) {
        const std::uint32_t i = m_items[k];
        const SceneNode& node = scene.nodes[i];
        const double r = node.radius + slack;
        // Later nodes are drawn on top: prefer the highest index.
        if ((node.position - p).length() <= r && static_cast<std::int64_t>(i) > best) best = i;
      }
    }
  return best;
}

std::vector<std::uint32_t> PickIndex::nodesIn(const Scene& scene, Vec2 a, Vec2 b) const {
  std::vector<std::uint32_t> out;
  if (m_items.empty()) return out;
  const double minX = std::min(a.x, b.x), maxX = std::max(a.x, b.x), minY = std::min(a.y, b.y),
               maxY = std::max(a.y, b.y);
  const std::int64_t c0 = cellOf(minX, minY), c1 = cellOf(maxX, maxY);
  for (std::int64_t cy = c0 / m_columns; cy <= c1 / m_columns; ++cy)
    for (std::int64_t cx = c0 % m_columns; cx <= c1 % m_columns; ++cx) {
      const auto c = static_cast<std::size_t>(cy * m_columns + cx);
      for (std::uint32_t k = m_start[c]; k < m_start[c + 1]; ++k) {
        const Vec2 p = scene.nodes[m_items[k]].position;
        if (p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY) out.push_back(m_items[k]);
      }
    }
  std::sort(out.begin(), out.end());
  return out;
}

// ---------------------------------------------------------------------------
// Ties

namespace {

constexpr int kCurveSegments = 8;

double distanceToSegment(Vec2 p, Vec2 a, Vec2 b) {
  const Vec2 d = b - a;
  const double lengthSquared = d.x * d.x + d.y * d.y;
  double t = lengthSquared > 0 ? ((p.x - a.x) * d.x + (p.y - a.y) * d.y) / lengthSquared : 0;
  t = std::clamp(t, 0.0, 1.0);
  return (p - (a + d * t)).length();
}

}  // namespace

std::vector<Vec2> edgeCurve(const Scene& scene, const SceneEdge& edge, int segments) {
  const Vec2 a = scene.nodes[edge.from].position, b = scene.nodes[edge.to].position;
  const Vec2 d = b - a;
  const double length = d.length();
  const Vec2 normal = length > 0 ? Vec2{-d.y / length, d.x / length} : Vec2{0, 1};
  const Vec2 control = (a + b) * 0.5 + normal * (edge.curve * length);
  std::vector<Vec2> points(static_cast<std::size_t>(segments) + 1);
  for (int i = 0; i <= segments; ++i) {
    const double t = static_cast<double>(i) / segments;
    points[static_cast<std::size_t>(i)] = a * ((1 - t) * (1 - t)) + control * (2 * t * (1 - t)) + b * (t * t);
  }
  return points;
}

void EdgePickIndex::build(const Scene& scene) {
  m_builtFor = scene.version * 1000003 + scene.positionsVersion;
  const std::size_t n = scene.edges.size();
  m_maxHalfWidth = 0;
  for (const SceneEdge& e : scene.edges) m_maxHalfWidth = std::max<double>(m_maxHalfWidth, e.width / 2);
  // Curves may bulge beyond the nodes' box: allow for the largest bend.
  const double width = std::max(scene.max.x - scene.min.x, 1e-9), height = std::max(scene.max.y - scene.min.y, 1e-9);
  const double margin = 0.6 * std::max(width, height) / 2;
  m_minX = scene.min.x - margin;
  m_minY = scene.min.y - margin;
  const double w = width + 2 * margin, h = height + 2 * margin;
  m_cell = std::max(4 * std::max(m_maxHalfWidth, 1e-9), std::sqrt(w * h / std::max<double>(1, double(n))));
  m_columns = static_cast<std::int64_t>(w / m_cell) + 1;
  m_rows = static_cast<std::int64_t>(h / m_cell) + 1;
  // Each tie goes into every cell that one of its segments passes through:
  // those whose centre lies within half a cell's diagonal of the segment.
  std::vector<std::pair<std::int64_t, std::uint32_t>> entries;
  entries.reserve(n * 4);
  const double reach = m_cell * 0.7072;
  for (std::size_t i = 0; i < n; ++i) {
    const std::vector<Vec2> points = edgeCurve(scene, scene.edges[i], kCurveSegments);
    std::int64_t lastCell = -1;
    for (std::size_t k = 0; k + 1 < points.size(); ++k) {
      const Vec2 a = points[k], b = points[k + 1];
      const auto cell = [&](double v, double min, std::int64_t count) {
        return std::clamp<std::int64_t>(static_cast<std::int64_t>(std::floor((v - min) / m_cell)), 0, count - 1);
      };
      const std::int64_t x0 = cell(std::min(a.x, b.x), m_minX, m_columns), x1 = cell(std::max(a.x, b.x), m_minX, m_columns);
      const std::int64_t y0 = cell(std::min(a.y, b.y), m_minY, m_rows), y1 = cell(std::max(a.y, b.y), m_minY, m_rows);
      for (std::int64_t cy = y0; cy <= y1; ++cy)
        for (std::int64_t cx = x0; cx <= x1; ++cx) {
          const Vec2 centre{m_minX + (static_cast<double>(cx) + 0.5) * m_cell,
                            m_minY + (static_cast<double>(cy) + 0.5) * m_cell};
          const std::int64_t c = cy * m_columns + cx;
          if (c == lastCell || distanceToSegment(centre, a, b) > reach) continue;
          entries.emplace_back(c, static_cast<std::uint32_t>(i));
          lastCell = c;
        }
    }
  }
  std::sort(entries.begin(), entries.end());
  entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
  m_start.assign(static_cast<std::size_t>(m_columns * m_rows) + 1, 0);
  for (const auto& [c, i] : entries) ++m_start[static_cast<std::size_t>(c) + 1];
  for (std::size_t c = 1; c < m_start.size(); ++c) m_start[c] += m_start[c - 1];
  m_items.resize(entries.size());
  for (std::size_t k = 0; k < entries.size(); ++k) m_items[k] = entries[k].second;
}

std::int64_t EdgePickIndex::edgeAt(const Scene& scene, Vec2 p, double slack) {
  if (scene.edges.empty()) return -1;
  if (m_builtFor != scene.version * 1000003 + scene.positionsVersion) build(scene);
  // The cell of the point: any tie passing within a cell's reach of it was entered there
  // or in a neighbour, as long as the tolerance stays below a cell.
  const double reach = std::min(m_maxHalfWidth + slack, m_cell);
  const auto x0 = std::max<std::int64_t>(0, static_cast<std::int64_t>(std::floor((p.x - reach - m_minX) / m_cell)));
  const auto x1 = std::min(m_columns - 1, static_cast<std::int64_t>(std::floor((p.x + reach - m_minX) / m_cell)));
  const auto y0 = std::max<std::int64_t>(0, static_cast<std::int64_t>(std::floor((p.y - reach - m_minY) / m_cell)));
  const auto y1 = std::min(m_rows - 1, static_cast<std::int64_t>(std::floor((p.y + reach - m_minY) / m_cell)));
  std::int64_t best = -1;
  double bestDistance = HUGE_VAL;
  for (std::int64_t cy = y0; cy <= y1; ++cy)
    for (std::int64_t cx = x0; cx <= x1; ++cx) {
      const auto c = static_cast<std::size_t>(cy * m_columns + cx);
      for (std::uint32_t k = m_start[c]; k < m_start[c + 1]; ++k) {
        const std::uint32_t i = m_items[k];
        const SceneEdge& e = scene.edges[i];
        const std::vector<Vec2> points = edgeCurve(scene, e, kCurveSegments);
        double d = HUGE_VAL;
        for (std::size_t s = 0; s + 1 < points.size(); ++s) d = std::min(d, distanceToSegment(p, points[s], points[s + 1]));
        const double excess = d - e.width / 2;  // how far outside the drawn strip
        if (excess <= slack && (excess < bestDistance || (excess == bestDistance && i > best))) {
          best = i;
          bestDistance = excess;
        }
      }
    }
  return best;
}

}  // namespace nestmap
