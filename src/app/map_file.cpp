#include "app/map_file.hpp"

#include <system_error>

#include "analysis/graph_snapshot.hpp"
#include "edit/document.hpp"
#include "io/data_sources.hpp"
#include "layout/force_atlas2.hpp"
#include "layout/remove_overlap.hpp"

namespace nestmap {
namespace fs = std::filesystem;

void buildMapFile(const fs::path& target, Model model, const std::string& demoSources, OutputOptions output) {
  output.kind = OutputKind::Map;
  writeOutputFile(target, output, [&](const fs::path& temp) {
    try {
      // Closing the Document at the end of this block folds SQLite's WAL into the
      // file, so that the file alone is the whole map when it is moved.
      Document doc = Document::create(temp, std::move(model));
      if (!demoSources.empty()) {
        doc.store().begin();
        doc.store().setMetaValue("demo_sources", demoSources);
        doc.store().commit();
      }
    } catch (const std::system_error&) {
      throw;  // writeOutputFile names the target in the message
    } catch (const std::exception& e) {
      // SQLite's failures (a full disk above all) in words a user can act on, naming the target.
      if (auto explained = Store::explain(e, target)) throw *explained;
      throw;
    }
  });
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
