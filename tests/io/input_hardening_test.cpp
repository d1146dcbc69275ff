// Input hardening of the readers (issue 14): text that is not UTF-8, numbers
// that are not finite or absurdly large, files that are too large or no files.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "io/csv.hpp"
#include "io/data_sources.hpp"
#include "io/graph_import.hpp"
#include "support/temp_dir.hpp"

using namespace nestmap;
namespace fs = std::filesystem;

namespace {

struct Failure {
  UserError::Kind kind = UserError::Kind::Io;
  std::string message = "<no error>";
};

template <class F>
Failure failureOf(F&& f) {
  try {
    f();
  } catch (const UserError& e) {
    return {e.kind(), e.what()};
  }
  return {};
}

/// The message of importing `text` as `name` (from memory), "FILE" for the name; "<no error>" when it imports.
std::string importError(const std::string& text, const std::string& name = "bad.graphml") {
  Failure f = failureOf([&] { importGraphText(text, name, embeddedData()); });
  if (f.message == "<no error>") return f.message;
  CHECK(f.kind == UserError::Kind::InvalidInput);
  if (f.message.compare(0, name.size(), name) == 0) f.message = "FILE" + f.message.substr(name.size());
  return f.message;
}

std::string csvError(std::string_view text) {
  return failureOf([&] { CsvTable::parse(text, "data/x.csv"); }).message;
}

/// The embedded data/ tree with one file replaced.
DataReader withFile(std::string path, std::string text) {
  return [path, text, base = embeddedData()](std::string_view p) -> std::optional<std::string> {
    if (p == path) return text;
    return base(p);
  };
}

const std::string kBadUtf8 =
    "tekst die geen geldige UTF-8 is (Nestmap leest enkel UTF-8; sla het bestand op als UTF-8)";

/// A GEXF graph of two nodes a and b; `node` goes into a's tag, `edge` into the tag of the edge a–b.
std::string gexf(const std::string& nodeA, const std::string& edge = "") {
  return "<gexf xmlns:viz=\"http://gexf.net/1.3/viz\"><graph><nodes>\n<node id=\"a\">" + nodeA +
         "</node><node id=\"b\"/></nodes>\n<edges><edge source=\"a\" target=\"b\"" + edge + "/></edges></graph></gexf>";
}

/// A GraphML graph with a double "weight" key for edges and a double "score" key for nodes.
std::string graphml(const std::string& score, const std::string& weight) {
  return "<graphml><key id=\"s\" for=\"node\" attr.name=\"score\" attr.type=\"double\"/>\n"
         "<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n<graph>\n"
         "<node id=\"a\"><data key=\"s\">" +
         score + "</data></node><node id=\"b\"/>\n<edge source=\"a\" target=\"b\"><data key=\"w\">" + weight +
         "</data></edge>\n</graph></graphml>";
}

}  // namespace

// ---------------------------------------------------------------------------
// UTF-8 validation

TEST_CASE("isValidUtf8 accepts UTF-8 and nothing else", "[hardening][utf8]") {
  CHECK(isValidUtf8(""));
  CHECK(isValidUtf8("Gevangenis Gent"));
  CHECK(isValidUtf8("Geïmporteerd – ✓"));
  CHECK(isValidUtf8("\xF0\x9F\x98\x80"));  // U+1F600, four bytes
  CHECK(isValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
  CHECK(isValidUtf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  CHECK(isValidUtf8("\xEE\x80\x80"));      // U+E000, just above them
  CHECK(isValidUtf8(std::string_view("a\0b", 3)));

  struct Bad {
    std::string_view text;
    std::size_t offset;
  };
  for (Bad bad : {
           Bad{"\x80", 0},                      // a lone continuation byte
           Bad{"ab\xC3", 2},                    // cut off
           Bad{"\xE2\x82", 0},                  // cut off after two of three
           Bad{"x\xC3(", 1},                    // no continuation
           Bad{"\xC0\x80", 0},                  // overlong NUL
           Bad{"\xC1\xBF", 0},                  // overlong ASCII
           Bad{"\xE0\x80\xAF", 0},              // overlong '/'
           Bad{"\xF0\x80\x80\xAF", 0},          // overlong '/', four bytes
           Bad{"\xED\xA0\x80", 0},              // U+D800, a surrogate
           Bad{"ok \xED\xBF\xBF", 3},           // U+DFFF
           Bad{"\xF4\x90\x80\x80", 0},          // U+110000
           Bad{"\xF5\x80\x80\x80", 0},          // F5 never starts a sequence
           Bad{"\xFF", 0}, Bad{"Gent\xE9", 4},  // Latin-1 é
       }) {
    std::size_t offset = 99;
    INFO(utf8Escaped(bad.text));
    CHECK_FALSE(isValidUtf8(bad.text, &offset));
    CHECK(offset == bad.offset);
  }
  CHECK(utf8SequenceLength("é") == 2);
  CHECK(utf8SequenceLength("\xF0\x9F\x98\x80!") == 4);
  CHECK(utf8SequenceLength("\xED\xA0\x80") == 0);
}

TEST_CASE("utf8Escaped writes the bytes that are no UTF-8 as \\xNN", "[hardening][utf8]") {
  CHECK(utf8Escaped("Geïmporteerd") == "Geïmporteerd");
  CHECK(utf8Escaped("Gent\xE9.graphml") == "Gent\\xE9.graphml");
  CHECK(utf8Escaped("\xC0\x80") == "\\xC0\\x80");
  CHECK(isValidUtf8(utf8Escaped("\xFF\xFE\xED\xA0\x80")));
}

// ---------------------------------------------------------------------------
// CSV

TEST_CASE("CSV: a field that is no UTF-8 is refused at its line and column", "[hardening][csv]") {
  CHECK(csvError("key,name\nx,Gent\xE9\n") == "data/x.csv:2:7: " + kBadUtf8);
  // Columns count characters: "ë" is one.
  CHECK(csvError("key,name\në,\"ab\xC0\x80\"\n") == "data/x.csv:2:6: " + kBadUtf8);
  CHECK(csvError("key,name\n\"a\nb\xED\xA0\x80\",c\n") == "data/x.csv:3:2: " + kBadUtf8);
  CHECK(csvError("k\xF4\x90\x80\x80y,v\n") == "data/x.csv:1:2: " + kBadUtf8);
  // Valid multi-byte text still parses, quoted or not.
  CsvTable csv = CsvTable::parse("naam,uur\n\"Huis van het Kind – Gent\",✓\n", "x");
  CHECK(csv.rows().at(0).fields == std::vector<std::string>{"Huis van het Kind – Gent", "✓"});
  // A character after a closing quote is still text after the quote, multi-byte or not.
  CHECK(csvError("a\n\"x\"é\n") == "data/x.csv:2:4: tekst na het sluitende aanhalingsteken");
  // Column numbers after a multi-byte character count it once.
  CHECK(csvError("a,b\né\"x,1\n") == "data/x.csv:2:2: een aanhalingsteken midden in een veld zonder aanhalingstekens");
}

TEST_CASE("Data sources: NaN and infinity are no numbers", "[hardening][data]") {
  const std::string header = "template,key,name_nl,name_en,actor_types,reach,hop_limit,radius_km,weight\n";
  const std::string row = "kindreflex,caw_jww,CAW,CAW,caw_jww;caw,formal,1,";
  for (std::string value : {"nan", "inf", "-Infinity"}) {
    Failure f = failureOf([&] { defaultModel(withFile("nest_categories.csv", header + row + value + ",3\n"), "x"); });
    CHECK(f.kind == UserError::Kind::InvalidInput);
    CHECK(f.message == "data/nest_categories.csv:2:8: kolom ‘radius_km’: ‘" + value + "’ is geen eindig getal");
  }
  CHECK_NOTHROW(defaultModel(withFile("nest_categories.csv", header + row + "25,3\n"), "x"));
}

// ---------------------------------------------------------------------------
// GraphML and GEXF: UTF-8

TEST_CASE("Import: text that is no UTF-8 names file, line and column", "[hardening][import]") {
  SECTION("a label in GraphML <data>, at the bad byte") {
    CHECK(importError("<graphml><key id=\"l\" for=\"node\" attr.name=\"label\"/><graph>\n"
                      "<node id=\"a\"><data key=\"l\">Gevangenis Br\xFC"
                      "gge</data></node></graph></graphml>") == "FILE:2:41: " + kBadUtf8);
  }
  SECTION("an attribute value in GEXF, at the bad byte") {
    CHECK(importError("<gexf><graph><nodes>\n  <node id=\"a\" label=\"CAW \xE9\xE9n\"/></nodes></graph></gexf>",
                      "bad.gexf") == "FILE:2:27: " + kBadUtf8);
    // A node id (which becomes a name when there is no label) and an edge label.
    CHECK(importError(gexf("", " label='x\xED\xA0\x80'"), "bad.gexf") == "FILE:3:44: " + kBadUtf8);
  }
  SECTION("attvalues, key names and CDATA") {
    CHECK(importError("<gexf><graph><attributes class=\"node\"><attribute id=\"0\" title=\"t\xC0\xAF\"/>"
                      "</attributes></graph></gexf>",
                      "bad.gexf") == "FILE:1:65: " + kBadUtf8);
    CHECK(importError("<graphml><key id=\"l\" for=\"node\" attr.name=\"label\"/><graph>\n"
                      "<node id=\"a\"><data key=\"l\"><![CDATA[<b>\xF8</b>]]></data></node></graph></graphml>") ==
          "FILE:2:40: " + kBadUtf8);
  }
  SECTION("an element or attribute name") {
    CHECK(importError("<graphml><graph><n\xE9ud/></graph></graphml>") == "FILE:1:19: " + kBadUtf8);
    CHECK(importError("<graphml><graph><node id=\"a\" na\xE9me=\"x\"/></graph></graphml>") == "FILE:1:32: " + kBadUtf8);
  }
  SECTION("a character reference to a surrogate points at the value") {
    CHECK(importError("<graphml><graph><node id=\"a&#xD800;\"/></graph></graphml>") == "FILE:1:27: " + kBadUtf8);
    CHECK(importError("<graphml><key id=\"l\" for=\"node\" attr.name=\"label\"/><graph><node id=\"a\">"
                      "<data key=\"l\">ok &#x110000;</data></node></graph></graphml>") == "FILE:1:86: " + kBadUtf8);
  }
  SECTION("comments are not kept, so they are not refused") {
    CHECK(importError("<graphml><!-- Br\xFCgge --><graph><node id=\"a\"/></graph></graphml>") == "<no error>");
  }
  SECTION("UTF-16 and UTF-32 are refused up front") {
    CHECK(importError(std::string("\xFF\xFE<\0g\0", 6)) ==
          "FILE:1:1: het bestand is UTF-16 of UTF-32; Nestmap leest GraphML en GEXF enkel in UTF-8");
    CHECK(importError(std::string("<\0\0\0", 4)) ==
          "FILE:1:1: het bestand is UTF-16 of UTF-32; Nestmap leest GraphML en GEXF enkel in UTF-8");
  }
  SECTION("a Latin-1 declaration does not make Latin-1 bytes UTF-8") {
    CHECK(importError("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<graphml><graph>"
                      "<node id=\"Br\xFCgge\"/></graph></graphml>") == "FILE:2:29: " + kBadUtf8);
  }
  SECTION("the message is UTF-8 even when the file name is not") {
    Failure f = failureOf([] { importGraphText("<graphml>\xFF</graphml>", "/tmp/x\xE9/a.graphml", embeddedData()); });
    CHECK(f.message == "/tmp/x\\xE9/a.graphml:1:10: " + kBadUtf8);
  }
  SECTION("valid text in every place imports unchanged") {
    Model m = importGraphText(gexf("", " label='verwijzing – ✓'"), "ok.gexf", embeddedData());
    REQUIRE(m.actors.size() == 2);
    REQUIRE(m.ties.size() == 1);
    CHECK((*m.ties.begin()).row.customFields.at("label") == "verwijzing – ✓");
  }
}

TEST_CASE("Import: a file name that is no UTF-8 cannot name the map", "[hardening][import]") {
  test::TempDir dir;
  const fs::path file = dir / "kaart\xE9.graphml";
  test::writeBytes(file, "<graphml><graph/></graphml>");
  Failure f = failureOf([&] { importGraph(file, embeddedData()); });
  CHECK(f.kind == UserError::Kind::InvalidInput);
  CHECK(f.message ==
        "De bestandsnaam ‘kaart\\xE9.graphml’ is geen geldige UTF-8 en kan dus geen kaart een naam geven; hernoem het "
        "bestand.");
  // Only the name counts: the same bytes under a UTF-8 name import.
  test::writeBytes(dir / "kaart.graphml", "<graphml><graph/></graphml>");
  CHECK(importGraph(dir / "kaart.graphml", embeddedData()).info.name == "kaart");
}

TEST_CASE("mapNameFor: the stem, or the given name, as UTF-8", "[hardening][import]") {
  CHECK(mapNameFor("/tmp/Nest Gent.nestmap") == "Nest Gent");
  CHECK(mapNameFor("/tmp/\xE9/Brugge.nestmap") == "Brugge");  // the directory names nothing
  CHECK(mapNameFor("/tmp/x\xE9.nestmap", "Leuven") == "Leuven");
  CHECK(failureOf([] { mapNameFor("x\xE9.nestmap"); }).kind == UserError::Kind::InvalidInput);
  CHECK(failureOf([] { mapNameFor("x.nestmap", "Br\xFCgge"); }).message ==
        "De naam ‘Br\\xFCgge’ is geen geldige UTF-8.");
}

// ---------------------------------------------------------------------------
// GraphML and GEXF: numbers

TEST_CASE("Import: positions must be finite and within 1e12", "[hardening][import]") {
  for (std::string x : {"inf", "-INF", "nan", "NaN", "1e400", "1e13", "-1.5e12"}) {
    INFO(x);
    CHECK(importError(gexf("<viz:position x=\"" + x + "\" y=\"0\"/>"), "bad.gexf") ==
          "FILE:2:31: positie ‘" + x + "’ ligt buiten het toegelaten bereik (eindig, tussen −1e+12 en 1e+12)");
  }
  CHECK(importError(gexf("<viz:position x=\"1\" y=\"nan\"/>"), "bad.gexf") ==
        "FILE:2:37: positie ‘nan’ ligt buiten het toegelaten bereik (eindig, tussen −1e+12 en 1e+12)");
  CHECK(importError(gexf("<viz:position x=\"1\" y=\"abc\"/>"), "bad.gexf") ==
        "FILE:2:37: ‘abc’ is geen geldige waarde van type float");

  Model m = importGraphText(gexf("<viz:position x=\"1e12\" y=\"-1e12\"/>"), "ok.gexf", embeddedData());
  REQUIRE(m.positions.size() == 1);
  const ViewPosition& p = m.positions.begin()->second.begin()->second;
  CHECK(p.x == 1e12);
  CHECK(p.y == -1e12);
}

TEST_CASE("Import: weights must be finite, above 0 and at most 1e12", "[hardening][import]") {
  const std::string range = "’ ligt buiten het toegelaten bereik (eindig, hoogstens 1e+12)";
  for (std::string w : {"1e308", "1e400", "inf", "Infinity", "nan", "-nan", "1000000000001"}) {
    INFO(w);
    CHECK(importError(gexf("", " weight=\"" + w + "\""), "bad.gexf") == "FILE:3:44: gewicht ‘" + w + range);
    CHECK(importError(graphml("1", w)) == "FILE:5:43: gewicht ‘" + w + range);
  }
  // Below zero and not a number keep their own message.
  CHECK(importError(gexf("", " weight=\"-1e308\""), "bad.gexf") ==
        "FILE:3:44: gewicht ‘-1e308’ is geen getal groter dan 0");
  // A weight key's default is checked as a weight too.
  CHECK(importError("<graphml><key id=\"w\" for=\"edge\" attr.name=\"weight\"><default>inf</default></key>\n"
                    "<graph><node id=\"a\"/><node id=\"b\"/><edge source=\"a\" target=\"b\"/></graph></graphml>") ==
        "FILE:1:61: gewicht ‘inf" + range);

  Model m = importGraphText(gexf("", " weight=\"1e12\""), "ok.gexf", embeddedData());
  REQUIRE(m.ties.size() == 1);
  CHECK((*m.ties.begin()).row.weight == 1e12);
}

TEST_CASE("Import: NaN and infinity are refused in every numeric attribute", "[hardening][import]") {
  for (std::string v : {"nan", "NAN", "inf", "-inf", "infinity", "1e999", "-1e999", "1e-999"}) {
    INFO(v);
    CHECK(importError(graphml(v, "1")) ==
          "FILE:4:28: ‘" + v + "’ is geen eindig getal binnen het bereik van type double");
  }
  // float has a smaller range than double.
  CHECK(importError("<gexf><graph><attributes class=\"node\"><attribute id=\"0\" title=\"r\" type=\"float\"/>"
                    "</attributes>\n<nodes><node id=\"a\"><attvalues><attvalue for=\"0\" value=\"1e39\"/>"
                    "</attvalues></node></nodes></graph></gexf>",
                    "bad.gexf") == "FILE:2:57: ‘1e39’ is geen eindig getal binnen het bereik van type float");
  // A finite double beyond 1e12 is a value like any other outside weights and positions.
  Model m = importGraphText(graphml("1e308", "2"), "ok.graphml", embeddedData());
  bool found = false;
  for (const auto& [id, a] : m.actors)
    if (a.externalId == "a") found = a.customFields.at("score") == "1e+308";
  CHECK(found);
}

TEST_CASE("Import: the values a file gives its records are limited", "[hardening][import]") {
  // Three keys with defaults: every node gets three values, so the fourth node passes a limit of 10.
  const std::string text =
      "<graphml><key id=\"a\" for=\"node\"><default>1</default></key><key id=\"b\" for=\"node\">"
      "<default>2</default></key><key id=\"c\" for=\"all\"><default>3</default></key><graph>\n"
      "<node id=\"n1\"/><node id=\"n2\"/><node id=\"n3\"/>\n<node id=\"n4\"/></graph></graphml>";
  Failure f = failureOf([&] { importGraphText(text, "many.graphml", embeddedData(), nullptr, {10}); });
  CHECK(f.kind == UserError::Kind::InvalidInput);
  CHECK(f.message ==
        "many.graphml:3:1: de knopen en verbindingen krijgen samen meer dan 10 attribuutwaarden (standaardwaarden "
        "meegeteld), de grens voor een import");
  CHECK(importGraphText(text, "many.graphml", embeddedData(), nullptr, {12}).actors.size() == 4);
  // Edges count too; GEXF like GraphML.
  const std::string edges = gexf("<attvalues><attvalue for=\"0\" value=\"x\"/></attvalues>");
  const std::string declared = edges.substr(0, edges.find("<nodes>")) +
                               "<attributes class=\"node\"><attribute id=\"0\" title=\"t\"/></attributes>"
                               "<attributes class=\"edge\"><attribute id=\"e\" title=\"u\"><default>d</default>"
                               "</attribute></attributes>" +
                               edges.substr(edges.find("<nodes>"));
  CHECK(importGraphText(declared, "ok.gexf", embeddedData(), nullptr, {2}).ties.size() == 1);
  f = failureOf([&] { importGraphText(declared, "bad.gexf", embeddedData(), nullptr, {1}); });
  CHECK(f.message.rfind("bad.gexf:3:8: ", 0) == 0);
  CHECK(GraphImportLimits{}.maxValues == 5'000'000);
}

TEST_CASE("Import: of two GEXF attributes with one title, the later one's value or default is kept",
          "[hardening][import]") {
  const std::string attrs =
      "<attributes class=\"node\"><attribute id=\"0\" title=\"t\"><default>eerste</default></attribute>"
      "<attribute id=\"1\" title=\"t\"><default>tweede</default></attribute></attributes>";
  auto fieldOfA = [&](const std::string& nodeA) {
    std::string text = gexf(nodeA);
    text.insert(text.find("<nodes>"), attrs);
    Model m = importGraphText(text, "ok.gexf", embeddedData());
    for (const auto& [id, a] : m.actors)
      if (a.externalId == "a") return a.customFields.at("t");
    return std::string("<none>");
  };
  CHECK(fieldOfA("") == "tweede");
  CHECK(fieldOfA("<attvalues><attvalue for=\"0\" value=\"gegeven\"/></attvalues>") == "tweede");
  CHECK(fieldOfA("<attvalues><attvalue for=\"1\" value=\"gegeven\"/></attvalues>") == "gegeven");
}

TEST_CASE("Import: in English", "[hardening][import]") {
  setLanguage(Language::English);
  std::string utf8 = importError("<graphml><graph><node id=\"\xFF\"/></graph></graphml>");
  std::string weight = importError(gexf("", " weight=\"inf\""), "bad.gexf");
  setLanguage(Language::Dutch);
  CHECK(utf8 == "FILE:1:27: text that is not valid UTF-8 (Nestmap reads UTF-8 only; save the file as UTF-8)");
  CHECK(weight == "FILE:3:44: weight ‘inf’ is out of range (it must be finite and at most 1e+12)");
}

// ---------------------------------------------------------------------------
// Files: size and kind

TEST_CASE("Import: a file that is no regular file is refused before reading", "[hardening][import]") {
  for (const char* device : {"/dev/zero", "/dev/null", "/dev/urandom"}) {
    if (!fs::exists(device)) continue;
    Failure f = failureOf([&] { importGraph(device, embeddedData()); });
    CHECK(f.kind == UserError::Kind::InvalidInput);
    CHECK(f.message ==
          std::string(device) + " is geen gewoon bestand (maar een apparaat, pipe of socket) en wordt niet ingelezen.");
  }
  // A named pipe with no writer would block a reader forever.
  test::TempDir dir;
  const fs::path fifo = dir / "pijp.graphml";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  Failure f = failureOf([&] { importGraph(fifo, embeddedData()); });
  CHECK(f.kind == UserError::Kind::InvalidInput);
  // A directory stays an Io error, a missing file NotFound.
  CHECK(failureOf([&] { importGraph(dir.path(), embeddedData()); }).kind == UserError::Kind::Io);
  CHECK(failureOf([&] { importGraph(dir / "nergens.gexf", embeddedData()); }).kind == UserError::Kind::NotFound);
}

TEST_CASE("Import: a file larger than 512 MiB is refused before reading", "[hardening][import]") {
  CHECK(kMaxImportBytes == 512u * 1024 * 1024);
  test::TempDir dir;
  // Sparse files: their size costs no disk and, as nothing is read, no time.
  const fs::path big = dir / "groot.graphml", edge = dir / "rand.graphml";
  test::writeBytes(big, "<graphml/>");
  fs::resize_file(big, kMaxImportBytes + 1);
  test::writeBytes(edge, "");
  fs::resize_file(edge, kMaxImportBytes);

  Failure f = failureOf([&] { importGraph(big, embeddedData()); });
  CHECK(f.kind == UserError::Kind::InvalidInput);
  CHECK(f.message ==
        "Het bestand " + big.string() + " is groter dan 512 MiB (536870913 bytes), de grens voor een import.");
  CHECK_NOTHROW(checkImportFile(edge));
  setLanguage(Language::English);
  f = failureOf([&] { checkImportFile(big); });
  setLanguage(Language::Dutch);
  CHECK(f.message ==
        "The file " + big.string() + " is larger than 512 MiB (536870913 bytes), the limit for an import.");
}

TEST_CASE("Import: from memory and from a file give the same map", "[hardening][import]") {
  const fs::path karate = fs::path(NESTMAP_SOURCE_DIR) / "tests/analysis/fixtures/karate.graphml";
  std::ifstream in(karate, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(text.size() > 1000);
  GraphImportReport a, b;
  CHECK(importGraphText(text, karate, embeddedData(), &a) == importGraph(karate, embeddedData(), &b));
  CHECK(a.actors == b.actors);
  CHECK(a.ties == 78);
}
