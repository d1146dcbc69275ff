// `nestmap render`: a view of the map as a PNG, SVG or PDF, composed as a display list
// (scene/view_picture) and drawn by cairo: no display, no OpenGL.
#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "app/cli.hpp"
#include "app/cli_command.hpp"
#include "app/nest_text.hpp"
#include "core/i18n.hpp"
#include "core/name_match.hpp"
#include "edit/document.hpp"
#include "platform/output_file.hpp"
#include "render/cairo_renderer.hpp"
#include "scene/view_picture.hpp"

namespace nestmap {
namespace {

struct RenderOptions {
  std::string file, view, out, size = "1920x1080", asOf, compare;
  bool force = false, shareSafe = false;
};

/// A PNG holds at most this many pixels (4 bytes each in memory while it is drawn).
constexpr long long kMaxPngPixels = 256'000'000;

/// "WIDTHxHEIGHT", 16 to 32768 each. False, leaving the outputs alone, when it is not one.
bool parseImageSize(std::string_view text, int& width, int& height) {
  return parseSize(text, width, height, {16, 32768, 16, 32768});
}

int runRender(const RenderOptions& o, CliStreams io) {
  // What the command line can check comes first, before the map is read: an existing file
  // (a map is never replaced by a picture), then the kind of picture.
  checkOutputTarget(o.out, {.force = o.force});
  const auto format = pictureFormatOf(o.out);
  if (!format) {
    io.err << "nestmap: " << trf("picture.unknown_format", {o.out}) << '\n';
    return kExitInvalidInput;
  }
  PictureRequest request;
  int width = 0, height = 0;
  parseImageSize(o.size, width, height);  // checked by the option's validator
  if (*format == PictureFormat::Png && static_cast<long long>(width) * height > kMaxPngPixels) {
    io.err << "nestmap: "
           << trf("export.too_many_pixels",
                  {std::to_string(width), std::to_string(height), std::to_string(kMaxPngPixels / 1'000'000)})
           << '\n';
    return kExitInvalidInput;
  }
  request.width = width;
  request.height = height;
  if (!o.asOf.empty()) request.asOf = parseDateOption(o.asOf);
  if (!o.compare.empty()) request.compareWith = parseDateOption(o.compare);
  const Document doc = Document::open(o.file, {.readOnly = true});
  const Model& m = doc.model();
  std::vector<NameCandidate> views;
  for (const auto& [id, v] : m.views) views.push_back({id, v.name, {v.name}});
  if (views.empty()) {
    io.err << "nestmap: " << tr("cli.render_no_views") << '\n';
    return kExitInvalidInput;
  }
  if (o.view.empty()) {
    request.viewId = views.front().id;
  } else {
    if (!checkName(o.view, views, "gui.unknown_view", io.err)) return kExitInvalidInput;
    request.viewId = matchName(o.view, views).id;
  }
  // A picture holds names of organisations only: --share-safe has nothing to leave out here.
  const PangoMeasure measure;
  const DisplayList list = pictureOfView(m, request, measure);
  const std::optional<std::string> bytes = renderPicture(list, *format);
  writeOutputBytes(o.out, {.force = o.force}, *bytes);
  io.out << trf("cli.render_written", {o.out, std::to_string(width), std::to_string(height)}) << '\n';
  return kExitOk;
}

}  // namespace

void addRenderCommands(CLI::App& app, CliAction& action, CliStreams io, const CliHooks&) {
  auto o = std::make_shared<RenderOptions>();
  auto* cmd = app.add_subcommand("render", tr("cli.cmd.render"));
  cmd->add_option("FILE", o->file, tr("cli.opt.file"))->required();
  cmd->add_option("--view", o->view, tr("cli.opt.render_view"));
  cmd->add_option("--out", o->out, tr("cli.opt.render_out"))->required();
  cmd->add_option("--size", o->size, tr("cli.opt.render_size"))
      ->type_name("WxH")
      ->check(CLI::Validator(
          [](std::string& text) {
            int w = 0, h = 0;
            return parseImageSize(text, w, h) ? std::string() : trf("cli.render_size_format", {text});
          },
          ""));
  cmd->add_option("--as-of", o->asOf, tr("cli.opt.render_as_of"));
  cmd->add_option("--compare", o->compare, tr("cli.opt.render_compare"));
  cmd->add_flag("--share-safe", o->shareSafe, tr("cli.opt.share_safe"));
  cmd->add_flag("--force", o->force, tr("cli.opt.force_out"));
  cmd->callback([o, io, &action] { action = [o, io] { return runRender(*o, io); }; });
}

}  // namespace nestmap
