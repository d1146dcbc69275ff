// `nestmap metrics` and `nestmap structure`: the analysis engine on the
// command line, in table, CSV or JSON form.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "analysis/centrality.hpp"
#include "analysis/communities.hpp"
#include "analysis/dashboard.hpp"
#include "analysis/paths.hpp"
#include "analysis/structure.hpp"
#include "app/cli.hpp"
#include "app/cli_command.hpp"
#include "app/json_text.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/name_match.hpp"
#include "core/text.hpp"
#include "edit/document.hpp"
#include "io/data_sources.hpp"
#include "io/graph_import.hpp"

namespace nestmap {
namespace fs = std::filesystem;
namespace {

using Vertex = GraphSnapshot::Vertex;

/// A map read for analysis, with how its actors are named in the output.
struct AnalysisInput {
  Model model;
  bool imported = false;  ///< from a graph file: ids are the file's own node ids
};

/// A .nestmap map, or a .graphml / .gexf file read straight into memory.
AnalysisInput readInput(const fs::path& file) {
  AnalysisInput input;
  const std::string ext = asciiLower(file.extension().string());
  if (ext == ".graphml" || ext == ".gexf") {
    if (!fs::exists(file)) throw UserError(UserError::Kind::NotFound, trf("store.not_found", {file.string()}));
    input.model = importGraph(file, embeddedData());
    input.imported = true;
    return input;
  }
  Document doc = Document::open(file);
  input.model = doc.model();
  return input;
}

/// The actor a user names on the command line: its UUID, its external id, its
/// name or short name (case and accents do not matter, nor do missing word
/// ends). Unknown or ambiguous names are errors that list what would match.
RowId findActor(const Model& m, const std::string& query) {
  std::vector<NameCandidate> actors;
  actors.reserve(m.actors.size());
  for (const auto& [id, a] : m.actors)
    actors.push_back({id, a.name, {a.name, a.shortName, a.externalId, a.uuid.toString()}});
  const NameMatch match = matchName(query, actors);
  if (!match.id) throwNameError(match, query, "analysis.no_actor", "analysis.ambiguous");
  return match.id;
}

std::string nodeId(const AnalysisInput& in, const Actor& a) {
  return in.imported && !a.externalId.empty() ? a.externalId : a.uuid.toString();
}

constexpr const char* kMetricNames[] = {
    "degree",
    "in_degree",
    "out_degree",
    "weighted_degree",
    "betweenness",
    "betweenness_raw",
    "betweenness_weighted",
    "closeness",
    "harmonic",
    "eigenvector",
    "pagerank",
    "clustering",
    "core",
    "constraint",
    "effective_size",
    "two_step_reach",
    "community",
};

/// Every requested metric, per vertex, computed once per algorithm.
std::map<std::string, std::vector<double>> computeMetrics(const GraphSnapshot& g,
                                                          const std::vector<std::string>& names) {
  auto wants = [&](std::initializer_list<const char*> any) {
    for (const char* a : any)
      if (std::find(names.begin(), names.end(), a) != names.end()) return true;
    return false;
  };
  std::map<std::string, std::vector<double>> out;
  if (wants({"degree", "in_degree", "out_degree", "weighted_degree"})) {
    auto r = Degree::run(g);
    out["degree"] = r.degree;
    out["in_degree"] = r.inDegree;
    out["out_degree"] = r.outDegree;
    out["weighted_degree"] = r.weighted;
  }
  if (wants({"betweenness", "betweenness_raw"})) {
    auto r = Betweenness::run(g);
    out["betweenness"] = r.normalized;
    out["betweenness_raw"] = r.raw;
  }
  if (wants({"betweenness_weighted"})) {
    BetweennessParams weighted;
    weighted.weighted = true;
    out["betweenness_weighted"] = Betweenness::run(g, weighted).normalized;
  }
  if (wants({"closeness", "harmonic"})) {
    auto r = Closeness::run(g);
    out["closeness"] = r.closeness;
    out["harmonic"] = r.harmonic;
  }
  if (wants({"eigenvector"})) out["eigenvector"] = EigenvectorCentrality::run(g).scores;
  if (wants({"pagerank"})) out["pagerank"] = PageRank::run(g).scores;
  if (wants({"clustering"})) out["clustering"] = Clustering::run(g).coefficient;
  if (wants({"core"})) {
    auto core = CoreNumber::run(g).core;
    out["core"] = std::vector<double>(core.begin(), core.end());
  }
  if (wants({"constraint", "effective_size"})) {
    auto r = StructuralHoles::run(g);
    out["constraint"] = r.constraint;
    out["effective_size"] = r.effectiveSize;
  }
  if (wants({"community"})) {
    auto community = Louvain::run(g).community;
    out["community"] = std::vector<double>(community.begin(), community.end());
  }
  if (wants({"two_step_reach"})) {
    auto reach = TwoStepReach::run(g).reach;
    out["two_step_reach"] = std::vector<double>(reach.begin(), reach.end());
  }
  return out;
}

nlohmann::ordered_json number(double v) {
  if (std::isnan(v)) return nullptr;
  if (v == std::floor(v) && std::abs(v) < 1e15) return static_cast<std::int64_t>(v);
  return v;
}

std::string text(double v) {
  if (std::isnan(v)) return "";
  std::ostringstream s;
  s << std::setprecision(6) << v;
  return s.str();
}

std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

/// Network-wide figures for the "network" part of the output, with the
/// sector × sector tie matrix.
nlohmann::ordered_json networkSummary(const GraphSnapshot& g, const Model& m) {
  NetworkSummary::Params params;
  std::vector<std::string> sectorKeys;
  std::map<RowId, int> sectorIndex;
  for (const auto& [id, sector] : m.sectors) {
    sectorIndex[id] = static_cast<int>(sectorKeys.size());
    sectorKeys.push_back(sector.key);
  }
  const int unknown = static_cast<int>(sectorKeys.size());
  sectorKeys.push_back("");
  for (GraphSnapshot::Vertex v = 0; v < g.vertexCount(); ++v) {
    const Actor& a = *m.actors.find(g.rowId(v));
    const ActorType* type = m.actorTypes.find(a.typeId);
    auto it = type ? sectorIndex.find(type->sectorId) : sectorIndex.end();
    params.groupOf.push_back(it == sectorIndex.end() ? unknown : it->second);
  }
  params.groupCount = static_cast<int>(sectorKeys.size());
  const auto r = NetworkSummary::run(g, params);
  nlohmann::ordered_json j;
  j["actors"] = r.actors;
  j["ties"] = r.ties;
  j["directed"] = g.directed();
  j["density"] = number(r.density);
  j["reciprocity"] = number(r.reciprocity);
  j["diameter"] = r.diameter;
  j["average_path_length"] = number(r.averagePathLength);
  j["paths_sampled"] = r.pathsSampled;
  j["average_degree"] = number(r.averageDegree);
  j["components"] = r.components;
  nlohmann::ordered_json matrix = nlohmann::ordered_json::object();
  for (std::size_t a = 0; a < sectorKeys.size(); ++a)
    for (std::size_t b = a; b < sectorKeys.size(); ++b)
      if (r.groupMatrix[a][b] > 0) matrix[sectorKeys[a] + "|" + sectorKeys[b]] = r.groupMatrix[a][b];
  j["sector_ties"] = matrix;
  return j;
}

struct MetricsOptions {
  std::string file, format = "table";
  std::vector<std::string> metrics;
  bool directed = false;
};

int runMetrics(const MetricsOptions& o, CliStreams io) {
  AnalysisInput input = readInput(o.file);
  SnapshotOptions so;
  so.directed = o.directed;
  GraphSnapshot g = GraphSnapshot::fromModel(input.model, so);
  std::vector<std::string> names = o.metrics;
  if (names.empty()) names = {"degree", "betweenness", "closeness", "eigenvector", "pagerank", "clustering", "core"};
  auto values = computeMetrics(g, names);

  if (o.format == "json") {
    nlohmann::ordered_json j;
    j["nodes"] = nlohmann::ordered_json::array();
    for (Vertex v = 0; v < g.vertexCount(); ++v) {
      const Actor& a = *input.model.actors.find(g.rowId(v));
      nlohmann::ordered_json node;
      node["id"] = nodeId(input, a);
      node["label"] = a.name;
      for (const auto& name : names) node[name] = number(values[name][v]);
      j["nodes"].push_back(std::move(node));
    }
    j["network"] = networkSummary(g, input.model);
    io.out << jsonText(j, 1) << '\n';
    return kExitOk;
  }
  const bool csv = o.format == "csv";
  if (csv) {
    io.out << "id,label";
    for (const auto& name : names) io.out << ',' << name;
    io.out << '\n';
  } else {
    io.out << std::left << std::setw(40) << tr("analysis.actor");
    for (const auto& name : names) io.out << std::right << std::setw(16) << name;
    io.out << '\n';
  }
  for (Vertex v = 0; v < g.vertexCount(); ++v) {
    const Actor& a = *input.model.actors.find(g.rowId(v));
    if (csv) {
      io.out << csvField(nodeId(input, a)) << ',' << csvField(a.name);
      for (const auto& name : names) io.out << ',' << text(values[name][v]);
    } else {
      // Long names are cut on a character boundary so the columns stay aligned.
      const std::string_view label = utf8Prefix(a.name, 38);
      io.out << label << std::string(40 - utf8Length(label), ' ');
      for (const auto& name : names) io.out << std::right << std::setw(16) << text(values[name][v]);
    }
    io.out << '\n';
  }
  return kExitOk;
}

struct StructureOptions {
  std::string file, format = "table";
};

int runStructure(const StructureOptions& o, CliStreams io) {
  AnalysisInput input = readInput(o.file);
  GraphSnapshot g = GraphSnapshot::fromModel(input.model);
  auto components = Components::run(g);
  auto cuts = CutPoints::run(g);
  auto actor = [&](Vertex v) -> const Actor& { return *input.model.actors.find(g.rowId(v)); };
  auto ids = [&](const std::vector<Vertex>& vs) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (Vertex v : vs) list.push_back(nodeId(input, actor(v)));
    return list;
  };

  if (o.format == "json") {
    nlohmann::ordered_json j;
    j["components"] = nlohmann::ordered_json::array();
    for (const auto& c : components.components) j["components"].push_back(ids(c));
    j["articulation_points"] = nlohmann::ordered_json::array();
    for (const auto& ap : cuts.articulationPoints)
      j["articulation_points"].push_back({{"id", nodeId(input, actor(ap.vertex))}, {"cuts_off", ids(ap.cutsOff)}});
    j["bridges"] = nlohmann::ordered_json::array();
    for (const auto& [a, b] : cuts.bridges) j["bridges"].push_back({nodeId(input, actor(a)), nodeId(input, actor(b))});
    j["biconnected_components"] = nlohmann::ordered_json::array();
    for (const auto& block : cuts.blocks) j["biconnected_components"].push_back(ids(block));
    io.out << jsonText(j, 1) << '\n';
    return kExitOk;
  }
  io.out << trf("analysis.components",
                {std::to_string(components.components.size()),
                 std::to_string(components.components.empty() ? 0 : components.components.front().size())})
         << '\n';
  io.out << trf("analysis.cut_points", {std::to_string(cuts.articulationPoints.size())}) << '\n';
  for (const auto& ap : cuts.articulationPoints) {
    io.out << "  " << actor(ap.vertex).name << " — "
           << (ap.cutsOff.size() == 1 ? tr("analysis.cuts_off_one")
                                      : trf("analysis.cuts_off", {std::to_string(ap.cutsOff.size())}))
           << ": ";
    for (std::size_t i = 0; i < ap.cutsOff.size(); ++i) io.out << (i ? ", " : "") << actor(ap.cutsOff[i]).name;
    io.out << '\n';
  }
  io.out << trf("analysis.bridges", {std::to_string(cuts.bridges.size())}) << '\n';
  for (const auto& [a, b] : cuts.bridges) io.out << "  " << actor(a).name << " — " << actor(b).name << '\n';
  return kExitOk;
}

/// The sector of every vertex's actor type, as community labels (−1: none).
std::vector<int> sectorPartition(const GraphSnapshot& g, const Model& m) {
  std::vector<int> labels;
  for (GraphSnapshot::Vertex v = 0; v < g.vertexCount(); ++v) {
    const ActorType* type = m.actorTypes.find(m.actors.find(g.rowId(v))->typeId);
    labels.push_back(type ? static_cast<int>(type->sectorId) : -1);
  }
  return labels;
}

struct CommunitiesOptions {
  std::string file, format = "table";
  std::uint64_t seed = 1;
  double resolution = 1;
};

int runCommunities(const CommunitiesOptions& o, CliStreams io) {
  AnalysisInput input = readInput(o.file);
  GraphSnapshot g = GraphSnapshot::fromModel(input.model);
  LouvainParams params;
  params.seed = o.seed;
  params.resolution = o.resolution;
  const auto louvain = Louvain::run(g, params);
  ModularityParams bySector;
  bySector.community = sectorPartition(g, input.model);
  bySector.resolution = o.resolution;
  const double sectorQ = Modularity::run(g, bySector).q;
  std::vector<std::vector<Vertex>> groups;
  for (Vertex v = 0; v < g.vertexCount(); ++v) {
    const auto c = static_cast<std::size_t>(louvain.community[v]);
    if (groups.size() <= c) groups.resize(c + 1);
    groups[c].push_back(v);
  }
  auto actor = [&](Vertex v) -> const Actor& { return *input.model.actors.find(g.rowId(v)); };
  if (o.format == "json") {
    nlohmann::ordered_json j;
    j["modularity"] = louvain.modularity;
    j["sector_modularity"] = sectorQ;
    j["seed"] = o.seed;
    j["communities"] = nlohmann::ordered_json::array();
    for (const auto& group : groups) {
      nlohmann::ordered_json ids = nlohmann::ordered_json::array();
      for (Vertex v : group) ids.push_back(nodeId(input, actor(v)));
      j["communities"].push_back(std::move(ids));
    }
    io.out << jsonText(j, 1) << '\n';
    return kExitOk;
  }
  io.out << trf("analysis.communities", {std::to_string(groups.size()), text(louvain.modularity), text(sectorQ)})
         << '\n';
  for (std::size_t c = 0; c < groups.size(); ++c) {
    io.out << "  " << (c + 1) << " (" << groups[c].size() << "): ";
    for (std::size_t i = 0; i < groups[c].size(); ++i) io.out << (i ? ", " : "") << actor(groups[c][i]).name;
    io.out << '\n';
  }
  return kExitOk;
}

struct PathOptions {
  std::string file, from, to, format = "table";
  bool weighted = false;
};

int runPath(const PathOptions& o, CliStreams io) {
  AnalysisInput input = readInput(o.file);
  GraphSnapshot g = GraphSnapshot::fromModel(input.model);
  const RowId from = findActor(input.model, o.from), to = findActor(input.model, o.to);
  auto vFrom = g.vertexOf(from), vTo = g.vertexOf(to);
  ShortestPathParams params;
  params.weighted = o.weighted;
  ShortestPath::Result r;
  if (vFrom && vTo) r = ShortestPath::run(g, *vFrom, *vTo, params);
  auto actor = [&](Vertex v) -> const Actor& { return *input.model.actors.find(g.rowId(v)); };
  if (o.format == "json") {
    nlohmann::ordered_json j;
    j["from"] = nodeId(input, *input.model.actors.find(from));
    j["to"] = nodeId(input, *input.model.actors.find(to));
    j["path"] = nlohmann::ordered_json::array();
    for (Vertex v : r.path) j["path"].push_back({{"id", nodeId(input, actor(v))}, {"label", actor(v).name}});
    j["length"] = r.path.empty() ? nlohmann::ordered_json(nullptr) : number(r.length);
    io.out << jsonText(j, 1) << '\n';
    return kExitOk;
  }
  if (r.path.empty()) {
    io.out << trf("analysis.no_path", {input.model.actors.find(from)->name, input.model.actors.find(to)->name}) << '\n';
    return kExitOk;
  }
  io.out << trf("analysis.path", {std::to_string(r.path.size() - 1)}) << '\n';
  for (Vertex v : r.path) io.out << "  " << actor(v).name << '\n';
  return kExitOk;
}

}  // namespace

void addAnalysisCommands(CLI::App& app, CliAction& action, CliStreams io) {
  auto metrics = std::make_shared<MetricsOptions>();
  auto* metricsCmd = app.add_subcommand("metrics", tr("cli.cmd.metrics"));
  metricsCmd->add_option("FILE", metrics->file, tr("cli.opt.file"))->required();
  metricsCmd->add_option("--metric", metrics->metrics, tr("cli.opt.metric"))
      ->check(CLI::IsMember(std::vector<std::string>(std::begin(kMetricNames), std::end(kMetricNames))));
  metricsCmd->add_option("--format", metrics->format, tr("cli.opt.format_csv"))
      ->check(CLI::IsMember({"table", "csv", "json"}));
  metricsCmd->add_flag("--directed", metrics->directed, tr("cli.opt.directed"));
  metricsCmd->callback([metrics, io, &action] { action = [metrics, io] { return runMetrics(*metrics, io); }; });

  auto structure = std::make_shared<StructureOptions>();
  auto* structureCmd = app.add_subcommand("structure", tr("cli.cmd.structure"));
  structureCmd->add_option("FILE", structure->file, tr("cli.opt.file"))->required();
  structureCmd->add_option("--format", structure->format, tr("cli.opt.format"))
      ->check(CLI::IsMember({"table", "json"}));
  structureCmd->callback(
      [structure, io, &action] { action = [structure, io] { return runStructure(*structure, io); }; });

  auto communities = std::make_shared<CommunitiesOptions>();
  auto* communitiesCmd = app.add_subcommand("communities", tr("cli.cmd.communities"));
  communitiesCmd->add_option("FILE", communities->file, tr("cli.opt.file"))->required();
  communitiesCmd->add_option("--seed", communities->seed, tr("cli.opt.seed"));
  finiteInRange(communitiesCmd->add_option("--resolution", communities->resolution, tr("cli.opt.resolution")), 0.001,
                1000);
  communitiesCmd->add_option("--format", communities->format, tr("cli.opt.format"))
      ->check(CLI::IsMember({"table", "json"}));
  communitiesCmd->callback(
      [communities, io, &action] { action = [communities, io] { return runCommunities(*communities, io); }; });

  auto path = std::make_shared<PathOptions>();
  auto* pathCmd = app.add_subcommand("path", tr("cli.cmd.path"));
  pathCmd->add_option("FILE", path->file, tr("cli.opt.file"))->required();
  pathCmd->add_option("FROM", path->from, tr("cli.opt.from"))->required();
  pathCmd->add_option("TO", path->to, tr("cli.opt.to"))->required();
  pathCmd->add_flag("--weighted", path->weighted, tr("cli.opt.weighted"));
  pathCmd->add_option("--format", path->format, tr("cli.opt.format"))->check(CLI::IsMember({"table", "json"}));
  pathCmd->callback([path, io, &action] { action = [path, io] { return runPath(*path, io); }; });
}

}  // namespace nestmap
