#pragma once
// [SECTION] PNG export: a view drawn offscreen at any size, with its title, legend and date

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

#include "app/render_request.hpp"
#include "core/date.hpp"
#include "core/model.hpp"
#include "platform/output_file.hpp"
#include "ui/view_options_popup.hpp"

namespace nestmap {

class Document;

/// What an export takes over from the window besides the view (all optional).
struct ExportOptions {
  std::optional<Date> asOf;         ///< the map as it was on this day, and the title's date; empty: today
  std::optional<ViewOptions> view;  ///< colour, size and filters as the canvas shows them; empty: the defaults
  OutputOptions output;             ///< whether an existing file may be replaced (--force, the dialog's box)
};

/// The largest width and height an export can have in the current OpenGL context.
int maxExportSize();

/// Draws the view `viewId` of `doc` into a PNG of exactly `width` × `height` pixels at
/// `out`: the canvas (legend shown) below a band with the view's name, the map's name and
/// the date. Offscreen, in a framebuffer object of its own, so the size is not bounded by
/// the screen. Needs a current OpenGL 3.3 core context; the caller's ImGui context, if
/// any, is current again afterwards. A view that has no layout yet is laid out first (and
/// the layout is saved, as the canvas would). The file is written through writeOutputFile().
/// Returns an empty string, or why nothing could be drawn; throws a UserError when the file
/// is refused (before anything is drawn) or cannot be written.
std::string exportViewPng(Document& doc, RowId viewId, int width, int height, const std::filesystem::path& out,
                          const ExportOptions& options = {});

/// `nestmap render`: a hidden window for an OpenGL context, then exportViewPng(); an exit code,
/// with the reason for a failure on `err`. The file's own refusals and write errors are thrown
/// as UserError (after the window is gone), for the command line's exit codes.
int renderViewPng(Document& doc, const RenderRequest& request, std::ostream& err);

}  // namespace nestmap
