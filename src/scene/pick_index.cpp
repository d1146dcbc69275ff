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

}  // namespace nestmap
