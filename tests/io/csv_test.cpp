#include "io/csv.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/i18n.hpp"

using namespace nestmap;
using Fields = std::vector<std::string>;

namespace {

/// The message of the UserError(InvalidInput) that parsing `text` throws; "<no error>" when it parses.
std::string parseError(std::string_view text, std::string source = "data/x.csv") {
  try {
    CsvTable::parse(text, std::move(source));
  } catch (const UserError& e) {
    CHECK(e.kind() == UserError::Kind::InvalidInput);
    return e.what();
  }
  return "<no error>";
}

std::vector<int> lines(const CsvTable& csv) {
  std::vector<int> out;
  for (const auto& row : csv.rows()) out.push_back(row.line);
  return out;
}

}  // namespace

TEST_CASE("CSV: header and rows with their line numbers", "[csv]") {
  CsvTable csv = CsvTable::parse("key,name\nprison_gent,Gevangenis Gent\ncaw,CAW\n", "data/a.csv");
  CHECK(csv.source() == "data/a.csv");
  CHECK(csv.header() == Fields{"key", "name"});
  REQUIRE(csv.rows().size() == 2);
  CHECK(csv.rows()[0].fields == Fields{"prison_gent", "Gevangenis Gent"});
  CHECK(csv.rows()[1].fields == Fields{"caw", "CAW"});
  CHECK(lines(csv) == std::vector<int>{2, 3});
  CHECK(csv.column("name") == 1);
  CHECK(csv.field(csv.rows()[1], "key") == "caw");
}

TEST_CASE("CSV: a trailing newline makes no difference", "[csv]") {
  CsvTable with = CsvTable::parse("a,b\n1,2\n", "x");
  CsvTable without = CsvTable::parse("a,b\n1,2", "x");
  REQUIRE(with.rows().size() == 1);
  REQUIRE(without.rows().size() == 1);
  CHECK(with.rows()[0].fields == Fields{"1", "2"});
  CHECK(without.rows()[0].fields == Fields{"1", "2"});
  CHECK(CsvTable::parse("a,b", "x").rows().empty());
  CHECK(CsvTable::parse("a,b\n", "x").header() == Fields{"a", "b"});
}

TEST_CASE("CSV: quoted fields keep commas, quotes and newlines", "[csv]") {
  const char* text =
      "key,notes,n\n"
      "gent,\"Gent, centrum\",1\n"
      "say,\"zegt \"\"hallo\"\"\",2\n"
      "multi,\"lijn een\nlijn twee\n\",3\n"
      "empty,\"\",4\n"
      "after,x,5\n";
  CsvTable csv = CsvTable::parse(text, "x");
  REQUIRE(csv.rows().size() == 5);
  CHECK(csv.rows()[0].fields == Fields{"gent", "Gent, centrum", "1"});
  CHECK(csv.rows()[1].fields == Fields{"say", "zegt \"hallo\"", "2"});
  CHECK(csv.rows()[2].fields == Fields{"multi", "lijn een\nlijn twee\n", "3"});
  CHECK(csv.rows()[3].fields == Fields{"empty", "", "4"});
  CHECK(csv.rows()[4].fields == Fields{"after", "x", "5"});
  // The quoted newlines push the later rows down: "multi" spans lines 4–6.
  CHECK(lines(csv) == std::vector<int>{2, 3, 4, 7, 8});
}

TEST_CASE("CSV: empty fields", "[csv]") {
  CsvTable csv = CsvTable::parse("a,b,c\n,,\n,x,\n\"\",\"\",y\n", "x");
  REQUIRE(csv.rows().size() == 3);
  CHECK(csv.rows()[0].fields == Fields{"", "", ""});
  CHECK(csv.rows()[1].fields == Fields{"", "x", ""});
  CHECK(csv.rows()[2].fields == Fields{"", "", "y"});
}

TEST_CASE("CSV: a blank line is no record but still counts as a line", "[csv]") {
  CsvTable csv = CsvTable::parse("a,b\n\n1,2\n\n", "x");
  REQUIRE(csv.rows().size() == 1);
  CHECK(csv.rows()[0].fields == Fields{"1", "2"});
  CHECK(csv.rows()[0].line == 3);
}

TEST_CASE("CSV: CRLF line ends", "[csv]") {
  CsvTable csv = CsvTable::parse("a,b\r\n1,2\r\n\"x\r\ny\",3\r\n4,5", "x");
  CHECK(csv.header() == Fields{"a", "b"});
  REQUIRE(csv.rows().size() == 3);
  CHECK(csv.rows()[0].fields == Fields{"1", "2"});
  CHECK(csv.rows()[1].fields == Fields{"x\r\ny", "3"});  // kept as written inside quotes
  CHECK(csv.rows()[2].fields == Fields{"4", "5"});
  CHECK(lines(csv) == std::vector<int>{2, 3, 5});
  // Columns after a CRLF start again at 1.
  CHECK(parseError("a,b\r\n1,x\"y\r\n") ==
        "data/x.csv:2:4: een aanhalingsteken midden in een veld zonder aanhalingstekens");
}

TEST_CASE("CSV: a UTF-8 byte order mark is skipped", "[csv]") {
  CsvTable csv = CsvTable::parse("\xEF\xBB\xBFkey,value\nname,Demo\n", "x");
  CHECK(csv.header() == Fields{"key", "value"});
  CHECK(csv.column("key") == 0);
  REQUIRE(csv.rows().size() == 1);
  CHECK(csv.rows()[0].fields == Fields{"name", "Demo"});
  // The mark takes no column.
  CHECK(parseError("\xEF\xBB\xBFk\"ey\n") ==
        "data/x.csv:1:2: een aanhalingsteken midden in een veld zonder aanhalingstekens");
}

TEST_CASE("CSV: malformed input names source, line and column", "[csv]") {
  SECTION("unclosed quote points at the quote that opens it") {
    CHECK(parseError("a,b\n1,\"open\n2,3\n4,5\n") == "data/x.csv:2:3: een aanhalingsteken wordt nooit gesloten");
  }
  SECTION("quote inside an unquoted field") {
    CHECK(parseError("a,b\n1,2\nab\"c,4\n") ==
          "data/x.csv:3:3: een aanhalingsteken midden in een veld zonder aanhalingstekens");
  }
  SECTION("text after the closing quote") {
    CHECK(parseError("a,b\n\"x\"y,1\n") == "data/x.csv:2:4: tekst na het sluitende aanhalingsteken");
    CHECK(parseError("a,b\n\"x\" ,1\n") == "data/x.csv:2:4: tekst na het sluitende aanhalingsteken");
    // After a quoted newline the column counts from the new line.
    CHECK(parseError("a,b\n\"x\ny\"z,1\n") == "data/x.csv:3:3: tekst na het sluitende aanhalingsteken");
  }
  SECTION("wrong number of fields names the line") {
    CHECK(parseError("a,b\n1,2\n3\n") == "data/x.csv:3:1: 1 velden in plaats van 2");
    CHECK(parseError("a,b\n1,2,3\n") == "data/x.csv:2:1: 3 velden in plaats van 2");
    CHECK(parseError("a,b\n\"x\ny\",1\n1,2,3\n") == "data/x.csv:4:1: 3 velden in plaats van 2");
  }
  SECTION("empty file") {
    CHECK(parseError("") == "data/x.csv:1:1: het bestand is leeg (geen kopregel)");
    CHECK(parseError("\n\n") == "data/x.csv:1:1: het bestand is leeg (geen kopregel)");
    CHECK(parseError("\xEF\xBB\xBF") == "data/x.csv:1:1: het bestand is leeg (geen kopregel)");
  }
  SECTION("in English") {
    setLanguage(Language::English);
    std::string message = parseError("a,b\n1,2,3\n", "y.csv");
    setLanguage(Language::Dutch);
    CHECK(message == "y.csv:2:1: 3 fields instead of 2");
  }
}

TEST_CASE("CSV: requireHeader names what it expected and found", "[csv]") {
  CsvTable csv = CsvTable::parse("key,naam,color\n", "data/taxonomy/sectors.csv");
  CHECK_NOTHROW(csv.requireHeader({"key", "naam", "color"}));
  try {
    csv.requireHeader({"key", "name_nl", "name_en", "color"});
    FAIL("no error");
  } catch (const UserError& e) {
    CHECK(e.kind() == UserError::Kind::InvalidInput);
    CHECK(std::string(e.what()) ==
          "data/taxonomy/sectors.csv:1:1: verkeerde kopregel: verwacht ‘key,name_nl,name_en,color’, gevonden "
          "‘key,naam,color’");
  }
  // Same columns in another order are a different header.
  CHECK_THROWS_AS(csv.requireHeader({"naam", "key", "color"}), UserError);
}

TEST_CASE("CSV: column lookups and row errors", "[csv]") {
  CsvTable csv = CsvTable::parse("key,color\nx,#zzz\n", "data/s.csv");
  const auto& row = csv.rows().at(0);
  CHECK(csv.field(row, "color") == "#zzz");
  CHECK_THROWS_WITH(csv.column("name"), "data/s.csv:1:1: kolom ‘name’ ontbreekt");
  CHECK_THROWS_WITH(csv.field(row, "name"), "data/s.csv:1:1: kolom ‘name’ ontbreekt");
  CHECK_THROWS_WITH(csv.fail(row, "color", "geen kleur"), "data/s.csv:2:2: kolom ‘color’: geen kleur");
  CHECK_THROWS_AS(csv.fail(row, "color", "geen kleur"), UserError);
}

TEST_CASE("splitList trims and drops empty items", "[csv]") {
  using List = std::vector<std::string>;
  CHECK(splitList("a; b ;;c ") == List{"a", "b", "c"});
  CHECK(splitList("kindreflex") == List{"kindreflex"});
  CHECK(splitList("") == List{});
  CHECK(splitList(" ; ;") == List{});
  CHECK(splitList("two words;x") == List{"two words", "x"});
  CHECK(splitList("a,b;c", ',') == List{"a", "b;c"});
  CHECK(splitList(";a;", ';') == List{"a"});
}
