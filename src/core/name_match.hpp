#pragma once
// Finding a record by the name a user types: case- and accent-insensitive,
// by whole name or by the starts of its words, with close matches to offer
// when nothing fits.

#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"

namespace nestmap {

/// Text folded for matching: lower case, accents dropped (Latin-1 and Latin
/// Extended-A), every run of other characters one space, trimmed.
/// "Leuven-Centraal" and "leuven  centraal" fold alike; so do "Geëvalueerd" and "geevalueerd".
std::string foldForSearch(std::string_view text);

/// The words of folded text (split at its single spaces).
std::vector<std::string> searchWords(std::string_view folded);
/// Whether each query word starts a word of the name, in order ("leuv cent" fits
/// "leuven centraal"); true for an empty query. Both as searchWords gives them.
bool wordStartsFit(const std::vector<std::string>& query, const std::vector<std::string>& name);

/// Edit distance between two strings, counted in bytes: insertions, deletions,
/// substitutions and swaps of neighbours (optimal string alignment).
std::size_t editDistance(std::string_view a, std::string_view b);

/// One record a name may point at, with every name it goes by.
struct NameCandidate {
  RowId id = 0;
  std::string label;               ///< how it is shown in lists
  std::vector<std::string> names;  ///< name, short name, key, ...
};

/// What a typed name points at.
struct NameMatch {
  RowId id = 0;                          ///< 0: none, or more than one
  std::vector<std::string> ambiguous;    ///< labels of all that fit equally well, when more than one
  std::vector<std::string> suggestions;  ///< labels of close matches, when none fits
};

/// The candidate whose name equals the query (folded); else the only one whose
/// words start with the query's words in order; else, when nothing or several
/// fit, the lists to show the user.
NameMatch matchName(std::string_view query, const std::vector<NameCandidate>& candidates);

/// Throws the UserError for a match that found nothing or too much: the text
/// of `unknownKey` (with the query as {0}) and the close matches, or the text
/// of `ambiguousKey` (query {0}, list {1}).
[[noreturn]] void throwNameError(const NameMatch& match, std::string_view query, std::string_view unknownKey,
                                 std::string_view ambiguousKey);

}  // namespace nestmap
