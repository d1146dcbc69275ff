#include "core/date.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace nestmap {
namespace {

std::chrono::year_month_day toYmd(std::int32_t days) {
  return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{days}}};
}

bool parseDigits(std::string_view s, int& out) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

std::optional<Date> Date::fromYmd(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                  std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  return Date{static_cast<std::int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count())};
}

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!parseDigits(text.substr(0, 4), y) || !parseDigits(text.substr(5, 2), m) || !parseDigits(text.substr(8, 2), d))
    return std::nullopt;
  return fromYmd(y, m, d);
}

Date Date::today() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return *fromYmd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

int Date::year() const { return static_cast<int>(toYmd(days).year()); }
int Date::month() const { return static_cast<int>(static_cast<unsigned>(toYmd(days).month())); }
int Date::day() const { return static_cast<int>(static_cast<unsigned>(toYmd(days).day())); }

std::string Date::toString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year(), month(), day());
  return buf;
}

std::string toString(const std::optional<Date>& date) { return date ? date->toString() : std::string(); }

bool withinValidity(Date date, const std::optional<Date>& from, const std::optional<Date>& to) {
  return (!from || *from <= date) && (!to || date <= *to);
}

}  // namespace nestmap
