#pragma once
// [SECTION] the canvas's "Weergave" popup: edits a view's ViewOptions (scene/view_options.hpp)

#include "core/model.hpp"
#include "scene/view_options.hpp"

namespace nestmap {

/// The popup's content (call between BeginPopup and EndPopup); true when anything changed.
bool drawViewOptions(const Model& model, ViewOptions& view);

}  // namespace nestmap
