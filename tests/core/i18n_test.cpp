#include "core/i18n.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "support/language_guard.hpp"

using namespace nestmap;

namespace {

using test::LanguageGuard;

std::set<std::string> tableKeys() {
  std::set<std::string> keys;
  for (const auto& t : translations()) keys.emplace(t.key);
  return keys;
}

/// The {n} placeholders a text uses.
std::set<std::string> placeholders(std::string_view text) {
  static const std::regex re(R"(\{[0-9]\})");
  std::set<std::string> out;
  std::string s(text);
  for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it)
    out.insert(it->str());
  return out;
}

const std::regex& keyShape() {
  static const std::regex re(R"([a-z_]+(\.[a-z_]+)+)");
  return re;
}

/// Where each translation key used in `text` appears (first occurrence), as "source:line".
/// A key is used when it is the literal first argument of tr()/trf(), or when it is a
/// string literal of key shape whose first part is one of `namespaces` (e.g. the key
/// handed to Store's fail()). File names such as "schema.sql" are not keys.
void collectKeys(const std::string& text, const std::string& source, const std::set<std::string>& namespaces,
                 std::map<std::string, std::string>& used) {
  static const std::regex call(R"(\btrf?\s*\(\s*"([^"\\]*)\")");
  static const std::regex literal(R"("([a-z_]+(?:\.[a-z_]+)+)\")");
  static const std::set<std::string> fileExtensions{"csv",  "sql", "nestmap", "png", "json", "txt",
                                                    "glsl", "cpp", "hpp",     "ttf", "svg",  "pdf"};
  auto lineOf = [&](std::ptrdiff_t pos) {
    return std::to_string(1 + std::count(text.begin(), text.begin() + pos, '\n'));
  };
  for (auto it = std::sregex_iterator(text.begin(), text.end(), call); it != std::sregex_iterator(); ++it)
    used.emplace((*it)[1].str(), source + ":" + lineOf(it->position(1)));
  for (auto it = std::sregex_iterator(text.begin(), text.end(), literal); it != std::sregex_iterator(); ++it) {
    std::string key = (*it)[1].str();
    std::string first = key.substr(0, key.find('.'));
    std::string last = key.substr(key.rfind('.') + 1);
    if (namespaces.count(first) && !fileExtensions.count(last))
      used.emplace(key, source + ":" + lineOf(it->position(1)));
  }
}

std::set<std::string> keyNamespaces() {
  std::set<std::string> out{"store",      "valid", "cmd",  "edit", "doc", "status",
                            "tie_status", "csv",   "data", "cli",  "gui", "view"};
  for (const auto& key : tableKeys()) out.insert(key.substr(0, key.find('.')));
  return out;
}

}  // namespace

TEST_CASE("Every translation has a key, Dutch and English", "[i18n]") {
  auto table = translations();
  REQUIRE(table.size() > 100);
  std::set<std::string_view> seen;
  for (const auto& t : table) {
    INFO("key: " << t.key);
    CHECK(std::regex_match(std::string(t.key), keyShape()));
    CHECK_FALSE(t.nl.empty());
    CHECK_FALSE(t.en.empty());
    CHECK(seen.insert(t.key).second);  // unique
    // Both languages use the same arguments.
    CHECK(placeholders(t.nl) == placeholders(t.en));
  }
  CHECK(seen.size() == table.size());
}

TEST_CASE("tr gives the text in the current language", "[i18n]") {
  REQUIRE(language() == Language::Dutch);
  CHECK(tr("cli.info.actors") == "Actoren");
  CHECK(tr("status.discussion") == "in bespreking");
  {
    LanguageGuard english(Language::English);
    CHECK(language() == Language::English);
    CHECK(tr("cli.info.actors") == "Actors");
    CHECK(tr("status.discussion") == "in discussion");
  }
  CHECK(language() == Language::Dutch);
  CHECK(tr("cli.info.actors") == "Actoren");
}

TEST_CASE("tr and trf show an unknown key in brackets", "[i18n]") {
  CHECK(tr("no.such_key") == "[no.such_key]");
  CHECK(tr("") == "[]");
  CHECK(trf("no.such_key", {"a", "b"}) == "[no.such_key]");
  LanguageGuard english(Language::English);
  CHECK(tr("no.such_key") == "[no.such_key]");
}

TEST_CASE("trf replaces {0}, {1}, ... by its arguments", "[i18n]") {
  CHECK(trf("store.not_found", {"kaart.nestmap"}) == "Het bestand kaart.nestmap bestaat niet.");
  CHECK(trf("csv.error", {"data/x.csv", "3", "7", "reden"}) == "data/x.csv:3:7: reden");
  // Arguments in another order than they are numbered.
  CHECK(trf("valid.dates", {"2025-01-01", "2024-12-31"}) ==
        "De einddatum 2024-12-31 ligt vóór de begindatum 2025-01-01.");
  // A placeholder without an argument stays as it is.
  CHECK(trf("valid.dates", {"2025-01-01"}) == "De einddatum {1} ligt vóór de begindatum 2025-01-01.");
  // Arguments are not scanned again for placeholders.
  CHECK(trf("csv.error", {"{1}", "2", "3", "{0}"}) == "{1}:2:3: {0}");
  // Extra arguments are ignored; a text without placeholders is unchanged.
  CHECK(trf("cli.info.actors", {"x"}) == "Actoren");
  CHECK(trf("cli.check_ok", {"f", "1", "2", "3"}) == "f is in orde: 1 actoren, 2 banden, 3 afspraken.");

  LanguageGuard english(Language::English);
  CHECK(trf("store.not_found", {"map.nestmap"}) == "The file map.nestmap does not exist.");
  CHECK(trf("valid.dates", {"2025-01-01", "2024-12-31"}) ==
        "The end date 2024-12-31 lies before the start date 2025-01-01.");
}

TEST_CASE("parseLanguage reads codes and locale names", "[i18n]") {
  Language lang = Language::English;
  CHECK(parseLanguage("nl", lang));
  CHECK(lang == Language::Dutch);
  CHECK(parseLanguage("en", lang));
  CHECK(lang == Language::English);
  CHECK(parseLanguage("nl_BE.UTF-8", lang));
  CHECK(lang == Language::Dutch);
  CHECK(parseLanguage("en_GB.UTF-8", lang));
  CHECK(lang == Language::English);
  CHECK(parseLanguage("nl-NL", lang));
  CHECK(lang == Language::Dutch);
  CHECK(parseLanguage("en-US", lang));
  CHECK(lang == Language::English);

  // Refused codes leave the output alone.
  lang = Language::Dutch;
  for (const char* code : {"", "fr", "fr_BE.UTF-8", "C", "POSIX", "NL", "EN", "nld", "english", "n", "e"}) {
    INFO("code: '" << code << "'");
    CHECK_FALSE(parseLanguage(code, lang));
    CHECK(lang == Language::Dutch);
  }
}

TEST_CASE("The key finder sees tr, trf and error keys", "[i18n]") {
  // Guards the scan below: a finder that finds nothing would pass it forever.
  const std::string text =
      "auto a = tr(\"valid.name_empty\");\n"
      "auto b = trf(\n    \"nope.missing\", {x});\n"
      "fail(UserError::Kind::Io, \"store.made_up\", {path});\n"
      "auto c = \"schema.sql\"; auto d = \"hello.world\"; auto e = str(\"not.a_key\");\n"
      "auto f = tr(\"Hello\"); auto g = \"data.csv\";\n";
  std::map<std::string, std::string> used;
  collectKeys(text, "x.cpp", {"valid", "store", "data"}, used);
  std::map<std::string, std::string> expected{
      {"valid.name_empty", "x.cpp:1"},
      {"nope.missing", "x.cpp:3"},
      {"store.made_up", "x.cpp:4"},
      {"Hello", "x.cpp:6"},
  };
  CHECK(used == expected);
}

TEST_CASE("Every translation key used in src/ exists", "[i18n]") {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(NESTMAP_SOURCE_DIR) / "src";
  REQUIRE(fs::is_directory(root));
  const auto namespaces = keyNamespaces();
  std::map<std::string, std::string> used;
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    auto ext = entry.path().extension();
    if (ext != ".cpp" && ext != ".hpp" && ext != ".h") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    collectKeys(text.str(), fs::relative(entry.path(), root).string(), namespaces, used);
    ++files;
  }
  // Keys made at run time from an enum's text key.
  for (AgreementStatus s : kAllAgreementStatuses)
    used.emplace("status." + std::string(key(s)), "app/cli.cpp (statusName)");
  for (TieStatus s : {TieStatus::Planned, TieStatus::Active, TieStatus::Ended})
    used.emplace("tie_status." + std::string(key(s)), "app/cli.cpp (cmdInfo)");

  CHECK(files > 20);
  CHECK(used.size() > 100);
  // Spot checks that each way of naming a key was found.
  CHECK(used.count("store.not_found") == 1);   // Store's fail(kind, "store.not_found", ...)
  CHECK(used.count("csv.quote_inside") == 1);  // tr("...")
  CHECK(used.count("cli.check_ok") == 1);      // trf("...", {...})
  CHECK(used.count("gui.no_display") == 1);

  const auto known = tableKeys();
  std::vector<std::string> missing;
  for (const auto& [k, where] : used)
    if (!known.count(k)) missing.push_back(where + ": " + k);
  CHECK(missing == std::vector<std::string>{});
}
