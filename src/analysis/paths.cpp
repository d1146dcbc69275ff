#include "analysis/paths.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>

namespace nestmap {
namespace {
using Vertex = GraphSnapshot::Vertex;
constexpr Vertex kNone = static_cast<Vertex>(-1);
}  // namespace

ShortestPath::Result ShortestPath::run(const GraphSnapshot& g, Vertex source, Vertex target, const Params& params,
                                       Progress* progress) {
  const std::size_t n = g.vertexCount();
  Result r;
  if (source >= n || target >= n) return r;
  auto next = [&](Vertex v) { return params.directed ? g.out(v) : g.neighbours(v); };
  auto weights = [&](Vertex v) { return params.directed ? g.outWeights(v) : g.neighbourWeights(v); };

  std::vector<double> dist(n, std::numeric_limits<double>::infinity());
  std::vector<Vertex> previous(n, kNone);
  // (distance, vertex) in a min-heap: equal distances settle the smaller vertex
  // first, and a vertex keeps the first predecessor that reached it at its
  // final distance, which makes the chosen path deterministic.
  using Entry = std::pair<double, Vertex>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  dist[source] = 0;
  heap.push({0, source});
  std::size_t settled = 0;
  while (!heap.empty()) {
    auto [d, v] = heap.top();
    heap.pop();
    if (d > dist[v]) continue;
    if (v == target) break;
    if (++settled % 4096 == 0) step(progress, static_cast<double>(settled) / static_cast<double>(n));
    auto targets = next(v);
    auto w = weights(v);
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const double length = params.weighted ? 1.0 / w[i] : 1.0;
      const double candidate = d + length;
      if (candidate < dist[targets[i]]) {
        dist[targets[i]] = candidate;
        previous[targets[i]] = v;
        heap.push({candidate, targets[i]});
      }
    }
  }
  if (dist[target] == std::numeric_limits<double>::infinity()) return r;
  for (Vertex v = target; v != kNone; v = previous[v]) r.path.push_back(v);
  std::reverse(r.path.begin(), r.path.end());
  r.length = dist[target];
  step(progress, 1);
  return r;
}

Neighbourhood::Result Neighbourhood::run(const GraphSnapshot& g, Vertex source, int k, const Params&,
                                         Progress* progress) {
  Result r;
  if (source >= g.vertexCount() || k < 1) return r;
  std::vector<int> dist(g.vertexCount(), -1);
  std::vector<Vertex> frontier{source}, nextFrontier;
  dist[source] = 0;
  for (int level = 1; level <= k && !frontier.empty(); ++level) {
    nextFrontier.clear();
    for (Vertex v : frontier)
      for (Vertex w : g.neighbours(v))
        if (dist[w] < 0) {
          dist[w] = level;
          nextFrontier.push_back(w);
        }
    std::sort(nextFrontier.begin(), nextFrontier.end());
    for (Vertex w : nextFrontier) r.members.push_back({w, level});
    frontier.swap(nextFrontier);
  }
  step(progress, 1);
  return r;
}

StrongComponents::Result StrongComponents::run(const GraphSnapshot& g, const Params&, Progress* progress) {
  const std::size_t n = g.vertexCount();
  Result r;
  // Iterative Tarjan: index, lowlink, an explicit call stack of (vertex, next arc).
  std::vector<std::uint32_t> index(n, kNone), low(n, 0);
  std::vector<char> onStack(n, 0);
  std::vector<Vertex> stack;
  std::vector<std::pair<Vertex, std::size_t>> calls;
  std::uint32_t counter = 0;
  for (Vertex root = 0; root < n; ++root) {
    if (index[root] != kNone) continue;
    calls.push_back({root, 0});
    index[root] = low[root] = counter++;
    stack.push_back(root);
    onStack[root] = 1;
    while (!calls.empty()) {
      auto& [v, i] = calls.back();
      auto arcs = g.out(v);
      if (i < arcs.size()) {
        const Vertex w = arcs[i++];
        if (index[w] == kNone) {
          index[w] = low[w] = counter++;
          stack.push_back(w);
          onStack[w] = 1;
          calls.push_back({w, 0});
        } else if (onStack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      const Vertex done = v;
      calls.pop_back();
      if (!calls.empty()) low[calls.back().first] = std::min(low[calls.back().first], low[done]);
      if (low[done] == index[done]) {
        std::vector<Vertex> component;
        Vertex w;
        do {
          w = stack.back();
          stack.pop_back();
          onStack[w] = 0;
          component.push_back(w);
        } while (w != done);
        std::sort(component.begin(), component.end());
        r.components.push_back(std::move(component));
      }
    }
    if (progress && root % 4096 == 0) step(progress, static_cast<double>(counter) / static_cast<double>(n));
  }
  std::stable_sort(r.components.begin(), r.components.end(), [](const auto& a, const auto& b) {
    return a.size() != b.size() ? a.size() > b.size() : a.front() < b.front();
  });
  step(progress, 1);
  return r;
}

}  // namespace nestmap
