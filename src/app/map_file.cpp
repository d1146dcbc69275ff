#include "app/map_file.hpp"

#include <unistd.h>

#include "analysis/graph_snapshot.hpp"
#include "edit/document.hpp"
#include "io/data_sources.hpp"
#include "layout/force_atlas2.hpp"
#include "layout/remove_overlap.hpp"

namespace nestmap {
namespace fs = std::filesystem;

void buildMapFile(const fs::path& target, Model model, const std::string& demoSources) {
  fs::path temp = target;
  temp += ".building-" + std::to_string(getpid());
  std::error_code ec;
  fs::remove(temp, ec);
  try {
    Document doc = Document::create(temp, std::move(model));
    if (!demoSources.empty()) {
      doc.store().begin();
      doc.store().setMetaValue("demo_sources", demoSources);
      doc.store().commit();
    }
  } catch (...) {
    fs::remove(temp, ec);
    throw;
  }
  // The Document is closed now: SQLite has folded the WAL into the file. A WAL
  // or shared-memory file left from an earlier map of this name would be
  // replayed into the new one, so they go before it takes the name.
  for (const char* suffix : {"-wal", "-shm"}) fs::remove(target.string() + suffix);
  fs::rename(temp, target);
}

Model laidOutDemo() {
  Model model = demoModel(embeddedData());
  if (model.views.empty()) return model;
  const GraphSnapshot g = GraphSnapshot::fromModel(model, layoutSnapshotOptions());
  ForceAtlas2 layout(g, {}, {});
  layout.runUntilStable(0.0005, 3000);
  std::vector<Vec2> positions = layout.positions();
  placeIsolated(g, positions);
  RemoveOverlap::run(positions, {}, {});
  const RowId view = model.views.records().front().id;
  for (std::size_t v = 0; v < g.vertexCount(); ++v)
    model.positions[view][g.rowId(static_cast<GraphSnapshot::Vertex>(v))] = {positions[v].x, positions[v].y, false};
  View& overview = *model.views.find(view);
  overview.layout = "fa2";
  return model;
}

}  // namespace nestmap
