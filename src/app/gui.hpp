#pragma once
#include "app/gui_options.hpp"

namespace nestmap {

/// Opens the Nestmap window on `doc` and runs until it is closed; returns an exit code.
int runGui(Document& doc, const GuiOptions& options);

}  // namespace nestmap
