// [SECTION] ViewOptions → SceneOptions
// [SECTION] per-actor values
// [SECTION] actor search
#include "scene/view_options.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>
#include <type_traits>

#include "analysis/centrality.hpp"
#include "analysis/communities.hpp"
#include "analysis/graph_snapshot.hpp"
#include "core/i18n.hpp"
#include "core/name_match.hpp"

namespace nestmap {
namespace {

template <class T>
const std::string& localName(const T& row) {
  return language() == Language::Dutch ? row.nameNl : row.nameEn;
}

/// The ids of `table` not in `hidden`; empty when none is hidden (the scene's "everything").
/// When all are hidden, {0}: a type id no record has, so that nothing passes.
template <class T>
std::vector<RowId> shownTypes(const Table<T>& table, const std::set<RowId>& hidden) {
  std::vector<RowId> out;
  bool anyHidden = false;
  for (const auto& [id, row] : table) {
    if (hidden.count(id))
      anyHidden = true;
    else
      out.push_back(id);
  }
  if (!anyHidden) return {};
  if (out.empty()) out.push_back(0);
  return out;
}

/// Values per snapshot vertex spread over Model::actors order (actors not in the snapshot: `missing`).
template <class V>
std::vector<V> byActor(const Model& model, const GraphSnapshot& g, const std::vector<V>& values, V missing) {
  std::vector<V> out;
  out.reserve(model.actors.size());
  const std::vector<RowId>& rows = g.rowIds();
  std::size_t v = 0;
  for (const auto& [id, actor] : model.actors) {
    while (v < rows.size() && rows[v] < id) ++v;
    out.push_back(v < rows.size() && rows[v] == id && v < values.size() ? values[v] : missing);
  }
  return out;
}

/// Whether every word of `query` starts a word of `name`, in order (both folded).
bool wordsStartInOrder(std::string_view name, std::string_view query) {
  std::size_t at = 0;
  std::size_t q = 0;
  while (q < query.size()) {
    const std::size_t qEnd = std::min(query.find(' ', q), query.size());
    const std::string_view word = query.substr(q, qEnd - q);
    bool found = false;
    while (at < name.size()) {
      const std::size_t nEnd = std::min(name.find(' ', at), name.size());
      const bool fits = name.substr(at, nEnd - at).starts_with(word);
      at = nEnd + 1;
      if (fits) {
        found = true;
        break;
      }
    }
    if (!found) return false;
    q = qEnd + 1;
  }
  return true;
}

/// 0 best … 3 worst; −1 when `name` does not fit `query` (both folded).
int rankOf(std::string_view name, std::string_view query) {
  if (name.empty()) return -1;
  if (name == query) return 0;
  if (name.starts_with(query)) return 1;
  if (wordsStartInOrder(name, query)) return 2;
  if (name.find(query) != std::string_view::npos) return 3;
  return -1;
}

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] ViewOptions → SceneOptions

bool needsMetric(const ViewOptions& view) { return view.colorBy == ColorBy::Metric || view.sizeBy == SizeBy::Metric; }

bool needsCommunities(const ViewOptions& view) { return view.colorBy == ColorBy::Community; }

std::optional<Date> parseAsOf(const ViewOptions& view) { return Date::parse(view.asOf); }

std::pair<std::string, std::string> viewOptionsToJson(const Model& model, const ViewOptions& view) {
  auto keys = [](const auto& table, const std::set<RowId>& ids) {
    nlohmann::json out = nlohmann::json::array();
    for (RowId id : ids)
      if (const auto* row = table.find(id)) out.push_back(row->key);
    return out;
  };
  const nlohmann::json filter = {{"hiddenActorTypes", keys(model.actorTypes, view.hiddenActorTypes)},
                                 {"hiddenTieTypes", keys(model.tieTypes, view.hiddenTieTypes)},
                                 {"active", view.showActive},
                                 {"planned", view.showPlanned},
                                 {"ended", view.showEnded},
                                 {"asOf", view.asOf}};
  const nlohmann::json decoration = {{"colorBy", static_cast<int>(view.colorBy)},
                                     {"sizeBy", static_cast<int>(view.sizeBy)},
                                     {"metric", static_cast<int>(view.metric)},
                                     {"agreements", static_cast<int>(view.agreements)},
                                     {"onlyFormalAgreements", view.onlyFormalAgreements},
                                     {"focusMode", view.focusMode},
                                     {"focusDepth", view.focusDepth}};
  return {filter.dump(), decoration.dump()};
}

ViewOptions viewOptionsFromJson(const Model& model, const std::string& filterJson, const std::string& decorationJson) {
  ViewOptions view;
  const nlohmann::json filter = nlohmann::json::parse(filterJson, nullptr, false);
  const nlohmann::json decoration = nlohmann::json::parse(decorationJson, nullptr, false);
  auto ids = [](const auto& table, const nlohmann::json& keys) {
    std::set<RowId> out;
    if (!keys.is_array()) return out;
    for (const auto& key : keys)
      if (key.is_string())
        for (const auto& row : table.records())
          if (row.key == key.get<std::string>()) out.insert(row.id);
    return out;
  };
  // A value of the wrong kind or out of range keeps the default.
  auto flag = [](const nlohmann::json& j, const char* name, bool& out) {
    if (j.is_object() && j.contains(name) && j[name].is_boolean()) out = j[name].get<bool>();
  };
  auto number = [](const nlohmann::json& j, const char* name, int lo, int hi, auto& out) {
    if (j.is_object() && j.contains(name) && j[name].is_number_integer()) {
      const int v = j[name].get<int>();
      if (v >= lo && v <= hi) out = static_cast<std::remove_reference_t<decltype(out)>>(v);
    }
  };
  if (filter.is_object()) {
    if (filter.contains("hiddenActorTypes")) view.hiddenActorTypes = ids(model.actorTypes, filter["hiddenActorTypes"]);
    if (filter.contains("hiddenTieTypes")) view.hiddenTieTypes = ids(model.tieTypes, filter["hiddenTieTypes"]);
    flag(filter, "active", view.showActive);
    flag(filter, "planned", view.showPlanned);
    flag(filter, "ended", view.showEnded);
    if (filter.contains("asOf") && filter["asOf"].is_string()) view.asOf = filter["asOf"].get<std::string>();
  }
  number(decoration, "colorBy", 0, 3, view.colorBy);
  number(decoration, "sizeBy", 0, 1, view.sizeBy);
  number(decoration, "metric", 0, 2, view.metric);
  number(decoration, "agreements", 0, 2, view.agreements);
  flag(decoration, "onlyFormalAgreements", view.onlyFormalAgreements);
  flag(decoration, "focusMode", view.focusMode);
  number(decoration, "focusDepth", 1, 3, view.focusDepth);
  return view;
}

bool asOfValid(const ViewOptions& view) { return view.asOf.empty() || parseAsOf(view).has_value(); }

void applyViewOptions(const Model& model, const ViewOptions& view, SceneContentOptions& out) {
  out.actorTypes = shownTypes(model.actorTypes, view.hiddenActorTypes);
  out.tieTypes = shownTypes(model.tieTypes, view.hiddenTieTypes);
  out.tieStatuses.clear();
  if (view.showActive) out.tieStatuses.push_back(TieStatus::Active);
  if (view.showPlanned) out.tieStatuses.push_back(TieStatus::Planned);
  if (view.showEnded) out.tieStatuses.push_back(TieStatus::Ended);
  out.asOf = parseAsOf(view);
  out.colorBy = view.colorBy;
  out.sizeBy = view.sizeBy;
  out.metricName = needsMetric(view) ? metricLabel(view.metric) : std::string();
  out.onlyFormalAgreements = view.onlyFormalAgreements;
}

std::optional<RowId> focusOf(const ViewOptions& view, const std::set<RowId>& selection) {
  if (!view.focusMode || selection.empty()) return std::nullopt;
  return *selection.begin();
}

// ---------------------------------------------------------------------------
// [SECTION] per-actor values

std::vector<double> actorMetric(const Model& model, CanvasMetric metric) {
  const GraphSnapshot g = GraphSnapshot::fromModel(model);
  std::vector<double> values;
  switch (metric) {
    case CanvasMetric::Degree:
      values = Degree::run(g).degree;
      break;
    case CanvasMetric::Betweenness:
      values = Betweenness::run(g).normalized;
      break;
    case CanvasMetric::PageRank:
      values = PageRank::run(g).scores;
      break;
  }
  return byActor(model, g, values, 0.0);
}

std::vector<int> actorCommunities(const Model& model) {
  const GraphSnapshot g = GraphSnapshot::fromModel(model);
  return byActor(model, g, Louvain::run(g).community, -1);
}

std::string metricLabel(CanvasMetric metric) {
  switch (metric) {
    case CanvasMetric::Degree:
      return tr("metrics.degree");
    case CanvasMetric::Betweenness:
      return tr("metrics.betweenness");
    case CanvasMetric::PageRank:
      return tr("metrics.pagerank");
  }
  return {};
}

// ---------------------------------------------------------------------------
// [SECTION] actor search

std::vector<RowId> searchActors(const Model& model, std::string_view query, std::size_t limit) {
  const std::string q = foldForSearch(query);
  if (q.empty()) return {};
  struct Hit {
    int rank;
    std::string name;
    RowId id;
  };
  std::vector<Hit> hits;
  for (const auto& [id, actor] : model.actors) {
    const std::string name = foldForSearch(actor.name);
    int rank = rankOf(name, q);
    const int shortRank = rankOf(foldForSearch(actor.shortName), q);
    if (shortRank >= 0 && (rank < 0 || shortRank < rank)) rank = shortRank;
    if (rank >= 0) hits.push_back({rank, name, id});
  }
  std::sort(hits.begin(), hits.end(),
            [](const Hit& a, const Hit& b) { return std::tie(a.rank, a.name, a.id) < std::tie(b.rank, b.name, b.id); });
  std::vector<RowId> out;
  for (std::size_t i = 0; i < hits.size() && i < limit; ++i) out.push_back(hits[i].id);
  return out;
}

}  // namespace nestmap
