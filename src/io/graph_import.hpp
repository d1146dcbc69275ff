#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/model.hpp"
#include "io/data_sources.hpp"

namespace nestmap {

/// What an import read and what it left out, for the summary the user sees.
struct GraphImportReport {
  std::size_t actors = 0;     ///< nodes read, one actor each
  std::size_t ties = 0;       ///< edges kept, one tie each
  std::size_t selfLoops = 0;  ///< edges from a node to itself, skipped (a tie joins two actors)
};

/// The largest graph file an import reads (512 MiB); a larger one is refused before reading.
inline constexpr std::uintmax_t kMaxImportBytes = std::uintmax_t{512} << 20;
/// The largest magnitude of an imported tie weight or position (1e12); NaN and
/// infinity are refused everywhere, in typed attributes too.
inline constexpr double kMaxImportMagnitude = 1e12;

/// Reads a GraphML or GEXF file (chosen by its root element) into a new map: the
/// default taxonomy and template from `data`, one actor per node, one tie per edge.
/// Throws UserError(InvalidInput) "FILE:LINE:COLUMN: reason" for malformed input:
/// broken XML, text that is not UTF-8, numbers that are not finite or out of range.
/// A file that is not a regular file, or larger than kMaxImportBytes, is refused
/// (InvalidInput) before it is read; a missing file is NotFound, a directory Io.
Model importGraph(const std::filesystem::path& file, const DataReader& data, GraphImportReport* report = nullptr);

/// How much an import may build from one file.
struct GraphImportLimits {
  /// Attribute values (custom fields, defaults included) over all actors and ties: 5 million.
  std::size_t maxValues = 5'000'000;
};

/// importGraph() of `text`, the bytes of `file` already in memory (`file` names the map and the errors).
Model importGraphText(std::string_view text, const std::filesystem::path& file, const DataReader& data,
                      GraphImportReport* report = nullptr, const GraphImportLimits& limits = {});

/// Refuses `file` as an import source before a byte is read: NotFound when missing, Io for a
/// directory, InvalidInput when it is not a regular file (a device, a pipe) or is larger than kMaxImportBytes.
void checkImportFile(const std::filesystem::path& file);

/// The name of a map made from `file`: `name` when given, else the file's stem. Throws
/// UserError(InvalidInput) when it is not valid UTF-8 (a file name from another system, say).
std::string mapNameFor(const std::filesystem::path& file, std::string_view name = {});

}  // namespace nestmap
