#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "core/date.hpp"

namespace nestmap {

class Document;

/// How the GUI is started from the command line.
struct GuiOptions {
  std::optional<std::filesystem::path> screenshot;  ///< write a PNG of the window after a few frames, then quit
  /// With a screenshot: also write, as JSON, where the canvas lies in it and how its camera looked (for tests).
  std::optional<std::filesystem::path> screenshotInfo;
  bool screenshotForce = false;  ///< --force: the screenshot may replace an existing file (never a map)
  int width = 1280, height = 800;
  bool sizeGiven = false;             ///< --width, --height or --size: the saved window size is not restored
  bool languageGiven = false;         ///< --lang or NESTMAP_LANG: the saved language is not restored
  std::optional<std::string> view;    ///< --view: the view to show first, by name
  std::optional<std::string> select;  ///< --select: the actor to select and centre, by name
  /// --panel: the bottom panel shown first: metrics, agreements, timeline or log.
  std::optional<std::string> panel;
  /// --agreement: the agreement (by title) picked in the register and shown on the canvas.
  std::optional<std::string> agreement;
  /// --as-of and --compare (YYYY-MM-DD): the timeline's day, and the day it is compared with.
  std::optional<Date> asOf, compareWith;
  bool present = false;  ///< --present: start in presentation mode (F5)
};

}  // namespace nestmap
