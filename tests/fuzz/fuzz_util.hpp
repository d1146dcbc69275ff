#pragma once
// What the fuzz targets share: a check that stops the run with a message (a
// finding), and a reference UTF-8 decoder written differently from core/text.hpp.
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace nestmap::fuzz {

/// A broken invariant: libFuzzer keeps the input that got here as a crash.
#define NESTMAP_FUZZ_CHECK(condition)                                                              \
  do {                                                                                             \
    if (!(condition)) {                                                                            \
      std::fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #condition, __FILE__, __LINE__); \
      std::abort();                                                                                \
    }                                                                                              \
  } while (0)

/// Whether `text` is UTF-8 by decoding every code point and checking its value
/// (shortest form, no surrogate, at most U+10FFFF): the definition, where
/// isValidUtf8 uses the byte ranges of Unicode's table 3-7.
inline bool referenceValidUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > text.size()) return false;
    unsigned long cp = n == 1 ? b : n == 2 ? (b & 0x1Fu) : n == 3 ? (b & 0x0Fu) : (b & 0x07u);
    for (std::size_t k = 1; k < n; ++k) {
      const unsigned char c = static_cast<unsigned char>(text[i + k]);
      if ((c >> 6) != 0x2) return false;
      cp = (cp << 6) | (c & 0x3Fu);
    }
    const unsigned long shortest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < shortest[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}

}  // namespace nestmap::fuzz
