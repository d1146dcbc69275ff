#include "analysis/structure.hpp"

#include <algorithm>
#include <numeric>

namespace nestmap {
namespace {
using Vertex = GraphSnapshot::Vertex;
constexpr std::uint32_t kNone = static_cast<std::uint32_t>(-1);
}  // namespace

Components::Result Components::run(const GraphSnapshot& g, const Params&, Progress* progress) {
  const std::size_t n = g.vertexCount();
  Result r;
  r.componentOf.assign(n, -1);
  std::vector<Vertex> queue;
  for (Vertex s = 0; s < n; ++s) {
    if (r.componentOf[s] != -1) continue;
    const int c = static_cast<int>(r.components.size());
    queue.assign(1, s);
    r.componentOf[s] = c;
    for (std::size_t head = 0; head < queue.size(); ++head)
      for (Vertex w : g.neighbours(queue[head]))
        if (r.componentOf[w] == -1) {
          r.componentOf[w] = c;
          queue.push_back(w);
        }
    std::sort(queue.begin(), queue.end());
    r.components.push_back(queue);
  }
  // Largest first; found in order of their smallest vertex, so a stable sort
  // breaks ties by it.
  std::vector<std::size_t> order(r.components.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return r.components[a].size() > r.components[b].size(); });
  std::vector<std::vector<Vertex>> sorted;
  sorted.reserve(order.size());
  std::vector<int> renumber(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    renumber[order[i]] = static_cast<int>(i);
    sorted.push_back(std::move(r.components[order[i]]));
  }
  r.components = std::move(sorted);
  for (int& c : r.componentOf) c = renumber[static_cast<std::size_t>(c)];
  step(progress, 1);
  return r;
}

CutPoints::Result CutPoints::run(const GraphSnapshot& g, const Params& params, Progress* progress) {
  const std::size_t n = g.vertexCount();
  Result r;
  // Iterative DFS: maps of 100k actors would overflow the call stack.
  std::vector<std::uint32_t> disc(n, kNone), low(n, 0), parent(n, kNone), subtree(n, 1), preorder;
  std::vector<std::size_t> nextEdge(n, 0);
  preorder.reserve(n);
  // Per vertex, the children whose subtree it separates (low[child] >= disc[v]).
  std::vector<std::vector<Vertex>> separated(n);
  std::vector<Vertex> stack;
  std::vector<std::uint32_t> stamp(n, 0);
  std::uint32_t stampNow = 0;
  // Tree and back edges not yet assigned to a biconnected component.
  std::vector<std::pair<Vertex, Vertex>> edgeStack;
  std::vector<std::uint32_t> blockStamp(params.blocks ? n : 0, 0);
  std::uint32_t blockStampNow = 0;

  for (Vertex root = 0; root < n; ++root) {
    if (disc[root] != kNone) continue;
    const std::size_t componentStart = preorder.size();
    disc[root] = low[root] = static_cast<std::uint32_t>(preorder.size());
    preorder.push_back(root);
    stack.assign(1, root);
    while (!stack.empty()) {
      const Vertex v = stack.back();
      auto nb = g.neighbours(v);
      if (nextEdge[v] < nb.size()) {
        const Vertex w = nb[nextEdge[v]++];
        if (disc[w] == kNone) {
          parent[w] = v;
          disc[w] = low[w] = static_cast<std::uint32_t>(preorder.size());
          preorder.push_back(w);
          stack.push_back(w);
          if (params.blocks) edgeStack.emplace_back(v, w);
        } else if (w != parent[v] && disc[w] < disc[v]) {
          low[v] = std::min(low[v], disc[w]);
          if (params.blocks) edgeStack.emplace_back(v, w);
        }
        continue;
      }
      stack.pop_back();
      if (parent[v] == kNone) continue;
      const Vertex p = parent[v];
      low[p] = std::min(low[p], low[v]);
      subtree[p] += subtree[v];
      if (low[v] > disc[p]) r.bridges.emplace_back(std::min(p, v), std::max(p, v));
      if (low[v] >= disc[p]) {
        separated[p].push_back(v);
        if (params.blocks) {
          // The edges above (p, v) on the stack form one biconnected component;
          // a stamp per vertex collects its members once each.
          std::vector<Vertex> block;
          ++blockStampNow;
          auto add = [&](Vertex x) {
            if (blockStamp[x] != blockStampNow) {
              blockStamp[x] = blockStampNow;
              block.push_back(x);
            }
          };
          while (!edgeStack.empty()) {
            const auto [a, b] = edgeStack.back();
            edgeStack.pop_back();
            add(a);
            add(b);
            if (a == p && b == v) break;
          }
          std::sort(block.begin(), block.end());
          r.blocks.push_back(std::move(block));
        }
      }
    }
    const std::size_t componentSize = preorder.size() - componentStart;
    if (progress) step(progress, static_cast<double>(preorder.size()) / static_cast<double>(n));

    // A root is a cut point with two or more DFS children; any other vertex
    // with at least one separated child.
    for (std::size_t i = componentStart; i < preorder.size(); ++i) {
      const Vertex v = preorder[i];
      const bool isRoot = v == root;
      if (separated[v].empty() || (isRoot && separated[v].size() < 2)) continue;
      if (!params.cutsOff) {
        r.articulationPoints.push_back({v, {}});
        continue;
      }
      // Pieces left without v: each separated subtree (a preorder range) and,
      // for a non-root, the rest of the component. The largest stays linked;
      // on equal sizes the rest (which holds the DFS root) or else the first
      // subtree stays. Only the pieces cut off are listed, so the work is the
      // size of the answer, plus one scan of the component when the rest goes.
      std::uint32_t separatedTotal = 0;
      for (Vertex c : separated[v]) separatedTotal += subtree[c];
      const std::uint32_t restSize = isRoot ? 0 : static_cast<std::uint32_t>(componentSize - 1 - separatedTotal);
      std::size_t keepChild = separated[v].size();  // == size(): the rest stays
      std::uint32_t keepSize = isRoot ? 0 : restSize;
      for (std::size_t k = 0; k < separated[v].size(); ++k)
        if (subtree[separated[v][k]] > keepSize || (isRoot && k == 0)) {
          keepSize = subtree[separated[v][k]];
          keepChild = k;
        }
      ArticulationPoint ap{v, {}};
      for (std::size_t k = 0; k < separated[v].size(); ++k) {
        if (k == keepChild) continue;
        const Vertex c = separated[v][k];
        ap.cutsOff.insert(ap.cutsOff.end(), preorder.begin() + disc[c], preorder.begin() + disc[c] + subtree[c]);
      }
      if (!isRoot && keepChild != separated[v].size()) {
        ++stampNow;
        stamp[v] = stampNow;
        for (Vertex c : separated[v])
          for (std::uint32_t k = disc[c]; k < disc[c] + subtree[c]; ++k) stamp[preorder[k]] = stampNow;
        for (std::size_t k = componentStart; k < preorder.size(); ++k)
          if (stamp[preorder[k]] != stampNow) ap.cutsOff.push_back(preorder[k]);
      }
      std::sort(ap.cutsOff.begin(), ap.cutsOff.end());
      r.articulationPoints.push_back(std::move(ap));
    }
  }
  std::sort(r.articulationPoints.begin(), r.articulationPoints.end(),
            [](const ArticulationPoint& a, const ArticulationPoint& b) { return a.vertex < b.vertex; });
  std::sort(r.bridges.begin(), r.bridges.end());
  std::sort(r.blocks.begin(), r.blocks.end());
  step(progress, 1);
  return r;
}

}  // namespace nestmap
