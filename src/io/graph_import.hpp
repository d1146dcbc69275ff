#pragma once
#include <cstddef>
#include <filesystem>

#include "core/model.hpp"
#include "io/data_sources.hpp"

namespace nestmap {

/// What an import read and what it left out, for the summary the user sees.
struct GraphImportReport {
  std::size_t actors = 0;     ///< nodes read, one actor each
  std::size_t ties = 0;       ///< edges kept, one tie each
  std::size_t selfLoops = 0;  ///< edges from a node to itself, skipped (a tie joins two actors)
};

/// Reads a GraphML or GEXF file (chosen by its root element) into a new map: the
/// default taxonomy and template from `data`, one actor per node, one tie per edge.
/// Throws UserError(InvalidInput) "FILE:LINE:COLUMN: reason" for malformed input.
Model importGraph(const std::filesystem::path& file, const DataReader& data, GraphImportReport* report = nullptr);

}  // namespace nestmap
