#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nestmap {

/// A 128-bit identifier that stays with a record for life (merge and import key).
struct Uuid {
  std::array<std::uint8_t, 16> bytes{};

  /// A random (version 4) UUID.
  static Uuid random();
  /// A name-based UUID: the same namespace and name always give the same id.
  static Uuid fromName(std::string_view ns, std::string_view name);
  /// Parses the 36-character text form; nullopt when it is not one.
  static std::optional<Uuid> parse(std::string_view text);

  bool isNil() const;
  std::string toString() const;

  friend bool operator==(const Uuid&, const Uuid&) = default;
  friend auto operator<=>(const Uuid&, const Uuid&) = default;
};

}  // namespace nestmap
