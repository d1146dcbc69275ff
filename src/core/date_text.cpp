#include "core/date_text.hpp"

#include "core/i18n.hpp"

namespace nestmap {
namespace {

constexpr const char* kLongMonthKeys[] = {
    "timeline.month.january",   "timeline.month.february", "timeline.month.march",    "timeline.month.april",
    "timeline.month.may",       "timeline.month.june",     "timeline.month.july",     "timeline.month.august",
    "timeline.month.september", "timeline.month.october",  "timeline.month.november", "timeline.month.december"};
constexpr const char* kShortMonthKeys[] = {
    "timeline.month_short.jan", "timeline.month_short.feb", "timeline.month_short.mar", "timeline.month_short.apr",
    "timeline.month_short.may", "timeline.month_short.jun", "timeline.month_short.jul", "timeline.month_short.aug",
    "timeline.month_short.sep", "timeline.month_short.oct", "timeline.month_short.nov", "timeline.month_short.dec"};

}  // namespace

std::string longDate(Date date) {
  return trf("timeline.date",
             {std::to_string(date.day()), tr(kLongMonthKeys[date.month() - 1]), std::to_string(date.year())});
}

std::string shortMonth(Date date) {
  return trf("timeline.month_year", {tr(kShortMonthKeys[date.month() - 1]), std::to_string(date.year())});
}

}  // namespace nestmap
