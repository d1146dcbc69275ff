#pragma once
// [SECTION] graph exports: a map as GraphML, GEXF, node-link JSON, DOT or CSV,
// for Gephi, yEd, Graphviz, networkx and Excel. Pure functions of a model: the
// caller writes the bytes (platform/output_file.hpp).

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/model.hpp"

namespace nestmap {

/// How agreements go out: as ties between every pair of their parties, or as nodes of their own.
enum class AgreementsAs { Ties, Nodes };

/// What goes into a graph export.
struct GraphExportOptions {
  AgreementsAs agreements = AgreementsAs::Ties;
  /// Only actors, ties and agreements valid on this day, agreements with their status of that day.
  std::optional<Date> asOf;
  /// Leaves out what must not leave the organisation: contact persons (with their e-mail and
  /// phone), free-text notes, tie source notes, agreement owners and the map's description.
  bool shareSafe = false;
  /// GEXF: the view whose positions go into viz:position (0: none).
  RowId viewId = 0;
  /// GEXF: viz:size of every node, the radius a view draws an actor with (SceneContentOptions::nodeRadius).
  double nodeRadius = 1;
};

/// One file an export writes: `suffix` goes between the stem and the extension of the
/// path the user gave ("" for that path itself; CSV writes "-actoren" and "-banden").
struct GraphExportFile {
  std::string suffix;
  std::string bytes;
};

/// What an export holds, for the summary the user sees.
struct GraphExportCounts {
  std::size_t actors = 0, ties = 0, agreements = 0;
};

/// What one format writes for a map: its files, and what they hold.
struct GraphExport {
  std::vector<GraphExportFile> files;
  GraphExportCounts counts;
};

/// The files of one format for `model`.
using GraphWriter = GraphExport (*)(const Model& model, const GraphExportOptions& options);

/// One export format: the table every caller (the CLI, later the window) picks from.
struct GraphFormat {
  std::string_view name;       ///< "graphml"
  std::string_view extension;  ///< ".graphml", lower case
  std::string_view labelKey;   ///< i18n key of its name in a menu
  GraphWriter write;
};

/// Every format, in the order a menu lists them.
std::span<const GraphFormat> graphFormats();

/// The format whose extension `path` has (case does not matter); nullptr when none has it.
const GraphFormat* graphFormatFor(const std::filesystem::path& path);

/// Where `file` of an export to `path` goes: the suffix inserted before the extension.
std::filesystem::path exportPath(const std::filesystem::path& path, const GraphExportFile& file);

/// GraphML with typed <key> declarations; one <edge> per tie (and per agreement pair).
std::string graphmlExport(const Model& model, const GraphExportOptions& options);
/// GEXF 1.3 with attvalues and viz:color, viz:size and viz:position from options.viewId.
std::string gexfExport(const Model& model, const GraphExportOptions& options);
/// Node-link JSON as networkx's json_graph.node_link_graph reads it ("links", a multigraph keyed by edge id).
std::string nodeLinkJsonExport(const Model& model, const GraphExportOptions& options);
/// Graphviz DOT: quoted ids, escaped labels, shapes and colours of the taxonomy.
std::string dotExport(const Model& model, const GraphExportOptions& options);
/// Two CSV files for Excel (`;`, decimal comma, UTF-8 with byte order mark): actors, then ties.
std::vector<GraphExportFile> csvExport(const Model& model, const GraphExportOptions& options);

}  // namespace nestmap
