#include "analysis/dashboard.hpp"

#include <algorithm>
#include <random>

#include "analysis/structure.hpp"

namespace nestmap {
namespace {
using Vertex = GraphSnapshot::Vertex;
}

NetworkSummary::Result NetworkSummary::run(const GraphSnapshot& g, const Params& params, Progress* progress) {
  const std::size_t n = g.vertexCount();
  Result r;
  r.actors = n;
  r.ties = g.edgeCount();
  r.components = Components::run(g).components.size();
  const double nd = static_cast<double>(n), md = static_cast<double>(r.ties);
  if (n > 1) r.density = (g.directed() ? md : 2 * md) / (nd * (nd - 1));
  if (n > 0) r.averageDegree = (g.directed() ? md : 2 * md) / nd;

  r.reciprocity = 1;
  if (g.directed()) {
    std::size_t arcs = 0, mutual = 0;
    for (Vertex v = 0; v < n; ++v)
      for (Vertex w : g.out(v)) {
        ++arcs;
        auto back = g.out(w);
        mutual += std::binary_search(back.begin(), back.end(), v);
      }
    r.reciprocity = arcs ? static_cast<double>(mutual) / static_cast<double>(arcs) : 0;
  }

  // Path figures: BFS from every vertex, or from a fixed sample of them.
  std::vector<Vertex> sources(n);
  for (Vertex v = 0; v < n; ++v) sources[v] = v;
  if (n > params.exactPathLimit) {
    r.pathsSampled = true;
    std::mt19937_64 rng(1);
    for (std::size_t i = 0; i < params.samples; ++i) std::swap(sources[i], sources[i + rng() % (n - i)]);
    sources.resize(params.samples);
  }
  std::vector<int> dist(n, -1);
  std::vector<Vertex> queue;
  double totalLength = 0, pairs = 0;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (i % 64 == 0) step(progress, static_cast<double>(i) / static_cast<double>(sources.size()));
    queue.assign(1, sources[i]);
    dist[sources[i]] = 0;
    for (std::size_t head = 0; head < queue.size(); ++head) {
      const Vertex v = queue[head];
      for (Vertex w : g.out(v))
        if (dist[w] < 0) {
          dist[w] = dist[v] + 1;
          queue.push_back(w);
          totalLength += dist[w];
          pairs += 1;
          r.diameter = std::max(r.diameter, dist[w]);
        }
    }
    for (Vertex v : queue) dist[v] = -1;
  }
  if (pairs > 0) r.averagePathLength = totalLength / pairs;

  if (params.groupCount > 0 && params.groupOf.size() == n) {
    const auto groups = static_cast<std::size_t>(params.groupCount);
    r.groupMatrix.assign(groups, std::vector<std::size_t>(groups, 0));
    for (Vertex v = 0; v < n; ++v)
      for (Vertex w : g.neighbours(v)) {
        if (w < v) continue;  // each tie once
        const auto a = static_cast<std::size_t>(params.groupOf[v]), b = static_cast<std::size_t>(params.groupOf[w]);
        ++r.groupMatrix[a][b];
        if (a != b) ++r.groupMatrix[b][a];
      }
  }
  step(progress, 1);
  return r;
}

}  // namespace nestmap
