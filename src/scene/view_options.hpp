#pragma once
// [SECTION] ViewOptions: how a view is filtered and decorated (the canvas's "Weergave" popup edits them,
// every export reads them), and how they become SceneOptions
// [SECTION] per-actor values for decoration: metric, communities
// [SECTION] actor search for the canvas's Ctrl+F popup

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model.hpp"
#include "scene/scene.hpp"

namespace nestmap {

// ---------------------------------------------------------------------------
// [SECTION] ViewOptions

/// How agreements show on the canvas: not at all, as a badge with their count on
/// each party, or as a tinted hull around their parties.
enum class AgreementOverlay { Off, Badges, Hulls };

/// The measure a view is coloured or sized by.
enum class CanvasMetric { Degree, Betweenness, PageRank };

/// The state of the view-options popup: plain values the user toggles. Types
/// are kept as the ones switched off, so that types added later show up.
struct ViewOptions {
  ColorBy colorBy = ColorBy::Type;
  SizeBy sizeBy = SizeBy::Fixed;
  CanvasMetric metric = CanvasMetric::Degree;
  std::set<RowId> hiddenActorTypes, hiddenTieTypes;
  bool showActive = true, showPlanned = true, showEnded = false;
  std::string asOf;  ///< YYYY-MM-DD, or empty for no date filter
  AgreementOverlay agreements = AgreementOverlay::Badges;
  bool onlyFormalAgreements = false;  ///< agreed, formalised and in practice only
  bool focusMode = false;
  int focusDepth = 1;  ///< 1–3
  friend bool operator==(const ViewOptions&, const ViewOptions&) = default;
};

/// A view's options as the map file keeps them (View::filterJson, View::decorationJson);
/// types by key, so that they survive an export and import of the taxonomy.
std::pair<std::string, std::string> viewOptionsToJson(const Model& model, const ViewOptions& view);
/// The options kept in a view; what is missing or not understood keeps its default.
ViewOptions viewOptionsFromJson(const Model& model, const std::string& filterJson, const std::string& decorationJson);

/// Whether the options need per-actor metric values (colour or size by metric).
bool needsMetric(const ViewOptions& view);
/// Whether the options need communities (colour by community).
bool needsCommunities(const ViewOptions& view);
/// The as-of text as a date: nullopt when empty or not a valid YYYY-MM-DD.
std::optional<Date> parseAsOf(const ViewOptions& view);
/// Whether the as-of text is empty or a valid date.
bool asOfValid(const ViewOptions& view);

/// Writes the filters and decoration of `view` into `out` (viewId, metric and
/// community vectors are left alone): types as in `model`, statuses, as-of date
/// (an invalid one filters nothing), colour and size, the metric's legend name.
void applyViewOptions(const Model& model, const ViewOptions& view, SceneContentOptions& out);
/// The focus of the interaction state: the selected actor (the smallest id when
/// several are) in focus mode, else none.
std::optional<RowId> focusOf(const ViewOptions& view, const std::set<RowId>& selection);


// ---------------------------------------------------------------------------
// [SECTION] per-actor values

/// `metric` of every actor in Model::actors order, over the snapshot of the
/// whole map (active ties, agreements as ties).
std::vector<double> actorMetric(const Model& model, CanvasMetric metric);
/// Louvain community of every actor (seed 1) in Model::actors order.
std::vector<int> actorCommunities(const Model& model);
/// The metric's name in the user's language.
std::string metricLabel(CanvasMetric metric);

// ---------------------------------------------------------------------------
// [SECTION] actor search

/// Actors whose name or short name fits `query` (foldForSearch), best first:
/// the whole name equal, then the name starting with the query, then every
/// query word starting a word of the name in order, then the query anywhere;
/// equal ranks by name, then id. At most `limit`; nothing for an empty query.
std::vector<RowId> searchActors(const Model& model, std::string_view query, std::size_t limit = 12);

}  // namespace nestmap
