#pragma once
#include <string>

#include "core/date.hpp"

namespace nestmap {

/// A day as people write it in the current language: "17 maart 2025", "17 March 2025".
std::string longDate(Date date);
/// A month as an axis labels it: "mrt 2025", "Mar 2025".
std::string shortMonth(Date date);

}  // namespace nestmap
