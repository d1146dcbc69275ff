// `nestmap render`: a view of the map as a PNG, drawn offscreen by the GUI side
// (export_png.cpp) through CliHooks, so that this library needs no OpenGL.
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

namespace nestmap {
namespace {

struct RenderOptions {
  std::string file, view, out, size = "1920x1080", asOf;
  bool force = false;
};

/// "WIDTHxHEIGHT" in pixels, 16 to 32768 each; whether the OpenGL driver can draw that
/// much is asked later, when there is a context. False, leaving the outputs alone, when it is not one.
bool parseImageSize(std::string_view text, int& width, int& height) {
  return parseSize(text, width, height, {16, 32768, 16, 32768});
}

int runRender(const RenderOptions& o, const CliHooks& hooks, CliStreams io) {
  Document doc = Document::open(o.file);
  // The view is checked before anything else needs a display, so a typo fails the same way everywhere.
  std::vector<NameCandidate> views;
  for (const auto& [id, v] : doc.model().views) views.push_back({id, v.name, {v.name}});
  if (!checkName(o.view, views, "gui.unknown_view", io.err)) return kExitInvalidInput;
  RenderRequest request;
  request.viewId = matchName(o.view, views).id;
  parseImageSize(o.size, request.width, request.height);  // checked by the option's validator
  request.out = o.out;
  request.force = o.force;
  // Also before a display is needed: an existing file is refused the same way everywhere.
  checkOutputTarget(request.out, {.force = o.force});
  if (!o.asOf.empty()) request.asOf = parseDateOption(o.asOf);
  if (!hooks.renderView) {
    io.err << tr("cli.no_gui") << '\n';
    return kExitGui;
  }
  const int code = hooks.renderView(doc, request, io.err);
  if (code == kExitOk)
    io.out << trf("cli.render_written",
                  {request.out.string(), std::to_string(request.width), std::to_string(request.height)})
           << '\n';
  return code;
}

}  // namespace

void addRenderCommands(CLI::App& app, CliAction& action, CliStreams io, const CliHooks& hooks) {
  auto o = std::make_shared<RenderOptions>();
  auto* cmd = app.add_subcommand("render", tr("cli.cmd.render"));
  cmd->add_option("FILE", o->file, tr("cli.opt.file"))->required();
  cmd->add_option("--view", o->view, tr("cli.opt.render_view"))->required();
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
  cmd->add_flag("--force", o->force, tr("cli.opt.force_out"));
  cmd->callback([o, io, &hooks, &action] { action = [o, io, &hooks] { return runRender(*o, hooks, io); }; });
}

}  // namespace nestmap
