#include "analysis/communities.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

namespace nestmap {
namespace {

using Node = std::uint32_t;

/// One level of the Louvain hierarchy: the snapshot itself, then graphs whose
/// nodes are the previous level's communities. Edges inside a node are kept
/// apart in `loop` (weight counted once, as networkx counts a self-loop), so
/// rows hold only other nodes and `degree` = row sum + 2·loop.
struct LevelGraph {
  std::vector<std::uint64_t> offsets{0};
  std::vector<Node> targets;
  std::vector<double> weights;
  std::vector<double> loop, degree;

  std::size_t size() const { return loop.size(); }
};

/// A value in [0, bound) from the engine's raw output, rejecting the top
/// 2^64 mod bound values so that it is unbiased. Unlike
/// std::uniform_int_distribution this draws the same numbers on every standard
/// library, which keeps a seed's partition the same everywhere.
std::uint64_t uniformBelow(std::mt19937_64& rng, std::uint64_t bound) {
  const std::uint64_t rejectBelow = (0 - bound) % bound;
  for (;;) {
    const std::uint64_t x = rng();
    if (x >= rejectBelow) return x % bound;
  }
}

void shuffle(std::vector<Node>& order, std::mt19937_64& rng) {
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[uniformBelow(rng, i)]);
}

LevelGraph fromSnapshot(const GraphSnapshot& g) {
  const std::size_t n = g.vertexCount();
  LevelGraph level;
  level.offsets.reserve(n + 1);
  level.targets.reserve(2 * g.edgeCount());
  level.weights.reserve(2 * g.edgeCount());
  level.loop.assign(n, 0);
  level.degree.assign(n, 0);
  for (Node v = 0; v < n; ++v) {
    const auto row = g.neighbours(v);
    const auto weights = g.neighbourWeights(v);
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (weights[i] < 0) throw std::invalid_argument("Louvain needs edge weights of zero or more");
      if (row[i] == v) {
        // Snapshots drop self-loops today; should one appear, it is one entry in its row.
        level.loop[v] += weights[i];
        level.degree[v] += 2 * weights[i];
        continue;
      }
      level.targets.push_back(row[i]);
      level.weights.push_back(weights[i]);
      level.degree[v] += weights[i];
    }
    level.offsets.push_back(level.targets.size());
  }
  return level;
}

/// Summed weight from one node to each neighbouring community, in a flat
/// array indexed by community with a list of the entries in use, so that
/// gathering and clearing cost the node's row length and nothing more.
class LinkWeights {
 public:
  explicit LinkWeights(std::size_t n) : m_weight(n, 0), m_used(n, 0) {}
  void add(Node community, double w) {
    if (!m_used[community]) {
      m_used[community] = 1;
      m_weight[community] = 0;
      m_touched.push_back(community);
    }
    m_weight[community] += w;
  }
  double operator[](Node community) const { return m_used[community] ? m_weight[community] : 0; }
  const std::vector<Node>& touched() const { return m_touched; }
  void clear() {
    for (Node c : m_touched) m_used[c] = 0;
    m_touched.clear();
  }

 private:
  std::vector<double> m_weight;
  std::vector<std::uint8_t> m_used;
  std::vector<Node> m_touched;
};

struct Moved {
  bool any = false;
  double gain = 0;  ///< modularity gained by the level's moves
};

/// The local moving phase on one level: every node in turn goes to the
/// neighbouring community that raises modularity most (staying put on a tie),
/// pass after pass until a pass moves nothing or gains no more than threshold.
/// `community` starts as one community per node. `report(pass, done)` keeps
/// the caller's progress and cancellation.
template <class Report>
Moved moveNodes(const LevelGraph& g, std::vector<Node>& community, double twoM, const LouvainParams& params,
                std::mt19937_64& rng, LinkWeights& links, Report report) {
  const std::size_t n = g.size();
  std::vector<double> total(g.degree);  // summed degree per community
  std::vector<Node> order(n);
  for (Node v = 0; v < n; ++v) order[v] = v;
  Moved result;
  for (int pass = 0;; ++pass) {
    shuffle(order, rng);
    std::size_t moves = 0;
    double passGain = 0;  // in units of m, like the gains below
    for (std::size_t i = 0; i < n; ++i) {
      if (i % 1024 == 0) report(pass, static_cast<double>(i) / static_cast<double>(n));
      const Node v = order[i];
      const Node from = community[v];
      for (std::uint64_t a = g.offsets[v]; a < g.offsets[v + 1]; ++a) links.add(community[g.targets[a]], g.weights[a]);
      // Gain of joining c from a community of its own, times m:
      //   k_{v,c} − γ·tot_c·k_v/2m.
      // v's loop stays inside v wherever it goes, so it cancels out.
      const double scale = params.resolution * g.degree[v] / twoM;
      total[from] -= g.degree[v];
      const double stayGain = links[from] - total[from] * scale;
      Node best = from;
      double bestGain = stayGain;
      for (Node c : links.touched()) {
        const double gain = links[c] - total[c] * scale;
        if (gain > bestGain) {
          best = c;
          bestGain = gain;
        }
      }
      total[best] += g.degree[v];
      links.clear();
      if (best != from) {
        community[v] = best;
        ++moves;
        passGain += bestGain - stayGain;
      }
    }
    // ΔQ = gain / m = 2·gain / 2m.
    passGain *= 2 / twoM;
    result.gain += passGain;
    if (moves > 0) result.any = true;
    if (moves == 0 || passGain <= params.threshold) break;
  }
  return result;
}

/// Renumbers communities 0..k−1 in order of first node; returns k.
std::size_t renumber(std::vector<Node>& community) {
  constexpr Node kUnset = ~Node{0};
  std::vector<Node> newId(community.size(), kUnset);
  Node next = 0;
  for (Node& c : community) {
    if (newId[c] == kUnset) newId[c] = next++;
    c = newId[c];
  }
  return next;
}

/// The graph of communities: one node per community (numbered 0..k−1), edges
/// between communities summed, edges inside one added to its loop.
LevelGraph aggregate(const LevelGraph& g, const std::vector<Node>& community, std::size_t k, LinkWeights& links) {
  const std::size_t n = g.size();
  // Members of each community, by counting sort.
  std::vector<std::uint64_t> start(k + 1, 0);
  for (Node c : community) ++start[c + 1];
  for (std::size_t c = 0; c < k; ++c) start[c + 1] += start[c];
  std::vector<Node> members(n);
  std::vector<std::uint64_t> next(start.begin(), start.end() - 1);
  for (Node v = 0; v < n; ++v) members[next[community[v]]++] = v;

  LevelGraph out;
  out.offsets.reserve(k + 1);
  out.loop.assign(k, 0);
  out.degree.assign(k, 0);
  for (Node c = 0; c < k; ++c) {
    for (std::uint64_t i = start[c]; i < start[c + 1]; ++i) {
      const Node v = members[i];
      out.loop[c] += g.loop[v];
      out.degree[c] += g.degree[v];
      for (std::uint64_t a = g.offsets[v]; a < g.offsets[v + 1]; ++a) {
        const Node to = community[g.targets[a]];
        if (to == c)
          out.loop[c] += g.weights[a] / 2;  // seen once from each end
        else
          links.add(to, g.weights[a]);
      }
    }
    for (Node to : links.touched()) {
      out.targets.push_back(to);
      out.weights.push_back(links[to]);
    }
    links.clear();
    out.offsets.push_back(out.targets.size());
  }
  return out;
}

/// Modularity of a partition of a level graph's nodes (community ids < size()).
double levelModularity(const LevelGraph& g, const std::vector<Node>& community, double twoM, double resolution) {
  std::vector<double> inside(g.size(), 0), total(g.size(), 0);
  for (Node v = 0; v < g.size(); ++v) {
    const Node c = community[v];
    total[c] += g.degree[v];
    inside[c] += 2 * g.loop[v];
    for (std::uint64_t a = g.offsets[v]; a < g.offsets[v + 1]; ++a)
      if (community[g.targets[a]] == c) inside[c] += g.weights[a];
  }
  double q = 0;
  for (std::size_t c = 0; c < g.size(); ++c) q += inside[c] / twoM - resolution * (total[c] / twoM) * (total[c] / twoM);
  return q;
}

}  // namespace

// [SECTION] Modularity

Modularity::Result Modularity::run(const GraphSnapshot& g, const Params& params, Progress* progress) {
  step(progress, 0);
  const std::size_t n = g.vertexCount();
  if (params.community.size() != n) throw std::invalid_argument("modularity needs one community label per vertex");
  // Labels are any ints: map them to 0..k−1.
  std::vector<int> labels = params.community;
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  std::vector<std::size_t> id(n);
  for (std::size_t v = 0; v < n; ++v)
    id[v] =
        static_cast<std::size_t>(std::lower_bound(labels.begin(), labels.end(), params.community[v]) - labels.begin());

  std::vector<double> inside(labels.size(), 0), total(labels.size(), 0);
  double twoM = 0;
  for (GraphSnapshot::Vertex v = 0; v < n; ++v) {
    if (v % 4096 == 0) step(progress, 0.9 * v / static_cast<double>(n));
    const auto row = g.neighbours(v);
    const auto weights = g.neighbourWeights(v);
    for (std::size_t i = 0; i < row.size(); ++i) {
      // A self-loop (one entry in its row) counts twice in the degree, as in networkx.
      const double w = row[i] == v ? 2 * weights[i] : weights[i];
      total[id[v]] += w;
      twoM += w;
      if (id[row[i]] == id[v]) inside[id[v]] += w;
    }
  }
  Result r;
  if (twoM != 0)
    for (std::size_t c = 0; c < labels.size(); ++c)
      r.q += inside[c] / twoM - params.resolution * (total[c] / twoM) * (total[c] / twoM);
  step(progress, 1);
  return r;
}

// [SECTION] Louvain

Louvain::Result Louvain::run(const GraphSnapshot& g, const Params& params, Progress* progress) {
  step(progress, 0);
  const std::size_t n = g.vertexCount();
  LevelGraph level = fromSnapshot(g);
  double twoM = 0;
  for (double d : level.degree) twoM += d;

  Result r;
  std::vector<Node> vertexCommunity(n);  // each vertex's node in the current level
  for (Node v = 0; v < n; ++v) vertexCommunity[v] = v;
  std::vector<Node> community(n);  // each current node's community
  for (Node v = 0; v < n; ++v) community[v] = v;

  if (twoM > 0) {
    std::mt19937_64 rng(params.seed);
    LinkWeights links(n);
    for (int depth = 0;; ++depth) {
      // Progress is unknown ahead: level d fills [1 − 2^−d, 1 − 2^−(d+1)), and
      // pass p the same halving share of its level.
      const double levelStart = 1 - std::ldexp(1.0, -depth), levelWidth = std::ldexp(1.0, -depth - 1);
      auto report = [&](int pass, double done) {
        const double passStart = 1 - std::ldexp(1.0, -pass), passWidth = std::ldexp(1.0, -pass - 1);
        step(progress, levelStart + levelWidth * (passStart + passWidth * done));
      };
      const Moved moved = moveNodes(level, community, twoM, params, rng, links, report);
      if (!moved.any) break;
      ++r.levels;
      const std::size_t k = renumber(community);
      for (Node& c : vertexCommunity) c = community[c];
      if (moved.gain <= params.threshold || (params.maxLevels > 0 && r.levels >= params.maxLevels)) break;
      level = aggregate(level, community, k, links);
      community.resize(k);
      for (Node c = 0; c < k; ++c) community[c] = c;
    }
    // From the last level's graph rather than the snapshot: an independent
    // check of the aggregation when compared with Modularity::run.
    r.modularity = levelModularity(level, community, twoM, params.resolution);
  }

  // Number communities by their smallest vertex.
  r.community.assign(vertexCommunity.begin(), vertexCommunity.end());
  std::vector<int> newId(n, -1);
  int next = 0;
  for (int& c : r.community) {
    if (newId[static_cast<std::size_t>(c)] < 0) newId[static_cast<std::size_t>(c)] = next++;
    c = newId[static_cast<std::size_t>(c)];
  }
  step(progress, 1);
  return r;
}

}  // namespace nestmap
