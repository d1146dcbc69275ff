// libFuzzer target: the CSV reader (CsvTable::parse) and the data-source
// readers on top of it (defaultModel/demoModel with one data/ file replaced).
//
// Oracles: a table that parses holds only UTF-8, has as many fields in every
// row as in its header, rows in line order; written back as CSV it parses to
// the same table. A UserError is the expected answer to bad input; any other
// exception or a sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/text.hpp"
#include "fuzz_util.hpp"
#include "io/csv.hpp"
#include "io/data_sources.hpp"

using namespace nestmap;

namespace {

std::string quoted(const std::string& field) {
  std::string out = "\"";
  for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + '"';
}

/// A header and rows as CSV, every field quoted.
std::string writtenRows(const std::vector<std::string>& header, const std::vector<CsvTable::Row>& rows) {
  auto line = [](const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + quoted(fields[i]);
    return out + "\r\n";
  };
  std::string out = line(header);
  for (const auto& row : rows) out += line(row.fields);
  return out;
}

std::string written(const CsvTable& table) { return writtenRows(table.header(), table.rows()); }

void checkTable(std::string_view text) {
  try {
    const CsvTable table = CsvTable::parse(text, "fuzz.csv");
    NESTMAP_FUZZ_CHECK(!table.header().empty());
    int lastLine = 1;
    for (const auto& h : table.header()) NESTMAP_FUZZ_CHECK(isValidUtf8(h));
    for (const auto& row : table.rows()) {
      NESTMAP_FUZZ_CHECK(row.fields.size() == table.header().size());
      NESTMAP_FUZZ_CHECK(row.line > lastLine);
      lastLine = row.line;
      for (const auto& f : row.fields) NESTMAP_FUZZ_CHECK(isValidUtf8(f));
    }
    // Written back with every field quoted, it reads as the same table.
    const CsvTable again = CsvTable::parse(written(table), "again.csv");
    NESTMAP_FUZZ_CHECK(again.header() == table.header());
    NESTMAP_FUZZ_CHECK(again.rows().size() == table.rows().size());
    for (std::size_t r = 0; r < table.rows().size(); ++r)
      NESTMAP_FUZZ_CHECK(again.rows()[r].fields == table.rows()[r].fields);
  } catch (const UserError& e) {
    NESTMAP_FUZZ_CHECK(e.kind() == UserError::Kind::InvalidInput);
  }
}

constexpr std::string_view kDataFiles[] = {
    "taxonomy/sectors.csv",
    "taxonomy/actor_types.csv",
    "taxonomy/tie_types.csv",
    "taxonomy/agreement_types.csv",
    "taxonomy/agreement_statuses.csv",
    "nest_templates.csv",
    "nest_categories.csv",
    "demo/actors.csv",
    "demo/contacts.csv",
    "demo/ties.csv",
    "demo/agreements.csv",
    "demo/agreement_parties.csv",
    "demo/agreement_history.csv",
    "demo/meta.csv",
};

/// The embedded data/ tree with the demo cut down to the few records around Gevangenis Gent
/// (every row whose keys all lie in that set), so that one run takes milliseconds, not seconds.
const std::map<std::string, std::string, std::less<>>& smallData() {
  static const auto files = [] {
    const std::set<std::string, std::less<>> keep = {"prison_gent", "psd_gent", "jww_gent", "caw_oost_vlaanderen",
                                                     "jww_psd_gent"};
    const std::set<std::string, std::less<>> keyColumns = {"key",    "actor",        "source",   "target",
                                                           "parent", "scope_prison", "agreement"};
    const DataReader embedded = embeddedData();
    std::map<std::string, std::string, std::less<>> out;
    for (std::string_view path : kDataFiles) {
      std::string text = *embedded(path);
      if (path.substr(0, 5) == "demo/" && path != "demo/meta.csv") {
        const CsvTable table = CsvTable::parse(text, std::string(path));
        std::vector<CsvTable::Row> rows;
        for (const auto& row : table.rows()) {
          bool inside = true;
          for (std::size_t c = 0; c < table.header().size(); ++c)
            if (keyColumns.count(table.header()[c]) && !row.fields[c].empty() && !keep.count(row.fields[c]))
              inside = false;
          if (inside) rows.push_back(row);
        }
        text = writtenRows(table.header(), rows);
      }
      out.emplace(std::string(path), std::move(text));
    }
    return out;
  }();
  return files;
}

/// The small data/ tree with `path` replaced by `text`: every reader of a data file meets the input.
void checkDataSource(std::string_view path, std::string_view text) {
  const DataReader reader = [&](std::string_view p) -> std::optional<std::string> {
    if (p == path) return std::string(text);
    auto it = smallData().find(p);
    if (it == smallData().end()) return std::nullopt;
    return it->second;
  };
  try {
    if (path.substr(0, 5) == "demo/")
      demoModel(reader);
    else
      defaultModel(reader, "fuzz");
  } catch (const UserError& e) {
    NESTMAP_FUZZ_CHECK(e.kind() == UserError::Kind::InvalidInput || e.kind() == UserError::Kind::NotFound);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // The small demo must itself be whole, or the data-source runs would test nothing past its first error.
  const auto& files = smallData();
  demoModel([&](std::string_view p) -> std::optional<std::string> {
    auto it = files.find(p);
    return it == files.end() ? std::nullopt : std::optional<std::string>(it->second);
  });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  checkTable(text);
  // An input that starts with '#'+k (k < number of files) also replaces data file k.
  if (size >= 2 && data[0] >= '#' && static_cast<std::size_t>(data[0] - '#') < std::size(kDataFiles))
    checkDataSource(kDataFiles[data[0] - '#'], text.substr(1));
  return 0;
}
