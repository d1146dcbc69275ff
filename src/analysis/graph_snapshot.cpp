#include "analysis/graph_snapshot.hpp"

#include <algorithm>

namespace nestmap {
namespace {

constexpr GraphSnapshot::Vertex kNoVertex = static_cast<GraphSnapshot::Vertex>(-1);

bool allowed(const std::vector<RowId>& list, RowId id) {
  return list.empty() || std::find(list.begin(), list.end(), id) != list.end();
}

bool agreementIsActive(const Agreement& a, const std::optional<Date>& asOf) {
  std::optional<AgreementStatus> status = asOf ? a.statusOn(*asOf) : std::optional(a.status());
  return status == AgreementStatus::Agreed || status == AgreementStatus::Formalised ||
         status == AgreementStatus::Practice;
}

}  // namespace

GraphSnapshot::Csr GraphSnapshot::Csr::build(std::size_t n, std::vector<Edge>& arcs) {
  Csr csr;
  csr.offsets.assign(n + 1, 0);
  for (const Edge& e : arcs) ++csr.offsets[e.from + 1];
  for (std::size_t v = 0; v < n; ++v) csr.offsets[v + 1] += csr.offsets[v];
  std::vector<Vertex> targets(arcs.size());
  std::vector<double> weights(arcs.size());
  std::vector<std::uint64_t> next(csr.offsets.begin(), csr.offsets.end() - 1);
  for (const Edge& e : arcs) {
    targets[next[e.from]] = e.to;
    weights[next[e.from]++] = e.weight;
  }
  // Sort each row and merge parallel arcs, compacting in place. Rows that
  // come out sorted already (most, for maps built in id order) skip the sort.
  std::vector<std::pair<Vertex, double>> row;
  std::uint64_t write = 0;
  for (std::size_t v = 0; v < n; ++v) {
    const std::uint64_t begin = csr.offsets[v], end = csr.offsets[v + 1];
    row.clear();
    for (std::uint64_t i = begin; i < end; ++i) row.emplace_back(targets[i], weights[i]);
    if (!std::is_sorted(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.first < b.first; }))
      std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    csr.offsets[v] = write;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0 && row[i].first == row[i - 1].first) {
        weights[write - 1] += row[i].second;
        continue;
      }
      targets[write] = row[i].first;
      weights[write++] = row[i].second;
    }
  }
  csr.offsets[n] = write;
  targets.resize(write);
  weights.resize(write);
  csr.targets = std::move(targets);
  csr.weights = std::move(weights);
  return csr;
}

GraphSnapshot GraphSnapshot::assemble(std::vector<RowId> rowIds, std::vector<Edge> arcs, bool directed) {
  GraphSnapshot g;
  g.m_rowIds = std::move(rowIds);
  g.m_directed = directed;
  const std::size_t n = g.m_rowIds.size();
  if (directed) {
    g.m_out = Csr::build(n, arcs);
    std::vector<Edge> reversed;
    reversed.reserve(arcs.size());
    for (const Edge& e : arcs) reversed.push_back({e.to, e.from, e.weight});
    g.m_in = Csr::build(n, reversed);
    // The direction-free view: every arc both ways. A pair joined both ways
    // sums both arcs' weights, like parallel ties.
    arcs.insert(arcs.end(), reversed.begin(), reversed.end());
  }
  g.m_all = Csr::build(n, arcs);
  return g;
}

GraphSnapshot GraphSnapshot::fromEdges(std::size_t vertexCount, const std::vector<Edge>& edges, bool directed) {
  std::vector<RowId> rowIds(vertexCount);
  for (std::size_t i = 0; i < vertexCount; ++i) rowIds[i] = static_cast<RowId>(i + 1);
  std::vector<Edge> arcs;
  arcs.reserve(edges.size() * 2);
  for (const Edge& e : edges) {
    if (e.from == e.to) continue;
    arcs.push_back(e);
    if (!directed) arcs.push_back({e.to, e.from, e.weight});
  }
  return assemble(std::move(rowIds), std::move(arcs), directed);
}

std::optional<GraphSnapshot::Vertex> GraphSnapshot::vertexOf(RowId id) const {
  auto it = std::lower_bound(m_rowIds.begin(), m_rowIds.end(), id);
  if (it == m_rowIds.end() || *it != id) return std::nullopt;
  return static_cast<Vertex>(it - m_rowIds.begin());
}

GraphSnapshot GraphSnapshot::fromModel(const Model& model, const SnapshotOptions& options) {
  std::vector<RowId> rowIds;
  rowIds.reserve(model.actors.size());
  for (const auto& [id, actor] : model.actors) {
    if (!allowed(options.actorTypes, actor.typeId)) continue;
    if (options.asOf && !withinValidity(*options.asOf, actor.validFrom, actor.validTo)) continue;
    rowIds.push_back(id);  // actor ids ascend, so rowIds is sorted
  }
  GraphSnapshot lookup;
  lookup.m_rowIds = std::move(rowIds);
  // Row id → vertex through a flat table when ids are dense enough (they are,
  // unless most actors were deleted); else by binary search.
  const RowId firstId = lookup.m_rowIds.empty() ? 0 : lookup.m_rowIds.front();
  const RowId idSpan = lookup.m_rowIds.empty() ? 0 : lookup.m_rowIds.back() - firstId + 1;
  std::vector<Vertex> dense;
  if (idSpan > 0 && static_cast<std::size_t>(idSpan) <= 4 * lookup.m_rowIds.size() + 1024) {
    dense.assign(static_cast<std::size_t>(idSpan), kNoVertex);
    for (std::size_t v = 0; v < lookup.m_rowIds.size(); ++v)
      dense[static_cast<std::size_t>(lookup.m_rowIds[v] - firstId)] = static_cast<Vertex>(v);
  }
  auto vertexOf = [&](RowId id) -> std::optional<Vertex> {
    if (dense.empty()) return lookup.vertexOf(id);
    if (id < firstId || id - firstId >= idSpan) return std::nullopt;
    const Vertex v = dense[static_cast<std::size_t>(id - firstId)];
    return v == kNoVertex ? std::nullopt : std::optional<Vertex>(v);
  };

  std::vector<Edge> arcs;
  arcs.reserve(model.ties.size() * 2);
  for (const auto& [id, tie] : model.ties) {
    if (!allowed(options.tieTypes, tie.typeId)) continue;
    if (std::find(options.statuses.begin(), options.statuses.end(), tie.status) == options.statuses.end()) continue;
    if (options.asOf && !withinValidity(*options.asOf, tie.validFrom, tie.validTo)) continue;
    auto from = vertexOf(tie.sourceId), to = vertexOf(tie.targetId);
    if (!from || !to || *from == *to) continue;
    const double weight = tie.weight.value_or(static_cast<double>(tie.strength));
    arcs.push_back({*from, *to, weight});
    if (!options.directed || tie.direction != Direction::Directed) arcs.push_back({*to, *from, weight});
  }
  if (options.agreementsAsTies) {
    for (const auto& [id, agreement] : model.agreements) {
      if (!agreementIsActive(agreement, options.asOf)) continue;
      for (std::size_t i = 0; i < agreement.parties.size(); ++i)
        for (std::size_t j = i + 1; j < agreement.parties.size(); ++j) {
          auto a = vertexOf(agreement.parties[i].actorId), b = vertexOf(agreement.parties[j].actorId);
          if (!a || !b || *a == *b) continue;
          arcs.push_back({*a, *b, 1});
          arcs.push_back({*b, *a, 1});
        }
    }
  }
  return assemble(std::move(lookup.m_rowIds), std::move(arcs), options.directed);
}

}  // namespace nestmap
