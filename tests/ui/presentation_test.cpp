// Presentation mode and saved views, in a headless ImGui fed scripted keys:
// F5 starts on the current view, the arrows step through the views and stop
// at either end, Esc ends; the canvas edits nothing meanwhile; a saved view
// keeps its options and camera in the map and opens with them.
#include <imgui.h>

#include <catch2/catch.hpp>

#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "io/data_sources.hpp"
#include "support/headless_gui.hpp"
#include "support/temp_dir.hpp"
#include "ui/canvas_panel.hpp"
#include "ui/presentation.hpp"
#include "ui/view_options_popup.hpp"

using namespace nestmap;

namespace {

constexpr int kRight = 10, kLeft = 11, kEscape = test::HeadlessGui::kEscape;

struct Harness {
  test::TempDir dir;
  Document doc = Document::create(dir / "map.nestmap", defaultModel(embeddedData(), "test"));
  std::vector<RowId> views;
  Presentation presentation;
  RowId shown = 0;
  test::HeadlessGui gui{[this] {
                          if (const RowId v = presentation.handleKeys(doc.model(), shown)) shown = v;
                        },
                        ImVec2(800, 600)};
  Harness() {
    ImGui::GetIO().KeyMap[ImGuiKey_RightArrow] = kRight;
    ImGui::GetIO().KeyMap[ImGuiKey_LeftArrow] = kLeft;
    for (const char* name : {"Overzicht", "Nest Gent", "Nest Ieper"}) {
      View v;
      v.name = name;
      doc.execute(putRecord<View>(v));
      views.push_back(doc.model().views.records().back().id);
    }
    shown = views[1];
  }
};

}  // namespace

TEST_CASE("Presentation: F5 starts on the current view, arrows step, Esc ends", "[ui][presentation]") {
  Harness h;
  CHECK_FALSE(h.presentation.active());
  h.gui.press(kRight);  // not presenting: the arrows do nothing
  CHECK(h.shown == h.views[1]);
  h.gui.press(Presentation::kKeyF5);
  REQUIRE(h.presentation.active());
  CHECK(h.presentation.slide() == 1);
  CHECK(h.shown == h.views[1]);
  h.gui.press(kRight);
  CHECK(h.shown == h.views[2]);
  h.gui.press(kRight);  // the last slide stays
  CHECK(h.shown == h.views[2]);
  CHECK(h.presentation.slide() == 2);
  h.gui.press(kLeft);
  h.gui.press(kLeft);
  CHECK(h.shown == h.views[0]);
  h.gui.press(kLeft);
  CHECK(h.shown == h.views[0]);
  h.gui.press(kEscape);
  CHECK_FALSE(h.presentation.active());
  h.gui.press(Presentation::kKeyF5);
  CHECK(h.presentation.active());
  h.gui.press(Presentation::kKeyF5);  // F5 ends it too
  CHECK_FALSE(h.presentation.active());
  CHECK(Presentation::slides(h.doc.model()) == h.views);
}

TEST_CASE("Canvas: read-only for a presentation, a double-click adds nothing", "[ui][presentation]") {
  test::TempDir dir;
  Document doc = Document::create(dir / "map.nestmap", defaultModel(embeddedData(), "test"));
  CanvasPanel canvas;
  test::HeadlessGui gui{[&] { canvas.draw(doc, ImVec2(0, 0), ImVec2(800, 600)); }, ImVec2(800, 600)};
  gui.frame();
  canvas.setReadOnly(true);
  gui.clickAt(ImVec2(500, 200));
  gui.clickAt(ImVec2(500, 200));
  CHECK(doc.model().actors.empty());
  canvas.setReadOnly(false);
  for (int i = 0; i < 40; ++i) gui.frame();  // well past the double-click time
  gui.clickAt(ImVec2(500, 200));
  gui.clickAt(ImVec2(500, 200));
  CHECK(doc.model().actors.size() == 1);
}

TEST_CASE("Saved views keep their options and camera, and open with them", "[ui][presentation]") {
  test::TempDir dir;
  Document doc = Document::create(dir / "map.nestmap", defaultModel(embeddedData(), "test"));
  const Model& m = doc.model();
  ViewOptions options;
  options.colorBy = ColorBy::Sector;
  options.sizeBy = SizeBy::Metric;
  options.metric = CanvasMetric::PageRank;
  options.hiddenActorTypes = {m.actorTypeByKey("prison")->id};
  options.hiddenTieTypes = {m.tieTypes.records().front().id};
  options.showPlanned = false;
  options.showEnded = true;
  options.asOf = "2025-06-01";
  options.agreements = AgreementOverlay::Hulls;
  options.onlyFormalAgreements = true;
  options.focusMode = true;
  options.focusDepth = 2;
  const auto [filter, decoration] = viewOptionsToJson(m, options);
  CHECK(viewOptionsFromJson(m, filter, decoration) == options);
  // What is damaged or unknown keeps the defaults.
  CHECK(viewOptionsFromJson(m, "not json", "{\"colorBy\": 99, \"focusDepth\": \"x\"}") == ViewOptions{});

  // Through the canvas: saved into the map as one step, taken over when the view is shown again.
  View v;
  v.name = "Overzicht";
  doc.execute(putRecord<View>(v));
  const RowId view = doc.model().views.records().back().id;
  CanvasPanel canvas;
  test::HeadlessGui gui{[&] { canvas.draw(doc, ImVec2(0, 0), ImVec2(800, 600)); }, ImVec2(800, 600)};
  canvas.showView(view);
  gui.frame();
  canvas.setViewOptions(options);
  gui.frame();
  const std::size_t depth = test::undoDepth(doc);
  canvas.saveView(doc);
  CHECK(test::undoDepth(doc) == depth + 1);
  const View& saved = *doc.model().views.find(view);
  CHECK(viewOptionsFromJson(doc.model(), saved.filterJson, saved.decorationJson) == options);
  CHECK(saved.zoom == canvas.camera().zoom);

  CanvasPanel fresh;
  test::HeadlessGui gui2{[&] { fresh.draw(doc, ImVec2(0, 0), ImVec2(800, 600)); }, ImVec2(800, 600)};
  fresh.showView(view);
  gui2.frame();
  CHECK(fresh.viewOptions() == options);
  CHECK(fresh.camera().zoom == saved.zoom);
  doc.undo();
  CHECK(doc.model().views.find(view)->decorationJson == "{}");
}
