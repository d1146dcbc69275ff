// The sidebar without a window: a headless ImGui context (no renderer) fed
// scripted mouse and key input, checking the lists it shows, what it returns
// and the commands it pushes.

#include "ui/sidebar_panel.hpp"

#include <imgui.h>

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/i18n.hpp"
#include "edit/commands.hpp"
#include "edit/document.hpp"
#include "io/data_sources.hpp"
#include "support/headless_gui.hpp"
#include "support/map_builder.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;

namespace {

// Indices into io.KeysDown; 1.86 leaves the mapping to the backend.
constexpr int kEnter = test::HeadlessGui::kEnter, kBackspace = test::HeadlessGui::kBackspace,
              kKeyA = test::HeadlessGui::kKeyA;

using test::actorByName;

/// A map of four actors of two types, and the panel in a headless ImGui:
///
///   type A: CAW Oost-Vlaanderen, Café Sociaal Leuven
///   type B: OCMW Gent, Justitiehuis Gent (short name "JH")
///   one view: Alliantie-overzicht (the current one)
///
/// Sorted by folded name: cafe sociaal leuven, caw oost vlaanderen,
/// justitiehuis gent, ocmw gent.
struct Harness {
  test::TempDir dir;
  Document doc = Document::create(dir / "map.nestmap", defaultModel(embeddedData(), "test"));
  SidebarPanel panel;
  std::set<RowId> selection;
  RowId currentView = 0;
  RowId typeA = 0, typeB = 0;
  RowId caw = 0, cafe = 0, ocmw = 0, jh = 0;
  std::size_t base = 0;         ///< commands on the undo stack after setting up (5)
  SidebarPanel::Result result;  ///< what the frames since the last clear returned
  test::HeadlessGui gui{[this] { drawPanel(); }};

  Harness() {
    const auto& types = doc.model().actorTypes.records();
    REQUIRE(types.size() >= 3);
    typeA = types[0].id;
    typeB = types[1].id;
    add("CAW Oost-Vlaanderen", typeA);
    add("Café Sociaal Leuven", typeA);
    add("OCMW Gent", typeB);
    add("Justitiehuis Gent", typeB, "JH");
    caw = actorByName(doc.model(), "CAW Oost-Vlaanderen");
    cafe = actorByName(doc.model(), "Café Sociaal Leuven");
    ocmw = actorByName(doc.model(), "OCMW Gent");
    jh = actorByName(doc.model(), "Justitiehuis Gent");
    View overview;
    overview.name = "Alliantie-overzicht";
    overview.layout = "forceatlas2";
    doc.execute(putRecord<View>(overview));
    currentView = doc.model().views.records().front().id;

    frame();
    frame();
    result = {};
    base = undoDepth();
  }

  void add(const std::string& name, RowId type, const std::string& shortName = {}) {
    Actor a;
    a.name = name;
    a.shortName = shortName;
    a.typeId = type;
    doc.execute(addActor(a));
  }
  void frame() { gui.frame(); }
  void drawPanel() {
    SidebarPanel::Result r = panel.draw(doc, currentView, selection, ImVec2(0, 0), ImVec2(320, 800));
    if (r.selectActor) result.selectActor = r.selectActor;
    if (r.showView) result.showView = r.showView;
  }
  void clickAt(ImVec2 p) { gui.clickAt(p); }
  void click(const std::string& item) {
    frame();  // a popup opened last frame is placed only now
    auto centre = panel.itemCenter(item);
    INFO("item " << item);
    REQUIRE(centre);
    clickAt(*centre);
  }
  void press(int key, bool ctrl = false) { gui.press(key, ctrl); }
  void type(const std::string& text) { gui.type(text); }
  /// Replaces the text of the focused field and presses Enter.
  void replaceText(const std::string& text) {
    press(kKeyA, true);
    press(kBackspace);
    type(text);
    press(kEnter);
  }
  std::size_t undoDepth() { return test::undoDepth(doc); }
  std::vector<std::string> viewNames() const {
    std::vector<std::string> out;
    for (const auto& [id, v] : doc.model().views) out.push_back(v.name);
    return out;
  }
};

using Ids = std::vector<RowId>;

}  // namespace

TEST_CASE("Sidebar: filterActors folds case and accents and matches word starts in order", "[ui][sidebar]") {
  Harness h;
  const Model& m = h.doc.model();
  CHECK(filterActors(m, "", 0) == Ids{h.cafe, h.caw, h.jh, h.ocmw});
  CHECK(filterActors(m, "gent", 0) == Ids{h.jh, h.ocmw});
  CHECK(filterActors(m, "  GENT ", 0) == Ids{h.jh, h.ocmw});
  CHECK(filterActors(m, "cafe soc", 0) == Ids{h.cafe});
  CHECK(filterActors(m, "CAFÉ", 0) == Ids{h.cafe});
  CHECK(filterActors(m, "oost-vl", 0) == Ids{h.caw});
  CHECK(filterActors(m, "soc cafe", 0).empty());  // words in order
  CHECK(filterActors(m, "ent", 0).empty());       // starts of words, not inside them
  CHECK(filterActors(m, "jh", 0) == Ids{h.jh});   // the short name counts too
  CHECK(filterActors(m, "", h.typeB) == Ids{h.jh, h.ocmw});
  CHECK(filterActors(m, "ocmw", h.typeB) == Ids{h.ocmw});
  CHECK(filterActors(m, "ocmw", h.typeA).empty());
}

TEST_CASE("Sidebar: the search box and the type filter narrow the list", "[ui][sidebar]") {
  Harness h;
  CHECK(h.panel.visibleActors() == Ids{h.cafe, h.caw, h.jh, h.ocmw});
  h.click("search");
  h.type("Gent");
  h.frame();
  CHECK(h.panel.visibleActors() == Ids{h.jh, h.ocmw});
  CHECK(h.panel.itemCenter("actor:" + std::to_string(h.jh)));
  CHECK_FALSE(h.panel.itemCenter("actor:" + std::to_string(h.caw)));  // filtered out: not drawn

  // The combo offers "all types" and the two types in use, no others.
  h.click("type_filter");
  CHECK(h.panel.itemCenter("type_option:0"));
  CHECK(h.panel.itemCenter("type_option:" + std::to_string(h.typeA)));
  CHECK_FALSE(h.panel.itemCenter("type_option:" + std::to_string(h.doc.model().actorTypes.records()[2].id)));
  h.click("type_option:" + std::to_string(h.typeA));
  h.frame();
  CHECK(h.panel.visibleActors().empty());
  h.panel.setSearch("");
  h.frame();
  CHECK(h.panel.visibleActors() == Ids{h.cafe, h.caw});
  h.click("type_filter");
  h.click("type_option:0");
  h.frame();
  CHECK(h.panel.visibleActors() == Ids{h.cafe, h.caw, h.jh, h.ocmw});
  CHECK(h.undoDepth() == h.base);  // filtering changes nothing in the map
}

TEST_CASE("Sidebar: the list follows the map when it changes", "[ui][sidebar]") {
  Harness h;
  h.panel.setSearch("gent");
  h.frame();
  REQUIRE(h.panel.visibleActors() == Ids{h.jh, h.ocmw});
  h.add("Gentse Politie", h.typeA);
  h.frame();
  const RowId politie = actorByName(h.doc.model(), "Gentse Politie");
  CHECK(h.panel.visibleActors() == Ids{politie, h.jh, h.ocmw});
  h.doc.undo();
  h.frame();
  CHECK(h.panel.visibleActors() == Ids{h.jh, h.ocmw});
}

TEST_CASE("Sidebar: a click on an actor or a view returns it", "[ui][sidebar]") {
  Harness h;
  h.click("actor:" + std::to_string(h.jh));
  CHECK(h.result.selectActor == h.jh);
  CHECK(h.result.showView == 0);

  View second;
  second.name = "Tweede";
  h.doc.execute(putRecord<View>(second));
  const RowId secondId = h.doc.model().views.records().back().id;
  h.result = {};
  h.click("view:" + std::to_string(secondId));
  CHECK(h.result.showView == secondId);
  CHECK(h.result.selectActor == 0);
  CHECK(h.undoDepth() == h.base + 1);  // showing is no edit
}

TEST_CASE("Sidebar: a new view is one command, shown at once; undo removes it", "[ui][sidebar]") {
  Harness h;
  const std::vector<std::string> before = h.viewNames();
  h.click("new_view_name");
  h.type("Werkversie");
  h.press(kEnter);
  std::vector<std::string> after = before;
  after.push_back("Werkversie");
  CHECK(h.viewNames() == after);
  const RowId id = h.doc.model().views.records().back().id;
  CHECK(h.result.showView == id);
  CHECK(h.undoDepth() == h.base + 1);
  h.frame();
  CHECK(h.panel.itemCenter("view:" + std::to_string(id)));

  // The button does the same; an empty name is refused with the validation message.
  h.click("new_view");
  CHECK(h.panel.message() == tr("valid.name_empty"));
  CHECK(h.undoDepth() == h.base + 1);

  h.doc.undo();
  CHECK(h.viewNames() == before);
}

TEST_CASE("Sidebar: renaming a view inline is one command; undo restores the name", "[ui][sidebar]") {
  Harness h;
  const RowId id = h.currentView;
  const std::string old = h.doc.model().views.find(id)->name;
  h.click("view_rename:" + std::to_string(id));
  h.frame();
  CHECK(h.panel.itemCenter("view_name:" + std::to_string(id)));
  CHECK_FALSE(h.panel.itemCenter("view:" + std::to_string(id)));
  h.replaceText("Hoofdkaart");
  CHECK(h.doc.model().views.find(id)->name == "Hoofdkaart");
  CHECK(h.undoDepth() == h.base + 1);
  h.frame();
  CHECK(h.panel.itemCenter("view:" + std::to_string(id)));  // back to a row

  // An empty name is refused and keeps the field open.
  h.click("view_rename:" + std::to_string(id));
  h.frame();
  h.replaceText("");
  CHECK(h.doc.model().views.find(id)->name == "Hoofdkaart");
  CHECK(h.panel.message() == tr("valid.name_empty"));
  CHECK(h.undoDepth() == h.base + 1);

  h.doc.undo();
  CHECK(h.doc.model().views.find(id)->name == old);
}

TEST_CASE("Sidebar: deleting a view is one command; the last view is refused", "[ui][sidebar]") {
  Harness h;
  View second;
  second.name = "Tweede";
  h.doc.execute(putRecord<View>(second));
  // Down to two views: the first and "Tweede".
  while (h.doc.model().views.size() > 2) {
    const RowId id = h.doc.model().views.records()[1].id;
    h.doc.execute(removeRecord<View>(h.doc.model(), id));
  }
  const std::size_t depth = h.undoDepth();
  const RowId secondId = h.doc.model().views.records().back().id;
  const RowId firstId = h.doc.model().views.records().front().id;
  h.frame();

  h.click("view_delete:" + std::to_string(secondId));
  CHECK(h.doc.model().views.size() == 1);
  CHECK_FALSE(h.doc.model().views.contains(secondId));
  CHECK(h.undoDepth() == depth + 1);
  CHECK(h.panel.message().empty());

  h.click("view_delete:" + std::to_string(firstId));
  CHECK(h.doc.model().views.size() == 1);
  CHECK(h.panel.message() == tr("sidebar.last_view"));
  CHECK(h.undoDepth() == depth + 1);

  h.doc.undo();
  REQUIRE(h.doc.model().views.contains(secondId));
  CHECK(h.doc.model().views.find(secondId)->name == "Tweede");
}
