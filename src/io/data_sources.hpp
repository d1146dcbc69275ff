#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/model.hpp"

namespace nestmap {

/// Reads one file of the data/ tree by its relative path ("taxonomy/sectors.csv").
using DataReader = std::function<std::optional<std::string>(std::string_view path)>;

/// The data/ tree compiled into the binary.
DataReader embeddedData();
/// A data/ tree on disk (for tests and for editing the sources).
DataReader dataDirectory(const std::string& root);

/// A new, empty map with the default taxonomy and nest template.
/// Throws UserError naming file, line and column when a source is malformed.
Model defaultModel(const DataReader& data, std::string name);

/// The demo map: the default taxonomy and template plus the demo records.
Model demoModel(const DataReader& data);

}  // namespace nestmap
