#pragma once
#include <filesystem>
#include <optional>

#include "core/date.hpp"
#include "core/model.hpp"

namespace nestmap {

/// `nestmap render`: a view of the map drawn offscreen into a PNG, as the command line asks the GUI side for it.
struct RenderRequest {
  RowId viewId = 0;
  int width = 1920, height = 1080;
  std::filesystem::path out;
  std::optional<Date> asOf;  ///< the map as it was on this day, and the title's date; empty: today
  bool force = false;        ///< --force: `out` may replace an existing file (never a map)
};

}  // namespace nestmap
