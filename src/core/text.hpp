#pragma once
// Small helpers for UTF-8 text that several layers need (terminal columns,
// error positions, name matching).

#include <string>
#include <string_view>

namespace nestmap {

/// Characters (code points) in UTF-8 text: what a terminal or editor column counts.
inline std::size_t utf8Length(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

/// The first `maxChars` characters of UTF-8 text, never cutting one in half.
inline std::string_view utf8Prefix(std::string_view text, std::size_t maxChars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && chars++ == maxChars) return text.substr(0, i);
  return text;
}

/// ASCII letters lower-cased; other bytes (accents included) unchanged.
inline std::string asciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace nestmap
