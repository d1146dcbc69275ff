#include "core/date.hpp"

#include <catch2/catch.hpp>

using nestmap::Date;

namespace {

Date ymd(int y, int m, int d) {
  auto date = Date::fromYmd(y, m, d);
  REQUIRE(date.has_value());
  return *date;
}

}  // namespace

TEST_CASE("Date::parse accepts strict ISO dates", "[date]") {
  auto d = Date::parse("2025-03-07");
  REQUIRE(d.has_value());
  CHECK(d->year() == 2025);
  CHECK(d->month() == 3);
  CHECK(d->day() == 7);
  CHECK(d->toString() == "2025-03-07");

  auto leap = Date::parse("2024-02-29");
  REQUIRE(leap.has_value());
  CHECK(leap->days == 19782);
  CHECK(leap->toString() == "2024-02-29");

  // 2000 is a leap year (divisible by 400).
  CHECK(Date::parse("2000-02-29").has_value());
  CHECK(Date::parse("0001-01-01").has_value());
  CHECK(Date::parse("9999-12-31").has_value());
}

TEST_CASE("Date::parse rejects impossible days", "[date]") {
  CHECK_FALSE(Date::parse("2025-02-30").has_value());
  CHECK_FALSE(Date::parse("2023-02-29").has_value());
  CHECK_FALSE(Date::parse("1900-02-29").has_value());  // not a leap year (divisible by 100)
  CHECK_FALSE(Date::parse("2025-04-31").has_value());
  CHECK_FALSE(Date::parse("2025-13-01").has_value());
  CHECK_FALSE(Date::parse("2025-00-10").has_value());
  CHECK_FALSE(Date::parse("2025-01-00").has_value());
  CHECK_FALSE(Date::parse("2025-01-32").has_value());
  CHECK_FALSE(Date::parse("0000-01-01").has_value());
}

TEST_CASE("Date::parse rejects anything but YYYY-MM-DD", "[date]") {
  CHECK_FALSE(Date::parse("2025-1-01").has_value());
  CHECK_FALSE(Date::parse("2025-01-1").has_value());
  CHECK_FALSE(Date::parse(" 2025-01-01").has_value());
  CHECK_FALSE(Date::parse("2025-01-01 ").has_value());
  CHECK_FALSE(Date::parse("2025/01/01").has_value());
  CHECK_FALSE(Date::parse("20250101").has_value());
  CHECK_FALSE(Date::parse("2025-01-01T00:00").has_value());
  CHECK_FALSE(Date::parse("+025-01-01").has_value());
  CHECK_FALSE(Date::parse("2025-+1-01").has_value());
  CHECK_FALSE(Date::parse("2025-0a-01").has_value());
  CHECK_FALSE(Date::parse("10000-01-01").has_value());
  CHECK_FALSE(Date::parse("").has_value());
}

TEST_CASE("Date::fromYmd checks year, month and day", "[date]") {
  CHECK(ymd(2025, 2, 28).toString() == "2025-02-28");
  CHECK(ymd(2024, 2, 29).toString() == "2024-02-29");
  CHECK(ymd(5, 6, 7).toString() == "0005-06-07");
  CHECK_FALSE(Date::fromYmd(2025, 2, 30).has_value());
  CHECK_FALSE(Date::fromYmd(2023, 2, 29).has_value());
  CHECK_FALSE(Date::fromYmd(2025, 13, 1).has_value());
  CHECK_FALSE(Date::fromYmd(2025, 0, 1).has_value());
  CHECK_FALSE(Date::fromYmd(2025, 1, 0).has_value());
  CHECK_FALSE(Date::fromYmd(2025, 1, -1).has_value());
  CHECK_FALSE(Date::fromYmd(0, 1, 1).has_value());
  CHECK_FALSE(Date::fromYmd(10000, 1, 1).has_value());
  CHECK(*Date::fromYmd(2025, 3, 7) == *Date::parse("2025-03-07"));
}

TEST_CASE("Date counts days since 1970-01-01", "[date]") {
  CHECK(ymd(1970, 1, 1).days == 0);
  CHECK(ymd(1970, 1, 2).days == 1);
  CHECK(ymd(1969, 12, 31).days == -1);
  CHECK(ymd(2000, 3, 1).days == 11017);
  CHECK(ymd(2025, 3, 1).days == 20148);
  CHECK(ymd(1, 1, 1).days == -719162);
  CHECK(ymd(9999, 12, 31).days == 2932896);
  // 2024-02-29 and 2024-03-01 are neighbours; 2025-02-28 and 2025-03-01 too.
  CHECK(ymd(2024, 3, 1).days - ymd(2024, 2, 29).days == 1);
  CHECK(ymd(2025, 3, 1).days - ymd(2025, 2, 28).days == 1);
}

TEST_CASE("Date splits days back into year, month and day", "[date]") {
  Date d{11017};
  CHECK(d.year() == 2000);
  CHECK(d.month() == 3);
  CHECK(d.day() == 1);
  Date before{-1};
  CHECK(before.year() == 1969);
  CHECK(before.month() == 12);
  CHECK(before.day() == 31);
  CHECK(Date{0}.toString() == "1970-01-01");
}

TEST_CASE("Date round-trips through toString", "[date]") {
  for (const char* text : {"1970-01-01", "2000-03-01", "2024-02-29", "2025-12-31", "0001-01-01", "9999-12-31"}) {
    auto d = Date::parse(text);
    REQUIRE(d.has_value());
    CHECK(d->toString() == text);
    CHECK(Date::parse(d->toString()) == d);
  }
  CHECK(nestmap::toString(std::optional<Date>{}) == "");
  CHECK(nestmap::toString(std::optional<Date>{ymd(2025, 1, 2)}) == "2025-01-02");
}

TEST_CASE("Dates are ordered by day", "[date]") {
  Date a = ymd(2024, 12, 31), b = ymd(2025, 1, 1), c = ymd(2025, 1, 2);
  CHECK(a < b);
  CHECK(b < c);
  CHECK(a < c);
  CHECK_FALSE(b < a);
  CHECK(c > a);
  CHECK(b <= b);
  CHECK(b == ymd(2025, 1, 1));
  CHECK(b != c);
}

TEST_CASE("withinValidity treats missing ends as open", "[date]") {
  Date from = ymd(2025, 1, 1), to = ymd(2025, 12, 31);
  using nestmap::withinValidity;
  CHECK(withinValidity(ymd(2025, 6, 1), from, to));
  CHECK(withinValidity(from, from, to));  // both ends included
  CHECK(withinValidity(to, from, to));
  CHECK_FALSE(withinValidity(ymd(2024, 12, 31), from, to));
  CHECK_FALSE(withinValidity(ymd(2026, 1, 1), from, to));

  CHECK(withinValidity(ymd(1900, 1, 1), std::nullopt, to));
  CHECK_FALSE(withinValidity(ymd(2026, 1, 1), std::nullopt, to));
  CHECK(withinValidity(ymd(2999, 1, 1), from, std::nullopt));
  CHECK_FALSE(withinValidity(ymd(2024, 12, 31), from, std::nullopt));
  CHECK(withinValidity(ymd(1, 1, 1), std::nullopt, std::nullopt));
}
