#pragma once
// [SECTION] GraphSnapshot: the immutable graph every analysis runs on

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/model.hpp"

namespace nestmap {

/// What of a map goes into a snapshot.
struct SnapshotOptions {
  std::vector<RowId> actorTypes;                       ///< empty: every type
  std::vector<RowId> tieTypes;                         ///< empty: every type
  std::vector<TieStatus> statuses{TieStatus::Active};  ///< tie statuses that count
  std::optional<Date> asOf;                            ///< only actors, ties and agreement statuses valid on this day
  bool agreementsAsTies = true;  ///< agreements agreed, formalised or in practice join each pair of their parties
  bool directed = false;         ///< keep directions: a directed tie is one arc, others two
};

/// An immutable, dense graph: vertices 0..n-1 in actor-id order, adjacency in
/// compressed sparse rows. Parallel ties between a pair merge into one edge
/// whose weight is the sum of theirs (a tie weighs its weight, else its
/// strength). Row ids and vertex indices are mapped here and nowhere else.
class GraphSnapshot {
 public:
  using Vertex = std::uint32_t;
  struct Edge {
    Vertex from, to;
    double weight = 1;
  };

  /// The snapshot of `model` under `options`.
  static GraphSnapshot fromModel(const Model& model, const SnapshotOptions& options = {});
  /// A snapshot of a plain edge list (tests, benchmarks); vertex i has row id i + 1.
  static GraphSnapshot fromEdges(std::size_t vertexCount, const std::vector<Edge>& edges, bool directed);

  std::size_t vertexCount() const { return m_rowIds.size(); }
  /// Distinct adjacent pairs (undirected) or arcs (directed).
  std::size_t edgeCount() const { return m_directed ? m_out.targets.size() : m_all.targets.size() / 2; }
  bool directed() const { return m_directed; }

  /// Neighbours ignoring direction (in ∪ out), ascending, each once.
  std::span<const Vertex> neighbours(Vertex v) const { return m_all.row(v); }
  std::span<const double> neighbourWeights(Vertex v) const { return m_all.weightRow(v); }
  /// Arcs leaving / entering v; in an undirected snapshot both are the neighbours.
  std::span<const Vertex> out(Vertex v) const { return m_directed ? m_out.row(v) : m_all.row(v); }
  std::span<const double> outWeights(Vertex v) const { return m_directed ? m_out.weightRow(v) : m_all.weightRow(v); }
  std::span<const Vertex> in(Vertex v) const { return m_directed ? m_in.row(v) : m_all.row(v); }
  std::span<const double> inWeights(Vertex v) const { return m_directed ? m_in.weightRow(v) : m_all.weightRow(v); }

  RowId rowId(Vertex v) const { return m_rowIds[v]; }
  std::optional<Vertex> vertexOf(RowId id) const;
  const std::vector<RowId>& rowIds() const { return m_rowIds; }

 private:
  struct Csr {
    std::vector<std::uint64_t> offsets{0};
    std::vector<Vertex> targets;
    std::vector<double> weights;
    std::span<const Vertex> row(Vertex v) const {
      return {targets.data() + offsets[v], static_cast<std::size_t>(offsets[v + 1] - offsets[v])};
    }
    std::span<const double> weightRow(Vertex v) const {
      return {weights.data() + offsets[v], static_cast<std::size_t>(offsets[v + 1] - offsets[v])};
    }
    /// Rows from arcs (any order, duplicates merged by summing weights).
    static Csr build(std::size_t n, std::vector<Edge>& arcs);
  };

  static GraphSnapshot assemble(std::vector<RowId> rowIds, std::vector<Edge> arcs, bool directed);

  std::vector<RowId> m_rowIds;  ///< ascending
  bool m_directed = false;
  Csr m_all, m_out, m_in;
};

}  // namespace nestmap
