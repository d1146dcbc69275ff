#include "layout/barnes_hut.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

namespace nestmap {

Vec2 pairRepulsion(Vec2 p1, double m1, double r1, Vec2 p2, double m2, double r2, const RepulsionLaw& law) {
  const Vec2 d = p1 - p2;
  const double dist2 = d.x * d.x + d.y * d.y;
  if (dist2 <= 0) return {};
  if (!law.preventOverlap) return d * (law.scaling * m1 * m2 / dist2);
  // Gephi's anti-collision repulsion: distances from the borders, and a
  // hundredfold push while two nodes overlap.
  const double dist = std::sqrt(dist2);
  const double gap = dist - r1 - r2;
  if (gap > 0) return d * (law.scaling * m1 * m2 / (gap * gap));
  if (gap < 0) return d * (100.0 * law.scaling * m1 * m2);
  return {};
}

void BarnesHutTree::build(const std::vector<Vec2>& points, const std::vector<double>& mass, std::size_t leafSize) {
  m_leafSize = std::max<std::size_t>(1, leafSize);
  m_cells.clear();
  const auto n = static_cast<std::uint32_t>(points.size());
  m_order.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) m_order[i] = i;
  if (n == 0) return;
  double minX = std::numeric_limits<double>::max(), minY = minX;
  double maxX = std::numeric_limits<double>::lowest(), maxY = maxX;
  for (const Vec2& p : points) {
    minX = std::min(minX, p.x);
    maxX = std::max(maxX, p.x);
    minY = std::min(minY, p.y);
    maxY = std::max(maxY, p.y);
  }
  const double size = std::max({maxX - minX, maxY - minY, 1e-9}) * (1 + 1e-9);
  m_cells.reserve(2 * n / m_leafSize + 16);
  split(0, n, minX, minY, size, 0, points, mass);
  // The bodies once more in the tree's order, so that a leaf's are read one
  // after the other instead of through order() from all over the arrays.
  m_bodies.resize(n);
  for (std::uint32_t k = 0; k < n; ++k) {
    const std::uint32_t b = m_order[k];
    m_bodies[k] = {points[b].x, points[b].y, mass[b], b};
  }
}

void BarnesHutTree::split(std::uint32_t begin, std::uint32_t end, double x0, double y0, double size, int depth,
                          const std::vector<Vec2>& points, const std::vector<double>& mass) {
  const auto index = static_cast<std::uint32_t>(m_cells.size());
  m_cells.emplace_back();
  Cell cell;
  cell.x0 = x0;
  cell.y0 = y0;
  cell.size = size;
  // Deep enough, or few enough bodies (or all on one spot): a leaf.
  if (end - begin <= m_leafSize || depth >= 48) {
    cell.leaf = true;
    cell.first = begin;
    cell.count = end - begin;
    for (std::uint32_t k = begin; k < end; ++k) {
      const std::uint32_t b = m_order[k];
      cell.mass += mass[b];
      cell.cx += points[b].x * mass[b];
      cell.cy += points[b].y * mass[b];
    }
  } else {
    const double half = size / 2, midX = x0 + half, midY = y0 + half;
    auto* first = m_order.data() + begin;
    auto* last = m_order.data() + end;
    auto* splitX = std::partition(first, last, [&](std::uint32_t b) { return points[b].x < midX; });
    auto* splitLow = std::partition(first, splitX, [&](std::uint32_t b) { return points[b].y < midY; });
    auto* splitHigh = std::partition(splitX, last, [&](std::uint32_t b) { return points[b].y < midY; });
    const std::uint32_t bounds[5] = {begin, static_cast<std::uint32_t>(splitLow - m_order.data()),
                                     static_cast<std::uint32_t>(splitX - m_order.data()),
                                     static_cast<std::uint32_t>(splitHigh - m_order.data()), end};
    const double corners[4][2] = {{x0, y0}, {x0, midY}, {midX, y0}, {midX, midY}};
    for (int q = 0; q < 4; ++q) {
      if (bounds[q] == bounds[q + 1]) continue;
      const auto child = static_cast<std::uint32_t>(m_cells.size());
      split(bounds[q], bounds[q + 1], corners[q][0], corners[q][1], half, depth + 1, points, mass);
      const Cell& c = m_cells[child];
      cell.mass += c.mass;
      cell.cx += c.cx * c.mass;
      cell.cy += c.cy * c.mass;
    }
  }
  if (cell.mass > 0) {
    cell.cx /= cell.mass;
    cell.cy /= cell.mass;
  }
  cell.next = static_cast<std::uint32_t>(m_cells.size());
  m_cells[index] = cell;
}

Vec2 BarnesHutTree::repulsion(std::uint32_t i, const std::vector<Vec2>& points, const std::vector<double>& mass,
                              const std::vector<double>& radius, const RepulsionLaw& law, double theta) const {
  return law.preventOverlap ? walkWithOverlap(i, points[i], mass[i], radius, law, theta)
                            : walk(i, points[i], law.scaling * mass[i], theta);
}

namespace {

/// Whether `p` lies in the cell's square (a cell around the body is never one body).
template <class Cell>
bool contains(const Cell& cell, Vec2 p) {
  return p.x >= cell.x0 && p.x < cell.x0 + cell.size && p.y >= cell.y0 && p.y < cell.y0 + cell.size;
}

}  // namespace

Vec2 BarnesHutTree::walk(std::uint32_t i, Vec2 p, double scaledMass, double theta) const {
  const double theta2 = theta * theta;
  // Two plain sums, in registers: nothing in this loop calls out (pairRepulsion's
  // sqrt would), so they need not live in memory.
  double fx = 0, fy = 0;
  const auto cells = static_cast<std::uint32_t>(m_cells.size());
  for (std::uint32_t c = 0; c < cells;) {
    const Cell& cell = m_cells[c];
    // Any cell far enough, leaves of several bodies included, counts as one
    // body at its centre of mass (a leaf of one body is that body: exact below).
    if (!cell.leaf || cell.count > 1) {
      const double dx = p.x - cell.cx, dy = p.y - cell.cy;
      const double dist2 = dx * dx + dy * dy;
      // The cheap test first: most cells near enough to be opened fail it.
      if (cell.size * cell.size < theta2 * dist2 && !contains(cell, p)) {
        const double factor = scaledMass * cell.mass / dist2;
        fx += dx * factor;
        fy += dy * factor;
        c = cell.next;
        continue;
      }
    }
    if (cell.leaf) {
      // Near: body by body, each term as pairRepulsion computes it.
      for (const Body *body = m_bodies.data() + cell.first, *end = body + cell.count; body != end; ++body) {
        const double dx = p.x - body->x, dy = p.y - body->y;
        const double dist2 = dx * dx + dy * dy;
        if (body->index == i || dist2 <= 0) continue;
        const double factor = scaledMass * body->mass / dist2;
        fx += dx * factor;
        fy += dy * factor;
      }
      c = cell.next;
    } else {
      ++c;  // the first child follows its parent
    }
  }
  return {fx, fy};
}

// With overlap prevention, near bodies push from their borders: leaves are
// always summed body by body here, as before the plain walk above approximated
// far leaves too.
Vec2 BarnesHutTree::walkWithOverlap(std::uint32_t i, Vec2 p, double mi, const std::vector<double>& radius,
                                    const RepulsionLaw& law, double theta) const {
  const double ri = radius.empty() ? 0 : radius[i];
  const double theta2 = theta * theta;
  Vec2 force;
  const auto cells = static_cast<std::uint32_t>(m_cells.size());
  for (std::uint32_t c = 0; c < cells;) {
    const Cell& cell = m_cells[c];
    if (cell.leaf) {
      for (const Body *body = m_bodies.data() + cell.first, *end = body + cell.count; body != end; ++body)
        if (body->index != i)
          force +=
              pairRepulsion(p, mi, ri, {body->x, body->y}, body->mass, radius.empty() ? 0 : radius[body->index], law);
      c = cell.next;
      continue;
    }
    const double dx = p.x - cell.cx, dy = p.y - cell.cy;
    const double dist2 = dx * dx + dy * dy;
    const bool inside = p.x >= cell.x0 && p.x < cell.x0 + cell.size && p.y >= cell.y0 && p.y < cell.y0 + cell.size;
    if (!inside && cell.size * cell.size < theta2 * dist2) {
      const double factor = law.scaling * mi * cell.mass / dist2;
      force.x += dx * factor;
      force.y += dy * factor;
      c = cell.next;
    } else {
      ++c;  // the first child follows its parent
    }
  }
  return force;
}

namespace {

/// The list is summed in this many interleaved partial sums: entry j goes into
/// sum j mod kLanes, and the sums are added in a fixed order at the end. Each
/// sees the same operations in the same order whatever the vector width, and
/// the file is built without fused multiply-add, so the AVX2 and the plain
/// SSE2 versions below give the same bits.
constexpr std::size_t kLanes = 8;

/// Added to every squared distance: it makes a term at distance 0 (the body's
/// own, a body on the same spot, the padding) count 0·m/kTiny = 0 without a
/// branch, and changes no squared distance above 1e-184 (it is below half its last bit).
constexpr double kTiny = 1e-200;

/// Four doubles: one AVX2 register, or two SSE2 ones in the default version.
using Quad = double __attribute__((vector_size(4 * sizeof(double))));

// ThreadSanitizer instruments the ifunc resolver that target_clones adds, and
// that resolver runs while the program is being loaded, before TSan is set up
// (a crash at start): the TSan build (`make test-tsan`) keeps the plain version only.
#if defined(__SANITIZE_THREAD__)
#define NESTMAP_SUM_CLONES
#else
#define NESTMAP_SUM_CLONES [[gnu::target_clones("avx2", "default")]]
#endif

/// Σⱼ mⱼ·(p − qⱼ) / |p − qⱼ|² over a list of point masses whose length is a
/// multiple of kLanes, in two four-lane halves.
NESTMAP_SUM_CLONES Vec2 sumTerms(Vec2 p, const double* x, const double* y, const double* m, std::size_t n) {
  const Quad zero = {}, px = zero + p.x, py = zero + p.y, tiny = zero + kTiny;
  Quad sx0 = zero, sy0 = zero, sx1 = zero, sy1 = zero;
  auto add = [&](std::size_t j, Quad& sx, Quad& sy) {
    Quad qx, qy, qm;
    std::memcpy(&qx, x + j, sizeof qx);
    std::memcpy(&qy, y + j, sizeof qy);
    std::memcpy(&qm, m + j, sizeof qm);
    const Quad dx = px - qx, dy = py - qy;
    const Quad w = qm / (dx * dx + dy * dy + tiny);
    sx += dx * w;
    sy += dy * w;
  };
  for (std::size_t j = 0; j < n; j += kLanes) {
    add(j, sx0, sy0);
    add(j + 4, sx1, sy1);
  }
  return {((sx0[0] + sx0[1]) + (sx0[2] + sx0[3])) + ((sx1[0] + sx1[1]) + (sx1[2] + sx1[3])),
          ((sy0[0] + sy0[1]) + (sy0[2] + sy0[3])) + ((sy1[0] + sy1[1]) + (sy1[2] + sy1[3]))};
}

/// The point masses one leaf's bodies feel, as three flat arrays sized once
/// for the longest list possible, every cell and every body.
class TermList {
 public:
  explicit TermList(std::size_t capacity) : m_x(capacity + kLanes), m_y(capacity + kLanes), m_m(capacity + kLanes) {}
  void clear() { m_size = 0; }
  void add(double x, double y, double m) {
    m_x[m_size] = x;
    m_y[m_size] = y;
    m_m[m_size] = m;
    ++m_size;
  }
  /// Σⱼ mⱼ·(p − qⱼ) / |p − qⱼ|² over the list.
  Vec2 sum(Vec2 p) {
    while (m_size % kLanes != 0) add(0, 0, 0);  // massless padding
    return sumTerms(p, m_x.data(), m_y.data(), m_m.data(), m_size);
  }

 private:
  std::vector<double> m_x, m_y, m_m;
  std::size_t m_size = 0;
};

}  // namespace

void BarnesHutTree::addRepulsion(std::vector<Vec2>& force, double scaling, double theta) const {
  const double theta2 = theta * theta;
  const auto cells = static_cast<std::uint32_t>(m_cells.size());
  TermList terms(m_cells.size() + m_bodies.size());
  for (std::uint32_t leaf = 0; leaf < cells; ++leaf) {
    const Cell& own = m_cells[leaf];
    if (!own.leaf || own.count == 0) continue;
    const Body* bodies = m_bodies.data() + own.first;
    const std::uint32_t count = own.count;
    double minX = bodies[0].x, maxX = minX, minY = bodies[0].y, maxY = minY;
    for (std::uint32_t k = 1; k < count; ++k) {
      minX = std::min(minX, bodies[k].x);
      maxX = std::max(maxX, bodies[k].x);
      minY = std::min(minY, bodies[k].y);
      maxY = std::max(maxY, bodies[k].y);
    }
    // First the walk, which only lists what the leaf's bodies feel: cells far
    // enough as one body at their centre of mass, the bodies of near leaves
    // (this one's included) one by one. Then each body sums that list.
    terms.clear();
    for (std::uint32_t c = 0; c < cells;) {
      const Cell& cell = m_cells[c];
      if (c != leaf && (!cell.leaf || cell.count > 1)) {
        // The nearest the cell's centre of mass comes to any body of the leaf.
        const double gx = std::max({minX - cell.cx, 0.0, cell.cx - maxX});
        const double gy = std::max({minY - cell.cy, 0.0, cell.cy - maxY});
        const bool overlaps =
            cell.x0 <= maxX && minX < cell.x0 + cell.size && cell.y0 <= maxY && minY < cell.y0 + cell.size;
        if (!overlaps && cell.size * cell.size < theta2 * (gx * gx + gy * gy)) {
          terms.add(cell.cx, cell.cy, cell.mass);
          c = cell.next;
          continue;
        }
      }
      if (cell.leaf) {
        for (const Body *o = m_bodies.data() + cell.first, *end = o + cell.count; o != end; ++o)
          terms.add(o->x, o->y, o->mass);
        c = cell.next;
      } else {
        ++c;  // the first child follows its parent
      }
    }
    for (std::uint32_t k = 0; k < count; ++k) {
      const Body& b = bodies[k];
      force[b.index] += terms.sum({b.x, b.y}) * (scaling * b.mass);
    }
  }
}

}  // namespace nestmap
