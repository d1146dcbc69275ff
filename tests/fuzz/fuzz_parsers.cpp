// libFuzzer target: the small parsers that read what a user types or a file
// holds: Date::parse, parseDateOption, parseSize/parseWindowSize, Color,
// Uuid, the enum keys, parseLanguage, and the UTF-8 helpers of core/text.hpp.
//
// Oracles: what parses writes back as the same text (dates, colours, UUIDs,
// keys); sizes stay within their limits; isValidUtf8 agrees with a reference
// decoder; utf8Escaped always gives UTF-8 and leaves UTF-8 alone.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "app/cli.hpp"
#include "app/nest_text.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/model.hpp"
#include "core/text.hpp"
#include "core/uuid.hpp"
#include "fuzz_util.hpp"
#include "io/csv.hpp"

using namespace nestmap;

namespace {

std::string lower(std::string_view s) { return asciiLower(s); }

void dates(std::string_view text) {
  if (auto d = Date::parse(text)) {
    NESTMAP_FUZZ_CHECK(d->toString() == text);  // strict ISO: one spelling per day
    NESTMAP_FUZZ_CHECK(Date::fromYmd(d->year(), d->month(), d->day()) == d);
  }
  try {
    Date d = parseDateOption(std::string(text));
    NESTMAP_FUZZ_CHECK(d.toString() == text);
  } catch (const UserError& e) {
    NESTMAP_FUZZ_CHECK(e.kind() == UserError::Kind::InvalidInput);
    NESTMAP_FUZZ_CHECK(!Date::parse(text));
  }
}

void sizes(std::string_view text) {
  int w = -1, h = -1;
  if (parseWindowSize(text, w, h))
    NESTMAP_FUZZ_CHECK(w >= 320 && w <= 7680 && h >= 240 && h <= 4320);
  else
    NESTMAP_FUZZ_CHECK(w == -1 && h == -1);  // outputs untouched
  w = h = -1;
  if (parseSize(text, w, h, {16, 32768, 16, 32768})) {
    NESTMAP_FUZZ_CHECK(w >= 16 && w <= 32768 && h >= 16 && h <= 32768);
    const std::string again = std::to_string(w) + "x" + std::to_string(h);
    int w2 = 0, h2 = 0;
    NESTMAP_FUZZ_CHECK(parseSize(again, w2, h2, {16, 32768, 16, 32768}) && w2 == w && h2 == h);
  }
}

void keys(std::string_view text) {
  if (auto c = Color::parse(text)) NESTMAP_FUZZ_CHECK(c->toString() == lower(text));
  if (auto u = Uuid::parse(text)) NESTMAP_FUZZ_CHECK(u->toString() == lower(text));
  if (auto v = parseShape(text)) NESTMAP_FUZZ_CHECK(key(*v) == text);
  if (auto v = parseDirection(text)) NESTMAP_FUZZ_CHECK(key(*v) == text);
  if (auto v = parseTieStatus(text)) NESTMAP_FUZZ_CHECK(key(*v) == text);
  if (auto v = parseAgreementStatus(text)) NESTMAP_FUZZ_CHECK(key(*v) == text);
  if (auto v = parseReach(text)) NESTMAP_FUZZ_CHECK(key(*v) == text);
  Language language;
  if (parseLanguage(text, language)) NESTMAP_FUZZ_CHECK(text.starts_with("nl") || text.starts_with("en"));
  for (const auto& item : splitList(text)) {
    NESTMAP_FUZZ_CHECK(!item.empty() && item.front() != ' ' && item.back() != ' ');
    NESTMAP_FUZZ_CHECK(item.find(';') == std::string::npos);
  }
}

void utf8(std::string_view text) {
  std::size_t bad = text.size() + 1;
  const bool valid = isValidUtf8(text, &bad);
  NESTMAP_FUZZ_CHECK(valid == fuzz::referenceValidUtf8(text));
  if (!valid) {
    NESTMAP_FUZZ_CHECK(bad < text.size());
    NESTMAP_FUZZ_CHECK(fuzz::referenceValidUtf8(text.substr(0, bad)));  // all before it is fine
    NESTMAP_FUZZ_CHECK(utf8SequenceLength(text.substr(bad)) == 0);
  }
  const std::string escaped = utf8Escaped(text);
  NESTMAP_FUZZ_CHECK(fuzz::referenceValidUtf8(escaped));
  NESTMAP_FUZZ_CHECK(!valid || escaped == text);
  if (valid) {
    std::size_t chars = utf8Length(text);
    NESTMAP_FUZZ_CHECK(utf8Prefix(text, chars) == text);
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, chars / 2}) {
      const std::string_view prefix = utf8Prefix(text, n);
      NESTMAP_FUZZ_CHECK(isValidUtf8(prefix) && utf8Length(prefix) == std::min(n, chars));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  dates(text);
  sizes(text);
  keys(text);
  utf8(text);
  return 0;
}
