#pragma once
// [SECTION] The steering-group report as an A4 PDF: cover, key figures, the coverage
// heatmap, the agreements pipeline and follow-up, one page per prison with its nest,
// building blocks and work packages, sectors without ties, and how it is computed

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/model.hpp"

namespace nestmap {

/// What goes into a report besides the map.
struct SteeringReportRequest {
  Date asOf = Date::today();
  std::optional<Date> since;              ///< the day changes are measured from; empty: three months before asOf
  std::vector<RowId> prisons;             ///< the prisons that get a page; empty: every prison
  bool shareSafe = false;                 ///< no contact persons, e-mail, phone, owners, notes or author
  std::vector<ChangeLogEntry> changeLog;  ///< the map's change log (any order)
  std::string author;                     ///< the PDF's author (left out when shareSafe)
  std::string created;                    ///< "YYYY-MM-DDThh:mm:ssZ" for the PDF's creation date; empty: now
};

/// The report's bytes and how many pages it has.
struct SteeringReport {
  std::string pdf;
  int pages = 0;
};

/// The day three months before `day` (the same day of the month, or the month's last day).
Date threeMonthsBefore(Date day);

/// The steering-group report of `model` in the current language. The map must have a nest
/// template (UserError otherwise); a prison without a nest view gets its nest laid out in
/// memory. Throws UserError when cairo cannot write the document.
SteeringReport steeringReportPdf(const Model& model, const SteeringReportRequest& request);

}  // namespace nestmap
