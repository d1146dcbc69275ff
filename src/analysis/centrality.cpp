#include "analysis/centrality.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>
#include <thread>

namespace nestmap {
namespace {

using Vertex = GraphSnapshot::Vertex;
constexpr std::int32_t kUnreached = -1;
constexpr double kInfinity = std::numeric_limits<double>::infinity();

/// Path lengths summed from 1/weight are equal when they differ by rounding only.
bool sameLength(double a, double b) { return std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(b)); }

/// Whether the sorted row holds `v`.
bool holds(std::span<const Vertex> row, Vertex v) { return std::binary_search(row.begin(), row.end(), v); }

/// Breadth-first distances from `source` over `next(v)` rows; returns the
/// vertices reached in visiting order (source first).
template <class Next>
void bfs(Vertex source, Next next, std::vector<std::int32_t>& dist, std::vector<Vertex>& order) {
  order.clear();
  dist[source] = 0;
  order.push_back(source);
  for (std::size_t head = 0; head < order.size(); ++head) {
    Vertex v = order[head];
    for (Vertex w : next(v))
      if (dist[w] == kUnreached) {
        dist[w] = dist[v] + 1;
        order.push_back(w);
      }
  }
}

}  // namespace

// [SECTION] Degree

Degree::Result Degree::run(const GraphSnapshot& g, const Params&, Progress* progress) {
  const std::size_t n = g.vertexCount();
  Result r;
  r.degree.resize(n);
  r.inDegree.resize(n);
  r.outDegree.resize(n);
  r.weighted.resize(n);
  for (Vertex v = 0; v < n; ++v) {
    r.degree[v] = static_cast<double>(g.neighbours(v).size());
    r.inDegree[v] = static_cast<double>(g.in(v).size());
    r.outDegree[v] = static_cast<double>(g.out(v).size());
    for (double w : g.neighbourWeights(v)) r.weighted[v] += w;
  }
  step(progress, 1);
  return r;
}

// [SECTION] Betweenness

Betweenness::Result Betweenness::run(const GraphSnapshot& g, const Params& params, Progress* progress) {
  const std::size_t n = g.vertexCount();
  Result r;
  r.raw.assign(n, 0);
  if (n == 0) return r;

  // Fixed blocks of sources, each summed on its own, then the blocks in
  // order: floating-point sums do not depend on how threads share the work.
  const std::size_t blockCount = std::min<std::size_t>(n, 32);
  std::vector<std::vector<double>> blockSums(blockCount);
  std::atomic<std::size_t> nextBlock{0}, sourcesDone{0};
  std::atomic<bool> stop{false};
  unsigned threads = params.threads ? params.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, blockCount));

  auto worker = [&] {
    std::vector<std::int32_t> dist(n, kUnreached);
    std::vector<double> sigma(n, 0), delta(n, 0), length(n, kInfinity);
    std::vector<char> settled(n, 0);
    std::vector<Vertex> order;
    order.reserve(n);
    using Entry = std::pair<double, Vertex>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;

    // Hops: breadth-first, counting shortest paths (sigma) on the way and
    // keeping every arc of the shortest-path DAG in discovery order, so that
    // the dependencies can be summed by walking that list backwards instead
    // of testing every neighbour again.
    std::vector<std::pair<Vertex, Vertex>> dag;
    auto shortestByHops = [&](Vertex source, std::vector<Vertex>& visited) {
      dag.clear();
      dist[source] = 0;
      visited.push_back(source);
      for (std::size_t head = 0; head < visited.size(); ++head) {
        const Vertex v = visited[head];
        const std::int32_t next = dist[v] + 1;
        for (Vertex w : g.out(v)) {
          if (dist[w] == kUnreached) {
            dist[w] = next;
            visited.push_back(w);
          }
          if (dist[w] == next) {
            sigma[w] += sigma[v];
            dag.emplace_back(v, w);
          }
        }
      }
    };
    // Lengths (1/weight): Dijkstra, `visited` in settling order.
    auto shortestByLength = [&](Vertex source, std::vector<Vertex>& visited) {
      length[source] = 0;
      heap.push({0, source});
      while (!heap.empty()) {
        const auto [d, v] = heap.top();
        heap.pop();
        if (settled[v]) continue;
        settled[v] = 1;
        dist[v] = 0;  // marks v for the reset after this source
        visited.push_back(v);
        auto targets = g.out(v);
        auto weights = g.outWeights(v);
        for (std::size_t k = 0; k < targets.size(); ++k) {
          const Vertex w = targets[k];
          if (settled[w]) continue;
          const double candidate = d + 1.0 / weights[k];
          if (length[w] == kInfinity || (candidate < length[w] && !sameLength(candidate, length[w]))) {
            length[w] = candidate;
            sigma[w] = sigma[v];
            heap.push({candidate, w});
          } else if (sameLength(candidate, length[w])) {
            sigma[w] += sigma[v];
          }
        }
      }
    };
    while (!stop) {
      const std::size_t b = nextBlock.fetch_add(1);
      if (b >= blockCount) break;
      std::vector<double>& sum = blockSums[b];
      sum.assign(n, 0);
      const std::size_t first = b * n / blockCount, last = (b + 1) * n / blockCount;
      for (std::size_t s = first; s < last; ++s) {
        if (progress && progress->cancelled()) {
          stop = true;
          return;
        }
        const Vertex source = static_cast<Vertex>(s);
        sigma[source] = 1;
        order.clear();
        if (!params.weighted) {
          shortestByHops(source, order);
          // An arc v → w of the DAG is met after every arc leaving w (those
          // were found later, from w), so delta[w] is complete by then.
          for (auto it = dag.rbegin(); it != dag.rend(); ++it)
            delta[it->first] += sigma[it->first] / sigma[it->second] * (1 + delta[it->second]);
          for (std::size_t i = 1; i < order.size(); ++i) sum[order[i]] += delta[order[i]];
        } else {
          shortestByLength(source, order);
          // Dependencies farthest first, predecessors found again through in-arcs.
          for (std::size_t i = order.size(); i-- > 1;) {
            const Vertex w = order[i];
            const double coefficient = (1 + delta[w]) / sigma[w];
            auto preds = g.in(w);
            auto weights = g.inWeights(w);
            for (std::size_t k = 0; k < preds.size(); ++k)
              if (sameLength(length[preds[k]] + 1.0 / weights[k], length[w]))
                delta[preds[k]] += sigma[preds[k]] * coefficient;
            sum[w] += delta[w];
          }
        }
        for (Vertex v : order) {
          dist[v] = kUnreached;
          length[v] = kInfinity;
          settled[v] = 0;
          sigma[v] = 0;
          delta[v] = 0;
        }
        const std::size_t done = ++sourcesDone;
        if (progress && done % 64 == 0) progress->report(static_cast<double>(done) / static_cast<double>(n));
      }
    }
  };
  // jthreads: joined on every way out, also when worker() below throws
  // (bad_alloc); a joinable std::thread would call std::terminate.
  std::vector<std::jthread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (progress) progress->throwIfCancelled();

  for (const auto& sum : blockSums)
    for (std::size_t v = 0; v < n; ++v) r.raw[v] += sum[v];
  // Undirected: every pair was counted from both ends.
  if (!g.directed())
    for (double& x : r.raw) x /= 2;
  r.normalized = r.raw;
  if (n > 2) {
    const double scale = (g.directed() ? 1.0 : 2.0) / (static_cast<double>(n - 1) * static_cast<double>(n - 2));
    for (double& x : r.normalized) x *= scale;
  }
  step(progress, 1);
  return r;
}

// [SECTION] Closeness and harmonic closeness

Closeness::Result Closeness::run(const GraphSnapshot& g, const Params&, Progress* progress) {
  const std::size_t n = g.vertexCount();
  Result r;
  r.closeness.assign(n, 0);
  r.harmonic.assign(n, 0);
  std::vector<std::int32_t> dist(n, kUnreached);
  std::vector<Vertex> order;
  for (Vertex u = 0; u < n; ++u) {
    if (u % 256 == 0) step(progress, static_cast<double>(u) / static_cast<double>(n));
    // networkx measures distances *to* u: walk the arcs backwards.
    bfs(
        u, [&](Vertex v) { return g.in(v); }, dist, order);
    double total = 0;
    for (Vertex v : order)
      if (v != u) {
        total += dist[v];
        r.harmonic[u] += 1.0 / dist[v];
      }
    const double reached = static_cast<double>(order.size());
    if (total > 0 && n > 1) r.closeness[u] = (reached - 1) / total * ((reached - 1) / static_cast<double>(n - 1));
    for (Vertex v : order) dist[v] = kUnreached;
  }
  step(progress, 1);
  return r;
}

// [SECTION] Eigenvector centrality

EigenvectorCentrality::Result EigenvectorCentrality::run(const GraphSnapshot& g, const Params& params,
                                                         Progress* progress) {
  const std::size_t n = g.vertexCount();
  Result r;
  if (n == 0) return r;
  std::vector<double> x(n, 1.0 / static_cast<double>(n)), last(n);
  for (r.iterations = 1; r.iterations <= params.maxIterations; ++r.iterations) {
    step(progress, static_cast<double>(r.iterations) / params.maxIterations);
    last = x;
    // x ← (A + I)·x: a vertex gains from those pointing at it.
    for (Vertex v = 0; v < n; ++v) {
      auto targets = g.out(v);
      auto weights = g.outWeights(v);
      for (std::size_t i = 0; i < targets.size(); ++i) x[targets[i]] += last[v] * (params.weighted ? weights[i] : 1);
    }
    double norm = 0;
    for (double value : x) norm += value * value;
    norm = std::sqrt(norm);
    if (norm == 0) norm = 1;
    double change = 0;
    for (Vertex v = 0; v < n; ++v) {
      x[v] /= norm;
      change += std::abs(x[v] - last[v]);
    }
    if (change < static_cast<double>(n) * params.tolerance) {
      r.converged = true;
      break;
    }
  }
  r.scores = std::move(x);
  return r;
}

// [SECTION] PageRank

PageRank::Result PageRank::run(const GraphSnapshot& g, const Params& params, Progress* progress) {
  const std::size_t n = g.vertexCount();
  Result r;
  if (n == 0) return r;
  const double uniform = 1.0 / static_cast<double>(n);
  std::vector<double> outWeight(n, 0);
  for (Vertex v = 0; v < n; ++v)
    for (double w : g.outWeights(v)) outWeight[v] += w;
  std::vector<double> x(n, uniform), last(n);
  for (r.iterations = 1; r.iterations <= params.maxIterations; ++r.iterations) {
    step(progress, static_cast<double>(r.iterations) / params.maxIterations);
    last = x;
    double dangling = 0;
    for (Vertex v = 0; v < n; ++v)
      if (outWeight[v] == 0) dangling += last[v];
    std::fill(x.begin(), x.end(), (1 - params.damping) * uniform + params.damping * dangling * uniform);
    for (Vertex v = 0; v < n; ++v) {
      if (outWeight[v] == 0) continue;
      auto targets = g.out(v);
      auto weights = g.outWeights(v);
      for (std::size_t i = 0; i < targets.size(); ++i)
        x[targets[i]] += params.damping * last[v] * weights[i] / outWeight[v];
    }
    double change = 0;
    for (Vertex v = 0; v < n; ++v) change += std::abs(x[v] - last[v]);
    if (change < static_cast<double>(n) * params.tolerance) {
      r.converged = true;
      break;
    }
  }
  r.scores = std::move(x);
  return r;
}

// [SECTION] Clustering

Clustering::Result Clustering::run(const GraphSnapshot& g, const Params&, Progress* progress) {
  const std::size_t n = g.vertexCount();
  Result r;
  r.coefficient.assign(n, 0);
  for (Vertex v = 0; v < n; ++v) {
    if (v % 1024 == 0) step(progress, static_cast<double>(v) / static_cast<double>(n));
    auto nb = g.neighbours(v);
    if (nb.size() < 2) continue;
    std::size_t links = 0;  // ties among the neighbours, each seen from both ends
    for (Vertex a : nb) {
      auto an = g.neighbours(a);
      // Both rows are sorted: count the common members by merging.
      std::size_t i = 0, j = 0;
      while (i < nb.size() && j < an.size()) {
        if (nb[i] < an[j])
          ++i;
        else if (an[j] < nb[i])
          ++j;
        else {
          ++links;
          ++i;
          ++j;
        }
      }
    }
    const double k = static_cast<double>(nb.size());
    r.coefficient[v] = static_cast<double>(links) / (k * (k - 1));
  }
  step(progress, 1);
  return r;
}

// [SECTION] Core number (Batagelj–Zaversnik, O(V + E))

CoreNumber::Result CoreNumber::run(const GraphSnapshot& g, const Params&, Progress* progress) {
  const std::size_t n = g.vertexCount();
  Result r;
  r.core.assign(n, 0);
  if (n == 0) return r;
  std::vector<std::size_t> degree(n), position(n), order(n);
  std::size_t maxDegree = 0;
  for (Vertex v = 0; v < n; ++v) maxDegree = std::max(maxDegree, degree[v] = g.neighbours(v).size());
  std::vector<std::size_t> binStart(maxDegree + 2, 0);
  for (Vertex v = 0; v < n; ++v) ++binStart[degree[v] + 1];
  for (std::size_t d = 1; d < binStart.size(); ++d) binStart[d] += binStart[d - 1];
  std::vector<std::size_t> fill(binStart.begin(), binStart.end() - 1);
  for (Vertex v = 0; v < n; ++v) {
    position[v] = fill[degree[v]]++;
    order[position[v]] = v;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Vertex v = static_cast<Vertex>(order[i]);
    for (Vertex u : g.neighbours(v)) {
      if (degree[u] <= degree[v]) continue;
      // Move u to the front of its bin, then shrink its degree by one.
      const std::size_t du = degree[u], pu = position[u], pw = binStart[du];
      const Vertex w = static_cast<Vertex>(order[pw]);
      if (u != w) {
        std::swap(order[pu], order[pw]);
        position[u] = pw;
        position[w] = pu;
      }
      ++binStart[du];
      --degree[u];
    }
  }
  for (Vertex v = 0; v < n; ++v) r.core[v] = static_cast<int>(degree[v]);
  step(progress, 1);
  return r;
}

// [SECTION] Structural holes (Burt)

StructuralHoles::Result StructuralHoles::run(const GraphSnapshot& g, const Params&, Progress* progress) {
  const std::size_t n = g.vertexCount();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Result r;
  r.constraint.assign(n, nan);
  r.effectiveSize.assign(n, nan);

  // Mutual tie strength a_ij + a_ji, unweighted as networkx's default.
  auto mutual = [&](Vertex i, Vertex j) {
    return static_cast<double>(holds(g.out(i), j)) + static_cast<double>(holds(g.out(j), i));
  };
  std::vector<double> mutualSum(n, 0), mutualMax(n, 0);
  for (Vertex i = 0; i < n; ++i)
    for (Vertex k : g.neighbours(i)) {
      double m = mutual(i, k);
      mutualSum[i] += m;
      mutualMax[i] = std::max(mutualMax[i], m);
    }
  auto p = [&](Vertex i, Vertex j) { return mutualSum[i] > 0 ? mutual(i, j) / mutualSum[i] : 0.0; };

  for (Vertex v = 0; v < n; ++v) {
    if (v % 1024 == 0) step(progress, static_cast<double>(v) / static_cast<double>(n));
    auto nb = g.neighbours(v);
    if (nb.empty()) continue;
    double constraint = 0, effective = 0;
    for (Vertex u : nb) {
      double indirect = 0, redundancy = 0;
      for (Vertex w : nb) {
        if (w == u || !holds(g.neighbours(w), u)) continue;
        indirect += p(v, w) * p(w, u);
        redundancy += p(v, w) * (mutualMax[w] > 0 ? mutual(w, u) / mutualMax[w] : 0);
      }
      const double local = p(v, u) + indirect;
      constraint += local * local;
      effective += 1 - redundancy;
    }
    r.constraint[v] = constraint;
    r.effectiveSize[v] = effective;
  }
  step(progress, 1);
  return r;
}

// [SECTION] Two-step reach

TwoStepReach::Result TwoStepReach::run(const GraphSnapshot& g, const Params&, Progress* progress) {
  const std::size_t n = g.vertexCount();
  Result r;
  r.reach.assign(n, 0);
  std::vector<Vertex> seenBy(n, static_cast<Vertex>(-1));
  for (Vertex v = 0; v < n; ++v) {
    if (v % 1024 == 0) step(progress, static_cast<double>(v) / static_cast<double>(n));
    seenBy[v] = v;
    int count = 0;
    for (Vertex u : g.neighbours(v)) {
      if (seenBy[u] != v) {
        seenBy[u] = v;
        ++count;
      }
      for (Vertex w : g.neighbours(u))
        if (seenBy[w] != v) {
          seenBy[w] = v;
          ++count;
        }
    }
    r.reach[v] = count;
  }
  step(progress, 1);
  return r;
}

}  // namespace nestmap
