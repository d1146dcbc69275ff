#include "core/name_match.hpp"

#include <algorithm>
#include <cstdint>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace nestmap {
namespace {

// Base letters of U+00C0–U+00FF and U+0100–U+017F; a space for × and ÷.
constexpr std::string_view kLatin1 = "aaaaaaaceeeeiiiidnooooo ouuuuytsaaaaaaaceeeeiiiidnooooo ouuuuyty";
constexpr std::string_view kLatinExtA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssss"
    "ttttttuuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(kLatin1.size() == 64 && kLatinExtA.size() == 128);

}  // namespace

std::vector<std::string> searchWords(std::string_view folded) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string_view::npos) end = folded.size();
    if (end > start) out.emplace_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool wordStartsFit(const std::vector<std::string>& query, const std::vector<std::string>& name) {
  std::size_t at = 0;
  for (const std::string& q : query) {
    while (at < name.size() && name[at].compare(0, q.size(), q) != 0) ++at;
    if (at == name.size()) return false;
    ++at;
  }
  return true;
}

std::string foldForSearch(std::string_view text) {
  std::string out;
  bool space = true;  // drops leading spaces and collapses runs
  auto put = [&](char c) {
    const bool isSpace = c == ' ';
    if (isSpace && space) return;
    out += c;
    space = isSpace;
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z')
        put(static_cast<char>(c - 'A' + 'a'));
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        put(static_cast<char>(c));
      else
        put(' ');
      ++i;
      continue;
    }
    // Decode one multi-byte character; malformed bytes pass through one by one.
    const std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    if (len == 1 || i + len > text.size()) {
      put(static_cast<char>(c));
      ++i;
      continue;
    }
    std::uint32_t cp = c & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    if (cp >= 0xC0 && cp < 0x100)
      put(kLatin1[cp - 0xC0]);
    else if (cp >= 0x100 && cp < 0x180)
      put(kLatinExtA[cp - 0x100]);
    else if ((cp >= 0x2000 && cp < 0x2070) || cp == 0xA0)
      put(' ');  // dashes, quotes and spaces of General Punctuation
    else
      for (std::size_t k = 0; k < len; ++k) put(text[i + k]);
    i += len;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::size_t editDistance(std::string_view a, std::string_view b) {
  // Optimal string alignment: a swap of two neighbours counts as one edit,
  // the typo people make most ("Ipre" for "Iper").
  const std::size_t w = b.size() + 1;
  std::vector<std::size_t> d((a.size() + 1) * w);
  for (std::size_t i = 0; i <= a.size(); ++i) d[i * w] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t best = std::min({d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        best = std::min(best, d[(i - 2) * w + j - 2] + 1);
      d[i * w + j] = best;
    }
  return d[a.size() * w + b.size()];
}

NameMatch matchName(std::string_view query, const std::vector<NameCandidate>& candidates) {
  NameMatch match;
  const std::string q = foldForSearch(query);
  const std::vector<std::string> qWords = searchWords(q);
  std::vector<const NameCandidate*> exact, fitting;
  for (const NameCandidate& c : candidates) {
    bool isExact = false, fits = false;
    for (const std::string& name : c.names) {
      const std::string folded = foldForSearch(name);
      if (folded.empty()) continue;
      isExact = isExact || folded == q;
      fits = fits || (!qWords.empty() && wordStartsFit(qWords, searchWords(folded)));
    }
    if (isExact) exact.push_back(&c);
    if (fits) fitting.push_back(&c);
  }
  const auto& best = !exact.empty() ? exact : fitting;
  if (best.size() == 1) {
    match.id = best.front()->id;
    return match;
  }
  if (best.size() > 1) {
    for (const NameCandidate* c : best) match.ambiguous.push_back(c->label);
    return match;
  }
  // Nothing fits: offer the names closest in spelling, whole or word by word.
  std::vector<std::pair<std::size_t, const NameCandidate*>> scored;
  for (const NameCandidate& c : candidates) {
    std::size_t bestDistance = std::string::npos;
    for (const std::string& name : c.names) {
      const std::string folded = foldForSearch(name);
      bestDistance = std::min(bestDistance, editDistance(q, folded));
      for (const std::string& w : searchWords(folded))
        for (const std::string& qw : qWords) bestDistance = std::min(bestDistance, editDistance(qw, w));
    }
    if (bestDistance <= std::max<std::size_t>(2, q.size() / 3)) scored.emplace_back(bestDistance, &c);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 0; i < scored.size() && i < 5; ++i) match.suggestions.push_back(scored[i].second->label);
  return match;
}

void throwNameError(const NameMatch& match, std::string_view query, std::string_view unknownKey,
                    std::string_view ambiguousKey) {
  auto lines = [](const std::vector<std::string>& labels) {
    std::string out;
    for (std::size_t i = 0; i < labels.size() && i < 8; ++i) out += "\n  " + labels[i];
    return out;
  };
  if (!match.ambiguous.empty())
    throw UserError(UserError::Kind::InvalidInput, trf(ambiguousKey, {query, lines(match.ambiguous)}));
  const std::string hint = match.suggestions.empty() ? "" : "\n" + tr("name.did_you_mean") + lines(match.suggestions);
  throw UserError(UserError::Kind::InvalidInput, trf(unknownKey, {query}) + hint);
}

}  // namespace nestmap
