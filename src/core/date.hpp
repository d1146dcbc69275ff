#pragma once
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nestmap {

/// A calendar day (proleptic Gregorian), stored as days since 1970-01-01.
struct Date {
  std::int32_t days = 0;

  /// The date of a valid year/month/day; nullopt for e.g. 2025-02-30.
  static std::optional<Date> fromYmd(int year, int month, int day);
  /// Parses strict ISO `YYYY-MM-DD`; nullopt for anything else.
  static std::optional<Date> parse(std::string_view text);
  /// Today in local time.
  static Date today();

  int year() const;
  int month() const;
  int day() const;
  std::string toString() const;

  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

/// `YYYY-MM-DD` of an optional date, empty when there is none.
std::string toString(const std::optional<Date>& date);

/// Whether `date` lies in [from, to] (open ends where missing).
bool withinValidity(Date date, const std::optional<Date>& from, const std::optional<Date>& to);

}  // namespace nestmap
