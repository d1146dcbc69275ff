#include "core/name_match.hpp"

#include <catch2/catch.hpp>

using namespace nestmap;

TEST_CASE("foldForSearch drops case, accents and punctuation", "[name_match]") {
  CHECK(foldForSearch("Gevangenis Leuven-Centraal") == "gevangenis leuven centraal");
  CHECK(foldForSearch("  Geëvalueerd  ") == "geevalueerd");
  CHECK(foldForSearch("ÀÉÎÕÜ àéîõü ÇÑ çñ ß") == "aeiou aeiou cn cn s");
  CHECK(foldForSearch("Łódź – Ščasný") == "lodz scasny");  // Latin Extended-A, en dash
  CHECK(foldForSearch("CAW – justitieel welzijnswerk") == "caw justitieel welzijnswerk");
  CHECK(foldForSearch("prison_gent") == "prison gent");
  CHECK(foldForSearch("") == "");
  CHECK(foldForSearch("日本") == "日本");  // other scripts pass through
}

TEST_CASE("editDistance counts insertions, deletions, substitutions and swaps", "[name_match]") {
  CHECK(editDistance("", "") == 0);
  CHECK(editDistance("abc", "") == 3);
  CHECK(editDistance("kitten", "sitting") == 3);
  CHECK(editDistance("ieper", "ipre") == 2);  // delete e, swap er
  CHECK(editDistance("gnet", "gent") == 1);
  CHECK(editDistance("ca", "abc") == 3);  // optimal string alignment does not edit a swapped pair again
}

TEST_CASE("matchName: exact first, then word starts, else ambiguity or suggestions", "[name_match]") {
  const std::vector<NameCandidate> prisons{
      {1, "Gevangenis Leuven-Centraal", {"Gevangenis Leuven-Centraal", "Leuven-Centraal", "prison_leuven_centraal"}},
      {2, "Gevangenis Leuven-Hulp", {"Gevangenis Leuven-Hulp", "Leuven-Hulp", "prison_leuven_hulp"}},
      {3, "Gevangenis Ieper", {"Gevangenis Ieper", "Ieper", "prison_ieper"}},
      {4, "Gevangenis Gent", {"Gevangenis Gent", "Gent", "prison_gent"}},
  };
  CHECK(matchName("gent", prisons).id == 4);
  CHECK(matchName("GEVANGENIS IËPER", prisons).id == 3);
  CHECK(matchName("leuven centr", prisons).id == 1);
  CHECK(matchName("gev leuv hulp", prisons).id == 2);
  CHECK(matchName("prison_ieper", prisons).id == 3);
  // "centraal leuven" has the words in the wrong order: no fit, but suggested.
  auto reversed = matchName("centraal leuven", prisons);
  CHECK(reversed.id == 0);

  auto ambiguous = matchName("leuven", prisons);
  CHECK(ambiguous.id == 0);
  CHECK(ambiguous.ambiguous == std::vector<std::string>{"Gevangenis Leuven-Centraal", "Gevangenis Leuven-Hulp"});

  auto typo = matchName("Ipre", prisons);
  CHECK(typo.id == 0);
  CHECK(typo.ambiguous.empty());
  REQUIRE_FALSE(typo.suggestions.empty());
  CHECK(typo.suggestions.front() == "Gevangenis Ieper");

  auto nothing = matchName("Brugge", prisons);
  CHECK(nothing.id == 0);
  CHECK(nothing.suggestions.empty());
}
