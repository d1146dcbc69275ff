#pragma once
#include <span>
#include <string>
#include <string_view>

namespace nestmap {

enum class Language { Dutch, English };

/// One user-facing text in every language Nestmap speaks.
struct Translation {
  std::string_view key;
  std::string_view nl;
  std::string_view en;
};

/// The language of user-facing text; Dutch unless set otherwise.
Language language();
void setLanguage(Language lang);
/// Parses "nl" or "en".
bool parseLanguage(std::string_view code, Language& out);

/// The text for `key` in the current language; the key itself (in brackets) when unknown.
std::string tr(std::string_view key);

/// tr(key) with {0}, {1}, ... replaced by the arguments.
std::string trf(std::string_view key, std::initializer_list<std::string_view> args);

/// A number as a person of the current language writes it: a decimal comma
/// in Dutch; `decimals` fixed places, or as short as exact (%g) when negative.
std::string formatNumber(double value, int decimals = -1);

/// Every entry of the table (the i18n test walks it).
std::span<const Translation> translations();

}  // namespace nestmap
