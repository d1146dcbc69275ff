#include "io/graph_export.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "io/data_sources.hpp"
#include "io/graph_import.hpp"
#include "support/language_guard.hpp"
#include "support/sample_model.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;
using test::contains;

// The sample map (tests/support/sample_model.cpp), as every export sees it:
//
//   prison(1) ──tie 1 referral, directed──> caw(3) ──tie 3 consultation, ended── vk(4)
//      └──────────tie 2 consultation, mutual, planned, weight 2.75──────────────┘
//   psd(2), parent prison, no ties
//   agreement 1: prison, caw, vk; idea 2025-01-10, discussion 2025-03-01, agreed 2025-09-12
//   view 1 "Nest Gent": prison at (0, 0), caw at (10.5, -3.25), vk at (-7, 8)

namespace {

const std::string kPrison = Uuid::fromName("nestmap:test", "20").toString();
const std::string kPsd = Uuid::fromName("nestmap:test", "21").toString();
const std::string kCaw = Uuid::fromName("nestmap:test", "22").toString();
const std::string kAgreement = Uuid::fromName("nestmap:test", "50").toString();

/// The parsed document; fails the test when `text` is no well-formed XML.
struct Xml {
  pugi::xml_document doc;
  explicit Xml(const std::string& text) {
    const pugi::xml_parse_result r =
        doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
    INFO(r.description() << " at " << r.offset);
    REQUIRE(r);
  }
};

/// GraphML: the values of a node or edge by attribute name, with the key's declared type.
struct GraphmlRecord {
  std::map<std::string, std::string> values, types;
};

std::map<std::string, GraphmlRecord> graphmlRecords(const pugi::xml_document& doc, const char* element) {
  pugi::xml_node root = doc.child("graphml");
  std::map<std::string, std::pair<std::string, std::string>> keys;  // id -> name, type
  for (pugi::xml_node k : root.children("key"))
    keys[k.attribute("id").value()] = {k.attribute("attr.name").value(), k.attribute("attr.type").value()};
  std::map<std::string, GraphmlRecord> out;
  for (pugi::xml_node n : root.child("graph").children(element)) {
    GraphmlRecord& r = out[n.attribute("id").value()];
    for (pugi::xml_node d : n.children("data")) {
      const auto& [name, type] = keys.at(d.attribute("key").value());
      r.values[name] = d.text().get();
      r.types[name] = type;
    }
  }
  return out;
}

std::size_t count(const pugi::xml_node& parent, const char* name) {
  std::size_t n = 0;
  for (pugi::xml_node c : parent.children(name)) n += static_cast<bool>(c);
  return n;
}

}  // namespace

TEST_CASE("graph export: the table of formats picks by extension", "[io][export]") {
  std::vector<std::string> names;
  for (const GraphFormat& f : graphFormats()) {
    names.emplace_back(f.name);
    CHECK(tr(f.labelKey) != "[" + std::string(f.labelKey) + "]");
    CHECK(graphFormatFor("kaart" + std::string(f.extension)) == &f);
  }
  CHECK(names == std::vector<std::string>{"graphml", "gexf", "json", "dot", "csv"});
  REQUIRE(graphFormatFor("x.GraphML") != nullptr);
  CHECK(graphFormatFor("x.GraphML")->name == "graphml");
  CHECK(graphFormatFor("x.txt") == nullptr);
  CHECK(graphFormatFor("graphml") == nullptr);
  CHECK(graphFormatFor("x.nestmap") == nullptr);
  CHECK(exportPath("uit/x.csv", {"-actoren", ""}) == std::filesystem::path("uit/x-actoren.csv"));
  CHECK(exportPath("uit/x.graphml", {"", ""}) == std::filesystem::path("uit/x.graphml"));
}

TEST_CASE("graph export: GraphML declares typed keys and writes every record", "[io][export]") {
  const Model m = test::sampleModel();
  const std::string text = graphmlExport(m, {});
  Xml xml(text);
  pugi::xml_node graph = xml.doc.child("graphml").child("graph");
  CHECK(std::string(xml.doc.child("graphml").attribute("xmlns").value()) == "http://graphml.graphdrawing.org/xmlns");
  // Directed, mutual and undirected ties together: undirected, each edge says its own.
  CHECK(std::string(graph.attribute("edgedefault").value()) == "undirected");
  CHECK(count(graph, "node") == 4);
  CHECK(count(graph, "edge") == 3 + 3);  // three ties, three pairs of the agreement's parties

  auto nodes = graphmlRecords(xml.doc, "node");
  const GraphmlRecord& prison = nodes.at(kPrison);
  CHECK(prison.values.at("label") == "Gevangenis Gent");
  CHECK(prison.values.at("kind") == "actor");
  CHECK(prison.values.at("uuid") == kPrison);
  CHECK(prison.values.at("type") == "prison");
  CHECK(prison.values.at("type_name") == "Gevangenis");
  CHECK(prison.values.at("sector") == "justice");
  CHECK(prison.values.at("province") == "OVL");
  CHECK(prison.values.at("municipality") == "Gent");
  CHECK(prison.values.at("latitude") == "51.06");
  CHECK(prison.types.at("latitude") == "double");
  CHECK(prison.values.at("longitude") == "3.71");
  CHECK(prison.values.at("line") == "3");
  CHECK(prison.types.at("line") == "int");
  CHECK(prison.values.at("tags") == "kindreflex;pilot");
  CHECK(prison.values.at("valid_from") == "2014-01-01");
  CHECK(prison.values.at("notes") == "Notities");
  CHECK(prison.values.at("capaciteit") == "263");  // a custom field, under its own name
  CHECK(nodes.at(kPsd).values.at("parent") == kPrison);
  CHECK(nodes.at(kCaw).values.count("latitude") == 0);  // none: no value, not 0
  CHECK(nodes.at(kCaw).values.at("contacts") == "Onthaal JWW (Coördinator) <jww@example.org> +32 0 000 00 00");

  auto edges = graphmlRecords(xml.doc, "edge");
  const GraphmlRecord& referral = edges.at(Uuid::fromName("nestmap:test", "40").toString());
  CHECK(referral.values.at("kind") == "tie");
  CHECK(referral.values.at("type") == "referral");
  CHECK(referral.values.at("direction") == "directed");
  CHECK(referral.values.at("directed") == "true");
  CHECK(referral.types.at("directed") == "boolean");
  CHECK(referral.values.at("strength") == "3");
  CHECK(referral.types.at("strength") == "int");
  CHECK(referral.values.at("weight") == "3");
  CHECK(referral.values.at("status") == "active");
  CHECK(referral.values.at("valid_from") == "2025-01-01");
  CHECK(referral.values.at("valid_to") == "2026-01-01");
  CHECK(referral.values.at("source_note") == "Terreinverkenning");
  const GraphmlRecord& planned = edges.at(Uuid::fromName("nestmap:test", "41").toString());
  CHECK(planned.values.at("direction") == "mutual");
  CHECK(planned.values.at("directed") == "false");
  CHECK(planned.values.at("weight") == "2.75");
  CHECK(planned.values.at("status") == "planned");
  CHECK(planned.values.at("bron") == "GraphML");

  // The agreement joins each pair of its parties, with its id, title and status.
  const GraphmlRecord& pair = edges.at(kAgreement + "-1-2");
  CHECK(pair.values.at("kind") == "agreement");
  CHECK(pair.values.at("agreement") == kAgreement);
  CHECK(pair.values.at("agreement_title") == "Doorverwijsprotocol Gent");
  CHECK(pair.values.at("agreement_type") == "protocol");
  CHECK(pair.values.at("agreement_status") == "agreed");
  CHECK(pair.values.at("status") == "active");  // agreed: it counts as a tie, as in the analyses
  CHECK(pair.values.at("weight") == "1");
  CHECK(pair.values.count("type") == 0);
  CHECK(edges.count(kAgreement + "-1-3") == 1);
  CHECK(edges.count(kAgreement + "-2-3") == 1);
}

TEST_CASE("graph export: --share-safe leaves out contacts and free text", "[io][export]") {
  const Model m = test::sampleModel();
  GraphExportOptions safe;
  safe.shareSafe = true;
  const std::vector<std::string> personal{"jww@example.org", "+32 0 000 00 00",   "Onthaal JWW",
                                          "Notities",        "Terreinverkenning", "Projectleider Kindreflex",
                                          "Beschrijving met"};
  for (const GraphFormat& f : graphFormats()) {
    INFO("format: " << f.name);
    GraphExportOptions nodes = safe;
    nodes.agreements = AgreementsAs::Nodes;
    for (const GraphExportOptions& o : {safe, nodes}) {
      std::string all;
      for (const auto& file : f.write(m, o).files) all += file.bytes;
      for (const std::string& p : personal) {
        INFO("text: " << p);
        CHECK_FALSE(contains(all, p));
      }
      CHECK(contains(all, "Gevangenis Gent"));
    }
    // Without it they are there: the check above can fail.
    GraphExportOptions full;
    full.agreements = AgreementsAs::Nodes;
    std::string all;
    for (const auto& file : f.write(m, full).files) all += file.bytes;
    CHECK(contains(all, "jww@example.org"));
    CHECK(contains(all, "Notities"));
    CHECK(contains(all, "Projectleider Kindreflex"));
  }
}

TEST_CASE("graph export: --as-of keeps what is valid that day", "[io][export]") {
  Model m = test::sampleModel();
  m.actors.find(1)->validTo = Date::parse("2025-12-31");  // the prison closes
  auto exported = [&](const char* day) {
    GraphExportOptions o;
    o.asOf = Date::parse(day);
    Xml xml(graphmlExport(m, o));
    return std::pair{graphmlRecords(xml.doc, "node"), graphmlRecords(xml.doc, "edge")};
  };
  SECTION("before the agreement and tie 1") {
    auto [nodes, edges] = exported("2024-12-01");
    CHECK(nodes.size() == 4);
    std::vector<std::string> kinds;
    for (const auto& [id, e] : edges) kinds.push_back(e.values.at("kind") + " " + e.values.at("type"));
    std::sort(kinds.begin(), kinds.end());
    CHECK(kinds == std::vector<std::string>{"tie consultation", "tie consultation"});
  }
  SECTION("the agreement in discussion: planned") {
    auto [nodes, edges] = exported("2025-04-01");
    CHECK(edges.size() == 6);
    CHECK(edges.at(kAgreement + "-1-2").values.at("agreement_status") == "discussion");
    CHECK(edges.at(kAgreement + "-1-2").values.at("status") == "planned");
  }
  SECTION("after the prison closed: its ties and agreement pairs go with it") {
    auto [nodes, edges] = exported("2026-06-01");
    CHECK(nodes.size() == 3);
    CHECK(nodes.count(kPrison) == 0);
    // Tie 3 ended on 2025-06-30; only the agreement's caw–vk pair is left.
    REQUIRE(edges.size() == 1);
    CHECK(edges.begin()->first == kAgreement + "-2-3");
    CHECK(edges.begin()->second.values.at("agreement_status") == "agreed");
  }
}

TEST_CASE("graph export: agreements as nodes tied to their parties", "[io][export]") {
  const Model m = test::sampleModel();
  GraphExportOptions o;
  o.agreements = AgreementsAs::Nodes;
  Xml xml(graphmlExport(m, o));
  auto nodes = graphmlRecords(xml.doc, "node");
  auto edges = graphmlRecords(xml.doc, "edge");
  REQUIRE(nodes.size() == 5);
  const GraphmlRecord& agreement = nodes.at(kAgreement);
  CHECK(agreement.values.at("kind") == "agreement");
  CHECK(agreement.values.at("label") == "Doorverwijsprotocol Gent");
  CHECK(agreement.values.at("agreement_status") == "agreed");
  CHECK(agreement.values.at("agreement_type") == "protocol");
  CHECK(agreement.values.at("scope_prison") == kPrison);
  CHECK(agreement.values.at("owner") == "Projectleider Kindreflex");
  CHECK(agreement.values.at("review_date") == "2026-06-30");
  CHECK(agreement.values.at("work_package") == "1");
  CHECK(agreement.values.at("building_blocks") == "3;5");
  CHECK(edges.size() == 3 + 3);
  const GraphmlRecord& party = edges.at(kAgreement + "-2");
  CHECK(party.values.at("kind") == "party");
  CHECK(party.values.at("role") == "trekker");
  CHECK(party.values.at("agreement_title") == "Doorverwijsprotocol Gent");
  pugi::xml_node edge =
      xml.doc.child("graphml").child("graph").find_child_by_attribute("edge", "id", (kAgreement + "-2").c_str());
  CHECK(std::string(edge.attribute("source").value()) == kAgreement);
  CHECK(std::string(edge.attribute("target").value()) == kCaw);
}

TEST_CASE("graph export: GEXF 1.3 with viz from the view and typed attvalues", "[io][export]") {
  const Model m = test::sampleModel();
  GraphExportOptions o;
  o.viewId = 1;
  o.nodeRadius = 1.5;
  Xml xml(gexfExport(m, o));
  pugi::xml_node gexf = xml.doc.child("gexf");
  CHECK(std::string(gexf.attribute("xmlns").value()) == "http://gexf.net/1.3");
  CHECK(std::string(gexf.attribute("xmlns:viz").value()) == "http://gexf.net/1.3/viz");
  CHECK(std::string(gexf.attribute("version").value()) == "1.3");
  CHECK(std::string(gexf.child("meta").child_value("description")) == "Testkaart Gent");
  pugi::xml_node graph = gexf.child("graph");
  CHECK(std::string(graph.attribute("defaultedgetype").value()) == "undirected");

  std::map<std::string, std::pair<std::string, std::string>> nodeAttrs;  // id -> title, type
  for (pugi::xml_node list : graph.children("attributes"))
    if (std::string(list.attribute("class").value()) == "node")
      for (pugi::xml_node a : list.children("attribute"))
        nodeAttrs[a.attribute("id").value()] = {a.attribute("title").value(), a.attribute("type").value()};
  std::map<std::string, std::string> types;
  for (const auto& [id, attr] : nodeAttrs) types[attr.first] = attr.second;
  CHECK(types.at("latitude") == "double");
  CHECK(types.at("line") == "integer");
  CHECK(types.at("type") == "string");
  CHECK(types.count("label") == 0);  // the node's own label attribute

  pugi::xml_node prison = graph.child("nodes").find_child_by_attribute("node", "id", kPrison.c_str());
  REQUIRE(prison);
  CHECK(std::string(prison.attribute("label").value()) == "Gevangenis Gent");
  std::map<std::string, std::string> values;
  for (pugi::xml_node v : prison.child("attvalues").children("attvalue"))
    values[nodeAttrs.at(v.attribute("for").value()).first] = v.attribute("value").value();
  CHECK(values.at("type") == "prison");
  CHECK(values.at("latitude") == "51.06");
  // Colour of the actor type, size of the view's nodes, position in the view.
  CHECK(prison.child("viz:color").attribute("r").as_int() == 1);
  CHECK(prison.child("viz:color").attribute("g").as_int() == 2);
  CHECK(prison.child("viz:color").attribute("b").as_int() == 3);
  CHECK(prison.child("viz:size").attribute("value").as_double() == 1.5);
  CHECK(prison.child("viz:position").attribute("x").as_double() == 0);
  pugi::xml_node caw = graph.child("nodes").find_child_by_attribute("node", "id", kCaw.c_str());
  CHECK(caw.child("viz:position").attribute("x").as_double() == 10.5);
  CHECK(caw.child("viz:position").attribute("y").as_double() == -3.25);
  // The PSD is not placed in that view.
  CHECK_FALSE(graph.child("nodes").find_child_by_attribute("node", "id", kPsd.c_str()).child("viz:position"));

  pugi::xml_node mutual = graph.child("edges").find_child_by_attribute(
      "edge", "id", Uuid::fromName("nestmap:test", "41").toString().c_str());
  CHECK(mutual.attribute("weight").as_double() == 2.75);
  CHECK(count(graph.child("edges"), "edge") == 6);

  // Without a view: no positions, colours still.
  Xml plain(gexfExport(m, {}));
  pugi::xml_node plainPrison =
      plain.doc.child("gexf").child("graph").child("nodes").find_child_by_attribute("node", "id", kPrison.c_str());
  CHECK_FALSE(plainPrison.child("viz:position"));
  CHECK(plainPrison.child("viz:color"));
}

TEST_CASE("graph export: node-link JSON as networkx reads it", "[io][export]") {
  const Model m = test::sampleModel();
  const auto j = nlohmann::json::parse(nodeLinkJsonExport(m, {}));
  CHECK(j["directed"] == false);
  CHECK(j["multigraph"] == true);
  CHECK(j["graph"]["name"] == "Testkaart Gent");
  REQUIRE(j["nodes"].size() == 4);
  REQUIRE(j["links"].size() == 6);
  const auto& prison = j["nodes"][0];
  CHECK(prison["id"] == kPrison);
  CHECK(prison["label"] == "Gevangenis Gent");
  CHECK(prison["latitude"] == 51.06);
  CHECK(prison["line"] == 3);
  CHECK(prison["line"].is_number_integer());
  CHECK_FALSE(j["nodes"][2].contains("latitude"));
  const auto& referral = j["links"][0];
  CHECK(referral["source"] == kPrison);
  CHECK(referral["target"] == kCaw);
  CHECK(referral["key"] == Uuid::fromName("nestmap:test", "40").toString());
  CHECK(referral["directed"] == true);
  CHECK(referral["weight"] == 3.0);
  CHECK(j["links"][3]["key"] == kAgreement + "-1-2");
}

TEST_CASE("graph export: DOT quotes ids and escapes labels", "[io][export]") {
  Model m = test::sampleModel();
  m.actors.find(1)->name = "Zeg \"hallo\" \\ daar\nnieuw";
  const std::string dot = dotExport(m, {});
  CHECK(dot.rfind("digraph \"Testkaart Gent\" {\n", 0) == 0);
  CHECK(contains(dot, "  \"" + kPrison +
                          "\" [label=\"Zeg \\\"hallo\\\" \\\\ daar\\nnieuw\", shape=box, "
                          "fillcolor=\"#010203\""));
  // Directed, mutual (both ways) and undirected (no arrow) ties in one digraph.
  CHECK(contains(dot, "\"" + kPrison + "\" -> \"" + kCaw + "\" [id=\"" +
                          Uuid::fromName("nestmap:test", "40").toString() + "\", color=\"#0b0c0d\", penwidth=3"));
  CHECK(contains(dot, "dir=both, style=dashed"));
  CHECK(contains(dot, "dir=none, style=dotted"));
  // The tie weight is no Graphviz weight (dot wants it whole).
  CHECK(contains(dot, "\"nestmap_weight\"=\"2.75\""));
  CHECK(dot.substr(dot.size() - 2) == "}\n");

  // Only undirected ties: a plain graph.
  Model plain = test::sampleModel();
  for (const auto& row : plain.ties.rows()) plain.ties.find(row->id)->direction = Direction::Undirected;
  const std::string undirected = dotExport(plain, {});
  CHECK(undirected.rfind("graph ", 0) == 0);
  CHECK(contains(undirected, " -- "));
  CHECK_FALSE(contains(undirected, " -> "));
}

TEST_CASE("graph export: CSV for Excel in two files", "[io][export]") {
  Model m = test::sampleModel();
  m.actors.find(2)->name = "=HYPERLINK(\"x\"); PSD";
  const auto files = csvExport(m, {});
  REQUIRE(files.size() == 2);
  CHECK(files[0].suffix == "-actoren");
  CHECK(files[1].suffix == "-banden");
  const std::string& actors = files[0].bytes;
  const std::string& ties = files[1].bytes;
  CHECK(actors.rfind("\xEF\xBB\xBFid;kind;label;uuid;short_name;type;", 0) == 0);
  CHECK(ties.rfind("\xEF\xBB\xBFid;source;target;kind;uuid;type;", 0) == 0);
  CHECK(contains(actors, ";51,06;3,71;"));  // decimal comma
  CHECK(contains(actors, "\r\n"));
  // Quoted for the separator and the quotes; a formula is not run by Excel.
  CHECK(contains(actors, ";\"'=HYPERLINK(\"\"x\"\"); PSD\";"));
  CHECK(contains(ties, ";2,75;planned;"));
  std::size_t lines = 0;
  for (std::size_t at = 0; (at = ties.find("\r\n", at)) != std::string::npos; ++at) ++lines;
  CHECK(lines == 1 + 6);
}

TEST_CASE("graph export: text that is not UTF-8 still gives valid XML and JSON", "[io][export]") {
  Model m = test::sampleModel();
  m.actors.find(1)->name = "Caf\xE9 \x01 <&> \xEF\xBF\xBF";
  m.ties.find(1)->customFields["ru\xFF"] = "w\xC3";
  const std::string expected = "Caf\xEF\xBF\xBD \xEF\xBF\xBD <&> \xEF\xBF\xBD";
  for (const std::string& text : {graphmlExport(m, {}), gexfExport(m, {})}) {
    CHECK(isValidUtf8(text));
    Xml xml(text);
  }
  Xml graphml(graphmlExport(m, {}));
  CHECK(graphmlRecords(graphml.doc, "node").at(kPrison).values.at("label") == expected);
  const auto j = nlohmann::json::parse(nodeLinkJsonExport(m, {}));
  CHECK(j["nodes"][0]["label"] == expected);
  CHECK(isValidUtf8(dotExport(m, {})));
  for (const auto& file : csvExport(m, {})) CHECK(isValidUtf8(file.bytes));
  // Nestmap's own import, which refuses any byte that is no UTF-8, reads it back.
  const Model back = importGraphText(graphmlExport(m, {}), "terug.graphml", embeddedData());
  CHECK(back.actors.find(1)->name == expected);
}

TEST_CASE("graph export: GraphML and GEXF come back through the import with types, directions and statuses",
          "[io][export]") {
  const Model demo = demoModel(embeddedData());
  for (const char* name : {"demo.graphml", "demo.gexf"}) {
    INFO("file: " << name);
    const std::string text = std::string(name).ends_with(".gexf") ? gexfExport(demo, {}) : graphmlExport(demo, {});
    const Model back = importGraphText(text, name, embeddedData());
    REQUIRE(back.actors.size() == demo.actors.size());
    auto a = demo.actors.records().begin();
    for (const Actor& b : back.actors.records()) {
      CHECK(b.name == a->name);
      CHECK(b.externalId == a->uuid.toString());
      CHECK(back.actorTypes.find(b.typeId)->key == demo.actorTypes.find(a->typeId)->key);
      ++a;
    }
    REQUIRE(back.ties.size() > demo.ties.size());  // the agreements' pairs follow
    auto t = demo.ties.records().begin();
    for (const Tie& b : back.ties.records()) {
      if (t == demo.ties.records().end()) {
        CHECK(b.customFields.at("kind") == "agreement");
        continue;
      }
      CHECK(back.tieTypes.find(b.typeId)->key == demo.tieTypes.find(t->typeId)->key);
      CHECK(b.direction == t->direction);
      CHECK(b.status == t->status);
      CHECK(b.strength == t->strength);
      CHECK(b.weight == t->weight.value_or(t->strength));
      CHECK(b.customFields.count("type") == 0);
      CHECK(b.customFields.count("status") == 0);
      ++t;
    }
  }
}

TEST_CASE("graph export: names of types follow the language", "[io][export]") {
  const Model m = test::sampleModel();
  test::LanguageGuard english(Language::English);
  Xml xml(graphmlExport(m, {}));
  CHECK(graphmlRecords(xml.doc, "node").at(kPrison).values.at("type_name") == "Prison");
}
