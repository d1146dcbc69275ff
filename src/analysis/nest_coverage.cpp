#include "analysis/nest_coverage.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace nestmap {
namespace {

using Vertex = GraphSnapshot::Vertex;

bool actorValid(const Actor& a, Date day) { return withinValidity(day, a.validFrom, a.validTo); }

bool tieActive(const Tie& t, Date day) {
  return t.status == TieStatus::Active && withinValidity(day, t.validFrom, t.validTo);
}

/// What a cell is worth before its flags: an informal cell is worth half, or a
/// quarter where the template asks for an agreement.
double statusValue(CoverageStatus s, Reach reach) {
  switch (s) {
    case CoverageStatus::Formalised:
      return 1.0;
    case CoverageStatus::Informal:
      return reach == Reach::Formal ? 0.25 : 0.5;
    case CoverageStatus::Missing:
      break;
  }
  return 0.0;
}

int rank(CoverageStatus s) { return static_cast<int>(s); }

/// The two ends of an undirected pair, smaller first (by value: std::minmax returns references).
template <class T>
std::pair<T, T> ordered(T a, T b) {
  return a < b ? std::pair(a, b) : std::pair(b, a);
}

/// What one prison's side formally reaches: per category, the partners and
/// the agreements, plus extra edges for agreements scoped to the prison
/// without a party on its side.
struct FormalLinks {
  std::vector<std::vector<std::pair<Vertex, RowId>>> partners;  ///< per category: (partner, agreement)
  std::vector<std::vector<RowId>> pending;                      ///< per category: agreements not counting yet
  std::vector<std::pair<Vertex, Vertex>> extraEdges;
};

}  // namespace

bool agreementCounts(AgreementStatus status) {
  return status == AgreementStatus::Agreed || status == AgreementStatus::Formalised ||
         status == AgreementStatus::Practice;
}

std::string_view key(CoverageStatus status) {
  switch (status) {
    case CoverageStatus::Formalised:
      return "formalised";
    case CoverageStatus::Informal:
      return "informal";
    case CoverageStatus::Missing:
      break;
  }
  return "missing";
}

std::string_view key(Fragility fragility) {
  switch (fragility) {
    case Fragility::SinglePartner:
      return "single_partner";
    case Fragility::SingleActor:
      return "single_actor";
    case Fragility::SingleTie:
      return "single_tie";
    case Fragility::None:
      break;
  }
  return "";
}

// ---------------------------------------------------------------------------
// The nest

PrisonSides PrisonSides::of(const Model& model, Date asOf) {
  PrisonSides result;
  const ActorType* prisonType = model.actorTypeByKey(kPrisonTypeKey);
  if (!prisonType) return result;
  std::vector<RowId> sideTypes;
  for (std::string_view k : kSideTypeKeys)
    if (const ActorType* t = model.actorTypeByKey(k)) sideTypes.push_back(t->id);

  std::map<RowId, std::vector<RowId>> children;
  std::vector<const Actor*> prisons;
  for (const auto& [id, a] : model.actors) {
    if (!actorValid(a, asOf)) continue;
    if (a.parentId) children[a.parentId].push_back(id);
    if (a.typeId == prisonType->id) prisons.push_back(&a);
  }
  std::sort(prisons.begin(), prisons.end(),
            [](const Actor* a, const Actor* b) { return std::tie(a->name, a->id) < std::tie(b->name, b->id); });

  std::map<RowId, std::size_t> index;
  for (const Actor* p : prisons) {
    index[p->id] = result.prisons.size();
    Side side{p->id, {p->id}};
    // Everything under the prison, at any depth; each actor once, even if a
    // damaged file holds a cycle of parents.
    std::set<RowId> seen{p->id};
    for (std::size_t i = 0; i < side.actors.size(); ++i)
      if (auto it = children.find(side.actors[i]); it != children.end())
        for (RowId child : it->second)
          if (seen.insert(child).second) side.actors.push_back(child);
    result.prisons.push_back(std::move(side));
  }
  auto isSideType = [&](const Actor& a) {
    return std::find(sideTypes.begin(), sideTypes.end(), a.typeId) != sideTypes.end() && actorValid(a, asOf);
  };
  for (const auto& [id, tie] : model.ties) {
    if (!tieActive(tie, asOf)) continue;
    for (auto [prison, other] : {std::pair(tie.sourceId, tie.targetId), std::pair(tie.targetId, tie.sourceId)}) {
      auto it = index.find(prison);
      if (it == index.end()) continue;
      const Actor* a = model.actors.find(other);
      if (a && isSideType(*a)) result.prisons[it->second].actors.push_back(other);
    }
  }
  for (Side& side : result.prisons) {
    std::sort(side.actors.begin() + 1, side.actors.end());
    side.actors.erase(std::unique(side.actors.begin() + 1, side.actors.end()), side.actors.end());
    side.actors.erase(std::remove(side.actors.begin() + 1, side.actors.end(), side.prisonId), side.actors.end());
  }
  return result;
}

const PrisonSides::Side* PrisonSides::find(RowId prisonId) const {
  for (const Side& s : prisons)
    if (s.prisonId == prisonId) return &s;
  return nullptr;
}

std::vector<const NestCategory*> templateCategories(const Model& model, RowId templateId) {
  std::vector<const NestCategory*> out;
  for (const auto& [id, c] : model.nestCategories)
    if (c.templateId == templateId) out.push_back(&c);
  std::stable_sort(out.begin(), out.end(),
                   [](const NestCategory* a, const NestCategory* b) { return a->sort < b->sort; });
  return out;
}

const NestTemplate* defaultTemplate(const Model& model) {
  return model.nestTemplates.empty() ? nullptr : &model.nestTemplates.records().front();
}

int hopLimit(const Model& model, const NestCategory& category) {
  if (category.hopLimit) return *category.hopLimit;
  const NestTemplate* t = model.nestTemplates.find(category.templateId);
  return t ? t->hopLimit : 2;
}

// ---------------------------------------------------------------------------
// NestCoverage

namespace {

/// The shared state of one coverage run.
class CoverageRun {
 public:
  CoverageRun(const Model& model, const GraphSnapshot& graph, const NestCoverage::Params& params)
      : m_model(model), m_asOf(params.asOf), m_graph(graph), m_bfs(m_graph), m_probe(m_graph) {}

  NestCoverage::Result run(const NestCoverage::Params& params, Progress* progress) {
    NestCoverage::Result result;
    result.asOf = m_asOf;
    const NestTemplate* tmpl =
        params.templateId ? m_model.nestTemplates.find(params.templateId) : defaultTemplate(m_model);
    if (!tmpl) return result;
    result.templateId = tmpl->id;
    m_categories = templateCategories(m_model, tmpl->id);
    for (const NestCategory* c : m_categories) result.categories.push_back(c->id);
    indexCategories();

    const PrisonSides sides = PrisonSides::of(m_model, m_asOf);
    m_onAnySide.assign(m_graph.vertexCount(), 0);
    for (const PrisonSides::Side& side : sides.prisons)
      for (RowId id : side.actors)
        if (auto v = m_graph.vertexOf(id)) m_onAnySide[*v] = 1;
    std::size_t done = 0;
    for (const PrisonSides::Side& side : sides.prisons) {
      step(progress, static_cast<double>(done++) / static_cast<double>(std::max<std::size_t>(1, sides.prisons.size())));
      if (!params.prisons.empty() &&
          std::find(params.prisons.begin(), params.prisons.end(), side.prisonId) == params.prisons.end())
        continue;
      result.prisons.push_back(coverPrison(side));
    }
    if (params.nameTies) nameTies(result.prisons);
    result.categoryScores.assign(m_categories.size(), 0.0);
    for (std::size_t k = 0; k < m_categories.size() && !result.prisons.empty(); ++k) {
      double sum = 0;
      for (const PrisonCoverage& p : result.prisons) sum += p.cells[k].value;
      result.categoryScores[k] = 100.0 * sum / static_cast<double>(result.prisons.size());
    }
    return result;
  }

 private:
  void indexCategories() {
    m_categoriesOfVertex.assign(m_graph.vertexCount(), {});
    std::map<RowId, std::vector<int>> byType;
    for (std::size_t k = 0; k < m_categories.size(); ++k)
      for (RowId type : m_categories[k]->actorTypeIds) byType[type].push_back(static_cast<int>(k));
    for (Vertex v = 0; v < m_graph.vertexCount(); ++v)
      if (auto it = byType.find(m_model.actors.find(m_graph.rowId(v))->typeId); it != byType.end())
        m_categoriesOfVertex[v] = it->second;
  }

  FormalLinks formalLinks(RowId prisonId, const std::vector<char>& onSide) const {
    FormalLinks links;
    links.partners.resize(m_categories.size());
    links.pending.resize(m_categories.size());
    const auto prisonVertex = *m_graph.vertexOf(prisonId);
    for (const auto& [id, agreement] : m_model.agreements) {
      const auto status = agreement.statusOn(m_asOf);
      if (!status || *status == AgreementStatus::Stopped) continue;
      std::vector<Vertex> parties, sideParties;
      for (const AgreementParty& party : agreement.parties)
        if (auto v = m_graph.vertexOf(party.actorId)) {
          parties.push_back(*v);
          if (onSide[*v]) sideParties.push_back(*v);
        }
      const bool scoped = agreement.scopePrisonId == prisonId;
      if (sideParties.empty() && !scoped) continue;
      const bool counts = agreementCounts(*status);
      for (Vertex c : parties) {
        // The nest is what lies around the side: the JWW team working in the
        // prison is part of the side, not a partner in its own category.
        if (onSide[c]) continue;
        for (int k : m_categoriesOfVertex[c]) {
          if (counts)
            links.partners[k].emplace_back(c, id);
          else if (*status != AgreementStatus::Evaluated &&
                   std::find(links.pending[k].begin(), links.pending[k].end(), id) == links.pending[k].end())
            links.pending[k].push_back(id);
        }
        if (counts && scoped && sideParties.empty() && c != prisonVertex)
          links.extraEdges.emplace_back(prisonVertex, c);
      }
    }
    return links;
  }

  /// Breadth-first search from a set of sources up to a number of steps,
  /// optionally without one vertex or one edge; resets only what it touched.
  class BoundedBfs {
   public:
    explicit BoundedBfs(const GraphSnapshot& g) : m_g(g), m_dist(g.vertexCount(), -1), m_parent(g.vertexCount()) {}
    /// `closed[v]` marks vertices never entered (other prisons' sides).
    void run(const std::vector<Vertex>& sources, int limit, const std::vector<std::pair<Vertex, Vertex>>& extra,
             const std::vector<char>& closed, std::optional<Vertex> blockedVertex = {},
             std::optional<std::pair<Vertex, Vertex>> blockedEdge = {}) {
      for (Vertex v : m_touched) m_dist[v] = -1;
      m_touched.clear();
      for (Vertex s : sources) {
        if (s == blockedVertex || m_dist[s] >= 0) continue;
        m_dist[s] = 0;
        m_parent[s] = s;
        m_touched.push_back(s);
      }
      auto blocked = [&](Vertex a, Vertex b) {
        if (b == blockedVertex) return true;
        return blockedEdge && ((blockedEdge->first == a && blockedEdge->second == b) ||
                               (blockedEdge->first == b && blockedEdge->second == a));
      };
      auto visit = [&](Vertex from, Vertex to) {
        if (m_dist[to] >= 0 || closed[to] || blocked(from, to)) return;
        m_dist[to] = m_dist[from] + 1;
        m_parent[to] = from;
        m_touched.push_back(to);
      };
      for (std::size_t head = 0; head < m_touched.size(); ++head) {
        const Vertex v = m_touched[head];
        if (m_dist[v] >= limit) continue;
        for (Vertex w : m_g.neighbours(v)) visit(v, w);
        for (auto [a, b] : extra) {
          if (a == v) visit(v, b);
          if (b == v) visit(v, a);
        }
      }
    }
    int dist(Vertex v) const { return m_dist[v]; }
    Vertex parent(Vertex v) const { return m_parent[v]; }
    const std::vector<Vertex>& reached() const { return m_touched; }
    /// The way from a source to `v` (source first).
    std::vector<Vertex> path(Vertex v) const {
      std::vector<Vertex> out{v};
      while (m_parent[out.back()] != out.back()) out.push_back(m_parent[out.back()]);
      std::reverse(out.begin(), out.end());
      return out;
    }

   private:
    const GraphSnapshot& m_g;
    std::vector<int> m_dist;
    std::vector<Vertex> m_parent;
    std::vector<Vertex> m_touched;
  };

  PrisonCoverage coverPrison(const PrisonSides::Side& side) {
    PrisonCoverage out;
    out.prisonId = side.prisonId;
    out.side = side.actors;
    std::vector<Vertex> sources;
    std::vector<char> onSide(m_graph.vertexCount(), 0);
    for (RowId id : side.actors)
      if (auto v = m_graph.vertexOf(id)) {
        sources.push_back(*v);
        onSide[*v] = 1;
      }
    std::sort(sources.begin(), sources.end());
    const Vertex prisonVertex = *m_graph.vertexOf(side.prisonId);
    const FormalLinks links = formalLinks(side.prisonId, onSide);
    // Another prison's staff is no way to help for this prison's families.
    m_closed.assign(m_graph.vertexCount(), 0);
    for (Vertex v = 0; v < m_graph.vertexCount(); ++v) m_closed[v] = m_onAnySide[v] && !onSide[v];

    int maxHops = 1;
    for (const NestCategory* c : m_categories) maxHops = std::max(maxHops, hopLimit(m_model, *c));
    m_bfs.run(sources, maxHops, links.extraEdges, m_closed);

    double weighted = 0, weights = 0;
    for (std::size_t k = 0; k < m_categories.size(); ++k) {
      CoverageCell cell = coverCategory(static_cast<int>(k), sources, prisonVertex, links);
      weighted += m_categories[k]->weight * cell.value;
      weights += m_categories[k]->weight;
      out.cells.push_back(std::move(cell));
    }
    out.score = weights > 0 ? 100.0 * weighted / weights : 0.0;
    return out;
  }

  CoverageCell coverCategory(int k, const std::vector<Vertex>& sources, Vertex prisonVertex, const FormalLinks& links) {
    const NestCategory& category = *m_categories[k];
    const int limit = hopLimit(m_model, category);
    CoverageCell cell;
    cell.categoryId = category.id;

    // The partners: formal ones, and actors of the category within the hop limit.
    std::map<Vertex, CellPartner> partners;
    for (auto [v, agreement] : links.partners[k]) {
      CellPartner& p = partners[v];
      p.actorId = m_graph.rowId(v);
      p.formal = true;
      if (std::find(cell.agreements.begin(), cell.agreements.end(), agreement) == cell.agreements.end())
        cell.agreements.push_back(agreement);
    }
    for (Vertex v : m_bfs.reached())
      if (m_bfs.dist(v) > 0 && m_bfs.dist(v) <= limit &&
          std::find(m_categoriesOfVertex[v].begin(), m_categoriesOfVertex[v].end(), k) != m_categoriesOfVertex[v].end())
        partners[v].actorId = m_graph.rowId(v);
    std::vector<Vertex> targets;
    for (auto& [v, p] : partners) {
      p.hops = m_bfs.dist(v);
      targets.push_back(v);
      cell.partners.push_back(p);
    }
    std::sort(cell.partners.begin(), cell.partners.end(), [](const CellPartner& a, const CellPartner& b) {
      const int ha = a.hops < 0 ? 1 << 20 : a.hops, hb = b.hops < 0 ? 1 << 20 : b.hops;
      return std::tuple(!a.formal, ha, a.actorId) < std::tuple(!b.formal, hb, b.actorId);
    });
    std::sort(cell.agreements.begin(), cell.agreements.end());
    cell.pendingAgreements = links.pending[k];
    std::sort(cell.pendingAgreements.begin(), cell.pendingAgreements.end());

    cell.status = !cell.agreements.empty() ? CoverageStatus::Formalised
                  : !cell.partners.empty() ? CoverageStatus::Informal
                                           : CoverageStatus::Missing;
    for (RowId id : cell.agreements) {
      const Agreement& a = *m_model.agreements.find(id);
      if (a.reviewDate && *a.reviewDate < m_asOf) cell.staleAgreements.push_back(id);
    }
    cell.stale = !cell.agreements.empty() && cell.staleAgreements.size() == cell.agreements.size();

    // The evidence: one shortest way to each partner the search reached.
    std::vector<std::vector<Vertex>> ways;
    for (const CellPartner& p : cell.partners) {
      const Vertex v = *m_graph.vertexOf(p.actorId);
      if (m_bfs.dist(v) < 0) continue;
      ways.push_back(m_bfs.path(v));
      std::vector<RowId> ids;
      for (Vertex w : ways.back()) ids.push_back(m_graph.rowId(w));
      cell.paths.push_back(std::move(ids));
    }

    if (cell.status != CoverageStatus::Missing)
      classifyFragility(cell, ways, targets, sources, prisonVertex, limit, links);
    cell.value = statusValue(cell.status, category.reach) * (cell.fragile ? 0.75 : 1.0) * (cell.stale ? 0.75 : 1.0);
    return cell;
  }

  /// Fills each cell's `ties` with the active ties along its paths, in one
  /// pass over the ties for all prisons together.
  void nameTies(std::vector<PrisonCoverage>& prisons) const {
    std::vector<std::pair<RowId, RowId>> pairs;
    for (const PrisonCoverage& prison : prisons)
      for (const CoverageCell& cell : prison.cells)
        for (const auto& path : cell.paths)
          for (std::size_t i = 1; i < path.size(); ++i) pairs.push_back(ordered(path[i - 1], path[i]));
    if (pairs.empty()) return;
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    std::map<std::pair<RowId, RowId>, std::vector<RowId>> ties;
    for (const auto& [id, tie] : m_model.ties) {
      const auto pair = ordered(tie.sourceId, tie.targetId);
      if (tieActive(tie, m_asOf) && std::binary_search(pairs.begin(), pairs.end(), pair)) ties[pair].push_back(id);
    }
    for (PrisonCoverage& prison : prisons)
      for (CoverageCell& cell : prison.cells) {
        for (const auto& path : cell.paths)
          for (std::size_t i = 1; i < path.size(); ++i)
            if (auto it = ties.find(ordered(path[i - 1], path[i])); it != ties.end())
              cell.ties.insert(cell.ties.end(), it->second.begin(), it->second.end());
        std::sort(cell.ties.begin(), cell.ties.end());
        cell.ties.erase(std::unique(cell.ties.begin(), cell.ties.end()), cell.ties.end());
      }
  }

  /// Whether any of `targets` is still reached within `limit` with one vertex or edge taken out.
  bool anyReached(const std::vector<Vertex>& targets, const std::vector<Vertex>& sources, int limit,
                  const FormalLinks& links, std::optional<Vertex> blockedVertex,
                  std::optional<std::pair<Vertex, Vertex>> blockedEdge) {
    m_probe.run(sources, limit, links.extraEdges, m_closed, blockedVertex, blockedEdge);
    for (Vertex t : targets)
      if (t != blockedVertex && m_probe.dist(t) >= 0 && m_probe.dist(t) <= limit) return true;
    return false;
  }

  void classifyFragility(CoverageCell& cell, const std::vector<std::vector<Vertex>>& ways,
                         const std::vector<Vertex>& targets, const std::vector<Vertex>& sources, Vertex prisonVertex,
                         int limit, const FormalLinks& links) {
    auto mark = [&](Fragility f) {
      cell.fragile = true;
      cell.fragility = f;
    };
    // Whatever every way depends on lies on the one shortest way found to
    // each partner: intersect those, then test each survivor by taking it out.
    std::vector<Vertex> common;
    std::vector<std::pair<Vertex, Vertex>> commonEdges;
    if (ways.size() == targets.size()) {  // else a formal partner lies outside the search: independent ways
      common = ways.front();
      for (std::size_t i = 1; i < ways.front().size(); ++i)
        commonEdges.push_back(ordered(ways.front()[i - 1], ways.front()[i]));
      for (const auto& way : ways) {
        std::erase_if(common, [&](Vertex v) { return std::find(way.begin(), way.end(), v) == way.end(); });
        std::erase_if(commonEdges, [&](const auto& e) {
          for (std::size_t i = 1; i < way.size(); ++i)
            if (ordered(way[i - 1], way[i]) == e) return false;
          return true;
        });
      }
    }
    auto isTarget = [&](Vertex v) { return std::find(targets.begin(), targets.end(), v) != targets.end(); };
    enum class Kind { GoBetween, SideActor, Partner };
    auto kindOf = [&](Vertex v) {
      return isTarget(v)                                                     ? Kind::Partner
             : std::find(sources.begin(), sources.end(), v) != sources.end() ? Kind::SideActor
                                                                             : Kind::GoBetween;
    };
    auto singlePoint = [&](Kind kind) {
      for (Vertex v : common) {
        if (v == prisonVertex || kindOf(v) != kind) continue;
        if (!anyReached(targets, sources, limit, links, v, std::nullopt)) return std::optional<Vertex>(v);
      }
      return std::optional<Vertex>();
    };
    auto markActor = [&](std::optional<Vertex> v) {
      if (!v) return false;
      mark(Fragility::SingleActor);
      cell.singleActor = m_graph.rowId(*v);
      return true;
    };
    // Most telling first: an outside go-between that everything passes, then
    // a lone partner, then one actor of the side (a PSD, a JWW team) that all
    // ways start from, then one tie, then a partner the others hang on. (A
    // tie every way uses has an end that every way uses too, so the tie is
    // asked for before that end is.)
    if (markActor(singlePoint(Kind::GoBetween))) return;
    if (cell.partners.size() == 1) {
      mark(Fragility::SinglePartner);
      return;
    }
    if (markActor(singlePoint(Kind::SideActor))) return;
    for (const auto& e : commonEdges) {
      if (anyReached(targets, sources, limit, links, std::nullopt, e)) continue;
      mark(Fragility::SingleTie);
      cell.singleTie = {m_graph.rowId(e.first), m_graph.rowId(e.second)};
      return;
    }
    markActor(singlePoint(Kind::Partner));
  }

  const Model& m_model;
  Date m_asOf;
  const GraphSnapshot& m_graph;
  BoundedBfs m_bfs, m_probe;
  std::vector<const NestCategory*> m_categories;
  std::vector<std::vector<int>> m_categoriesOfVertex;
  std::vector<char> m_onAnySide, m_closed;
};

}  // namespace

GraphSnapshot nestSnapshot(const Model& model, Date asOf) {
  SnapshotOptions options;
  options.asOf = asOf;
  options.agreementsAsTies = true;
  return GraphSnapshot::fromModel(model, options);
}

NestCoverage::Result NestCoverage::run(const Model& model, const Params& params, Progress* progress) {
  const GraphSnapshot graph = nestSnapshot(model, params.asOf);
  return run(model, graph, params, progress);
}

NestCoverage::Result NestCoverage::run(const Model& model, const GraphSnapshot& graph, const Params& params,
                                       Progress* progress) {
  CoverageRun run(model, graph, params);
  auto result = run.run(params, progress);
  step(progress, 1.0);
  return result;
}

std::vector<std::size_t> NestCoverage::Result::weakest() const {
  std::vector<std::size_t> order(prisons.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return prisons[a].score < prisons[b].score; });
  return order;
}

const PrisonCoverage* NestCoverage::Result::find(RowId prisonId) const {
  for (const PrisonCoverage& p : prisons)
    if (p.prisonId == prisonId) return &p;
  return nullptr;
}

// ---------------------------------------------------------------------------
// Comparing

CoverageDiff CoverageDiff::between(const NestCoverage::Result& before, const NestCoverage::Result& after) {
  CoverageDiff diff;
  for (const PrisonCoverage& now : after.prisons) {
    const PrisonCoverage* then = before.find(now.prisonId);
    for (const CoverageCell& cell : now.cells) {
      CoverageStatus from = CoverageStatus::Missing;
      if (then)
        for (const CoverageCell& old : then->cells)
          if (old.categoryId == cell.categoryId) from = old.status;
      const CoverageChange change{now.prisonId, cell.categoryId, from, cell.status};
      if (rank(cell.status) > rank(from)) diff.gained.push_back(change);
      if (rank(cell.status) < rank(from)) diff.lost.push_back(change);
    }
  }
  // A prison that no longer exists loses whatever it had.
  for (const PrisonCoverage& then : before.prisons) {
    if (after.find(then.prisonId)) continue;
    for (const CoverageCell& old : then.cells)
      if (old.status != CoverageStatus::Missing)
        diff.lost.push_back({then.prisonId, old.categoryId, old.status, CoverageStatus::Missing});
  }
  return diff;
}

// ---------------------------------------------------------------------------
// SectorGaps

SectorGaps::Result SectorGaps::run(const Model& model, const Params& params) {
  Result result;
  const PrisonSides sides = PrisonSides::of(model, params.asOf);
  std::map<std::string, std::size_t> regionIndex;
  for (const auto& side : sides.prisons) {
    const Actor& prison = *model.actors.find(side.prisonId);
    if (prison.province.empty()) continue;
    auto [it, added] = regionIndex.try_emplace(prison.province, 0);
    if (added) result.regions.push_back({prison.province, {}, {}, {}, {}});
    (void)it;
  }
  std::sort(result.regions.begin(), result.regions.end(),
            [](const Region& a, const Region& b) { return a.province < b.province; });
  for (std::size_t i = 0; i < result.regions.size(); ++i) regionIndex[result.regions[i].province] = i;
  for (const auto& side : sides.prisons) {
    const Actor& prison = *model.actors.find(side.prisonId);
    if (!prison.province.empty()) result.regions[regionIndex[prison.province]].prisons.push_back(side.prisonId);
  }

  auto sectorOf = [&](const Actor& a) -> RowId {
    const ActorType* t = model.actorTypes.find(a.typeId);
    return t ? t->sectorId : 0;
  };
  // Which sectors each region holds, in the sectors' own order.
  std::vector<std::set<RowId>> present(result.regions.size());
  for (const auto& [id, a] : model.actors) {
    if (!actorValid(a, params.asOf)) continue;
    auto it = regionIndex.find(a.province);
    if (it != regionIndex.end() && sectorOf(a)) present[it->second].insert(sectorOf(a));
  }
  std::vector<std::map<RowId, std::size_t>> column(result.regions.size());
  for (std::size_t r = 0; r < result.regions.size(); ++r) {
    Region& region = result.regions[r];
    region.sectors.assign(present[r].begin(), present[r].end());
    std::stable_sort(region.sectors.begin(), region.sectors.end(),
                     [&](RowId a, RowId b) { return model.sectors.find(a)->sort < model.sectors.find(b)->sort; });
    for (std::size_t i = 0; i < region.sectors.size(); ++i) column[r][region.sectors[i]] = i;
    region.ties.assign(region.sectors.size(), std::vector<int>(region.sectors.size(), 0));
  }
  for (const auto& [id, tie] : model.ties) {
    if (!tieActive(tie, params.asOf)) continue;
    const Actor* a = model.actors.find(tie.sourceId);
    const Actor* b = model.actors.find(tie.targetId);
    if (!a || !b || a->province != b->province || !actorValid(*a, params.asOf) || !actorValid(*b, params.asOf))
      continue;
    auto it = regionIndex.find(a->province);
    if (it == regionIndex.end() || !sectorOf(*a) || !sectorOf(*b)) continue;
    const std::size_t r = it->second;
    const std::size_t i = column[r][sectorOf(*a)], j = column[r][sectorOf(*b)];
    ++result.regions[r].ties[i][j];
    if (i != j) ++result.regions[r].ties[j][i];
  }
  for (Region& region : result.regions)
    for (std::size_t i = 0; i < region.sectors.size(); ++i)
      for (std::size_t j = i + 1; j < region.sectors.size(); ++j)
        if (region.ties[i][j] == 0) region.missingPairs.emplace_back(region.sectors[i], region.sectors[j]);
  return result;
}

}  // namespace nestmap
