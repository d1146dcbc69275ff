#pragma once
// Names for what the nest analysis reports, in the current language: shared by
// the command line's texts and the GUI's panels.

#include <string>

#include "analysis/nest_coverage.hpp"

namespace nestmap {

/// The status in words ("geformaliseerd").
std::string statusName(CoverageStatus status);
/// A province's name for its code (ANT, BRU, ...); an unknown code as it is.
std::string provinceName(const std::string& code);

}  // namespace nestmap
