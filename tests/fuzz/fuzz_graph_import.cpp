// libFuzzer target: GraphML and GEXF import (importGraphText) on arbitrary bytes.
// A UserError is the expected answer to bad input; any other exception, a
// sanitizer report, or a map that breaks the import's promises is a finding.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "core/text.hpp"
#include "core/validate.hpp"
#include "fuzz_util.hpp"
#include "io/data_sources.hpp"
#include "io/graph_import.hpp"

using namespace nestmap;

namespace {

bool finiteWithin(double v) { return std::isfinite(v) && std::abs(v) <= kMaxImportMagnitude; }

void checkFields(const std::map<std::string, std::string>& fields) {
  for (const auto& [name, value] : fields) {
    NESTMAP_FUZZ_CHECK(isValidUtf8(name));
    NESTMAP_FUZZ_CHECK(isValidUtf8(value));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const DataReader reader = embeddedData();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    GraphImportReport report;
    const Model m = importGraphText(text, "fuzz.graphml", reader, &report);
    // What an import promises about the map it returns.
    NESTMAP_FUZZ_CHECK(report.actors == m.actors.size());
    NESTMAP_FUZZ_CHECK(report.ties == m.ties.size());
    NESTMAP_FUZZ_CHECK(isValidUtf8(m.info.name));
    for (const auto& [id, a] : m.actors) {
      NESTMAP_FUZZ_CHECK(!a.name.empty());
      NESTMAP_FUZZ_CHECK(isValidUtf8(a.name));
      NESTMAP_FUZZ_CHECK(isValidUtf8(a.externalId));
      checkFields(a.customFields);
      NESTMAP_FUZZ_CHECK(validate(m, a).empty());
    }
    for (const auto& [id, t] : m.ties) {
      NESTMAP_FUZZ_CHECK(t.sourceId != t.targetId);
      if (t.weight) NESTMAP_FUZZ_CHECK(*t.weight > 0 && finiteWithin(*t.weight));
      checkFields(t.customFields);
      NESTMAP_FUZZ_CHECK(validate(m, t).empty());
    }
    for (const auto& [view, positions] : m.positions)
      for (const auto& [actor, p] : positions) NESTMAP_FUZZ_CHECK(finiteWithin(p.x) && finiteWithin(p.y));
  } catch (const UserError& e) {
    NESTMAP_FUZZ_CHECK(e.kind() == UserError::Kind::InvalidInput);
    NESTMAP_FUZZ_CHECK(isValidUtf8(e.what()));  // messages quote the file; they stay UTF-8
  }
  return 0;
}
