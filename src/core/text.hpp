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

/// Bytes in the valid UTF-8 sequence that starts `text`; 0 when it starts with
/// none (a stray continuation byte, a truncated sequence, an overlong form, a
/// surrogate U+D800–U+DFFF, a code point above U+10FFFF) or is empty.
inline std::size_t utf8SequenceLength(std::string_view text) {
  if (text.empty()) return 0;
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char b0 = byte(0);
  if (b0 < 0x80) return 1;
  // The second byte's range depends on the first (RFC 3629, Table 3-7 of Unicode):
  // that is where overlongs, surrogates and values above U+10FFFF are cut off.
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;  // overlong below U+0800
    if (b0 == 0xED) hi = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;  // overlong below U+10000
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;  // a continuation byte, C0/C1 (overlong ASCII) or F5–FF
  }
  if (text.size() < n || byte(1) < lo || byte(1) > hi) return 0;
  for (std::size_t i = 2; i < n; ++i)
    if ((byte(i) & 0xC0) != 0x80) return 0;
  return n;
}

/// Whether `text` is valid UTF-8 (see utf8SequenceLength); when it is not and
/// `badOffset` is given, the offset of the first byte that starts no valid sequence.
inline bool isValidUtf8(std::string_view text, std::size_t* badOffset = nullptr) {
  for (std::size_t i = 0; i < text.size();) {
    // Runs of ASCII are the common case.
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = utf8SequenceLength(text.substr(i));
    if (n == 0) {
      if (badOffset) *badOffset = i;
      return false;
    }
    i += n;
  }
  return true;
}

/// `text` with every byte that is not part of valid UTF-8 written as `\xNN`, so
/// that a message quoting a bad name (a file name, say) is itself valid UTF-8.
inline std::string utf8Escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = utf8SequenceLength(text.substr(i));
    if (n == 0) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      const auto b = static_cast<unsigned char>(text[i]);
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
      n = 1;
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

/// ASCII letters lower-cased; other bytes (accents included) unchanged.
inline std::string asciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace nestmap
