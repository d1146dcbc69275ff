#include "io/graph_import.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "edit/document.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;
namespace fs = std::filesystem;
using Fields = std::map<std::string, std::string>;

namespace {

const fs::path kKarate = fs::path(NESTMAP_SOURCE_DIR) / "tests/analysis/fixtures/karate.graphml";

/// Writes `text` to `name` in a fresh directory and imports it.
struct Imported {
  test::TempDir dir;
  GraphImportReport report;
  Model model;
  Imported(const std::string& name, const std::string& text) {
    test::writeBytes(dir / name, text);
    model = importGraph(dir / name, embeddedData(), &report);
  }
};

/// The message of the UserError(InvalidInput) that importing `text` as `name` throws, with the
/// file's path replaced by "FILE"; "<no error>" when it imports.
std::string importError(const std::string& text, const std::string& name = "bad.graphml") {
  test::TempDir dir;
  test::writeBytes(dir / name, text);
  try {
    importGraph(dir / name, embeddedData());
  } catch (const UserError& e) {
    CHECK(e.kind() == UserError::Kind::InvalidInput);
    std::string message = e.what(), path = (dir / name).string();
    if (message.compare(0, path.size(), path) == 0) message = "FILE" + message.substr(path.size());
    return message;
  }
  return "<no error>";
}

RowId otherActorType(const Model& m) { return m.actorTypeByKey("other")->id; }
RowId otherTieType(const Model& m) { return m.tieTypeByKey("other")->id; }

// Three nodes with typed attributes and key defaults, and four edges:
//
//     a ==== b ---> c ⟲
//
// a–b twice (parallel, the first weighted), b→c directed in an undirected
// graph, c–c a self-loop that is skipped.
const char* kSmallGraphml = R"(<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="g0" for="graph" attr.name="name" attr.type="string"/>
  <key id="n0" for="node" attr.name="label" attr.type="string"/>
  <key id="n1" for="node" attr.name="size" attr.type="int"><default>1</default></key>
  <key id="n2" for="node" attr.name="score" attr.type="double"/>
  <key id="n3" for="node" attr.name="active" attr.type="boolean"><default>false</default></key>
  <key id="n4" for="node" attr.name="rank" attr.type="long"/>
  <key id="n5" for="node" attr.name="ratio" attr.type="float"/>
  <key id="n6" for="node" attr.name="name" attr.type="string"/>
  <key id="e0" for="edge" attr.name="weight" attr.type="double"/>
  <key id="e1" for="edge" attr.name="kind" attr.type="string"><default>plain</default></key>
  <graph id="G" edgedefault="undirected">
    <data key="g0">Klein netwerk</data>
    <node id="a"><data key="n0">Gevangenis Gent</data><data key="n1"> +007 </data><data key="n2">2.50</data></node>
    <node id="b"><data key="n3">True</data><data key="n4">-9000000000</data><data key="n5">0.1</data></node>
    <node id="c"><data key="n6">Wordt geen naam</data></node>
    <edge source="a" target="b"><data key="e0">1.5</data></edge>
    <edge source="b" target="c" directed="true"><data key="e1">verwijzing</data></edge>
    <edge source="c" target="c"/>
    <edge source="a" target="b"/>
  </graph>
</graphml>
)";

// Three nodes, two with a position and one with a colour, and three edges of
// each direction:  n1 <=> n2 --> n3 --- n1.
const char* kSmallGexf = R"(<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <meta><creator>Gephi 0.10</creator><description>Nest Brugge</description></meta>
  <graph defaultedgetype="directed">
    <attributes class="node">
      <attribute id="0" title="sector" type="string"/>
      <attribute id="1" title="staff" type="integer"><default>0</default></attribute>
      <attribute id="2" title="budget" type="double"/>
      <attribute id="3" title="open" type="boolean"/>
    </attributes>
    <attributes class="edge">
      <attribute id="0" title="since" type="integer"/>
    </attributes>
    <nodes>
      <node id="n1" label="CAW Brugge">
        <attvalues>
          <attvalue for="0" value="welzijn"/><attvalue for="1" value="12"/><attvalue for="2" value="1e3"/>
          <attvalue for="3" value="1"/>
        </attvalues>
        <viz:color r="255" g="128" b="0" a="0.5"/>
        <viz:position x="10.5" y="-3" z="0.0"/>
      </node>
      <node id="n2" label="Huis van het Kind">
        <viz:position x="0" y="4.25"/>
      </node>
      <node id="n3"/>
    </nodes>
    <edges>
      <edge id="e1" source="n1" target="n2" type="mutual" weight="2"/>
      <edge id="e2" source="n2" target="n3" weight="0.5"><attvalues><attvalue for="0" value="2019"/></attvalues></edge>
      <edge id="e3" source="n3" target="n1" type="undirected" label="overleg"/>
    </edges>
  </graph>
</gexf>
)";

}  // namespace

TEST_CASE("Import: Zachary's karate club from GraphML", "[import]") {
  GraphImportReport report;
  Model m = importGraph(kKarate, embeddedData(), &report);
  CHECK(report.actors == 34);
  CHECK(report.ties == 78);
  CHECK(report.selfLoops == 0);
  CHECK(m.info.name == "Zachary's Karate Club");
  CHECK(m.info.description == "Geïmporteerd uit karate.graphml");
  REQUIRE(m.actors.size() == 34);
  REQUIRE(m.ties.size() == 78);
  // The taxonomy and template of a new map come along.
  CHECK(m.actorTypes == defaultModel(embeddedData(), "x").actorTypes);
  CHECK(m.nestCategories.size() == 12);

  RowId id = 1;
  for (const auto& [actorId, a] : m.actors) {
    CHECK(actorId == id);
    CHECK(a.externalId == std::to_string(id - 1));
    CHECK(a.name == a.externalId);  // no label in the file
    CHECK(a.typeId == otherActorType(m));
    CHECK(a.line == 1);
    REQUIRE(a.customFields.count("club") == 1);
    CHECK(a.customFields.size() == 1);
    ++id;
  }
  CHECK(m.actors.find(1)->customFields.at("club") == "Mr. Hi");
  CHECK(m.actors.find(34)->customFields.at("club") == "Officer");

  std::size_t mrHi = 0;
  for (const auto& [actorId, a] : m.actors) mrHi += a.customFields.at("club") == "Mr. Hi";
  CHECK(mrHi == 17);

  for (const auto& [tieId, t] : m.ties) {
    CHECK(t.direction == Direction::Undirected);
    CHECK(t.typeId == otherTieType(m));
    CHECK(t.status == TieStatus::Active);
    CHECK(t.strength == 2);
    CHECK_FALSE(t.weight.has_value());
    CHECK(t.customFields.empty());
  }
  // The first and the last edge of the file.
  CHECK(m.ties.find(1)->sourceId == 1);
  CHECK(m.ties.find(1)->targetId == 2);
  CHECK(m.actors.find(m.ties.find(78)->sourceId)->externalId == "32");
  CHECK(m.actors.find(m.ties.find(78)->targetId)->externalId == "33");
  CHECK(m.views.empty());
  CHECK(m.positions.empty());
}

TEST_CASE("Import: GraphML with typed attributes, defaults, directions, weights and loops", "[import]") {
  Imported in("klein.graphml", kSmallGraphml);
  const Model& m = in.model;
  CHECK(in.report.actors == 3);
  CHECK(in.report.ties == 3);
  CHECK(in.report.selfLoops == 1);
  CHECK(m.info.name == "Klein netwerk");
  CHECK(m.info.description == "Geïmporteerd uit klein.graphml");

  REQUIRE(m.actors.size() == 3);
  const Actor& a = *m.actors.find(1);
  const Actor& b = *m.actors.find(2);
  const Actor& c = *m.actors.find(3);
  CHECK(a.externalId == "a");
  CHECK(a.name == "Gevangenis Gent");
  CHECK(a.customFields == Fields{{"active", "false"}, {"score", "2.5"}, {"size", "7"}});
  CHECK(b.externalId == "b");
  CHECK(b.name == "b");
  CHECK(b.customFields == Fields{{"active", "true"}, {"rank", "-9000000000"}, {"ratio", "0.1"}, {"size", "1"}});
  // "label" names the actor; "name", declared as well, stays a field.
  CHECK(c.name == "c");
  CHECK(c.customFields == Fields{{"active", "false"}, {"name", "Wordt geen naam"}, {"size", "1"}});
  for (const Actor* x : {&a, &b, &c}) CHECK(x->typeId == otherActorType(m));

  REQUIRE(m.ties.size() == 3);
  const Tie& ab = *m.ties.find(1);
  const Tie& bc = *m.ties.find(2);
  const Tie& ab2 = *m.ties.find(3);
  CHECK(ab.sourceId == 1);
  CHECK(ab.targetId == 2);
  CHECK(ab.direction == Direction::Undirected);
  CHECK(ab.weight == 1.5);
  CHECK(ab.customFields == Fields{{"kind", "plain"}});
  CHECK(bc.sourceId == 2);
  CHECK(bc.targetId == 3);
  CHECK(bc.direction == Direction::Directed);
  CHECK_FALSE(bc.weight.has_value());
  CHECK(bc.customFields == Fields{{"kind", "verwijzing"}});
  // The parallel edge is a tie of its own; the self-loop before it is gone.
  CHECK(ab2.sourceId == 1);
  CHECK(ab2.targetId == 2);
  CHECK(ab2.direction == Direction::Undirected);
  CHECK_FALSE(ab2.weight.has_value());
  CHECK(ab2.customFields == Fields{{"kind", "plain"}});
  for (const Tie* t : {&ab, &bc, &ab2}) {
    CHECK(t->typeId == otherTieType(m));
    CHECK(t->status == TieStatus::Active);
    CHECK(t->strength == 2);
  }
  CHECK(m.views.empty());
}

TEST_CASE("Import: UUIDs follow the file's content", "[import]") {
  Imported first("klein.graphml", kSmallGraphml);
  Imported again("ander.graphml", kSmallGraphml);
  Imported other("klein.graphml", std::string(kSmallGraphml) + "\n");
  CHECK(first.model.actors.find(1)->uuid == again.model.actors.find(1)->uuid);
  CHECK(first.model.ties.find(3)->uuid == again.model.ties.find(3)->uuid);
  CHECK(first.model.actors.find(1)->uuid != first.model.actors.find(2)->uuid);
  CHECK(first.model.ties.find(1)->uuid != first.model.ties.find(3)->uuid);
  CHECK(first.model.actors.find(1)->uuid != other.model.actors.find(1)->uuid);
}

TEST_CASE("Import: GEXF with attvalues, viz colour and position, edge types and weights", "[import]") {
  Imported in("nest.gexf", kSmallGexf);
  const Model& m = in.model;
  CHECK(in.report.actors == 3);
  CHECK(in.report.ties == 3);
  CHECK(in.report.selfLoops == 0);
  CHECK(m.info.name == "Nest Brugge");
  CHECK(m.info.description == "Geïmporteerd uit nest.gexf");

  REQUIRE(m.actors.size() == 3);
  const Actor& n1 = *m.actors.find(1);
  const Actor& n2 = *m.actors.find(2);
  const Actor& n3 = *m.actors.find(3);
  CHECK(n1.externalId == "n1");
  CHECK(n1.name == "CAW Brugge");
  CHECK(n1.customFields ==
        Fields{{"budget", "1000"}, {"open", "true"}, {"sector", "welzijn"}, {"staff", "12"}, {"viz:color", "#ff8000"}});
  CHECK(n2.name == "Huis van het Kind");
  CHECK(n2.customFields == Fields{{"staff", "0"}});
  CHECK(n3.name == "n3");
  CHECK(n3.customFields == Fields{{"staff", "0"}});

  REQUIRE(m.views.size() == 1);
  const View& v = *m.views.find(1);
  CHECK(v.name == "Geïmporteerde lay-out");
  REQUIRE(m.positions.count(1) == 1);
  CHECK(m.positions.at(1) == ViewPositions{{1, {10.5, -3, false}}, {2, {0, 4.25, false}}});

  REQUIRE(m.ties.size() == 3);
  const Tie& t1 = *m.ties.find(1);
  const Tie& t2 = *m.ties.find(2);
  const Tie& t3 = *m.ties.find(3);
  CHECK(t1.sourceId == 1);
  CHECK(t1.targetId == 2);
  CHECK(t1.direction == Direction::Mutual);
  CHECK(t1.weight == 2.0);
  CHECK(t1.customFields.empty());
  CHECK(t2.direction == Direction::Directed);  // the graph's default
  CHECK(t2.weight == 0.5);
  CHECK(t2.customFields == Fields{{"since", "2019"}});
  CHECK(t3.sourceId == 3);
  CHECK(t3.targetId == 1);
  CHECK(t3.direction == Direction::Undirected);
  CHECK_FALSE(t3.weight.has_value());
  CHECK(t3.customFields == Fields{{"label", "overleg"}});

  // English names the layout view in English.
  setLanguage(Language::English);
  Imported english("nest.gexf", kSmallGexf);
  setLanguage(Language::Dutch);
  CHECK(english.model.views.find(1)->name == "Imported layout");
  CHECK(english.model.info.description == "Imported from nest.gexf");
}

TEST_CASE("Import: an imported map is written and read back whole", "[import]") {
  for (const char* name : {"klein.graphml", "nest.gexf"}) {
    INFO(name);
    Imported in(name, std::string(name).ends_with(".gexf") ? kSmallGexf : kSmallGraphml);
    Model expected = in.model;
    fs::path file = in.dir / "kaart.nestmap";
    { Document::create(file, in.model); }
    Document doc = Document::open(file);
    expected.info.uuid = doc.model().info.uuid;
    expected.info.created = doc.model().info.created;
    CHECK(doc.model().actors == expected.actors);
    // Weights first, one by one, so that a lost weight shows its value (0: none).
    for (const auto& [id, t] : expected.ties)
      CHECK(doc.model().ties.find(id)->weight.value_or(0) == t.weight.value_or(0));
    CHECK(doc.model().ties == expected.ties);
    CHECK(doc.model().views == expected.views);
    CHECK(doc.model().positions == expected.positions);
    CHECK(doc.model().info == expected.info);
  }
}

TEST_CASE("Import: malformed files name file, line and column", "[import]") {
  SECTION("broken XML: an unclosed tag") {
    CHECK(
        importError("<graphml>\n  <graph edgedefault=\"undirected\">\n    <node id=\"a\">\n  </graph>\n</graphml>\n") ==
        "FILE:4:5: ongeldige XML: een tag wordt niet of verkeerd gesloten");
    CHECK(importError("<graphml>\n  <graph>\n") == "FILE:2:10: ongeldige XML: een tag wordt niet of verkeerd gesloten");
    CHECK(importError("<graphml>\n<graph edgedefault=undirected/>\n</graphml>") ==
          "FILE:2:20: ongeldige XML: een attribuut is verkeerd geschreven");
    CHECK(importError("") == "FILE:1:1: het bestand bevat geen XML-element");
    CHECK(importError("<graphml/>\n<gexf/>\n") == "FILE:2:1: ongeldige XML: een tweede hoofdelement <gexf>");
  }
  SECTION("an edge to an unknown node") {
    CHECK(importError("<graphml>\n<graph edgedefault=\"undirected\">\n<node id=\"a\"/>\n"
                      "<edge source=\"a\" target=\"zz\"/>\n</graph>\n</graphml>\n") ==
          "FILE:4:26: onbekende knoop ‘zz’");
    CHECK(importError("<gexf><graph><nodes><node id=\"a\"/></nodes>\n"
                      "<edges><edge source='b' target='a'/></edges></graph></gexf>",
                      "bad.gexf") == "FILE:2:22: onbekende knoop ‘b’");
  }
  SECTION("a weight that is no positive number") {
    CHECK(importError("<graphml>\n<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
                      "<graph edgedefault=\"undirected\">\n<node id=\"a\"/><node id=\"b\"/>\n"
                      "<edge source=\"a\" target=\"b\"><data key=\"w\">abc</data></edge>\n</graph>\n</graphml>\n") ==
          "FILE:5:43: gewicht ‘abc’ is geen getal groter dan 0");
    CHECK(importError("<gexf><graph><nodes><node id=\"a\"/><node id=\"b\"/></nodes>\n"
                      "<edges><edge source='a' target='b' weight=\"0\"/></edges></graph></gexf>",
                      "bad.gexf") == "FILE:2:44: gewicht ‘0’ is geen getal groter dan 0");
    CHECK(importError("<graphml>\n<key id=\"w\" for=\"edge\" attr.name=\"weight\"><default>-1</default></key>\n"
                      "<graph><node id=\"a\"/><node id=\"b\"/><edge source=\"a\" target=\"b\"/></graph></graphml>") ==
          "FILE:2:52: gewicht ‘-1’ is geen getal groter dan 0");
  }
  SECTION("a value that is not of its declared type") {
    CHECK(importError("<graphml>\n<key id=\"k\" for=\"node\" attr.name=\"size\" attr.type=\"int\"/>\n"
                      "<graph edgedefault=\"undirected\">\n<node id=\"a\"><data key=\"k\">12x</data></node>\n"
                      "</graph>\n</graphml>\n") == "FILE:4:28: ‘12x’ is geen geldige waarde van type int");
    CHECK(importError("<graphml><key id=\"k\" for=\"node\" attr.type=\"int\"/><graph>\n"
                      "<node id=\"a\"><data key=\"k\">3000000000</data></node></graph></graphml>") ==
          "FILE:2:28: ‘3000000000’ is geen geldige waarde van type int");
    CHECK(importError("<graphml><key id=\"k\" for=\"node\" attr.type=\"boolean\"><default>ja</default></key>"
                      "<graph/></graphml>") == "FILE:1:62: ‘ja’ is geen geldige waarde van type boolean");
    CHECK(importError("<gexf><graph><attributes class=\"node\"><attribute id=\"0\" title=\"n\" type=\"integer\"/>"
                      "</attributes>\n<nodes><node id=\"a\"><attvalues><attvalue for=\"0\" value=\"veel\"/>"
                      "</attvalues></node></nodes></graph></gexf>",
                      "bad.gexf") == "FILE:2:57: ‘veel’ is geen geldige waarde van type integer");
  }
  SECTION("a root element that is neither graphml nor gexf") {
    CHECK(importError("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n") ==
          "FILE:2:1: het hoofdelement is <svg>; verwacht <graphml> of <gexf>");
  }
  SECTION("node ids twice, missing ends, unknown keys and types") {
    CHECK(importError("<graphml><graph>\n<node id=\"a\"/>\n  <node id=\"a\"/></graph></graphml>") ==
          "FILE:3:13: knoop ‘a’ komt twee keer voor");
    CHECK(importError("<graphml><graph><node id=\"a\"/>\n<edge target=\"a\"/></graph></graphml>") ==
          "FILE:2:1: attribuut ‘source’ ontbreekt");
    CHECK(importError("<graphml><graph><node/></graph></graphml>") == "FILE:1:17: attribuut ‘id’ ontbreekt");
    CHECK(importError("<graphml><graph><node id=\"a\"><data key=\"x\">1</data></node></graph></graphml>") ==
          "FILE:1:41: onbekend attribuut ‘x’ (niet gedefinieerd)");
    CHECK(importError("<graphml><key id=\"k\" attr.type=\"date\"/><graph/></graphml>") ==
          "FILE:1:33: onbekend attribuuttype ‘date’");
    CHECK(importError("<graphml><graph edgedefault=\"both\"/></graphml>") ==
          "FILE:1:30: ‘both’ is geen geldige richting");
    CHECK(importError("<graphml/>") == "FILE:1:1: geen <graph>-element");
    CHECK(importError("<graphml><graph/><graph/></graphml>") ==
          "FILE:1:18: een tweede <graph>; Nestmap leest één graaf per bestand");
    CHECK(importError("<graphml><graph><node id=\"a\"><graph/></node></graph></graphml>") ==
          "FILE:1:30: <graph> wordt niet ondersteund (geneste grafen, hyperranden)");
    CHECK(importError("<gexf><graph><nodes><node id=\"a\"><viz:color r=\"300\" g=\"0\" b=\"0\"/></node></nodes>"
                      "</graph></gexf>",
                      "bad.gexf") == "FILE:1:48: ‘300’ is geen kleurwaarde van 0 tot 255");
    CHECK(importError("<gexf><graph><edges><edge source=\"a\" target=\"a\" type=\"both\"/></edges></graph></gexf>",
                      "bad.gexf") == "FILE:1:55: ‘both’ is geen geldige richting");
  }
  SECTION("columns count characters, and skip a byte order mark") {
    CHECK(importError("<graphml><graph><node id=\"ë\"/><node id=\"ë\"/></graph></graphml>") ==
          "FILE:1:41: knoop ‘ë’ komt twee keer voor");
    CHECK(importError("\xEF\xBB\xBF<svg/>") == "FILE:1:1: het hoofdelement is <svg>; verwacht <graphml> of <gexf>");
  }
  SECTION("in English") {
    setLanguage(Language::English);
    std::string message =
        importError("<graphml><graph><node id=\"a\"/><edge source=\"a\" target=\"b\"/></graph></graphml>");
    setLanguage(Language::Dutch);
    CHECK(message == "FILE:1:56: unknown node ‘b’");
  }
}

TEST_CASE("Import: a missing file, or one that is no file", "[import]") {
  test::TempDir dir;
  try {
    importGraph(dir / "nergens.graphml", embeddedData());
    FAIL("no error");
  } catch (const UserError& e) {
    CHECK(e.kind() == UserError::Kind::NotFound);
    CHECK(std::string(e.what()) == "Het bestand " + (dir / "nergens.graphml").string() + " bestaat niet.");
  }
  try {
    importGraph(dir.path(), embeddedData());
    FAIL("no error");
  } catch (const UserError& e) {
    CHECK(e.kind() == UserError::Kind::Io);
  }
}
