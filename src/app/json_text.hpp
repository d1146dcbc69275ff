#pragma once
#include <string>

namespace nestmap {

/// JSON as the commands print it. Text that is not UTF-8 (a map made or
/// edited elsewhere can hold some) becomes U+FFFD instead of failing the
/// output; `check` names such fields.
template <class Json>
std::string jsonText(const Json& json, int indent) {
  return json.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace nestmap
