#pragma once
#include "core/i18n.hpp"

namespace nestmap::test {

/// Sets a language for one test and puts Dutch back afterwards, also when the test fails.
struct LanguageGuard {
  explicit LanguageGuard(Language lang) { setLanguage(lang); }
  ~LanguageGuard() { setLanguage(Language::Dutch); }
  LanguageGuard(const LanguageGuard&) = delete;
  LanguageGuard& operator=(const LanguageGuard&) = delete;
};

}  // namespace nestmap::test
