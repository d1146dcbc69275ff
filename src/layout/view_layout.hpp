#pragma once
// [SECTION] View layouts: one of the layouts computed for a view of a map, as
// the placement that applyLayout() writes (shared by `nestmap layout` and the
// window's Analyse menu)

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/graph_snapshot.hpp"
#include "core/date.hpp"
#include "core/model.hpp"
#include "layout/layout_types.hpp"

namespace nestmap {

/// What to lay out and how.
struct ViewLayoutRequest {
  std::string algo = "fa2";  ///< fa2, nest, sectors, geo or grid
  RowId prisonId = 0;        ///< nest: the prison in the centre
  Date asOf = Date::today();  ///< nest: the day whose coverage decides the ghost slots
  int iterations = 0;        ///< fa2: 0 runs until stable
  std::uint64_t seed = 1;
};

/// A layout's placement for a view, and a sentence saying what it did.
struct ViewLayout {
  std::vector<std::pair<RowId, std::optional<ViewPosition>>> placement;
  std::string summary;
};

/// Where each vertex starts: its place in view `viewId` if it has one, else
/// near its placed neighbours, else at random; pinned ones are marked.
/// `anyPlaced` says whether the view held any of the graph's actors.
LayoutNodes startFromView(const Model& model, const GraphSnapshot& graph, RowId viewId, std::uint64_t seed,
                          bool& anyPlaced);

/// Computes `request.algo` for the view `viewId` (0: a view that does not exist
/// yet). fa2, sectors, geo and grid place every actor, starting from the view's
/// positions (pins kept); nest places the prison's nest and takes every other
/// actor out of the view. Throws UserError for a nest without a prison or template.
ViewLayout layoutView(const Model& model, RowId viewId, const ViewLayoutRequest& request);

/// The name a nest view of `prison` gets ("Nest Gent").
std::string nestViewName(const Actor& prison);

}  // namespace nestmap
