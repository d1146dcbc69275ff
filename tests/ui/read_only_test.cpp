// Trust in the window: a map that can only be read offers no edits (and its
// first layout is shown, never written), and an edit that the map refuses
// because another program changed it is said, never swallowed. Panels in a
// headless ImGui (no OpenGL) fed scripted input; "another program" is a
// second Document on the same file, as in tests/edit/external_change_test.cpp.

#include <GLFW/glfw3.h>  // the key codes AppShell::handleShortcuts reads
#include <imgui.h>
#include <imgui_internal.h>  // FindWindowByName: whether a tooltip is up

#include <catch2/catch.hpp>
#include <chrono>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "io/data_sources.hpp"
#include "support/headless_gui.hpp"
#include "support/map_builder.hpp"
#include "support/temp_dir.hpp"
#include "ui/agreement_editor.hpp"
#include "ui/app_shell.hpp"
#include "ui/canvas_panel.hpp"
#include "ui/edit_scope.hpp"
#include "ui/frame_recovery.hpp"
#include "ui/inspector_panel.hpp"
#include "ui/partner_panel.hpp"
#include "ui/sidebar_panel.hpp"

using namespace nestmap;
namespace fs = std::filesystem;

namespace {

constexpr int kDelete = test::HeadlessGui::kDelete;
const Store::Options kReadOnly{.readOnly = true};

/// A map file of five actors in a ring of ties,
///
///   A — B — C — D — E — A
///
/// and, when `withView`, one view holding every actor on a line (x = 20·i, y = 0).
/// The Document that wrote it is closed again, so that the file is the whole map.
fs::path writeRing(const test::TempDir& dir, bool withView) {
  const fs::path path = dir / "ring.nestmap";
  Document doc = Document::create(path, defaultModel(embeddedData(), "Ring"));
  std::vector<RowId> ids;
  for (const char* name : {"A", "B", "C", "D", "E"}) {
    Actor a;
    a.name = name;
    a.typeId = doc.model().actorTypes.records().front().id;
    doc.execute(addActor(a));
    ids.push_back(test::actorByName(doc.model(), name));
  }
  for (std::size_t i = 0; i < ids.size(); ++i) {
    Tie t;
    t.sourceId = ids[i];
    t.targetId = ids[(i + 1) % ids.size()];
    t.typeId = doc.model().tieTypes.records().front().id;
    doc.execute(addTie(doc.model(), t));
  }
  if (withView) {
    View v;
    v.name = "Overzicht";
    doc.execute(putRecord<View>(v));
    const RowId view = doc.model().views.records().back().id;
    std::vector<std::pair<RowId, std::optional<ViewPosition>>> placed;
    for (std::size_t i = 0; i < ids.size(); ++i) placed.emplace_back(ids[i], ViewPosition{20.0 * i, 0, false});
    doc.execute(setPositions(doc.model(), view, placed));
  }
  return path;
}

/// Whether a tooltip was shown in the last frame.
bool tooltipShown() {
  const ImGuiWindow* tooltip = ImGui::FindWindowByName("##Tooltip_00");
  return tooltip && tooltip->Active;
}

/// Two clicks at `at` after half a second of rest, so that no earlier click makes either a double-click.
void doubleClick(test::HeadlessGui& gui, ImVec2 at) {
  for (int i = 0; i < 30; ++i) gui.frame();
  gui.clickAt(at);
  gui.clickAt(at);
}

ImVec2 toIm(std::pair<Vec2, double> at) {
  return ImVec2(static_cast<float>(at.first.x), static_cast<float>(at.first.y));
}

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] a read-only map offers no edits

TEST_CASE("Read-only map: the inspector's fields are greyed out, typing commits nothing, the tooltip says why",
          "[ui][read_only]") {
  test::TempDir dir;
  const fs::path path = writeRing(dir, true);
  Document doc = Document::open(path, kReadOnly);
  REQUIRE(doc.readOnly());
  const RowId a = test::actorByName(doc.model(), "A");
  const std::uint64_t revision = doc.revision();
  InspectorPanel panel;
  std::set<RowId> selection{a};
  test::HeadlessGui gui([&] { panel.draw(doc, selection, ImVec2(0, 0), ImVec2(420, 800)); });
  gui.frame();
  gui.frame();
  const auto name = panel.fieldCenter("name");
  REQUIRE(name);

  // Click the name and type over it: a live field would commit, and the map refuse it
  // with a red message. A greyed-out one takes no text at all.
  gui.clickAt(*name);
  gui.replaceText("Hernoemd");
  CHECK(doc.model().actors.find(a)->name == "A");
  CHECK(panel.error().empty());
  CHECK(doc.revision() == revision);

  // Resting on a field says why it cannot be changed; elsewhere, nothing.
  gui.moveTo(*name);
  gui.frame();
  CHECK(tooltipShown());
  gui.moveTo(ImVec2(600, 600));
  gui.frame();
  CHECK_FALSE(tooltipShown());
}

TEST_CASE("Read-only map: the sidebar makes no view, and an edit forced through is refused, not applied",
          "[ui][read_only]") {
  test::TempDir dir;
  const fs::path path = writeRing(dir, true);
  Document doc = Document::open(path, kReadOnly);
  SidebarPanel panel;
  test::HeadlessGui gui([&] { panel.draw(doc, 0, {}, ImVec2(0, 0), ImVec2(360, 800)); });
  gui.frame();
  gui.frame();
  const auto create = panel.itemCenter("new_view");
  REQUIRE(create);
  gui.clickAt(*create);
  CHECK(doc.model().views.size() == 1);
  // The button never ran: a command would have been refused with the store's message.
  CHECK(panel.message().empty());

  // What a panel must never do on such a map, the Document refuses anyway.
  try {
    doc.execute(putRecord<View>(View{}));
    FAIL("a read-only map took a command");
  } catch (const UserError& e) {
    CHECK(e.kind() == UserError::Kind::ReadOnly);
  }
}

TEST_CASE("Read-only map without a view or positions: the canvas lays it out in memory and writes nothing",
          "[ui][read_only][canvas]") {
  // The window used to abort here: the canvas made the missing view inside its
  // ImGui window, the read-only map threw, and the window's End() never came.
  test::TempDir dir;
  const fs::path path = writeRing(dir, false);
  const std::vector<char> bytes = test::readBytes(path);
  {
    Document doc = Document::open(path, kReadOnly);
    REQUIRE(doc.model().views.empty());
    CanvasPanel canvas;
    test::HeadlessGui gui([&] { canvas.draw(doc, ImVec2(0, 0), ImVec2(800, 600)); }, ImVec2(800, 600));
    ImGui::GetIO().MousePos = ImVec2(-1, -1);
    REQUIRE_NOTHROW(gui.frame());
    const RowId view = canvas.options().viewId;
    CHECK(view != 0);
    CHECK(canvas.shownModel(doc).views.contains(view));

    // The layout settles on its worker; then it is shown, from memory.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!canvas.layoutUnsaved(view) && std::chrono::steady_clock::now() < deadline) {
      gui.frame();
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    REQUIRE(canvas.layoutUnsaved(view));
    gui.frame();
    CHECK_FALSE(canvas.layoutRunning());
    CHECK(canvas.scene().nodes.size() == 5);
    CHECK(canvas.scene().edges.size() == 5);
    CHECK(canvas.takeRefusal().empty());
    // Nothing went into the map, and no second layout starts.
    CHECK(doc.model().views.empty());
    CHECK(doc.model().positions.empty());
    gui.frame();
    CHECK_FALSE(canvas.layoutRunning());

    // Double-click on empty space, drag an actor, Delete: no edit, no refusal either.
    const auto b = canvas.screenOf(test::actorByName(doc.model(), "B"));
    REQUIRE(b);
    doubleClick(gui, ImVec2(790, 20));
    gui.moveTo(toIm(*b));
    gui.button(true);
    gui.moveTo(ImVec2(toIm(*b).x + 60, toIm(*b).y + 40));
    gui.button(false);
    CHECK(canvas.options().selection == std::set<RowId>{test::actorByName(doc.model(), "B")});
    gui.press(kDelete);
    CHECK(doc.model().actors.size() == 5);
    CHECK(doc.model().positions.empty());
    CHECK(canvas.takeRefusal().empty());
  }
  CHECK(test::readBytes(path) == bytes);
}

TEST_CASE("Read-only map: the agreement editor shows the agreement, changes nothing, still opens its documents",
          "[ui][read_only]") {
  test::TempDir dir;
  const fs::path path = writeRing(dir, true);
  RowId id = 0;
  {
    Document doc = Document::open(path);
    Agreement deal;
    deal.title = "Doorverwijzing A–B";
    deal.typeId = doc.model().agreementTypes.records().front().id;
    deal.parties = {{test::actorByName(doc.model(), "A"), {}}, {test::actorByName(doc.model(), "B"), {}}};
    deal.documents = {{"Protocol", "https://example.org/protocol.pdf"}};
    doc.execute(addAgreement(deal));
    id = doc.model().agreements.records().back().id;
  }
  Document doc = Document::open(path, kReadOnly);
  AgreementEditor editor;
  std::vector<std::string> opened;
  editor.launcher = [&](const std::vector<std::string>& argv) -> std::optional<std::string> {
    opened = argv;
    return std::nullopt;
  };
  editor.open(id);
  test::HeadlessGui gui([&] { editor.draw(doc, {}, ImVec2(0, 0), ImVec2(700, 900)); }, ImVec2(800, 1000));
  gui.frame();
  gui.frame();
  const std::uint64_t revision = doc.revision();
  const std::size_t history = doc.model().agreements.find(id)->history.size();
  for (const char* field : {"title", "notes"}) {
    const auto at = editor.fieldCenter(field);
    INFO(field);
    REQUIRE(at);
    gui.clickAt(*at);
    gui.replaceText("Anders");
  }
  for (const char* item : {"block:3", "doc_remove:0", "status_apply"}) {
    const auto at = editor.fieldCenter(item);
    INFO(item);
    REQUIRE(at);
    gui.clickAt(*at);
  }
  CHECK(doc.revision() == revision);
  CHECK(editor.error().empty());  // nothing was tried, so nothing was refused
  const Agreement& kept = *doc.model().agreements.find(id);
  CHECK(kept.title == "Doorverwijzing A–B");
  CHECK(kept.documents.size() == 1);
  CHECK(kept.buildingBlocks.empty());
  CHECK(kept.history.size() == history);
  // Reading a document is no edit.
  const auto open = editor.fieldCenter("doc_open:0");
  REQUIRE(open);
  gui.clickAt(*open);
  CHECK_FALSE(opened.empty());
}

TEST_CASE("Read-only map: the partner finder lists candidates but plans no agreement", "[ui][read_only]") {
  test::TempDir dir;
  const fs::path path = dir / "demo.nestmap";
  { Document::create(path, demoModel(embeddedData())); }
  Document doc = Document::open(path, kReadOnly);
  PartnerPanel panel;
  panel.setAsOf(*Date::parse("2026-11-29"));
  panel.setToday(*Date::parse("2026-11-30"));
  panel.setPrison(test::actorByKey(doc.model(), "prison_ieper"));
  test::HeadlessGui gui([&] { panel.draw(doc, ImVec2(0, 0), ImVec2(1800, 900)); }, ImVec2(1800, 1000));
  gui.frame();
  gui.frame();
  REQUIRE_FALSE(panel.hooks().rows.empty());
  for (const auto& row : panel.hooks().rows) CHECK_FALSE(row.planEnabled);
  const std::size_t agreements = doc.model().agreements.size();
  gui.clickAt(panel.hooks().rows.front().planCenter);
  CHECK(doc.model().agreements.size() == agreements);
  CHECK(panel.takePlannedAgreement() == 0);
  CHECK(panel.message().empty());
}

// ---------------------------------------------------------------------------
// [SECTION] an edit refused because another program changed the map is said

TEST_CASE("Changed by another program: the inspector says so under the field and shows the map read again",
          "[ui][read_only]") {
  test::TempDir dir;
  const fs::path path = writeRing(dir, true);
  Document doc = Document::open(path);
  Document other = Document::open(path);
  const RowId a = test::actorByName(doc.model(), "A");
  InspectorPanel panel;
  std::set<RowId> selection{a};
  test::HeadlessGui gui([&] { panel.draw(doc, selection, ImVec2(0, 0), ImVec2(420, 800)); });
  gui.frame();
  gui.frame();

  Actor renamed = *other.model().actors.find(a);
  renamed.notes = "door de andere";
  other.execute(updateActor(renamed));

  const auto name = panel.fieldCenter("name");
  REQUIRE(name);
  gui.clickAt(*name);
  gui.replaceText("Hernoemd");
  CHECK(panel.error() == tr("store.changed"));
  CHECK(panel.errorField() == "name");
  CHECK(doc.model().actors.find(a)->name == "A");
  CHECK(doc.model().actors.find(a)->notes == "door de andere");
  // The map read again takes the edit the second time.
  gui.clickAt(*panel.fieldCenter("name"));
  gui.replaceText("Hernoemd");
  CHECK(panel.error().empty());
  CHECK(doc.model().actors.find(a)->name == "Hernoemd");
}

TEST_CASE("Changed by another program: the canvas hands its refusal to the status bar and keeps working",
          "[ui][read_only][canvas]") {
  test::TempDir dir;
  const fs::path path = writeRing(dir, true);
  Document doc = Document::open(path);
  Document other = Document::open(path);
  CanvasPanel canvas;
  test::HeadlessGui gui([&] { canvas.draw(doc, ImVec2(0, 0), ImVec2(800, 600)); }, ImVec2(800, 600));
  ImGui::GetIO().MousePos = ImVec2(-1, -1);
  gui.frame();
  gui.frame();
  const RowId c = test::actorByName(doc.model(), "C");
  const auto at = canvas.screenOf(c);
  REQUIRE(at);
  gui.clickAt(toIm(*at));
  REQUIRE(canvas.options().selection == std::set<RowId>{c});

  // The other program removes the selected actor; Delete here is refused, and says why.
  other.execute(deleteActor(other.model(), c));
  gui.press(kDelete);
  CHECK(canvas.takeRefusal() == tr("store.changed"));
  CHECK_FALSE(doc.model().actors.contains(c));
  CHECK(doc.model().actors.size() == 4);
  CHECK(canvas.takeRefusal().empty());  // said once
  // The selection of an actor that is gone draws, and Delete lets go of it.
  gui.frame();
  CHECK(canvas.scene().nodes.size() == 4);
  CHECK(canvas.scene().nodeOf(c) < 0);
  gui.press(kDelete);
  CHECK(canvas.options().selection.empty());
  CHECK(canvas.takeRefusal().empty());
  CHECK(doc.model().actors.size() == 4);

  // A double-click after another change: refused and said; the next one is added.
  Actor renamed = *other.model().actors.find(test::actorByName(other.model(), "A"));
  renamed.name = "A2";
  other.execute(updateActor(renamed));
  doubleClick(gui, ImVec2(790, 20));
  CHECK(canvas.takeRefusal() == tr("store.changed"));
  CHECK(doc.model().actors.size() == 4);
  CHECK(test::actorByName(doc.model(), "A2") != 0);
  doubleClick(gui, ImVec2(790, 20));
  CHECK(canvas.takeRefusal().empty());
  CHECK(doc.model().actors.size() == 5);
}

TEST_CASE("Changed by another program: Ctrl+Z is refused with the reason in the status bar", "[ui][read_only]") {
  test::TempDir dir;
  const fs::path path = writeRing(dir, true);
  Document doc = Document::open(path);
  Document other = Document::open(path);
  const RowId a = test::actorByName(doc.model(), "A");
  Actor renamed = *doc.model().actors.find(a);
  renamed.name = "A1";
  doc.execute(updateActor(renamed));
  other.reloadIfChangedExternally();
  renamed = *other.model().actors.find(test::actorByName(other.model(), "B"));
  renamed.name = "B1";
  other.execute(updateActor(renamed));

  AppShell shell;
  bool quit = false;
  test::HeadlessGui gui([&] { shell.handleShortcuts(doc, quit); });
  gui.press(GLFW_KEY_Z, true);
  CHECK(shell.message == tr("store.changed"));
  CHECK(shell.messageIsError);
  // Nothing was undone: the map is as the file has it, both changes in it, and no history left to undo.
  CHECK(doc.model().actors.find(a)->name == "A1");
  CHECK(test::actorByName(doc.model(), "B1") != 0);
  CHECK_FALSE(doc.canUndo());
}

TEST_CASE("Read-only map: Ctrl+Z does nothing and says nothing", "[ui][read_only]") {
  test::TempDir dir;
  const fs::path path = writeRing(dir, true);
  Document doc = Document::open(path, kReadOnly);
  AppShell shell;
  bool quit = false;
  test::HeadlessGui gui([&] { shell.handleShortcuts(doc, quit); });
  gui.press(GLFW_KEY_Z, true);
  gui.press(GLFW_KEY_Y, true);
  CHECK(shell.message.empty());
  CHECK_FALSE(quit);
}

// ---------------------------------------------------------------------------
// [SECTION] what no panel expected still does not take the window down

TEST_CASE("An exception thrown between Begin and End: the frame is closed and the next one draws", "[ui][read_only]") {
  // Without the recovery, ImGui::Render() asserts on the window left open and the program aborts.
  test::TempDir dir;
  const fs::path path = writeRing(dir, true);
  Document doc = Document::open(path, kReadOnly);
  test::HeadlessGui gui;
  bool caught = false;
  gui.frame([&] {
    try {
      ImGui::Begin("##panel");
      EditScope edit(doc);  // unwound with the exception: its disabled scope ends
      ImGui::PushID("row");
      REQUIRE(ImGui::BeginTable("##table", 2));
      ImGui::TableNextColumn();
      throw std::runtime_error("a bug halfway through a panel");
    } catch (const std::runtime_error&) {
      caught = true;
      recoverImGuiStacks();
    }
  });
  CHECK(caught);
  bool pressed = true;
  gui.frame([&] {
    ImGui::Begin("##next");
    pressed = ImGui::Button("OK");
    ImGui::End();
  });
  CHECK_FALSE(pressed);
  CHECK(ImGui::GetCurrentContext()->CurrentWindowStack.Size == 0);
}
